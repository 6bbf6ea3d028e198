import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { DomainError, invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireSeeker } from '../seekers/access.service.ts';
import {
  nameOf,
  SUIT_CATEGORIES,
  SUIT_GENDERS,
  type SuitCategory,
  type SuitGender,
  sizeBand,
} from './bookings.codes.ts';
import { daysBetween } from './bookings.slots.ts';
import {
  findItems,
  findRental,
  findRentals,
  insertItem,
  insertRental,
  itemsByIds,
  itemsOut,
  markReturned,
  rentalItems,
  stockRows,
} from './suits.repository.ts';
import './bookings.messages.ts';

type Item = Awaited<ReturnType<typeof itemsByIds>>[number];

function presentItem(i: Item & { rental_id?: string | null; due_on?: string | null }, lang: Lang = 'ko') {
  return {
    id: i.id,
    centreId: i.centre_id,
    code: i.code,
    category: i.category,
    categoryName: nameOf(SUIT_CATEGORIES, i.category, lang),
    gender: i.gender,
    genderName: nameOf(SUIT_GENDERS, i.gender, lang),
    size: i.size,
    sizeBand: sizeBand(i.category, i.size),
    colour: i.colour,
    status: i.status,
    out: Boolean(i.rental_id),
    rentalId: i.rental_id ?? null,
    dueOn: i.due_on ?? null,
  };
}

function centreFor(ctx: RequestContext, requested?: string): string {
  const centreId = ctx.actor.centreScope === null ? (requested ?? ctx.actor.centreId) : ctx.actor.centreId;
  if (!centreId) throw invalid([{ field: 'centreId', key: 'booking.centreRequired' }]);
  if (requested && !inScope(ctx.actor, requested)) throw notFound('calendar.centreNotFound');
  return centreId;
}

/** A suit desk adds an item (API: POST /suits); its code is unique within the centre. */
export async function createSuitItem(
  ctx: RequestContext,
  o: {
    code: string;
    category: SuitCategory;
    gender: SuitGender;
    size: string;
    colour?: string;
    centreId?: string;
  },
) {
  authorize(ctx.actor, 'suits.manage');
  const code = o.code.trim();
  const size = o.size.trim();
  const problems = [];
  if (!code) problems.push({ field: 'code', key: 'field.required' });
  if (!size) problems.push({ field: 'size', key: 'field.required' });
  if (problems.length) throw invalid(problems);
  try {
    const row = await insertItem(ctx.db, {
      id: uuidv7(),
      centreId: centreFor(ctx, o.centreId),
      code,
      category: o.category,
      gender: o.gender,
      size,
      colour: o.colour?.trim() || null,
      createdBy: ctx.actor.userId,
    });
    return presentItem(row, ctx.lang);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new DomainError('conflict', 'suit.codeTaken');
    throw e;
  }
}

export async function listSuitItems(
  ctx: RequestContext,
  o: {
    available?: boolean;
    category?: SuitCategory;
    size?: string;
    gender?: SuitGender;
    offset: number;
    limit: number;
  },
) {
  authorize(ctx.actor, 'suits.manage');
  const { offset, limit, ...f } = o;
  const { rows, total } = await findItems(
    ctx.db,
    { centreIds: ctx.actor.centreScope, ...f },
    { offset, limit },
  );
  return { items: rows.map((r) => presentItem(r, ctx.lang)), total };
}

type Rental = NonNullable<Awaited<ReturnType<typeof findRental>>>;

async function presentRentals(ctx: RequestContext, rows: Rental[]) {
  const items = await rentalItems(
    ctx.db,
    rows.map((r) => r.id),
  );
  const today = seoulToday();
  return rows.map((r) => ({
    id: r.id,
    centreId: r.centre_id,
    seekerId: r.seeker_id,
    from: r.from_on,
    dueOn: r.due_on,
    returnedOn: r.returned_on,
    overdue: r.returned_on === null && r.due_on < today,
    note: r.note,
    items: items
      .filter((i) => i.rental_id === r.id)
      .map((i) => ({
        id: i.id,
        code: i.code,
        category: i.category,
        categoryName: nameOf(SUIT_CATEGORIES, i.category, ctx.lang),
        gender: i.gender,
        size: i.size,
      })),
  }));
}

/**
 * Lends a set of items to a seeker of the staff's centre (API: POST /suit-rentals). An item
 * already out answers 409 `suit.itemOut`: the database's partial unique index decides, so two
 * desks lending the same jacket at once cannot both succeed.
 */
