import { type Kysely, sql } from 'kysely';

// Changing a hiring event after it is set up (features/events): an event is cancelled with a
// reason (kept on the row: it stays readable, marked cancelled, for those who had signed up);
// an employer's entry is withdrawn (status `withdrawn`, kept for the record, its slots removed);
// a slot is removed while its past bookings stay — a cancelled booking's slot_id becomes NULL
// when its slot goes, and a live booking's slot cannot go (the CHECK refuses the SET NULL, so the
// database itself keeps a booked slot). The seekers and companies affected are told through the
// notifications feature with the templates below (informational).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE hiring_events
      ADD COLUMN cancelled_at timestamptz,
      ADD COLUMN cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 500),
      ADD COLUMN cancelled_by uuid REFERENCES users (id),
      ADD CONSTRAINT hiring_events_cancel_reason CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))`.execute(
    db,
  );
  await sql`
    ALTER TABLE event_employers
      DROP CONSTRAINT event_employers_status_check,
      DROP CONSTRAINT event_employers_check,
      ADD COLUMN withdrawn_at timestamptz,
      ADD COLUMN withdrawn_by uuid REFERENCES users (id),
      ADD CONSTRAINT event_employers_status_check CHECK (status IN ('applied', 'approved', 'withdrawn')),
      ADD CONSTRAINT event_employers_approval CHECK (
        (status <> 'approved' OR approved_at IS NOT NULL) AND (status <> 'applied' OR approved_at IS NULL)),
      ADD CONSTRAINT event_employers_withdrawal CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))`.execute(
    db,
  );
  await sql`
    ALTER TABLE interview_bookings
      ALTER COLUMN slot_id DROP NOT NULL,
      DROP CONSTRAINT interview_bookings_slot_id_fkey,
      ADD CONSTRAINT interview_bookings_slot_id_fkey FOREIGN KEY (slot_id)
        REFERENCES event_slots (id) ON DELETE SET NULL,
      ADD CONSTRAINT interview_bookings_slot_kept CHECK (slot_id IS NOT NULL OR status = 'cancelled')`.execute(
    db,
  );
  // The bookings of a slot, for the SET NULL above (and the desk's slot grid).
  await sql`CREATE INDEX interview_bookings_slot ON interview_bookings (slot_id)`.execute(db);
  const templates: [string, string, 'seeker' | 'employer', string, string, string[]][] = [
    [
      'event_cancelled',
      '채용행사 취소 안내',
      'seeker',
      '[일터] 채용행사 취소',
      '[일터] #{name}님, 신청하신 채용행사 「#{event}」(#{at})이(가) 취소되었습니다. 사유: #{reason}. 참가 신청과 면접 예약은 모두 취소되었습니다. 문의: #{centre}',
      ['name', 'event', 'at', 'reason', 'centre'],
    ],
    [
      'event_cancelled_employer',
      '채용행사 취소 안내(참가 기업)',
      'employer',
      '[일터] 채용행사 취소',
      '[일터] #{name} 담당자님, 참가하시는 채용행사 「#{event}」(#{at})이(가) 취소되었습니다. 사유: #{reason}. 잡혀 있던 면접도 모두 취소되었습니다. 문의: #{centre}',
      ['name', 'event', 'at', 'reason', 'centre'],
    ],
    [
      'event_interview_cancelled',
      '채용행사 면접 취소 안내',
      'seeker',
      '[일터] 면접 예약 취소',
      '[일터] #{name}님, 채용행사 「#{event}」의 #{company} 면접(#{at}) 예약이 취소되었습니다. 사유: #{reason}. 행사 참가 신청은 그대로이며, 다른 면접 시간은 일터 채용행사 화면에서 예약할 수 있습니다. 문의: #{centre}',
      ['name', 'event', 'company', 'at', 'reason', 'centre'],
    ],
    [
      'event_changed',
      '채용행사 일정·장소 변경 안내',
      'seeker',
      '[일터] 채용행사 일정·장소 변경',
      '[일터] #{name}님, 신청하신 채용행사 「#{event}」의 일정·장소가 바뀌었습니다. 일시: #{at}, 장소: #{place}. 참가 신청은 그대로 유지됩니다. 문의: #{centre}',
      ['name', 'event', 'at', 'place', 'centre'],
    ],
  ];
  for (const [key, name, kind, subject, body, variables] of templates) {
    await sql`
      INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
      VALUES (${key}, ${name}, ${kind}, 'info', false, ${subject}, ${body}, ${variables}::text[])
      ON CONFLICT (key) DO NOTHING`.execute(db);
  }
}
