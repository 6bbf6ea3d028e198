import { type Kysely, sql } from 'kysely';

// The day-before reminder of a booking (features/bookings `remindTomorrowsBookings`, job
// bookings-remind at 10:00 Asia/Seoul → features/notifications). Informational (정보성), to the
// seeker who booked.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
    VALUES ('booking_reminder', '예약 전날 안내', 'seeker', 'info', false, '[일터] 내일 예약 안내',
            '[일터] #{name}님, 내일 #{at} #{service} 예약이 있습니다. 오시기 어려우면 미리 취소해 주세요.',
            ARRAY['name', 'service', 'at']::text[])
    ON CONFLICT (key) DO NOTHING`.execute(db);
}
