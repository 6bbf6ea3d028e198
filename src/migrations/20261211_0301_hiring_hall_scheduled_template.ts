import { type Kysely, sql } from 'kysely';

// A company's hiring-hall recruitment (상설채용관) is scheduled (features/events `scheduleHall`
// → features/notifications): informational, to the company, with the day, time and room, and
// where in the portal it sees its interview slots. No seeker's data: the shortlist stays with staff.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
    VALUES ('hiring_hall_scheduled', '상설채용관 일정 확정 안내', 'employer', 'info', false,
            '[일터] 상설채용관 채용 일정이 확정되었습니다',
            '[일터] #{name} 담당자님, 요청하신 상설채용관 채용(#{posting}) 일정이 #{when}, #{place}(으)로 확정되었습니다. 센터가 공고에 맞는 구직자를 추천해 면접을 잡습니다. 면접 일정은 일터 기업회원 화면의 ''채용행사 면접 일정''에서 확인하세요. 문의: #{centre}',
            ARRAY['name', 'posting', 'when', 'place', 'centre']::text[])
    ON CONFLICT (key) DO NOTHING`.execute(db);
}
