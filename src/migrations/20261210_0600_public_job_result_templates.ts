import { type Kysely, sql } from 'kysely';

// Public job results told to each ranked applicant when staff publish a draw (features/publicjobs
// `publishDraw` → features/notifications, 개별 통보): selected, or on the waiting list with the
// place. Informational (정보성), to the seeker who applied; application numbers only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const templates: [string, string, string, string, string[]][] = [
    [
      'public_job_selected',
      '공공일자리 선발 안내',
      '[일터] 공공일자리 선발 결과',
      '[일터] #{name}님, #{programme}에 선발되었습니다(신청번호 #{applicationNo}번). 근무지 배치는 센터에서 따로 안내해 드립니다.',
      ['name', 'programme', 'applicationNo'],
    ],
    [
      'public_job_waitlisted',
      '공공일자리 예비 순번 안내',
      '[일터] 공공일자리 선발 결과',
      '[일터] #{name}님, #{programme} 선발 결과 예비 #{position}번입니다(신청번호 #{applicationNo}번). 결원이 생기면 순번대로 연락드립니다.',
      ['name', 'programme', 'applicationNo', 'position'],
    ],
  ];
  for (const [key, name, subject, body, variables] of templates) {
    await sql`
      INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
      VALUES (${key}, ${name}, 'seeker', 'info', false, ${subject}, ${body}, ${variables}::text[])
      ON CONFLICT (key) DO NOTHING`.execute(db);
  }
}
