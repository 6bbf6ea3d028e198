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

/**
 * Recomputes the hash chain in order and reports the first row whose hash does not match,
 * which is where someone changed or removed rows behind the application's back.
 */
export async function verifyChain(db: Db): Promise<{ ok: boolean; rows: number; brokenAt: string | null }> {
  const rows = await sql<{
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
  }>`SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at_text, actor_id, ip, action,
       subject_type, subject_id, centre_id, reason, prev_hash, hash
     FROM access_log ORDER BY at, id`.execute(db);
  // Rows are chained in commit order, which `at, id` approximates; follow the links instead.
  const byPrev = new Map(rows.rows.map((r) => [r.prev_hash, r]));
  const head = await db.selectFrom('access_log_head').select('hash').executeTakeFirstOrThrow();
  const hashes = new Set(rows.rows.map((r) => r.hash));
  const starts = rows.rows.filter((r) => !hashes.has(r.prev_hash));
  let count = 0;
  let cur = starts.length === 1 ? starts[0] : rows.rows.length === 0 ? undefined : null;
  if (cur === null) return { ok: false, rows: rows.rows.length, brokenAt: starts[1]?.id ?? null };
  let last = rows.rows.length ? '' : head.hash;
  while (cur) {
    const expect = createHash('sha256')
      .update(
        [
          cur.prev_hash,
          cur.id,
          cur.at_text,
          cur.actor_id ?? '',
          cur.ip ?? '',
          cur.action,
          cur.subject_type,
          cur.subject_id,
          cur.centre_id ?? '',
          cur.reason ?? '',
        ].join('|'),
        'utf8',
      )
      .digest('hex');
    if (expect !== cur.hash) return { ok: false, rows: rows.rows.length, brokenAt: cur.id };
    count++;
    last = cur.hash;
    cur = byPrev.get(cur.hash);
  }
  const ok = count === rows.rows.length && last === head.hash;
  return { ok, rows: rows.rows.length, brokenAt: ok ? null : null };
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
