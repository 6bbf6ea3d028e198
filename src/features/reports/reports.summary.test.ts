import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import type { KpiFilter } from './kpis/types.ts';
import { seoulToday } from './reports.filter.ts';
import { monthsAndDays } from './reports.levels.ts';
import { computeFigures } from './reports.service.ts';
import {
  type BreakdownBy,
  liveBreakdown,
  refreshSummary,
  summaryBreakdown,
  summaryServes,
} from './reports.summary.ts';

// The summaries of migrations 9000/9001 (intensive care, retention follow-ups, distinct
// employers, the detail level for two or three filters) against the live definitions, and
// after changes to the source tables: every figure must follow once the log is drained.
const t = await testApp();
const { db } = t;

const P = await t.centre('도 일자리센터');
const A = await t.centre('가 일자리센터', P.id);
const B = await t.centre('나 일자리센터', P.id);

let n = 0;
async function employer(centreId: string) {
  const id = randomUUID();
  await sql`INSERT INTO employers (id, centre_id, name, biz_reg_no, region_code)
    VALUES (${id}::uuid, ${centreId}::uuid, ${`기업${++n}`}, ${withBizRegCheckDigit(String(900_000_000 + n))}, '11140')`.execute(
    db,
  );
  return id;
}
async function posting(
  employerId: string,
  centreId: string,
  occ: string,
  region: string,
  status: string,
  at: string,
) {
  const id = randomUUID();
  await sql`INSERT INTO postings (id, employer_id, centre_id, title, occupation_code, duties, headcount, employment_type,
      wage_type, wage_min, wage_monthly_min, region_code, education_min, career_type, closes_at, status, created_at)
    VALUES (${id}::uuid, ${employerId}::uuid, ${centreId}::uuid, '공고', ${occ}, '-', 2, '10', 'M', 2500000, 2500000,
      ${region}, '00', 'N', '2026-12-31', ${status}, ${at}::timestamptz)`.execute(db);
  return id;
}
async function seeker(
  centreId: string,
  registered: string,
  groups: string[],
  occ: string,
  region: string,
  careSince: string | null | false,
) {
  const id = randomUUID();
  await sql`INSERT INTO seekers (id, centre_id, registration_no, name, birth_date, phone_enc, phone_bi, region_code,
      education_level, target_groups, desired_occupations, registered_at, care, care_since)
    VALUES (${id}::uuid, ${centreId}::uuid, ${`SUM-${++n}`}, '구직자', '1990-01-01', 'x', 'x', ${region}, '04',
      ${groups}::text[], ARRAY[${occ}], ${registered}::date, ${careSince === false ? 'general' : 'intensive'},
      ${careSince || null}::timestamptz)`.execute(db);
  return id;
}
async function referral(seekerId: string, postingId: string, centreId: string, status: string, at: string) {
  const id = randomUUID();
  await sql`INSERT INTO referrals (id, seeker_id, posting_id, centre_id, status, created_at)
    VALUES (${id}::uuid, ${seekerId}::uuid, ${postingId}::uuid, ${centreId}::uuid, ${status}, ${at}::timestamptz)`.execute(
    db,
  );
  return id;
}
async function employment(seekerId: string, centreId: string, start: string, route = 'self') {
  const id = randomUUID();
  await sql`INSERT INTO employments (id, seeker_id, centre_id, employer_name, start_date, route)
    VALUES (${id}::uuid, ${seekerId}::uuid, ${centreId}::uuid, '(주)일터', ${start}::date, ${route})`.execute(
    db,
  );
  return id;
}
async function followup(employmentId: string, months: number, result: string | null) {
  await sql`INSERT INTO retention_followups (id, employment_id, seeker_id, centre_id, months, due_date, done_at, result, left_on)
    SELECT ${randomUUID()}::uuid, e.id, e.seeker_id, e.centre_id, ${months}, e.start_date + ${months * 30}::int,
      CASE WHEN ${result}::text IS NOT NULL THEN now() END, ${result},
      CASE WHEN ${result}::text = 'left' THEN e.start_date + ${months * 30 - 1}::int END
    FROM employments e WHERE e.id = ${employmentId}::uuid`.execute(db);
}