export async function createSuitRental(
  ctx: RequestContext,
  o: { seekerId: string; itemIds: string[]; from: string; dueOn: string; note?: string },
) {
  authorize(ctx.actor, 'suits.manage');
  const problems = [];
  if (!isRealDate(o.from)) problems.push({ field: 'from', key: 'field.date' });
  if (!isRealDate(o.dueOn)) problems.push({ field: 'dueOn', key: 'field.date' });
  else if (isRealDate(o.from) && (o.dueOn < o.from || daysBetween(o.from, o.dueOn) > 60)) {
    problems.push({ field: 'dueOn', key: 'suit.dueRange' });
  }
  if (problems.length) throw invalid(problems);
  const ids = [...new Set(o.itemIds)];
  const items = await itemsByIds(ctx.db, ids);
  if (items.length !== ids.length || items.some((i) => !inScope(ctx.actor, i.centre_id))) {
    throw notFound('suit.itemNotFound');
  }
  const unavailable = items.filter((i) => i.status !== 'available');
  if (unavailable.length) {
    const codes = unavailable.map((i) => i.code).join(', ');
    throw new DomainError('validation', 'suit.itemUnavailable', { codes }, [
      { field: 'itemIds', key: 'suit.itemUnavailable', params: { codes } },
    ]);
  }
  const seeker = await requireSeeker(ctx, o.seekerId, 'counsel');
  const centreId = (items[0] as Item).centre_id;
  try {
    const row = await ctx.db.transaction().execute((trx) =>
      insertRental(trx, {
        id: uuidv7(),
        centreId,
        seekerId: seeker.seeker.id,
        fromOn: o.from,
        dueOn: o.dueOn,
        note: o.note?.trim() || null,
        createdBy: ctx.actor.userId,
        itemIds: ids,
      }),
    );
    return (await presentRentals(ctx, [row]))[0];
  } catch (e) {
    if ((e as { code?: string }).code === '23505') {
      const codes = (await itemsOut(ctx.db, ids)).map((i) => i.code).join(', ');
      throw new DomainError('conflict', 'suit.itemOut', { codes });
    }
    throw e;
  }
}

/** The items come back (API: POST /suit-rentals/{id}/return); they may be lent again at once. */
export async function returnSuitRental(ctx: RequestContext, o: { id: string; on?: string }) {
  authorize(ctx.actor, 'suits.manage');
  const on = o.on ?? seoulToday();
  if (!isRealDate(on)) throw invalid([{ field: 'on', key: 'field.date' }]);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await findRental(trx, o.id, true);
    if (!r || !inScope(ctx.actor, r.centre_id)) throw notFound('suit.rentalNotFound');
    if (r.returned_on) throw new DomainError('conflict', 'suit.returned');
    if (on < r.from_on) throw invalid([{ field: 'on', key: 'suit.returnBeforeStart' }]);
    return markReturned(trx, r.id, on);
  });
  return (await presentRentals(ctx, [row]))[0];
}

/** Rentals of the staff's centres: open ones, or those past their due day (overdue list). */
export async function listSuitRentals(
  ctx: RequestContext,
  o: { open?: boolean; overdue?: boolean; seekerId?: string; offset: number; limit: number },
) {
  authorize(ctx.actor, 'suits.manage');
  const { rows, total } = await findRentals(
    ctx.db,
    {
      centreIds: ctx.actor.centreScope,
      open: o.open,
      overdueOn: o.overdue ? seoulToday() : undefined,
      seekerId: o.seekerId,
    },
    { offset: o.offset, limit: o.limit },
  );
  return { items: await presentRentals(ctx, rows), total };
}

/** Stock by category, gender and size band: in service, out now, free (OpenCloset #1214). */
export async function suitStock(ctx: RequestContext) {
  authorize(ctx.actor, 'suits.manage');
  const bands = new Map<
    string,
    { category: SuitCategory; gender: SuitGender; band: string; total: number; out: number }
  >();
  for (const r of await stockRows(ctx.db, ctx.actor.centreScope)) {
    const band = sizeBand(r.category, r.size);
    const key = `${r.category}|${r.gender}|${band}`;
    const b = bands.get(key) ?? { category: r.category, gender: r.gender, band, total: 0, out: 0 };
    b.total += r.total;
    b.out += r.out;
    bands.set(key, b);
  }
  return [...bands.values()]
    .sort(
      (a, b) =>
        a.category.localeCompare(b.category) ||
        a.gender.localeCompare(b.gender) ||
        a.band.localeCompare(b.band, 'en', { numeric: true }),
    )
    .map((b) => ({
      ...b,
      categoryName: nameOf(SUIT_CATEGORIES, b.category, ctx.lang),
      genderName: nameOf(SUIT_GENDERS, b.gender, ctx.lang),
      free: b.total - b.out,
    }));
}
