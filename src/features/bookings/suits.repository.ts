import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { SuitCategory, SuitGender } from './bookings.codes.ts';
import './bookings.tables.ts';

const itemColumns = ['id', 'centre_id', 'code', 'category', 'gender', 'size', 'colour', 'status'] as const;

export function insertItem(
  db: Db,
  i: {
    id: string;
    centreId: string;
    code: string;
    category: SuitCategory;
    gender: SuitGender;
    size: string;
    colour: string | null;
    createdBy: string | null;
  },
) {
  return db
    .insertInto('suit_items')
    .values({
      id: i.id,
      centre_id: i.centreId,
      code: i.code,
      category: i.category,
      gender: i.gender,
      size: i.size,
      colour: i.colour,
      created_by: i.createdBy,
    })
    .returning(itemColumns)
    .executeTakeFirstOrThrow();
}

/** Items of some centres, each with whether it is out now (and until when). */
export async function findItems(
  db: Db,
  f: {
    centreIds: readonly string[] | null;
    available?: boolean;
    category?: SuitCategory;
    size?: string;
    gender?: SuitGender;
  },
  page: { offset: number; limit: number },
) {
  let q = db
    .selectFrom('suit_items as i')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('suit_rental_items as ri')
          .innerJoin('suit_rentals as r', 'r.id', 'ri.rental_id')
          .select(['ri.item_id', 'r.id as rental_id', 'r.due_on'])
          .where('ri.returned', '=', false)
          .as('o'),
      (j) => j.onRef('o.item_id', '=', 'i.id'),
    )
    .select(itemColumns.map((c) => `i.${c}` as const))
    .select(['o.rental_id', 'o.due_on'])
    .select((eb) => eb.fn.countAll<number>().over().as('total'));
  if (f.centreIds) q = q.where('i.centre_id', 'in', f.centreIds.length ? f.centreIds : ['']);
  if (f.available) q = q.where('o.rental_id', 'is', null).where('i.status', '=', 'available');
  if (f.category) q = q.where('i.category', '=', f.category);
  if (f.size) q = q.where('i.size', '=', f.size);
  if (f.gender) q = q.where('i.gender', '=', f.gender);
  const rows = await q
    .orderBy('i.category')
    .orderBy('i.code')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { rows, total: rows.length ? Number(rows[0].total) : 0 };
}

export function itemsByIds(db: Db, ids: string[]) {
  return db
    .selectFrom('suit_items')
    .select(itemColumns)
    .where('id', 'in', ids.length ? ids : [''])
    .execute();
}

