import { describe, expect, it } from 'vitest';
import { findCode, isValidCode } from '../codes/codes.ts';
import { inForce } from '../codes/regions.ts';
import { isValidBizRegNo } from '../platform/domain/validate.ts';
import { renderChunk } from './chunks.ts';
import { bizRegNo, employerFacts, postingCore, registrationDay } from './core.ts';
import { occupations } from './occupations.ts';
import { DAY_MS, type DemoSpec, TIERS } from './plan.ts';
import { COLUMNS } from './rows.ts';
import { registrationNumbers } from './seed.ts';

const spec = (seed: number): DemoSpec => ({ ...TIERS.centre, tier: 'centre', seed, today: '2026-11-22' });
const keyHex = 'ab'.repeat(32);

/** Rows of a chunk as objects keyed by column name. */
function rows(
  table: 'seekers' | 'postings' | 'employers',
  s: DemoSpec,
  from: number,
  to: number,
): Record<string, string>[] {
  const cols = COLUMNS[table].split(', ');
  const seq = table === 'seekers' ? registrationNumbers(s).seq.slice(from, to) : undefined;
  return renderChunk({ table, spec: s, keyHex, from, to, seq })
    .split('\n')
    .filter(Boolean)
    .map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i] as string, v])));
}

// Ciphertexts use a random IV, so determinism is about everything else.
const plain = (r: Record<string, string>): Record<string, string> => {
  const { phone_enc, email_enc, address_enc, contacts_enc, ...rest } = r;
  return { ...rest, email: email_enc === '\\N' ? '' : 'set' };
};
const list = (lit: string | undefined) => (lit && lit !== '{}' ? lit.slice(2, -2).split('","') : []);

