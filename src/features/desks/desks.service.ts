import { sql } from 'kysely';
import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreInScope } from '../accounts/centres.service.ts';
import { type ClosedDaysChange, closedDays, onClosedDaysAdded } from '../calendar/calendar.service.ts';
import './desks.messages.ts';

/** A list of sessions covers at most this many days. */
export const DESK_LIST_MAX_DAYS = 400;
const KST = 9 * 3_600_000;

const seoulDate = (d: Date) => new Date(d.getTime() + KST).toISOString().slice(0, 10);
const seoulTime = (d: Date) => new Date(d.getTime() + KST).toISOString().slice(11, 16);
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
/** The instant of a Seoul day and local time 'HH:MM[:SS]'. */
const at = (date: string, time: string) => new Date(`${date}T${time.slice(0, 5)}:00+09:00`);

export interface DeskInput {
  place: string;
  address: string;
  regionCode: string;
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  recurrence?: { byWeekday?: number[]; byMonthDays?: number[]; until: string } | null;
  note?: string | null;
  centreId?: string;
}

type DeskRow = {
  id: string;
  centre_id: string;
  place: string;
  address: string;
  region_code: string;
  opens_at: string;
  closes_at: string;
  capacity: number | null;
  by_weekday: number[];
  by_month_days: number[];
  valid_from: string;
  until: string;
  note: string | null;
};

function presentDesk(d: DeskRow) {
  return {
    id: d.id,
    centreId: d.centre_id,
    place: d.place,
    address: d.address,
    regionCode: d.region_code,
    opensAt: d.opens_at.slice(0, 5),
    closesAt: d.closes_at.slice(0, 5),
    capacity: d.capacity,
    recurrence: { byWeekday: d.by_weekday, byMonthDays: d.by_month_days, from: d.valid_from, until: d.until },
    note: d.note,
  };
}

/** Days of [from, until] the rule names, split into those the centre works and those it does not. */
async function ruleDates(
  db: Db,
  d: Pick<DeskRow, 'centre_id' | 'by_weekday' | 'by_month_days'>,
  from: string,
  until: string,
) {
  const off = new Map(
    (await closedDays({ db }, { centreId: d.centre_id, from, to: until })).map((c) => [c.date, c.name]),
  );
  const dates: string[] = [];
  const skipped: { date: string; name: string }[] = [];
  const days = new Set(d.by_weekday);
  const monthDays = new Set(d.by_month_days);
  for (let day = from; day <= until; day = addDays(day, 1)) {
    if (!days.has(weekday(day)) && !monthDays.has(Number(day.slice(8)))) continue;
    const name = off.get(day);
    if (name !== undefined) skipped.push({ date: day, name });
    else if (weekday(day) >= 6 && !days.has(weekday(day))) skipped.push({ date: day, name: '주말' });
    else dates.push(day);
  }
  return { dates, skipped };
}

async function insertSessions(tx: Db, d: DeskRow, dates: string[]) {
  if (!dates.length) return;
  await tx
    .insertInto('desk_sessions')
    .values(
      dates.map((date) => ({
        id: uuidv7(),
        desk_id: d.id,
        centre_id: d.centre_id,
        date,
        starts_at: at(date, d.opens_at),
        ends_at: at(date, d.closes_at),
      })),
    )
    .onConflict((oc) => oc.columns(['desk_id', 'date']).doNothing())
    .execute();
}

/**
 * Staff set up a mobile desk (API: POST /desks): the first session's day and times, and a rule
 * (weekdays or days of the month) up to `until` creating one session per date, holidays and the
 * centre's closures skipped and named in the answer; a day of the month on a weekend is skipped
 * too unless the rule names that weekday.
 */
