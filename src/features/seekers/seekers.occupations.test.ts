import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from './seekers.factory.ts';

// KECO editions on seekers: the list's occupation filter reads its code in an edition and finds
// records of the other edition through the crosswalk; coded careers keep their edition and are
// answered with the Korean name of that edition. Records keep the code they were entered with.
const t = await testApp();

describe('seekers and the KECO edition', async () => {
  const centre = await t.centre();
  const c = await t.user('counsellor', centre.id);
  const make = async (name: string, occupations: string[], occupationEdition?: '2018' | '2025') =>
    expectStatus(
      await c.post('/api/v1/seekers', buildSeeker({ name, desired: { occupations, occupationEdition } })),
      201,
    ).id as string;
  // 2018 1553 and 2025 1555 are both 환경공학 기술자 및 연구원 (linked); 2018 1555 is 보건위생·환경 검사원.
  const env2018 = await make('김환경', ['1553']);
  const env2025 = await make('이환경', ['1555'], '2025');
  const inspector2018 = await make('박검사', ['1555'], '2018');
  const ids = async (query: string) =>
    (expectStatus(await c.get(`/api/v1/seekers?${query}`), 200).items as { id: string }[])
      .map((s) => s.id)
      .sort();

  it('filters by a 2025 code and finds the 2018 records of the same occupation, not the same digits', async () => {
    expect(await ids('occupation=1555&occupationEdition=2025')).toEqual([env2018, env2025].sort());
    expect(await ids('occupation=1553')).toEqual([env2018, env2025].sort());
    expect(await ids('occupation=1555&occupationEdition=2018')).toEqual([inspector2018]);
    expect(await ids('occupation=1555')).toEqual([inspector2018]);
    // A group prefix carries the linked codes under it (2018 1555 has no 2025 link yet).
    expect(await ids('occupation=155&occupationEdition=2025')).toEqual([env2018, env2025].sort());
    expect(await ids('occupation=155')).toEqual([env2018, env2025, inspector2018].sort());
    expectStatus(await c.get('/api/v1/seekers?occupation=1555&occupationEdition=2019'), 400);
  });

  it('keeps a coded career in its edition, names it, and refuses a code its edition lacks', async () => {
    const s = expectStatus(
      await c.post(
        '/api/v1/seekers',
        buildSeeker({
          careers: [
            { company: '데이터랩', occupation: '1352', occupationEdition: '2025', months: 12 },
            { company: '환경연구소', occupation: '1553', months: 30 },
            { company: '동네가게', occupation: '판매 보조', months: 6 },
          ],
        }),
      ),
      201,
    );
    expect(s.careers).toEqual([
      {
        company: '데이터랩',
        occupation: '1352',
        occupationEdition: '2025',
        occupationName: '데이터 분석가',
        months: 12,
      },
      {
        company: '환경연구소',
        occupation: '1553',
        occupationEdition: '2018',
        occupationName: '환경공학 기술자 및 연구원',
        months: 30,
      },
      { company: '동네가게', occupation: '판매 보조', months: 6 },
    ]);
    const bad = await c.post(
      '/api/v1/seekers',
      buildSeeker({
        careers: [{ company: '데이터랩', occupation: '1352', occupationEdition: '2018', months: 12 }],
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('careers[0].occupation');
  });
});
