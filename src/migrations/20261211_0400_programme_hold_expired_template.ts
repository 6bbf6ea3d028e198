import { type Kysely, sql } from 'kysely';

// Programmes (issue 18): the message to a person whose place, moved up from the waiting list,
// was held for them and not confirmed in time (features/programmes `expireHolds` →
// features/notifications). Informational, to the seeker; the place went to the next person.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
    VALUES ('programme_hold_expired', '프로그램 자리 확정 기한 지남 안내', 'seeker', 'info', false,
      '[일터] 프로그램 자리 확정 기한이 지났습니다',
      '[일터] #{name}님, #{programme} 자리의 확정 기한(#{until})이 지나 자리가 다음 대기자에게 넘어갔습니다. 다시 참가하려면 일터 내 프로그램에서 새로 신청해 주세요.',
      ARRAY['name', 'programme', 'until']::text[])
    ON CONFLICT (key) DO NOTHING`.execute(db);
}
