import { type Kysely, sql } from 'kysely';

// An LMS subject is cut at 40 EUC-KR bytes (notifications/sms-text.ts `lmsSubject`), so two seeded
// subjects reached phones cut mid-word: 'hiring_hall_scheduled' (44 bytes: "…확정되었습") and
// 'programme_hold_expired' (43 bytes). Each gets a shorter subject saying the same, only where
// the row still holds the seeded text: a subject an admin has since edited is theirs and stays.
// A changed row counts as a new version, by no user.
export async function up(db: Kysely<unknown>): Promise<void> {
  const changes: [key: string, seeded: string, shorter: string][] = [
    [
      'hiring_hall_scheduled',
      '[일터] 상설채용관 채용 일정이 확정되었습니다',
      '[일터] 상설채용관 채용 일정 확정',
    ],
    [
      'programme_hold_expired',
      '[일터] 프로그램 자리 확정 기한이 지났습니다',
      '[일터] 프로그램 자리 확정 기한 지남',
    ],
  ];
  for (const [key, seeded, shorter] of changes)
    await sql`
      UPDATE notification_templates
         SET subject = ${shorter}, version = version + 1, updated_by = NULL, updated_at = now()
       WHERE key = ${key} AND subject = ${seeded}`.execute(db);
}
