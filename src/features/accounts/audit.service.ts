import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';

export interface AuditQuery {
  subjectId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

function scoped(db: Db, actor: Actor) {
  let q = db.selectFrom('access_log');
  // A manager reads the log of their own centres' data and of their own staff.
  if (actor.centreScope !== null) {
    const scope = actor.centreScope.length ? actor.centreScope : ['00000000-0000-0000-0000-000000000000'];
    q = q.where((eb) =>
      eb.or([
        eb('centre_id', 'in', scope),
        eb('actor_id', 'in', eb.selectFrom('users').select('id').where('centre_id', 'in', scope)),
      ]),
    );
  }
  return q;
}

/** Lists access-log rows, newest first, within the reader's scope. */
export async function listAccess(db: Db, actor: Actor, f: AuditQuery) {
  let q = scoped(db, actor);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action as 'view');
  if (f.from) q = q.where('at', '>=', sql<Date>`(${f.from}::date)::timestamp AT TIME ZONE 'Asia/Seoul'`);
  if (f.to) q = q.where('at', '<', sql<Date>`((${f.to}::date + 1)::timestamp) AT TIME ZONE 'Asia/Seoul'`);
  const [rows, total] = await Promise.all([
    q
      .select(['at', 'actor_id', 'actor_login', 'ip', 'action', 'subject_type', 'subject_id', 'reason'])
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorLogin: r.actor_login,
      ip: r.ip,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      reason: r.reason,
    })),
    total: Number(total.n),
  };
}

type ChainRow = {
  id: string;
  at_text: string;
  actor_id: string | null;
  ip: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  centre_id: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
};

export interface ChainCheck {
  /** the centre of the chain; null for the national chain (rows of no centre) and the old single one */
  centreId: string | null;
  /** true for the single chain of the rows written before migration 9701 */
  legacy: boolean;
  ok: boolean;
  rows: number;
  brokenAt: string | null;
}

const NIL = '00000000-0000-0000-0000-000000000000';

function rowHash(r: ChainRow): string {
  const fields = [r.prev_hash, r.id, r.at_text, r.actor_id ?? '', r.ip ?? '', r.action, r.subject_type];
  fields.push(r.subject_id, r.centre_id ?? '', r.reason ?? '');
  return createHash('sha256').update(fields.join('|'), 'utf8').digest('hex');
}

/**
 * Walks one chain back from its head: every row's hash must be recomputable from its fields and
 * its predecessor's hash, down to the chain's genesis (or to the oldest row left after the
 * retention job). A row off the walk was added, changed or orphaned behind the application.
 */
function walk(rows: ChainRow[], head: string, genesis: string): { ok: boolean; brokenAt: string | null } {
  const byHash = new Map(rows.map((r) => [r.hash, r]));
  let visited = 0;
  let cur = head === genesis ? undefined : byHash.get(head);
  while (cur) {
    if (rowHash(cur) !== cur.hash) return { ok: false, brokenAt: cur.id };
    visited++;
    if (cur.prev_hash === genesis) break;
    cur = byHash.get(cur.prev_hash);
  }
  if (visited === rows.length && (rows.length > 0 || head === genesis)) return { ok: true, brokenAt: null };
  const seen = new Set<string>();
  for (
    let r = head === genesis ? undefined : byHash.get(head);
    r && !seen.has(r.id);
    r = byHash.get(r.prev_hash)
  )
    seen.add(r.id);
  // The newest row the walk did not reach is where the chain was cut.
  const off = rows.filter((r) => !seen.has(r.id)).at(-1);
  return { ok: false, brokenAt: off?.id ?? null };
}

/**
 * Verifies the access log's hash chains: one per centre (migration 9701; rows of no centre on
 * the nil-uuid chain) and the single chain of the rows written before it. With `centreId`,
 * only that centre's chain. Reports the first row whose hash does not match, which is where
 * someone changed or removed rows behind the application's back.
 */
