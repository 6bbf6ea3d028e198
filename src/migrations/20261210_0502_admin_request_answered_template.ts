import { type Kysely, sql } from 'kysely';

// The answer to a company's admin support request (원스톱 행정지원, features/outreach
// `addRequestEvent` → features/notifications): informational, to the company, pointing at the
// portal page where the answer is (the answer itself may be long and is read there).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
    VALUES ('admin_request_answered', '행정지원 요청 회신 안내', 'employer', 'info', false,
            '[일터] 요청하신 행정지원에 회신했습니다',
            '[일터] #{name} 담당자님, #{receivedOn}에 접수하신 #{category} 요청에 #{department}에서 회신했습니다. 일터 기업회원 화면의 ''행정지원 요청''에서 확인하세요. 문의: #{centre}',
            ARRAY['name', 'receivedOn', 'category', 'department', 'centre']::text[])
    ON CONFLICT (key) DO NOTHING`.execute(db);
}
