import { type RawBuilder, sql } from 'kysely';
import { recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { bookingReportRows, suitRentalReportRows } from '../bookings/bookings.report.service.ts';
import { counsellingReportRows } from '../counselling/counselling.report.service.ts';
import { employedBetween, employmentReportRows } from '../employments/employments.report.service.ts';
import { FIRST_ROUND_PASSED, INTERVIEW_HELD } from '../events/events.report.service.ts';
import { referralReportRows } from '../referrals/referrals.report.service.ts';
import { seekerReportRows } from '../seekers/seekers.report.service.ts';
import { visibleSeekerIds } from '../seekers/seekers.service.ts';
import { eventInterviewsIn, eventSeekersIn } from './kpis/events.ts';
import { centreCond, type KpiFilter, seekerDims, seoulDays } from './kpis/types.ts';
import { type ReportQuery, resolveFilter } from './reports.filter.ts';

/** KPIs whose records can be listed (the employer-side ones hold no personal data to list). */
export const DRILLDOWN_KPIS = [
  'seekersRegistered',
  'employedSeekers',
  'intensiveCareSeekers',
  'intensiveCareEmployed',
  'consultations',
  'referrals',
  'referralsInterviewed',
  'referralsHired',
  'hires',
  'hiresByReferral',
  'bookings',
  'suitRentals',
  'eventSeekers',
  'eventInterviews',
  'eventPassedFirst',
  'eventHires',
] as const;
export type DrilldownKpi = (typeof DRILLDOWN_KPIS)[number];

const employedAfter = (start: RawBuilder<unknown>, f: KpiFilter) =>
  employedBetween(sql`s.id`, start, f.today);
const careDay = sql`coalesce(report_seoul_day(s.care_since), s.registered_at)`;

/**
 * FROM … WHERE and the record id/date columns behind each KPI (same conditions as kpis/*.ts), over
 * the owners' report relations (seekers, counselling, referrals, employments `*.report.service.ts`).
 */
function source(
  kpi: DrilldownKpi,
  f: KpiFilter,
): { id: RawBuilder<unknown>; day: RawBuilder<unknown>; from: RawBuilder<unknown> } {
  const seekerRange = sql`s.registered_at BETWEEN ${f.from}::date AND ${f.to}::date`;
  const seekers = seekerReportRows();
  switch (kpi) {
    case 'seekersRegistered':
    case 'employedSeekers':
      return {
        id: sql`s.id`,
        day: sql`s.registered_at`,
        from: sql`FROM ${seekers} s WHERE ${centreCond('s', f)} AND ${seekerRange} AND ${seekerDims('s', f)}
          ${kpi === 'employedSeekers' ? sql`AND ${employedAfter(sql`s.registered_at`, f)}` : sql``}`,
      };
    case 'intensiveCareSeekers':
    case 'intensiveCareEmployed':
      return {
        id: sql`s.id`,
        day: careDay,
        from: sql`FROM ${seekers} s WHERE s.care = 'intensive' AND ${centreCond('s', f)} AND ${seekerDims('s', f)}
          AND ${careDay} BETWEEN ${f.from}::date AND ${f.to}::date
          ${kpi === 'intensiveCareEmployed' ? sql`AND ${employedAfter(careDay, f)}` : sql``}`,
      };
    case 'consultations':
      return {
        id: sql`c.id`,
        day: sql`report_seoul_day(c.at)`,
        from: sql`FROM ${counsellingReportRows()} c JOIN ${seekers} s ON s.id = c.seeker_id
          WHERE ${centreCond('c', f)} AND ${seoulDays('c.at', f)} AND ${seekerDims('s', f)}`,
      };
    case 'referrals':
    case 'referralsInterviewed':
    case 'referralsHired':
      return {
        id: sql`r.id`,
        day: sql`report_seoul_day(r.created_at)`,
        from: sql`FROM ${referralReportRows()} r JOIN ${seekers} s ON s.id = r.seeker_id
          WHERE ${centreCond('r', f)} AND ${seoulDays('r.created_at', f)} AND ${seekerDims('s', f)}
          ${kpi === 'referralsInterviewed' ? sql`AND r.interviewed` : kpi === 'referralsHired' ? sql`AND r.hired` : sql``}`,
      };
    case 'hires':
    case 'hiresByReferral':
      return {
        id: sql`e.id`,
        day: sql`e.start_date`,
        from: sql`FROM ${employmentReportRows()} e JOIN ${seekers} s ON s.id = e.seeker_id
          WHERE ${centreCond('e', f)} AND e.start_date BETWEEN ${f.from}::date AND ${f.to}::date
          AND e.duplicate_of IS NULL AND ${seekerDims('s', f)} ${kpi === 'hiresByReferral' ? sql`AND e.route = 'referral'` : sql``}`,
      };
    case 'bookings':
      // Seekers' bookings (employer bookings hold no seeker to list).
      return {
        id: sql`b.id`,
        day: sql`report_seoul_day(b.starts_at)`,
        from: sql`FROM ${bookingReportRows()} b JOIN ${seekers} s ON s.id = b.seeker_id
          WHERE ${centreCond('b', f)} AND ${seoulDays('b.starts_at', f)} AND b.status <> 'cancelled' AND ${seekerDims('s', f)}`,
      };
    case 'suitRentals':
      return {
        id: sql`r.id`,
        day: sql`r.from_on`,
        from: sql`FROM ${suitRentalReportRows()} r JOIN ${seekers} s ON s.id = r.seeker_id
          WHERE ${centreCond('r', f)} AND r.from_on BETWEEN ${f.from}::date AND ${f.to}::date AND ${seekerDims('s', f)}`,
      };
    case 'eventSeekers':
      return { id: sql`p.id`, day: sql`report_seoul_day(p.starts_at)`, from: eventSeekersIn(f) };
    case 'eventInterviews':
    case 'eventPassedFirst':
    case 'eventHires': {
      const results =
        kpi === 'eventInterviews'
          ? INTERVIEW_HELD
          : kpi === 'eventPassedFirst'
            ? FIRST_ROUND_PASSED
            : ['hired'];
      return { id: sql`i.id`, day: sql`report_seoul_day(i.starts_at)`, from: eventInterviewsIn(f, results) };
    }
  }
}

interface Row {
  record_id: string;
  day: string;
  seeker_id: string;
  registration_no: string;
  name: string;
  seeker_centre_id: string;
  total: number;
}

/**
 * GET /reports/drilldown: the records behind a figure, a page at a time. Registration numbers
 * and names appear only for seekers the access rule lets the actor name in a report
 * (access.service.ts `report`); each one shown is access-logged.
 */
export async function getDrilldown(
  ctx: RequestContext,
  q: ReportQuery & { kpi: string; page: number; pageSize: number },
) {
  const { db, actor, ip } = ctx;
  if (!(DRILLDOWN_KPIS as readonly string[]).includes(q.kpi)) {
    throw new DomainError('validation', 'error.validation', {}, [
      { field: 'kpi', key: 'reports.noDrilldown' },
    ]);
  }
  const { filter } = await resolveFilter(db, actor, q);
  const s = source(q.kpi as DrilldownKpi, filter);
  const r = await sql<Row>`SELECT ${s.id} AS record_id, ${s.day} AS day, s.id AS seeker_id, s.registration_no,
      s.name, s.centre_id AS seeker_centre_id, count(*) OVER () AS total
    ${s.from} ORDER BY 2, 1 LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db);
  // Who may be named: the seekers feature's rule for reports (own centres, never by consent).
  const named = await visibleSeekerIds(
    ctx,
    r.rows.map((x) => x.seeker_id),
    'report',
  );
  const items = r.rows.map((x) => {
    const visible = named.has(x.seeker_id);
    return {
      recordId: x.record_id,
      date: String(x.day),
      seekerId: x.seeker_id,
      registrationNo: visible ? x.registration_no : null,
      name: visible ? x.name : null,
      centreId: x.seeker_centre_id,
    };
  });
  const shown = [...new Map(items.filter((i) => i.name !== null).map((i) => [i.seekerId, i])).values()];
  await recordSeekerViews(
    db,
    { actor, ip },
    shown.map((i) => ({ id: i.seekerId, centreId: i.centreId })),
    `report drilldown ${q.kpi}`,
  );
  return { kpi: q.kpi, items, total: Number(r.rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize };
}