export async function verifyChain(
  db: Db,
  opts: { centreId?: string } = {},
): Promise<{ ok: boolean; rows: number; brokenAt: string | null; chains: ChainCheck[] }> {
  const key = opts.centreId ?? null;
  const rows = await sql<ChainRow & { chain: string | null }>`
    SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at_text, actor_id, ip, action,
       subject_type, subject_id, centre_id, reason, prev_hash, hash, chain
     FROM access_log ${key ? sql`WHERE chain = ${key}` : sql``} ORDER BY at, id`.execute(db);
  const heads = await db
    .selectFrom('access_log_heads')
    .select(['chain', 'genesis', 'hash'])
    .$if(key !== null, (q) => q.where('chain', '=', key!))
    .execute();
  const byChain = new Map<string | null, ChainRow[]>();
  for (const r of rows.rows) {
    const list = byChain.get(r.chain) ?? [];
    list.push(r);
    byChain.set(r.chain, list);
  }
  const chains: ChainCheck[] = [];
  if (key === null) {
    const legacy = await db.selectFrom('access_log_head').select('hash').executeTakeFirstOrThrow();
    const own = byChain.get(null) ?? [];
    chains.push({
      centreId: null,
      legacy: true,
      rows: own.length,
      ...walk(own, legacy.hash, '0'.repeat(64)),
    });
  }
  for (const h of heads) {
    const own = byChain.get(h.chain) ?? [];
    const centreId = h.chain === NIL ? null : h.chain;
    chains.push({ centreId, legacy: false, rows: own.length, ...walk(own, h.hash, h.genesis) });
  }
  // Rows on a chain that has no head were written behind the application's back.
  const headed = new Set<string | null>([...heads.map((h) => h.chain), ...(key === null ? [null] : [])]);
  for (const [chain, own] of byChain) {
    if (!headed.has(chain))
      chains.push({ centreId: chain, legacy: false, rows: own.length, ok: false, brokenAt: own[0]!.id });
  }
  const broken = chains.find((c) => !c.ok);
  return { ok: !broken, rows: rows.rows.length, brokenAt: broken?.brokenAt ?? null, chains };
}

/**
 * The monthly review (PIPC safeguards standard): every download and print, access at night
 * (22:00–06:00 KST), and accounts whose volume of views is far above their peers'.
 */
export async function monthlyReview(db: Db, actor: Actor, month: string) {
  const from = sql<Date>`(${`${month}-01`}::date)::timestamp AT TIME ZONE 'Asia/Seoul'`;
  const to = sql<Date>`((${`${month}-01`}::date + interval '1 month')::timestamp) AT TIME ZONE 'Asia/Seoul'`;
  const base = () => scoped(db, actor).where('at', '>=', from).where('at', '<', to);
  const present = (r: {
    at: Date;
    actor_login: string | null;
    action: string;
    subject_type: string;
    subject_id: string;
    reason: string | null;
    ip: string | null;
  }) => ({
    at: new Date(r.at).toISOString(),
    actorLogin: r.actor_login,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    reason: r.reason,
    ip: r.ip,
  });
  const cols = ['at', 'actor_login', 'action', 'subject_type', 'subject_id', 'reason', 'ip'] as const;
  const [downloads, night, volume] = await Promise.all([
    base().select(cols).where('action', 'in', ['download', 'print']).orderBy('at').limit(5000).execute(),
    base()
      .select(cols)
      .where(sql<boolean>`extract(hour from at AT TIME ZONE 'Asia/Seoul') NOT BETWEEN 6 AND 21`)
      .orderBy('at')
      .limit(5000)
      .execute(),
    base()
      .select(['actor_login', (eb) => eb.fn.countAll<number>().as('views')])
      .where('action', '=', 'view')
      .groupBy('actor_login')
      .execute(),
  ]);
  const counts = volume.map((v) => Number(v.views)).sort((a, b) => a - b);
  const median = counts.length ? counts[Math.floor(counts.length / 2)]! : 0;
  // Three times the median and at least 200 views: a busy counsellor is not flagged alone.
  const heavy = volume
    .filter((v) => Number(v.views) >= Math.max(200, median * 3))
    .map((v) => ({ actorLogin: v.actor_login, views: Number(v.views), medianViews: median }));
  return { month, downloads: downloads.map(present), outsideHours: night.map(present), heavyViewers: heavy };
}
