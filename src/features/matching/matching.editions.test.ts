import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../../test/support/factories.ts';
import { indexOccupation, indexRegion } from './matching.rows.ts';

// Issue 14: matching compares across KECO editions and across the 2026 region changes. The
// dates below assume today is on or after 2026-07-01 (인천 서구 28260 → 서해구 28275).
describe('codes as the index compares them', () => {
  it('puts a 2025 code and its 2018 counterpart in one space, never an unrelated code of the same digits', () => {
    expect(indexOccupation('1553', '2018')).toBe('1553');
    expect(indexOccupation('1555', '2025')).toBe('1553'); // 환경공학 기술자 및 연구원 in both
    expect(indexOccupation('1555', '2018')).toBe('1555'); // 2018's 보건위생·환경 검사원 stays itself
    expect(indexOccupation('6140', '2025')).toBe('6130'); // 텔레마케터
    expect(indexOccupation('1352', '2025')).toBe('1352'); // 데이터 분석가: digits 2018 never used
    // 2025 1553 신재생에너지 has no 2018 title of its own: the shared group 155, never 2018's 1553.
    expect(indexOccupation('1553', '2025')).toBe('155');
    expect(indexOccupation('5501', undefined)).toBe('5501');
    expect(indexRegion('28260')).toBe('28275');
    expect(indexRegion('29200')).toBe('12330');
    expect(indexRegion('11140')).toBe('11140');
  });
});

const t = await testApp();

describe('matching across editions and region changes', async () => {
  const centre = await t.centre('인천서부센터', null, '28275');
  const staff = await t.user('counsellor', centre.id);
  const emp = await buildEmployer(t.db, centre.id);

  it('a seeker of 2018 1553 in 28260 finds the 2025 1555 posting in 28275 as the same job and place', async () => {
    const seeker = await buildSeeker(t.db, centre.id, {
      region_code: '28260',
      desired_occupations: ['1553'],
      desired_occupation_edition: '2018',
    });
    const same = await buildPosting(t.db, centre.id, emp.id, {
      occupation_code: '1555',
      occupation_edition: '2025',
      region_code: '28275',
      title: '수질 환경 엔지니어',
    });
    const decoy = await buildPosting(t.db, centre.id, emp.id, {
      occupation_code: '1555',
      occupation_edition: '2018',
      region_code: '28275',
      title: '위생 검사원',
    });
    let items: { postingId: string; reasons: { factor: string; detail: string }[] }[] = [];
    for (let i = 0; i < 50 && items.length < 2; i++) {
      items = expectStatus(await staff.get(`/api/v1/seekers/${seeker.id}/recommendations`), 200).items;
      if (items.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(items[0]!.postingId).toBe(same.id);
    const reasons = items[0]!.reasons;
    expect(reasons.find((r) => r.factor === 'occupation')!.detail).toBe(
      '희망 직종과 같은 세분류(환경공학 기술자 및 연구원)',
    );
    expect(reasons.find((r) => r.factor === 'place')!.detail).toContain('같은 시군구');
    const other = items.find((i) => i.postingId === decoy.id)!;
    expect(other.reasons.find((r) => r.factor === 'occupation')?.detail).not.toContain('같은 세분류');
  });
});
