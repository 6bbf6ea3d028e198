import { sql } from 'kysely';
import { findCode } from '../../codes/codes.ts';
import { inScope } from '../../platform/access/policy.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { onReader } from '../../platform/db/replica.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { centreExists, centreNames } from '../accounts/centres.service.ts';
import { KPIS, type KpiFilter, SCALAR_KPI_IDS } from './kpis/index.ts';
import { previousYearOf, type ReportQuery, resolveFilter } from './reports.filter.ts';
import {
  type BreakdownBy,
  type BreakdownRow,
  liveBreakdown,
  refreshSummary,
  SUMMARY_KPIS,
  summaryBreakdown,
  summaryFigures,
  summaryServes,
} from './reports.summary.ts';

export { rebuildSummary } from './reports.summary.ts';

/** Runs report reads somewhere: on the primary, or on the replica once it has caught up. */
export type ReportReader = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

/**
 * Reads a report where DATABASE_REPLICA_URL points (platform/db/replica.ts): drains the
 * dirty-day log on the primary (a write), then runs `fn` on the streaming replica once it has
 * replayed that far, or on the primary when the replica lags past the limit or is down.
 */
export async function readReport<T>(ctx: Pick<AppContext, 'db' | 'replica'>, fn: (db: Db) => Promise<T>) {
  await refreshSummary(ctx.db);
  return onReader(ctx, (db) => fn(db));
}

/** Scalar figures by KPI id, plus the channel split. */
export interface Figures {
  [kpi: string]: number | null | Record<string, number>;
  consultationsByChannel: Record<string, number>;
}

/** How figures are computed: the summary tables (default) or the source tables (the peer). */
export type FigureMode = 'summary' | 'live';

function derive(scalars: Record<string, number | null>): Record<string, number | null> {
  const out = { ...scalars };
  for (const k of KPIS) if (k.derive) out[k.id] = k.derive(out);
  return out;
}

/**
 * Every KPI for one filter. The summary path reads report_monthly and report_daily (whole months
 * and the days at the ends), report_daily_postings and report_daily_employers, three queries
 * side by side (and would run live any KPI not in SUMMARY_KPIS); the live path runs each
 * definition's own SQL. Both give the same numbers (reports.test.ts, reports.summary.test.ts).
 */
export async function computeFigures(db: Db, f: KpiFilter, mode: FigureMode = 'summary'): Promise<Figures> {
  if (mode === 'summary' && summaryServes(f)) {
    const liveOnly = KPIS.filter((k) => k.live && !SUMMARY_KPIS.includes(k.id));
    const [s, ...rest] = await Promise.all([summaryFigures(db, f), ...liveOnly.map((k) => k.live!(db, f))]);
    const scalars = { ...s.scalars };
    liveOnly.forEach((k, i) => {
      scalars[k.id] = rest[i]!;
    });
    return { ...derive(scalars), consultationsByChannel: s.byChannel };
  }
  const withLive = KPIS.filter((k) => k.live);
  const [values, parts] = await Promise.all([
    Promise.all(withLive.map((k) => k.live!(db, f))),
    KPIS.find((k) => k.liveParts)!.liveParts!(db, f),
  ]);
  const scalars: Record<string, number | null> = {};
  withLive.forEach((k, i) => {
    scalars[k.id] = values[i]!;
  });
  return { ...derive(scalars), consultationsByChannel: parts };
}

/** Change in percent from the previous year, one decimal; null when there is no base. */
export function changePercent(now: unknown, before: unknown): number | null {
  if (typeof now !== 'number' || typeof before !== 'number' || before === 0) return null;
  return Math.round(((now - before) * 1000) / before) / 10;
}

/** The KPI definitions as the API and page show them, in one language or both. */
export function presentDefinitions() {
  return KPIS.map((k) => ({
    id: k.id,
    name: k.name,
    unit: k.unit,
    definition: k.definition,
    counts: k.counts,
    edgeCases: k.edgeCases,
    dimensions: k.dimensions,
  }));
}

async function targetsFor(db: Db, centreId: string | null, f: KpiFilter, figures: Figures) {
  if (!centreId || f.from.slice(0, 4) !== f.to.slice(0, 4)) return {};
  const rows = await db
    .selectFrom('centre_targets')
    .select(['kpi', 'target'])
    .where('centre_id', '=', centreId)
    .where('year', '=', Number(f.from.slice(0, 4)))
    .execute();
  const out: Record<string, { target: number; actual: number | null; progress: number | null }> = {};
  for (const r of rows) {
    const target = Number(r.target);
    const v = figures[r.kpi];
    const actual = typeof v === 'number' ? v : null;
    out[r.kpi] = {
      target,
      actual,
      progress: actual === null || target === 0 ? null : Math.round((actual * 1000) / target) / 10,
    };
  }
  return out;
}

/** GET /reports/kpi: this period, the same period a year earlier, targets and definitions. */
export async function getKpiReport(db: Db, actor: Actor, q: ReportQuery, opts: { mode?: FigureMode } = {}) {
  const { filter, centreId } = await resolveFilter(db, actor, q);
  return kpiReportFor(db, filter, centreId, opts.mode);
}