// Employers E1–E4; p2 awaits approval, p3 is created at 00:30 on 1 March in Seoul (28 Feb UTC).
const E = [await employer(A.id), await employer(A.id), await employer(B.id), await employer(A.id)] as const;
const p1 = await posting(E[0], A.id, '3211', '41110', 'open', '2025-03-01T01:00:00Z');
const p2 = await posting(E[1], A.id, '0211', '11140', 'pending', '2025-03-02T01:00:00Z');
const p3 = await posting(E[2], B.id, '3511', '41110', 'closed', '2025-02-28T15:30:00Z');
const p4 = await posting(E[3], A.id, '1311', '26110', 'open', '2024-06-01T01:00:00Z');
// s1 enters intensive care on 2 February (Seoul), s3 without care_since (its registration day),
// s4 registered in 2024 and entered care in 2025.
const s1 = await seeker(A.id, '2025-01-10', ['youth'], '3211', '41110', '2025-02-01T16:00:00Z');
const s2 = await seeker(A.id, '2025-02-10', ['youth', 'low_income'], '0211', '11140', false);
const s3 = await seeker(B.id, '2025-03-10', [], '3511', '41110', null);
const s4 = await seeker(A.id, '2024-05-05', ['senior'], '1311', '26110', '2025-01-05T03:00:00Z');
const s5 = await seeker(B.id, '2025-04-01', ['career_break_women'], '3211', '41113', false);
await referral(s1, p4, A.id, 'hired', '2025-03-05T02:00:00Z');
await referral(s2, p1, A.id, 'referred', '2025-03-06T02:00:00Z');
await referral(s3, p3, B.id, 'interview', '2025-04-01T02:00:00Z');
const r4 = await referral(s5, p2, B.id, 'referred', '2025-05-01T02:00:00Z');
const e1 = await employment(s1, A.id, '2025-03-20', 'referral');
await employment(s3, B.id, '2025-03-05'); // before s3 entered care: not a care outcome
const e3 = await employment(s4, A.id, '2025-02-01');
await followup(e1, 1, 'employed');
await followup(e1, 3, 'left');
await followup(e1, 6, null);
await followup(e3, 1, 'employed');
await followup(e3, 3, 'unknown');

const base = { centreIds: [P.id, A.id, B.id], from: '2025-01-01', to: '2025-12-31', today: seoulToday() };
const filters: KpiFilter[] = [
  base,
  { ...base, centreIds: [B.id] },
  { ...base, centreIds: null },
  { ...base, from: '2024-01-01', to: '2024-12-31' },
  // Periods that are not whole months: the ends come from report_daily, the rest from report_monthly.
  { ...base, from: '2025-01-15', to: '2025-04-30' },
  { ...base, from: '2025-02-02', to: '2025-03-20', targetGroup: 'youth' },
  { ...base, from: '2025-03-05', to: '2025-03-05', occupation: '3', regionCode: '41' },
  { ...base, targetGroup: 'youth' },
  { ...base, occupation: '3' },
  { ...base, regionCode: '41' },
  { ...base, occupation: '3', regionCode: '41' },
  { ...base, targetGroup: 'youth', occupation: '3' },
  { ...base, targetGroup: 'youth', occupation: '0' },
  { ...base, targetGroup: 'youth', regionCode: '41' },
  { ...base, targetGroup: 'youth', occupation: '3', regionCode: '41' },
];

/** report_monthly rows that are not the sum of their days (both ways), or that are all zero. */
async function monthDrift() {
  const r = await sql<{ n: number }>`
    WITH d AS (SELECT centre_id, tg_mask, occ, region, date_trunc('month', day)::date AS day,
        sum(seekers_registered) AS a, sum(consultations) AS b, sum(referrals_hired) AS c, sum(hires) AS e,
        sum(care_employed) AS f, sum(ret3_kept) AS g
      FROM report_daily GROUP BY 1, 2, 3, 4, 5),
    m AS (SELECT centre_id, tg_mask, occ, region, day, seekers_registered::numeric AS a, consultations::numeric AS b,
        referrals_hired::numeric AS c, hires::numeric AS e, care_employed::numeric AS f, ret3_kept::numeric AS g
      FROM report_monthly)
    SELECT (SELECT count(*) FROM ((SELECT * FROM d EXCEPT SELECT * FROM m) UNION ALL (SELECT * FROM m EXCEPT SELECT * FROM d)) x)
      + (SELECT count(*) FROM report_monthly WHERE seekers_registered + consultations + referrals + hires + care_seekers
          + ret1_done + ret3_done + ret6_done = 0) AS n`.execute(db);
  return Number(r.rows[0]!.n);
}