export async function createDesk(ctx: RequestContext, o: DeskInput) {
  authorize(ctx.actor, 'desks.manage');
  if (o.centreId && !(await centreInScope(ctx.db, ctx.actor, o.centreId)))
    throw notFound('calendar.centreNotFound');
  const centreId = o.centreId ?? ctx.actor.centreId;
  const problems: FieldProblem[] = [];
  if (!centreId) problems.push({ field: 'centreId', key: 'desk.centreRequired' });
  const start = new Date(o.startsAt);
  const end = new Date(o.endsAt);
  if (Number.isNaN(start.getTime())) problems.push({ field: 'startsAt', key: 'field.invalid' });
  if (Number.isNaN(end.getTime())) problems.push({ field: 'endsAt', key: 'field.invalid' });
  else if (end <= start || seoulDate(end) !== seoulDate(start)) {
    problems.push({ field: 'endsAt', key: 'desk.endsBeforeStart' });
  }
  for (const f of ['place', 'address'] as const)
    if (!o[f].trim()) problems.push({ field: f, key: 'field.required' });
  if (!/^\d{2,10}$/.test(o.regionCode))
    problems.push({ field: 'regionCode', key: 'field.code', params: { code: o.regionCode } });
  const r = o.recurrence;
  if (r && !r.byWeekday?.length && !r.byMonthDays?.length)
    problems.push({ field: 'recurrence', key: 'desk.ruleRequired' });
  if (problems.length || !centreId) throw invalid(problems);
  const first = seoulDate(start);
  const until = r?.until ?? first;
  if (!isRealDate(until) || until < first || addDays(first, 400) < until) {
    throw invalid([{ field: 'recurrence.until', key: 'desk.until' }]);
  }
  const row: DeskRow = {
    id: uuidv7(),
    centre_id: centreId,
    place: o.place.trim(),
    address: o.address.trim(),
    region_code: o.regionCode,
    opens_at: seoulTime(start),
    closes_at: seoulTime(end),
    capacity: o.capacity ?? null,
    by_weekday: r ? [...new Set(r.byWeekday ?? [])].sort() : [weekday(first)],
    by_month_days: r ? [...new Set(r.byMonthDays ?? [])].sort((a, b) => a - b) : [],
    valid_from: first,
    until,
    note: o.note?.trim() || null,
  };
  const { dates, skipped } = await ruleDates(ctx.db, row, first, until);
  if (dates.length === 0) throw invalid([{ field: 'recurrence', key: 'desk.noDates' }]);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('mobile_desks')
      .values({ ...row, created_by: ctx.actor.userId })
      .execute();
    await insertSessions(tx, row, dates);
  });
  return {
    ...presentDesk(row),
    sessions: dates.map((d) => ({ date: d, startsAt: at(d, row.opens_at).toISOString() })),
    skipped,
  };
}

/**
 * Changes a desk (API: PATCH /desks/{id}): place, address, capacity, note, and `until` — a later
 * day adds the sessions up to it (holidays skipped), an earlier one cancels those after it.
 */
export async function updateDesk(
  ctx: RequestContext,
  o: {
    id: string;
    place?: string;
    address?: string;
    capacity?: number | null;
    note?: string | null;
    until?: string;
  },
) {
  authorize(ctx.actor, 'desks.manage');
  const d = await ctx.db.selectFrom('mobile_desks').selectAll().where('id', '=', o.id).executeTakeFirst();
  if (!d || !inScope(ctx.actor, d.centre_id)) throw notFound('desk.notFound');
  const problems: FieldProblem[] = [];
  if (o.place !== undefined && !o.place.trim()) problems.push({ field: 'place', key: 'field.required' });
  if (o.address !== undefined && !o.address.trim())
    problems.push({ field: 'address', key: 'field.required' });
  if (
    o.until !== undefined &&
    (!isRealDate(o.until) || o.until < d.valid_from || addDays(d.valid_from, 400) < o.until)
  ) {
    problems.push({ field: 'until', key: 'desk.until' });
  }
  if (problems.length) throw invalid(problems);
  const next: DeskRow = {
    ...d,
    place: o.place?.trim() ?? d.place,
    address: o.address?.trim() ?? d.address,
    capacity: o.capacity === undefined ? d.capacity : o.capacity,
    note: o.note === undefined ? d.note : o.note?.trim() || null,
    until: o.until ?? d.until,
  };
  const added = next.until > d.until ? await ruleDates(ctx.db, next, addDays(d.until, 1), next.until) : null;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('mobile_desks')
      .set({
        place: next.place,
        address: next.address,
        capacity: next.capacity,
        note: next.note,
        until: next.until,
        updated_at: new Date(),
      })
      .where('id', '=', d.id)
      .execute();
    if (added) await insertSessions(tx, next, added.dates);
    if (next.until < d.until) {
      await tx
        .updateTable('desk_sessions')
        .set({
          status: 'cancelled',
          cancelled_at: new Date(),
          cancel_reason: '운영 기간 단축',
          updated_at: new Date(),
        })
        .where('desk_id', '=', d.id)
        .where('date', '>', next.until)
        .where('status', '=', 'scheduled')
        .execute();
    }
  });
  return presentDesk(next);
}

