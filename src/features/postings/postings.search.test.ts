import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { seoulToday } from './postings.validate.ts';

const t = await testApp();
const centre = await t.centre('경기광역센터', null, '41110');
const staff = await t.user('counsellor', centre.id);
const closes = (d: number) => {
  const x = new Date(`${seoulToday()}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + d);
  return x.toISOString().slice(0, 10);
};
const employer = expectStatus(
  await staff.post('/api/v1/employers', {
    name: '(주)새한산업',
    bizRegNo: withBizRegCheckDigit('314810001'),
    regionCode: '41110',
  }),
  201,
);

const data = [
  ['요양보호사 모집', '재가 어르신 방문요양, 목욕 및 식사 보조', '5501', '41111', 'H', 11500, '00'],
  [
    '요양원 생활지도원',
    '요양시설 입소자 생활 지원과 프로그램 운영 보조',
    '5501',
    '11680',
    'M',
    2300000,
    '03',
  ],
  [
    '경리 사무원(세무 경험 우대)',
    '전표 입력, 급여 계산, 부가세 신고 보조',
    '0272',
    '41113',
    'M',
    2600000,
    '04',
  ],
  ['회계 사무원', '결산 보조, 경리 업무 일부 지원', '0271', '26110', 'M', 2800000, '05'],
  ['CO2 용접원 채용', '선박 블록 CO2 용접 및 그라인딩 작업', '8241', '26110', 'D', 160000, '00'],
  ['용접기조작원', '로봇 용접기 운전 및 품질 점검', '8242', '41117', 'M', 3100000, '03'],
  ['한식 조리사', '구내식당 한식 조리, 식재료 관리', '5312', '11680', 'M', 2500000, '03'],
] as const;

const ids: Record<string, string> = {};
for (const [title, duties, occ, region, wageType, wage, edu] of data) {
  const p = expectStatus(
    await staff.post('/api/v1/postings', {
      employerId: employer.id,
      title,
      occupationCode: occ,
      duties,
      headcount: 1,
      employmentType: '10',
      wageType,
      wageMin: wage,
      regionCode: region,
      educationMin: edu,
      career: { type: 'N' },
      closesAt: closes(20),
    }),
    201,
  );
  ids[title] = p.id;
}

async function search(query: string) {
  const r = expectStatus(await t.app.inject({ method: 'GET', url: `/api/v1/postings?${query}` }), 200);
  return (r.items as { title: string }[]).map((i) => i.title);
}
const q = (s: string) => `q=${encodeURIComponent(s)}`;

describe('Korean search', () => {
  it('finds two-syllable words: 요양, 경리, 용접', async () => {
    expect((await search(q('요양'))).sort()).toEqual(['요양보호사 모집', '요양원 생활지도원']);
    // 경리 is in the title of one and the duties of the other: the title/whole-word hit ranks first
    expect(await search(q('경리'))).toEqual(['경리 사무원(세무 경험 우대)', '회계 사무원']);
    expect((await search(q('용접'))).sort()).toEqual(['CO2 용접원 채용', '용접기조작원']);
  });

  it('ANDs multi-word queries and ranks the closer match first', async () => {
    // both are KECO 5501 "요양 보호사 및 간병인"; the one saying 요양보호사 in its title comes first
    expect(await search(q('요양 보호사'))).toEqual(['요양보호사 모집', '요양원 생활지도원']);
    expect(await search(q('용접 선박'))).toEqual(['CO2 용접원 채용']);
    // a Latin word is looked up in the lower-cased title (CO2), a Hangul one in the title as is
    expect(await search(q('CO2 용접'))).toEqual(['CO2 용접원 채용']);
    expect(await search(q('경리 급여 계산'))).toEqual(['경리 사무원(세무 경험 우대)']);
    // the company name and the occupation name are searchable too
    expect((await search(q('새한산업'))).length).toBe(7);
    expect(await search(q('간병인'))).toHaveLength(2);
  });

  it('filters by region prefix, KECO at levels 1–4, wage per month and education', async () => {
    expect((await search('regionCode=41')).sort()).toEqual([
      '경리 사무원(세무 경험 우대)',
      '요양보호사 모집',
      '용접기조작원',
    ]);
    expect((await search('regionCode=41110')).length).toBe(3);
    expect(await search('regionCode=26110&occupation=8')).toEqual(['CO2 용접원 채용']);
    expect((await search('occupation=82')).length).toBe(2);
    expect((await search('occupation=824')).length).toBe(2);
    expect(await search('occupation=8242')).toEqual(['용접기조작원']);
    expect((await search('occupation=0')).sort()).toEqual(['경리 사무원(세무 경험 우대)', '회계 사무원']);
    // 11,500/h × 209 = 2,403,500 and 160,000/day × 21.75 = 3,480,000 per month
    expect((await search('wageMin=3000000')).sort()).toEqual(['CO2 용접원 채용', '용접기조작원']);
    expect(await search(`${q('요양')}&educationMax=00`)).toEqual(['요양보호사 모집']);
    const bad = expectStatus(
      await t.app.inject({ method: 'GET', url: '/api/v1/postings?regionCode=99&occupation=9999' }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['occupation', 'regionCode']);
  });

  it('reads the occupation filter in its KECO edition and reaches the other through the crosswalk', async () => {
    const post = async (title: string, occupationCode: string, occupationEdition?: string) =>
      expectStatus(
        await staff.post('/api/v1/postings', {
          employerId: employer.id,
          title,
          occupationCode,
          ...(occupationEdition ? { occupationEdition } : {}),
          duties: '환경 관련 업무',
          headcount: 1,
          employmentType: '10',
          wageType: 'M',
          wageMin: 2600000,
          regionCode: '28275',
          educationMin: '00',
          career: { type: 'N' },
          closesAt: closes(20),
        }),
        201,
      );
    const made = [
      await post('수질 엔지니어(2025)', '1555', '2025'),
      await post('대기 환경 연구원(2018)', '1553'),
      await post('위생 검사원(2018)', '1555'),
    ];
    // 2025's 1555 is 2018's 1553 (환경공학 기술자 및 연구원); 2018's 1555 is another job.
    expect((await search('occupation=1555&occupationEdition=2025')).sort()).toEqual([
      '대기 환경 연구원(2018)',
      '수질 엔지니어(2025)',
    ]);
    expect((await search('occupation=1555')).sort()).toEqual(['위생 검사원(2018)']);
    expect((await search('occupation=1553')).sort()).toEqual([
      '대기 환경 연구원(2018)',
      '수질 엔지니어(2025)',
    ]);
    expect(await search('occupation=1352&occupationEdition=2025')).toEqual([]);
    for (const p of made)
      expectStatus(await staff.post(`/api/v1/postings/${p.id}/status`, { status: 'closed' }), 200);
  });

  it('pages with the list shape and caps pageSize at 100', async () => {
    const r = expectStatus(
      await t.app.inject({ method: 'GET', url: '/api/v1/postings?pageSize=3&page=2' }),
      200,
    );
    expect(r).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(r.items).toHaveLength(3);
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/postings?pageSize=101' }), 400);
  });
});