/** Drains the log, checks summary = live for every filter, and returns the figures of `f`. */
async function figures(f: KpiFilter = base) {
  await refreshSummary(db);
  expect(await monthDrift()).toBe(0);
  for (const g of filters) {
    expect(summaryServes(g)).toBe(true);
    expect(await computeFigures(db, g, 'summary'), JSON.stringify(g)).toEqual(
      await computeFigures(db, g, 'live'),
    );
  }
  return computeFigures(db, f, 'summary');
}

// Each test compares every KPI (now also bookings, events, outreach, programmes and public jobs)
// under several filters, summary against live: a minute on a busy two-core machine.
describe('report summaries of 9000/9001', { timeout: 90_000 }, () => {
  it('splits a period into whole months and the days at either end', () => {
    expect(monthsAndDays('2025-01-01', '2025-12-31')).toEqual({
      months: ['2025-01-01', '2025-12-01'],
      days: [],
    });
    expect(monthsAndDays('2024-02-10', '2024-11-05')).toEqual({
      months: ['2024-03-01', '2024-10-01'],
      days: [
        ['2024-02-10', '2024-02-29'],
        ['2024-11-01', '2024-11-05'],
      ],
    });
    expect(monthsAndDays('2025-02-02', '2025-03-20')).toEqual({
      months: null,
      days: [['2025-02-02', '2025-03-20']],
    });
    expect(monthsAndDays('2024-12-01', '2025-02-28')).toEqual({
      months: ['2024-12-01', '2025-02-01'],
      days: [],
    });
    expect(monthsAndDays('2025-03-31', '2025-03-31')).toEqual({
      months: null,
      days: [['2025-03-31', '2025-03-31']],
    });
  });

  it('hold employers served, intensive care and retention, also under two or three filters', async () => {
    const all = await figures();
    expect(all).toMatchObject({
      employersServed: 4,
      intensiveCareSeekers: 3,
      intensiveCareEmployed: 2,
      retention1m: 100,
      retention3m: 0,
      retention6m: null,
    });
    expect((await figures({ ...base, targetGroup: 'youth' })).employersServed).toBe(2);
    expect((await figures({ ...base, occupation: '3', regionCode: '41' })).employersServed).toBe(2);
    const both = await figures({ ...base, targetGroup: 'youth', occupation: '3' });
    expect(both).toMatchObject({ employersServed: 1, intensiveCareSeekers: 1, seekersRegistered: 1 });
    expect((await figures({ ...base, from: '2024-01-01', to: '2024-12-31' })).employersServed).toBe(1);
  });

  it('breaks down under combined filters from the detail level as the source tables do', async () => {
    await refreshSummary(db);
    const cases: [Partial<KpiFilter>, BreakdownBy][] = [
      [{ occupation: '3' }, 'targetGroup'],
      [{ regionCode: '41' }, 'occupation'],
      [{ targetGroup: 'youth', regionCode: '41' }, 'month'],
      [{ targetGroup: 'youth' }, 'region'],
      [{ occupation: '3', regionCode: '41' }, 'centre'],
    ];
    for (const [extra, by] of cases) {
      const f = { ...base, ...extra };
      const rows = await summaryBreakdown(db, f, by);
      expect(rows, `${by} ${JSON.stringify(extra)}`).toEqual(await liveBreakdown(db, f, by));
      expect(rows.some((r) => Object.values(r.figures).some((v) => v > 0))).toBe(true);
    }
  });

  it('follows changes to postings and referrals in employers served', async () => {
    const E5 = await employer(A.id);
    const p5 = await posting(E5, A.id, '3111', '41110', 'open', '2025-07-01T01:00:00Z');
    expect((await figures()).employersServed).toBe(5);
    await sql`UPDATE postings SET status = 'pending' WHERE id = ${p5}::uuid`.execute(db);
    expect((await figures()).employersServed).toBe(4);
    await sql`UPDATE postings SET status = 'open', occupation_code = '0211' WHERE id = ${p5}::uuid`.execute(
      db,
    );
    expect((await figures({ ...base, occupation: '3' })).employersServed).toBe(2);
    // p1's occupation moves: the referral r2 made to it (a youth seeker) is re-filed as well.
    await sql`UPDATE postings SET occupation_code = '0211' WHERE id = ${p1}::uuid`.execute(db);
    expect((await figures({ ...base, occupation: '3' })).employersServed).toBe(1);
    expect((await figures({ ...base, targetGroup: 'youth', occupation: '0' })).employersServed).toBe(1);
    await sql`UPDATE seekers SET target_groups = '{}' WHERE id = ${s2}::uuid`.execute(db);
    expect((await figures({ ...base, targetGroup: 'youth' })).employersServed).toBe(1);
    // E2 is reached only by r4 (its posting awaits approval).
    await sql`DELETE FROM referrals WHERE id = ${r4}::uuid`.execute(db);
    expect((await figures()).employersServed).toBe(4);
  });

  it('follows changes to care, employments and follow-ups', async () => {
    await sql`UPDATE seekers SET care = 'intensive', care_since = '2025-06-01T03:00:00Z' WHERE id = ${s2}::uuid`.execute(
      db,
    );
    expect(await figures()).toMatchObject({ intensiveCareSeekers: 4, intensiveCareEmployed: 2 });
    const e4 = await employment(s2, A.id, '2025-06-15');
    expect((await figures()).intensiveCareEmployed).toBe(3);
    await sql`UPDATE seekers SET care_since = '2025-07-01T03:00:00Z' WHERE id = ${s2}::uuid`.execute(db);
    expect(await figures()).toMatchObject({ intensiveCareSeekers: 4, intensiveCareEmployed: 2 });
    await sql`UPDATE employments SET start_date = '2025-07-02' WHERE id = ${e4}::uuid`.execute(db);
    expect((await figures()).intensiveCareEmployed).toBe(3);
    await sql`UPDATE seekers SET care = 'general', care_since = NULL WHERE id = ${s2}::uuid`.execute(db);
    expect(await figures()).toMatchObject({ intensiveCareSeekers: 3, intensiveCareEmployed: 2 });
    // s4's employment goes, and with it a care outcome and a 1-month follow-up.
    await sql`DELETE FROM employments WHERE id = ${e3}::uuid`.execute(db);
    expect(await figures()).toMatchObject({ intensiveCareEmployed: 1, retention1m: 100 });
    await sql`UPDATE retention_followups SET done_at = now(), result = 'employed', left_on = NULL
      WHERE employment_id = ${e1}::uuid AND months IN (3, 6)`.execute(db);
    expect(await figures()).toMatchObject({ retention3m: 100, retention6m: 100 });
    await sql`UPDATE retention_followups SET result = 'left', left_on = current_date WHERE employment_id = ${e1}::uuid AND months = 1`.execute(
      db,
    );
    expect((await figures()).retention1m).toBe(0);
    await sql`DELETE FROM retention_followups WHERE employment_id = ${e1}::uuid AND months = 1`.execute(db);
    expect((await figures()).retention1m).toBeNull();
    await sql`DELETE FROM seekers WHERE id = ${s1}::uuid`.execute(db);
    expect(await figures()).toMatchObject({
      intensiveCareSeekers: 2,
      intensiveCareEmployed: 0,
      retention3m: null,
    });
  });

  it('counts a hire marked as the repeat of another once (hires, retention), summary and live alike', async () => {
    const kept = await employment(s3, B.id, '2025-08-01');
    await followup(kept, 1, 'employed');
    const before = await figures();
    const repeat = randomUUID();
    await sql`INSERT INTO employments (id, seeker_id, centre_id, employer_name, start_date, route, duplicate_of)
      VALUES (${repeat}::uuid, ${s3}::uuid, ${B.id}::uuid, '(주) 일터', '2025-08-01', 'self', ${kept}::uuid)`.execute(
      db,
    );
    await followup(repeat, 1, 'left');
    const after = await figures();
    expect(after.hires).toBe(before.hires);
    expect(after.retention1m).toBe(before.retention1m);
  });
});