export async function insertRental(
  db: Db,
  r: {
    id: string;
    centreId: string;
    seekerId: string;
    fromOn: string;
    dueOn: string;
    note: string | null;
    createdBy: string | null;
    itemIds: string[];
  },
) {
  const rental = await db
    .insertInto('suit_rentals')
    .values({
      id: r.id,
      centre_id: r.centreId,
      seeker_id: r.seekerId,
      from_on: r.fromOn,
      due_on: r.dueOn,
      note: r.note,
      created_by: r.createdBy,
    })
    .returning(['id', 'centre_id', 'seeker_id', 'from_on', 'due_on', 'returned_on', 'note', 'created_at'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('suit_rental_items')
    .values(r.itemIds.map((item_id) => ({ rental_id: r.id, item_id, centre_id: r.centreId })))
    .execute();
  return rental;
}

/** The items of the given ones that are out in an open rental now (codes, for the 409). */
export async function itemsOut(db: Db, ids: string[]) {
  return db
    .selectFrom('suit_rental_items as ri')
    .innerJoin('suit_items as i', 'i.id', 'ri.item_id')
    .select('i.code')
    .where('ri.item_id', 'in', ids.length ? ids : [''])
    .where('ri.returned', '=', false)
    .execute();
}

export function findRental(db: Db, id: string, lock = false) {
  let q = db
    .selectFrom('suit_rentals')
    .select(['id', 'centre_id', 'seeker_id', 'from_on', 'due_on', 'returned_on', 'note', 'created_at'])
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function markReturned(db: Db, id: string, on: string) {
  await db.updateTable('suit_rental_items').set({ returned: true }).where('rental_id', '=', id).execute();
  return db
    .updateTable('suit_rentals')
    .set({ returned_on: on })
    .where('id', '=', id)
    .returning(['id', 'centre_id', 'seeker_id', 'from_on', 'due_on', 'returned_on', 'note', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function rentalItems(db: Db, rentalIds: string[]) {
  if (rentalIds.length === 0) return [];
  return db
    .selectFrom('suit_rental_items as ri')
    .innerJoin('suit_items as i', 'i.id', 'ri.item_id')
    .select(['ri.rental_id', 'i.id', 'i.code', 'i.category', 'i.gender', 'i.size'])
    .where('ri.rental_id', 'in', rentalIds)
    .orderBy('i.category')
    .execute();
}

/** Rentals of some centres: open ones (overdue first when asked), or all in a period. */
export async function findRentals(
  db: Db,
  f: { centreIds: readonly string[] | null; open?: boolean; overdueOn?: string; seekerId?: string },
  page: { offset: number; limit: number },
) {
  let q = db
    .selectFrom('suit_rentals')
    .select(['id', 'centre_id', 'seeker_id', 'from_on', 'due_on', 'returned_on', 'note', 'created_at'])
    .select((eb) => eb.fn.countAll<number>().over().as('total'));
  if (f.centreIds) q = q.where('centre_id', 'in', f.centreIds.length ? f.centreIds : ['']);
  if (f.open || f.overdueOn) q = q.where('returned_on', 'is', null);
  if (f.overdueOn) q = q.where('due_on', '<', f.overdueOn);
  if (f.seekerId) q = q.where('seeker_id', '=', f.seekerId);
  const rows = await q.orderBy('due_on').orderBy('id').offset(page.offset).limit(page.limit).execute();
  return { rows, total: rows.length ? Number(rows[0].total) : 0 };
}

/** Stock per category, gender and size: items in service, and how many of them are out now. */
export async function stockRows(db: Db, centreIds: readonly string[] | null) {
  const r = await sql<{
    category: SuitCategory;
    gender: SuitGender;
    size: string;
    total: number;
    out: number;
  }>`
    SELECT i.category, i.gender, i.size, count(*)::int AS total,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM suit_rental_items ri
                                          WHERE ri.item_id = i.id AND NOT ri.returned))::int AS out
      FROM suit_items i
     WHERE i.status = 'available'
       AND (${centreIds === null}::boolean OR i.centre_id = ANY(${centreIds ?? []}::uuid[]))
     GROUP BY 1, 2, 3`.execute(db);
  return r.rows;
}

/** Suit rentals starting in [from, to], their items, and those overdue on `today`. */
export async function rentalCounts(
  db: Db,
  centreIds: readonly string[] | null,
  from: string,
  to: string,
  today: string,
) {
  const r = await sql<{ rentals: number; items: number; overdue: number }>`
    SELECT
      (SELECT count(*)::int FROM suit_rentals r WHERE r.from_on BETWEEN ${from} AND ${to}
         AND (${centreIds === null}::boolean OR r.centre_id = ANY(${centreIds ?? []}::uuid[]))) AS rentals,
      (SELECT count(*)::int FROM suit_rental_items ri JOIN suit_rentals r ON r.id = ri.rental_id
        WHERE r.from_on BETWEEN ${from} AND ${to}
          AND (${centreIds === null}::boolean OR r.centre_id = ANY(${centreIds ?? []}::uuid[]))) AS items,
      (SELECT count(*)::int FROM suit_rentals r WHERE r.returned_on IS NULL AND r.due_on < ${today}
         AND (${centreIds === null}::boolean OR r.centre_id = ANY(${centreIds ?? []}::uuid[]))) AS overdue`.execute(
    db,
  );
  return r.rows[0] ?? { rentals: 0, items: 0, overdue: 0 };
}