/**
 * Sessions over Seoul days [from, to] with their desk (API: GET /desks, public): scheduled ones,
 * and cancelled ones with the reason, so that a person who planned to come learns why.
 */
export async function listDeskSessions(
  db: Db,
  o: { from: string; to: string; centreIds?: readonly string[] | null },
) {
  const problems: FieldProblem[] = [];
  if (!isRealDate(o.from)) problems.push({ field: 'from', key: 'field.date' });
  if (!isRealDate(o.to)) problems.push({ field: 'to', key: 'field.date' });
  else if (isRealDate(o.from) && (o.to < o.from || addDays(o.from, DESK_LIST_MAX_DAYS) < o.to)) {
    problems.push({ field: 'to', key: 'desk.range', params: { days: DESK_LIST_MAX_DAYS } });
  }
  if (problems.length) throw invalid(problems);
  const rows = await db
    .selectFrom('desk_sessions as s')
    .innerJoin('mobile_desks as d', 'd.id', 's.desk_id')
    .select([
      's.id',
      's.desk_id',
      's.centre_id',
      's.date',
      's.starts_at',
      's.ends_at',
      's.status',
      's.cancel_reason',
      's.updated_at',
    ])
    .select(['d.place', 'd.address', 'd.region_code', 'd.capacity', 'd.note'])
    .where('s.date', '>=', o.from)
    .where('s.date', '<=', o.to)
    .$if(!!o.centreIds, (q) => q.where(sql<boolean>`s.centre_id = ANY(${[...(o.centreIds ?? [])]}::uuid[])`))
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    deskId: r.desk_id,
    centreId: r.centre_id,
    date: r.date,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    status: r.status,
    cancelReason: r.cancel_reason,
    place: r.place,
    address: r.address,
    regionCode: r.region_code,
    capacity: r.capacity,
    note: r.note,
    updatedAt: r.updated_at.toISOString(),
  }));
}
export type DeskSession = Awaited<ReturnType<typeof listDeskSessions>>[number];

/**
 * A session a counselling record or a registration names (API: deskSessionId): it must exist,
 * lie in the actor's centres and not be cancelled; 400 naming `field` otherwise.
 */
export async function requireDeskSession(
  ctx: Pick<RequestContext, 'db'> & { actor: RequestContext['actor'] | null },
  id: string,
  field = 'deskSessionId',
): Promise<{ id: string; centreId: string; startsAt: Date }> {
  const s = await ctx.db
    .selectFrom('desk_sessions')
    .select(['id', 'centre_id', 'starts_at', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  // A null actor is the command-line import (`ilteo import counselling`), which acts for every centre.
  if (!s || (ctx.actor && !inScope(ctx.actor, s.centre_id)))
    throw invalid([{ field, key: 'desk.sessionNotFound' }]);
  if (s.status === 'cancelled') throw invalid([{ field, key: 'desk.sessionCancelled' }]);
  return { id: s.id, centreId: s.centre_id, startsAt: s.starts_at };
}

/**
 * A holiday or closure declared later cancels the scheduled sessions it falls on and says why,
 * in the declaration's transaction (the public page and the ICS feed change in the same step).
 */
export async function cancelSessionsOnClosedDays(tx: Db, change: ClosedDaysChange): Promise<number> {
  const names = await closedDays({ db: tx }, { centreId: change.centreId, from: change.from, to: change.to });
  let n = 0;
  for (const c of names) {
    if (change.centreId === null && c.kind === 'closure') continue;
    const done = await tx
      .updateTable('desk_sessions')
      .set({
        status: 'cancelled',
        cancelled_at: new Date(),
        cancel_reason: t('ko', 'desk.cancelHoliday', { name: c.name }),
        updated_at: new Date(),
      })
      .where('date', '=', c.date)
      .where('status', '=', 'scheduled')
      .$if(change.centreId !== null, (q) => q.where('centre_id', '=', change.centreId as string))
      .execute();
    n += Number(done[0]?.numUpdatedRows ?? 0);
  }
  return n;
}

onClosedDaysAdded(async (tx, change) => {
  await cancelSessionsOnClosedDays(tx, change);
});

/** One desk (API: GET /desks/{id}, public). */
export async function getDesk(db: Db, id: string) {
  const d = await db.selectFrom('mobile_desks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw new DomainError('not_found', 'desk.notFound');
  return presentDesk(d);
}
