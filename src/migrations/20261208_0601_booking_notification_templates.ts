import { type Kysely, sql } from 'kysely';

// Booking messages (features/bookings → features/notifications): the confirmation of a
// booking, the request awaiting approval, and the cancellation (by staff, or by a closure or
// holiday declared later). Informational (정보성), sent to the seeker who booked.
export async function up(db: Kysely<unknown>): Promise<void> {
  const templates: [string, string, string, string, string[]][] = [
    [
      'booking_confirmed',
      '예약 확정 안내',
      '[일터] 예약 확정',
      '[일터] #{name}님, #{service} 예약이 확정되었습니다. 일시: #{at}',
      ['name', 'service', 'at'],
    ],
    [
      'booking_requested',
      '예약 신청 접수 안내',
      '[일터] 예약 신청 접수',
      '[일터] #{name}님, #{service} 예약 신청(#{at})을 받았습니다. 센터가 승인하면 확정됩니다.',
      ['name', 'service', 'at'],
    ],
    [
      'booking_cancelled',
      '예약 취소 안내',
      '[일터] 예약 취소',
      '[일터] #{name}님, #{at} #{service} 예약이 취소되었습니다. 사유: #{reason}. 다른 시간을 예약해 주세요.',
      ['name', 'service', 'at', 'reason'],
    ],
  ];
  for (const [key, name, subject, body, variables] of templates) {
    await sql`
      INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
      VALUES (${key}, ${name}, 'seeker', 'info', false, ${subject}, ${body}, ${variables}::text[])
      ON CONFLICT (key) DO NOTHING`.execute(db);
  }
}
