import { sql } from 'kysely';
import type { WorknetPullConfig } from '../../platform/config.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { importWorknetXml } from './worknet.import.ts';
import type { PullRejection, WorknetPullStatus } from './worknet-pulls.tables.ts';

// The scheduled pull of 고용24 postings (issue 21): page by page from the list API, each page
// through the same importer as an uploaded file (upsert by wantedAuthNo, jobsCd read as KECO
// 2025 through the code tables, rows with problems refused and counted), each run recorded in
// worknet_pulls with its counts and error.

/** Rows per page asked of the API (its maximum). */
export const PULL_PAGE_SIZE = 100;
/** A run still 'running' after this long lost its process (a page waits 60 s at most). */
const STALE_AFTER_HOURS = 3;
/** Refused rows kept per run for the admin page (the count has all). */
const KEEP_REJECTIONS = 50;

export interface PullRun {
  id: string;
  sourceUrl: string;
  status: WorknetPullStatus;
  pages: number;
  added: number;
  updated: number;
  unchanged: number;
  held: number;
  failed: number;
  rejections: PullRejection[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** The key must never reach the database or a log: it is cut out of anything recorded. */
function redact(text: string, key: string): string {
  return text.split(key).join('***').split(encodeURIComponent(key)).join('***').slice(0, 2000);
}

function errorText(err: unknown): string {
  if (err instanceof DomainError) return t('ko', err.key, err.params);
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}

/**
 * One run: marks a run whose process died as interrupted, starts a new one (null when another
 * is running: the partial unique index allows one), then reads pages until one comes back
 * short or `maxPages`. Each page commits on its own, so a failure keeps what came before; the
 * run ends 'done' or 'failed' with the error text (HTTP status, malformed XML, timeout).
 */
export async function pullWorknet(
  db: Db,
  ctx: { dataKey: Buffer },
  cfg: WorknetPullConfig,
  opts: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<PullRun | null> {
  const get = opts.fetch ?? fetch;
  await db
    .updateTable('worknet_pulls')
    .set({ status: 'interrupted', finished_at: new Date(), error: '프로세스가 끝나 중단됨 (interrupted)' })
    .where('status', '=', 'running')
    .where('started_at', '<', sql<Date>`now() - make_interval(hours => ${STALE_AFTER_HOURS})`)
    .execute();
  const id = uuidv7();
  try {
    await db.insertInto('worknet_pulls').values({ id, source_url: cfg.url }).execute();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return null;
    throw err;
  }
  const totals = { pages: 0, added: 0, updated: 0, unchanged: 0, held: 0, failed: 0 };
  const rejections: PullRejection[] = [];
  const save = (extra: { status?: WorknetPullStatus; error?: string } = {}) =>
    db
      .updateTable('worknet_pulls')
      .set({
        ...totals,
        rejections: JSON.stringify(rejections),
        ...(extra.status ? { status: extra.status, finished_at: new Date() } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      })
      .where('id', '=', id)
      .execute();
  try {
    for (let page = 1; page <= cfg.maxPages; page++) {
      const q = new URLSearchParams({
        authKey: cfg.key,
        callTp: 'L',
        returnType: 'XML',
        startPage: String(page),
        display: String(PULL_PAGE_SIZE),
      });
      const res = await get(`${cfg.url}?${q}`, {
        signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
        redirect: 'error',
      });
      const body = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status} (${page}쪽)`);
      const r = await importWorknetXml(db, ctx, null, body, undefined, {
        partial: true,
        kecoEdition: '2025',
      });
      totals.pages = page;
      totals.added += r.imported;
      totals.updated += r.updated;
      totals.unchanged += r.unchanged;
      totals.held += r.held.length;
      totals.failed += r.rejected.length;
      for (const x of r.rejected.slice(0, KEEP_REJECTIONS - rejections.length))
        rejections.push({ page, row: x.row, errors: x.errors });
      await save();
      const rows = r.imported + r.updated + r.unchanged + r.held.length + r.rejected.length;
      if (rows < PULL_PAGE_SIZE) break;
    }
    await save({ status: 'done' });
  } catch (err) {
    await save({ status: 'failed', error: redact(errorText(err), cfg.key) });
  }
  return (await listPulls(db, { ids: [id] })).items[0] ?? null;
}

/** Runs newest first (the admin page), or the ones asked for. */
export async function listPulls(db: Db, q: { offset?: number; limit?: number; ids?: string[] }) {
  let base = db.selectFrom('worknet_pulls');
  if (q.ids) base = base.where('id', 'in', q.ids.length ? q.ids : [uuidv7()]);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .offset(q.offset ?? 0)
      .limit(q.limit ?? 20)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map(
      (r): PullRun => ({
        id: r.id,
        sourceUrl: r.source_url,
        status: r.status,
        pages: r.pages,
        added: r.added,
        updated: r.updated,
        unchanged: r.unchanged,
        held: r.held,
        failed: r.failed,
        rejections: r.rejections,
        error: r.error,
        startedAt: r.started_at.toISOString(),
        finishedAt: r.finished_at?.toISOString() ?? null,
      }),
    ),
  };
}
