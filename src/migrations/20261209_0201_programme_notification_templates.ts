import { type Kysely, sql } from 'kysely';

// Programme messages (features/programmes → features/notifications): the enrolment confirmed,
// a place given from the waiting list, the waiting list itself, and the reminder the day before
// a session. Informational (정보성), sent to the seeker enrolled.
export async function up(db: Kysely<unknown>): Promise<void> {
  const templates: [string, string, string, string, string[]][] = [
    [
      'programme_enrolled',
      '프로그램 신청 확정 안내',
      '[일터] 프로그램 신청 확정',
      '[일터] #{name}님, #{programme} 신청이 확정되었습니다. 첫 회차: #{at}',
      ['name', 'programme', 'at'],
    ],
    [
      'programme_waitlisted',
      '프로그램 대기 등록 안내',
      '[일터] 프로그램 대기 등록',
      '[일터] #{name}님, #{programme} 정원이 차서 대기자로 등록되었습니다(대기 #{position}번). 자리가 나면 바로 알려 드립니다.',
      ['name', 'programme', 'position'],
    ],
    [
      'programme_promoted',
      '프로그램 대기 → 참가 확정 안내',
      '[일터] 대기에서 참가 확정',
      '[일터] #{name}님, #{programme}에 자리가 생겨 참가가 확정되었습니다. 첫 회차: #{at}',
      ['name', 'programme', 'at'],
    ],
    [
      'programme_session_reminder',
      '프로그램 회차 안내(전날)',
      '[일터] 내일 프로그램 안내',
      '[일터] #{name}님, 내일 #{at} #{programme} #{session}회차가 있습니다. 장소: #{place}',
      ['name', 'programme', 'at', 'session', 'place'],
    ],
  ];
  for (const [key, name, subject, body, variables] of templates) {
    await sql`
      INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
      VALUES (${key}, ${name}, 'seeker', 'info', false, ${subject}, ${body}, ${variables}::text[])
      ON CONFLICT (key) DO NOTHING`.execute(db);
  }
}