/** The report for an already-resolved filter (used by exports, the page and the bench). */
export async function kpiReportFor(db: Db, filter: KpiFilter, centreId: string | null, mode?: FigureMode) {
  if (mode !== 'live') await refreshSummary(db);
  const prev = previousYearOf(filter);
  const [figures, previousYear] = await Promise.all([
    computeFigures(db, filter, mode),
    computeFigures(db, prev, mode),
  ]);
  const change = Object.fromEntries(
    SCALAR_KPI_IDS.map((id) => [id, changePercent(figures[id], previousYear[id])]),
  );
  return {
    from: filter.from,
    to: filter.to,
    centreId,
    filters: {
      targetGroup: filter.targetGroup ?? null,
      occupation: filter.occupation ?? null,
      regionCode: filter.regionCode ?? null,
    },
    figures,
    previousYear: { from: prev.from, to: prev.to, ...previousYear },
    change,
    targets: await targetsFor(db, centreId, filter, figures),
    definitions: presentDefinitions(),
  };
}

export type KpiReport = Awaited<ReturnType<typeof kpiReportFor>>;

/** A label for a breakdown key in the language (codes → names, centre ids → centre names). */
export async function labelRows(db: Db, by: BreakdownBy, rows: BreakdownRow[], lang: Lang) {
  const centres =
    by === 'centre'
      ? await centreNames(
          db,
          rows.map((x) => x.key),
        )
      : new Map<string, string>();
  const set = { targetGroup: 'target-groups', occupation: 'occupations', region: 'regions' } as const;
  return rows.map((r) => {
    let label = r.key;
    if (by === 'centre') label = centres.get(r.key) ?? r.key;
    else if (by === 'channel') label = channelLabel(r.key, lang);
    else if (by in set) {
      const c = r.key ? findCode(set[by as keyof typeof set], r.key) : null;
      label = c ? (lang === 'en' ? c.nameEn : c.name) : lang === 'en' ? '(none)' : '(없음)';
    }
    const figures: Record<string, number | null> = { ...r.figures };
    if ('seekersRegistered' in r.figures)
      figures.successRate = KPIS.find((k) => k.id === 'successRate')!.derive!(figures);
    return { key: r.key, label, figures };
  });
}

const channelNames: Record<string, [string, string]> = {
  visit: ['방문', 'Visit'],
  phone: ['전화', 'Phone'],
  online: ['온라인', 'Online'],
  mobile_desk: ['찾아가는 상담실', 'Mobile desk'],
  group: ['집단상담', 'Group'],
};

/** Korean or English name of a counselling channel. */
export function channelLabel(c: string, lang: Lang): string {
  const n = channelNames[c];
  return n ? (lang === 'en' ? n[1] : n[0]) : c;
}

/** Breakdown rows for an already-resolved filter. */
export async function breakdownFor(db: Db, f: KpiFilter, by: BreakdownBy, lang: Lang) {
  await refreshSummary(db);
  const rows = summaryServes(f) ? await summaryBreakdown(db, f, by) : await liveBreakdown(db, f, by);
  return labelRows(db, by, rows, lang);
}

/** GET /reports/breakdown?by=…: the figures per month, channel, target group, occupation, region or centre. */
export async function getBreakdown(db: Db, actor: Actor, q: ReportQuery & { by: BreakdownBy }, lang: Lang) {
  const { filter, centreId } = await resolveFilter(db, actor, q);
  return {
    by: q.by,
    from: filter.from,
    to: filter.to,
    centreId,
    items: await breakdownFor(db, filter, q.by, lang),
  };
}

/** GET /reports/funnel: referral → interview → hired for the referrals created in the period. */
export async function getFunnel(db: Db, actor: Actor, q: ReportQuery) {
  const { filter, centreId } = await resolveFilter(db, actor, q);
  await refreshSummary(db);
  const f = await computeFigures(db, filter);
  return {
    from: filter.from,
    to: filter.to,
    centreId,
    referred: f.referrals as number,
    interviewed: f.referralsInterviewed as number,
    hired: f.referralsHired as number,
  };
}

/** Targets of one centre and year. */
export async function getTargets(db: Db, actor: Actor, centreId: string, year: number) {
  if (!inScope(actor, centreId)) throw new DomainError('not_found', 'reports.centreNotFound');
  const rows = await db
    .selectFrom('centre_targets')
    .select(['kpi', 'target'])
    .where('centre_id', '=', centreId)
    .where('year', '=', year)
    .execute();
  return { centreId, year, targets: Object.fromEntries(rows.map((r) => [r.kpi, Number(r.target)])) };
}

/**
 * PUT /reports/targets/{centreId}/{year}: replaces the centre's targets for the year. Managers
 * of the centre (or of a centre above it) and admins; others 403, centres out of scope 404.
 */
export async function setTargets(
  db: Db,
  actor: Actor,
  centreId: string,
  year: number,
  targets: Record<string, number>,
) {
  if (!inScope(actor, centreId)) throw new DomainError('not_found', 'reports.centreNotFound');
  if (actor.role !== 'admin' && actor.role !== 'manager') {
    throw new DomainError('forbidden', 'reports.targetsManagers');
  }
  if (!(await centreExists(db, centreId))) throw new DomainError('not_found', 'reports.centreNotFound');
  const bad = Object.keys(targets).filter((k) => !SCALAR_KPI_IDS.includes(k));
  if (bad.length) {
    throw invalid(bad.map((k) => ({ field: `targets.${k}`, key: 'reports.unknownKpi', params: { kpi: k } })));
  }
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('centre_targets')
      .where('centre_id', '=', centreId)
      .where('year', '=', year)
      .execute();
    const values = Object.entries(targets).map(([kpi, target]) => ({
      centre_id: centreId,
      year,
      kpi,
      target,
      updated_by: actor.userId,
      updated_at: sql<Date>`now()`,
    }));
    if (values.length) await tx.insertInto('centre_targets').values(values).execute();
  });
  return getTargets(db, actor, centreId, year);
}