describe('demo generator', () => {
  it('gives the same data for the same seed and different data for another seed', () => {
    const a = rows('seekers', spec(1), 100, 140).map(plain);
    const b = rows('seekers', spec(1), 100, 140).map(plain);
    const c = rows('seekers', spec(2), 100, 140).map(plain);
    expect(a).toEqual(b);
    expect(a.map((r) => r.name)).not.toEqual(c.map((r) => r.name));
    const p1 = rows('postings', spec(1), 0, 30).map(plain);
    expect(rows('postings', spec(1), 0, 30).map(plain)).toEqual(p1);
    expect(rows('postings', spec(3), 0, 30).map((r) => r.title)).not.toEqual(p1.map((r) => r.title));
  });

  it('uses only valid codes: KECO level 4, 시군구 level 2, education, employment and wage types', () => {
    const seekers = rows('seekers', spec(5), 0, 400);
    const postings = rows('postings', spec(5), 0, 400);
    for (const s of seekers) {
      const set = s.desired_occupation_edition === '2025' ? 'occupations-2025' : 'occupations';
      for (const o of list(s.desired_occupations)) expect(findCode(set, o)?.level).toBe(4);
      // Records from 2025 on are entered in KECO 2025 where the crosswalk links them.
      if ((s.registered_at as string) < '2025-01-01') expect(s.desired_occupation_edition).toBe('2018');
      for (const r of [s.region_code as string, ...list(s.desired_regions)]) {
        expect(findCode('regions', r)?.level).toBe(2);
        // Codes in force today (the 2026-07-01 changes): no 28260, 29xxx or 46xxx.
        expect(inForce(findCode('regions', r)!, '2026-12-07'), r).toBe(true);
      }
      expect(isValidCode('education', s.education_level as string)).toBe(true);
      for (const g of list(s.target_groups)) expect(isValidCode('target-groups', g)).toBe(true);
      if (list(s.target_groups).includes('disabled')) expect(s.consent_sensitive).toBe('true');
      expect(s.registration_no).toMatch(/^20\d\d-\d{6}$/);
      expect(s.phone_bi).toMatch(/^[\w-]{22}$/);
    }
    // A realistic mix: older records in 2018, newer ones mostly in 2025.
    const editions = (rs: Record<string, unknown>[], col: string) => new Set(rs.map((r) => r[col]));
    expect(editions(seekers, 'desired_occupation_edition')).toEqual(new Set(['2018']));
    const recent = rows('seekers', spec(5), 19_600, 20_000);
    expect(recent.every((r) => (r.registered_at as string) >= '2025-01-01')).toBe(true);
    expect(editions(recent, 'desired_occupation_edition')).toEqual(new Set(['2018', '2025']));
    for (const r of recent.filter((x) => x.desired_occupation_edition === '2025')) {
      for (const o of list(r.desired_occupations)) expect(findCode('occupations-2025', o)?.level).toBe(4);
    }
    expect(editions(postings, 'occupation_edition')).toEqual(new Set(['2018', '2025']));
    for (const p of postings) {
      const occSet = p.occupation_edition === '2025' ? 'occupations-2025' : 'occupations';
      expect(findCode(occSet, p.occupation_code as string)?.level).toBe(4);
      if ((p.created_at as string) < '2025-01-01') expect(p.occupation_edition).toBe('2018');
      expect(findCode('regions', p.region_code as string)?.level).toBe(2);
      expect(inForce(findCode('regions', p.region_code as string)!, '2026-12-07')).toBe(true);
      expect(isValidCode('education', p.education_min as string)).toBe(true);
      expect(isValidCode('employment-types', p.employment_type as string)).toBe(true);
      expect(isValidCode('wage-types', p.wage_type as string)).toBe(true);
      expect(isValidCode('careers', p.career_type as string)).toBe(true);
      for (const pref of list(p.preferences)) expect(isValidCode('preferences', pref)).toBe(true);
    }
    for (const e of rows('employers', spec(5), 0, 200))
      expect(isValidCode('industries', e.ksic as string)).toBe(true);
  });

  it('gives every employer a valid and unique 사업자등록번호', () => {
    const seen = new Set<string>();
    const invalid: string[] = [];
    for (let j = 0; j < 60_000; j++) {
      const { no } = bizRegNo(9, j);
      if (!isValidBizRegNo(no)) invalid.push(no);
      seen.add(no);
    }
    expect(invalid).toEqual([]);
    expect(seen.size).toBe(60_000);
  });

  it('draws positive wages with plausible medians, never under the minimum wage', () => {
    const postings = rows('postings', spec(11), 0, 1500);
    const by = (t: string) =>
      postings
        .filter((p) => p.wage_type === t)
        .map((p) => Number(p.wage_min))
        .sort((a, b) => a - b);
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] as number;
    const hourly = by('H');
    const monthly = by('M');
    expect(hourly.length).toBeGreaterThan(100);
    expect(monthly.length).toBeGreaterThan(300);
    expect(hourly[0]).toBeGreaterThanOrEqual(9_860);
    expect(median(hourly)).toBeGreaterThanOrEqual(10_030);
    expect(median(hourly)).toBeLessThan(13_000);
    expect(median(monthly)).toBeGreaterThanOrEqual(2_100_000);
    expect(median(monthly)).toBeLessThanOrEqual(4_500_000);
    for (const p of postings) {
      expect(Number(p.wage_monthly_min)).toBeGreaterThan(0);
      if (p.wage_max !== '\\N') expect(Number(p.wage_max)).toBeGreaterThanOrEqual(Number(p.wage_min));
    }
  });

  it('has each posting in an occupation its employer’s industry hires (KSIC division ↔ KECO)', () => {
    const s = spec(6);
    const { byCode } = occupations();
    let other = 0;
    for (let i = 0; i < 3000; i++) {
      const p = postingCore(s, i);
      const e = employerFacts(s, p.employer);
      expect(p.occ.code === e.occ.code || byCode.get(p.occ.code)?.ksic.includes(e.ksic)).toBe(true);
      if (p.occ.code !== e.occ.code) other++;
    }
    // Not only the main occupation: about 30 % are other occupations of the industry.
    expect(other).toBeGreaterThan(300);
  });

  it('spreads registrations over two years with the season: more in January than in December', () => {
    const s = spec(7);
    const byMonth = new Array<number>(12).fill(0);
    for (let i = 0; i < s.seekers; i += 7)
      byMonth[new Date(registrationDay(s, i) * DAY_MS).getUTCMonth()]! += 1;
    expect(byMonth.every((n) => n > 0)).toBe(true);
    expect(byMonth[0]!).toBeGreaterThan(byMonth[11]! * 1.3);
    expect(byMonth[1]!).toBeGreaterThan(byMonth[10]!);
  });

  it('creates more past postings in March than in December (hiring season)', () => {
    const s = spec(8);
    const byMonth = new Array<number>(12).fill(0);
    for (let i = s.postingsOpen; i < s.postingsOpen + s.postingsPast; i++)
      byMonth[new Date(postingCore(s, i).createdDay * DAY_MS).getUTCMonth()]! += 1;
    expect(byMonth[2]!).toBeGreaterThan(byMonth[11]! * 1.3);
  });

  it('skews demand toward care, cleaning, driving, production, office and sales', () => {
    const counts = new Map<string, number>();
    for (const p of rows('postings', spec(4), 0, 2000))
      counts.set(p.occupation_code as string, (counts.get(p.occupation_code as string) ?? 0) + 1);
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([c]) => c);
    expect(top).toContain('5501');
    expect(
      top.filter((c) => ['5501', '5611', '6223', '8900', '0295', '0272', '6151', '5323', '5420'].includes(c))
        .length,
    ).toBeGreaterThanOrEqual(5);
  });
});
