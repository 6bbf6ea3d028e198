import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { RequestStatus } from './programmes.codes.ts';
import type { InstitutionRequestTable } from './programmes.tables.ts';
import './programmes.tables.ts';

// The SQL of institution requests (기관 요청; features/programmes owns the table).

const COLUMNS = [
  'id',
  'reference_no',
  'centre_id',
  'institution_name',
  'institution_kind',
  'contact_name',
  'contact_phone_enc',
  'contact_email_enc',
  'topic',
  'headcount',
  'message',
  'status',
  'decided_by',
  'decided_at',
  'decline_reason',
  'copied_from',
  'created_at',
] as const;

const withDates = (db: Db) =>
  db
    .selectFrom('institution_requests as r')
    .select(COLUMNS.map((c) => `r.${c}` as const))
    .select(sql<string[]>`r.preferred_dates::text[]`.as('preferred_dates'))
    .select((eb) =>
      eb
        .selectFrom('programmes as p')
        .select('p.id')
        .whereRef('p.institution_request_id', '=', 'r.id')
        .as('programme_id'),
    );

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export async function insertRequest(db: Db, row: Insertable<InstitutionRequestTable>) {
  await db.insertInto('institution_requests').values(row).execute();
}

export async function findRequest(db: Db, id: string, opts: { lock?: boolean } = {}) {
  let q = withDates(db).where('r.id', '=', id);
  if (opts.lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}

export async function findRequests(
  db: Db,
  f: { centreIds: readonly string[] | null; status?: RequestStatus; offset: number; limit: number },
) {
  let q = withDates(db);
  if (f.centreIds)
    q = q.where(
      'r.centre_id',
      'in',
      f.centreIds.length ? f.centreIds : ['00000000-0000-0000-0000-000000000000'],
    );
  if (f.status) q = q.where('r.status', '=', f.status);
  const [items, total] = await Promise.all([
    q.orderBy('r.created_at', 'desc').orderBy('r.id').offset(f.offset).limit(f.limit).execute(),
    db
      .selectFrom('institution_requests as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .$if(!!f.centreIds, (qb) =>
        qb.where(
          'r.centre_id',
          'in',
          f.centreIds?.length ? f.centreIds : ['00000000-0000-0000-0000-000000000000'],
        ),
      )
      .$if(!!f.status, (qb) => qb.where('r.status', '=', f.status as RequestStatus))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function decideRequest(
  db: Db,
  id: string,
  o: { status: 'accepted' | 'declined'; by: string; reason?: string | null },
) {
  return db
    .updateTable('institution_requests')
    .set({ status: o.status, decided_by: o.by, decided_at: new Date(), decline_reason: o.reason ?? null })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .returning('id')
    .executeTakeFirst();
}

/**
 * Requests from one source in the last hour, counted under a transaction-scoped advisory lock
 * on the source, so concurrent submissions are counted one after another (every process).
 */
export async function recentFromSource(
  db: Db,
  sourceHash: string,
): Promise<{ n: number; oldest: Date | null }> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`institution_request:${sourceHash}`}, 0))`.execute(
    db,
  );
  const r = await sql<{ n: number; oldest: Date | null }>`
    SELECT count(*)::int AS n, min(created_at) AS oldest FROM institution_requests
    WHERE source_hash = ${sourceHash} AND created_at > now() - interval '1 hour'`.execute(db);
  return r.rows[0] ?? { n: 0, oldest: null };
}
