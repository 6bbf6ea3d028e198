import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { CounsellingTable } from './counselling.tables.ts';

/** An id no centre has: keeps `IN (…)` valid for an actor with an empty scope. */
const NO_CENTRE = '00000000-0000-0000-0000-000000000000';

/** Restricts a query on a table with `centre_id` to the actor's centres (null scope = all). */
export function scopeIds(actor: Actor): string[] | null {
  if (actor.centreScope === null) return null;
  return actor.centreScope.length ? [...actor.centreScope] : [NO_CENTRE];
}

export async function insertCounselling(db: Db, rows: Insertable<CounsellingTable>[]) {
  if (rows.length) await db.insertInto('counselling').values(rows).execute();
}

export async function listBySeeker(
  db: Db,
  seekerId: string,
  q: { offset: number; limit: number; id?: string },
) {
  let base = db.selectFrom('counselling as c').where('c.seeker_id', '=', seekerId);
  if (q.id) base = base.where('c.id', '=', q.id);
  const [rows, count] = await Promise.all([
    base
      .select([
        'c.id',
        'c.seeker_id',
        'c.centre_id',
        'c.at',
        'c.channel',
        'c.type',
        'c.title',
        'c.notes',
        'c.next_contact_at',
        'c.counsellor_id',
        'c.desk_session_id',
        'c.created_at',
      ])
      .orderBy('c.at', 'desc')
      .orderBy('c.id', 'desc')
      .offset(q.offset)
      .limit(q.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The newest `limit` records of a seeker and their number, in one statement (no names). */
export async function timeline(db: Db, seekerId: string, limit: number) {
  const rows = await db
    .selectFrom('counselling as c')
    .selectAll('c')
    .select(sql<number>`count(*) OVER ()`.as('total'))
    .where('c.seeker_id', '=', seekerId)
    .orderBy('c.at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

/** The seeker and next contact of one counselling record, or undefined. */
export function findOne(db: Db, id: string) {
  return db
    .selectFrom('counselling')
    .select(['id', 'seeker_id', 'next_contact_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
