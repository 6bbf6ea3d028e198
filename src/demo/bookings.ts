import { type Kysely, sql } from 'kysely';
import { closedDays } from '../features/calendar/calendar.service.ts';
import type { Tables } from '../platform/db/tables.ts';
import { demoId, Rng } from './rng.ts';

// Bookings demo (issue 19): 광명's kinds of bookable resources — AI면접 체험관 (Tue–Fri
// 10:00–17:00, seed 004), 화상면접실, 노무사 상담 (approval) and 면접정장 대여 (3 fittings per
// slot) — with three weeks of past bookings (checked in, some no-shows and cancellations) and
// two weeks ahead, and a suit wardrobe with rentals (one overdue). Placed at the centre of
// 광명시 (41210) when the tier has one, else at the first city centre. Deterministic per seed.

const STREAM = 901;
const WEEKDAYS = (days: number[], from: string, to: string) => days.map((weekday) => ({ weekday, from, to }));
const RESOURCES = [
  {
    name: 'AI면접 체험관',
    kind: 'ai_interview',
    slot: 60,
    cap: 1,
    hours: WEEKDAYS([2, 3, 4, 5], '10:00', '17:00'),
    approval: false,
  },
  {
    name: '화상면접실',
    kind: 'video_room',
    slot: 60,
    cap: 1,
    hours: WEEKDAYS([1, 2, 3, 4, 5], '09:00', '18:00'),
    approval: false,
  },
  {
    name: '노무사 상담',
    kind: 'attorney',
    slot: 30,
    cap: 1,
    hours: WEEKDAYS([4], '14:00', '17:00'),
    approval: true,
  },
  {
    name: '면접정장 대여',
    kind: 'suit_fitting',
    slot: 30,
    cap: 3,
    hours: WEEKDAYS([1, 2, 3, 4, 5], '10:00', '17:00'),
    approval: false,
  },
] as const;
const SUITS: [string, string, string, string[]][] = [
  ['J', 'jacket', 'm', ['95', '100', '100', '105', '110']],
  ['J', 'jacket', 'f', ['55', '66', '77']],
  ['T', 'trousers', 'm', ['30', '32', '34', '36']],
  ['K', 'skirt', 'f', ['26', '28', '30']],
  ['S', 'shirt', 'u', ['95', '100', '105']],
  ['H', 'shoes', 'm', ['260', '270', '280']],
  ['H', 'shoes', 'f', ['230', '240']],
  ['N', 'tie', 'u', ['F', 'F']],
];

const KST = 9 * 3_600_000;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
const minute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const instant = (d: string, m: number) => new Date(Date.parse(`${d}T00:00:00Z`) - KST + m * 60_000);

/** Inserts the bookings demo; returns rows per table. */
export async function seedBookings(
  db: Kysely<Tables>,
  o: { seed: number; today: string; centreIds: { id: string; region: string; kind: string }[] },
): Promise<Record<string, number>> {
  const centre = o.centreIds.find((c) => c.region === '41210') ?? o.centreIds.find((c) => c.kind === 'city');
  if (!centre) return {};
  const seekers = (
    await db
      .selectFrom('seekers')
      .select('id')
      .where('centre_id', '=', centre.id)
      .orderBy('id')
      .limit(300)
      .execute()
  ).map((s) => s.id);
  if (seekers.length === 0) return {};
  const rng = new Rng(o.seed, STREAM);
  const ms = Date.parse(`${o.today}T00:00:00Z`);
  const from = addDays(o.today, -21);
  const to = addDays(o.today, 14);
  const closed = new Set((await closedDays({ db }, { centreId: centre.id, from, to })).map((d) => d.date));
  const resources = RESOURCES.map((r, i) => ({ ...r, id: demoId(o.seed, STREAM, i, ms) }));
  await db
    .insertInto('booking_resources')
    .values(
      resources.map((r) => ({
        id: r.id,
        centre_id: centre.id,
        name: r.name,
        kind: r.kind,
        slot_minutes: r.slot,
        capacity: r.cap,
        opening_hours: JSON.stringify(r.hours),
        approval_required: r.approval,
        bookable_by: ['seeker', 'staff'],
      })),
    )
    .execute();
  const bookings: Tables['bookings'][] = [];
  const slots = new Map<string, { resource_id: string; starts_at: Date; taken: number; capacity: number }>();
  let n = 0;
  const now = instant(o.today, 12 * 60).getTime(); // deterministic: noon of the demo's today
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (closed.has(d)) continue;
    for (const r of resources) {
      for (const w of r.hours) {
        if (w.weekday !== weekday(d)) continue;
        for (let m = minute(w.from); m + r.slot <= minute(w.to); m += r.slot) {
          for (let seat = 0; seat < r.cap; seat++) {
            if (rng.next() > (r.kind === 'ai_interview' ? 0.55 : 0.35)) continue;
            const start = instant(d, m);
            const past = start.getTime() < now;
            const roll = rng.next();
            const status = past
              ? roll < 0.08
                ? 'cancelled'
                : roll < 0.2
                  ? 'no_show'
                  : 'checked_in'
              : r.approval && roll < 0.4
                ? 'requested'
                : roll < 0.05
                  ? 'cancelled'
                  : 'confirmed';
            const seeker = seekers[(n * 7 + seat) % seekers.length] as string;
            const key = `${r.id}|${start.getTime()}`;
            if (
              bookings.some(
                (b) => b.resource_id === r.id && b.seeker_id === seeker && +b.starts_at === +start,
              )
            )
              continue;
            bookings.push({
              id: demoId(o.seed, STREAM, 1000 + n++, start.getTime()),
              resource_id: r.id,
              centre_id: centre.id,
              seeker_id: seeker,
              employer_id: null,
              starts_at: start,
              ends_at: new Date(start.getTime() + r.slot * 60_000),
              single_seat: r.cap === 1,
              status,
              note: null,
              cancel_reason: status === 'cancelled' ? 'booker' : null,
              cancel_note: null,
              cancelled_at: status === 'cancelled' ? new Date(start.getTime() - 86_400_000) : null,
              checked_in_at: status === 'checked_in' ? new Date(start.getTime() - 5 * 60_000) : null,
              created_by: null,
              created_at: new Date(start.getTime() - 3 * 86_400_000),
            } as unknown as Tables['bookings']);
            if (status !== 'cancelled') {
              const s = slots.get(key) ?? { resource_id: r.id, starts_at: start, taken: 0, capacity: r.cap };
              s.taken++;
              slots.set(key, s);
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < bookings.length; i += 500) {
    await db
      .insertInto('bookings')
      .values(bookings.slice(i, i + 500) as never)
      .execute();
  }
  const slotRows = [...slots.values()].map((s) => ({ ...s, centre_id: centre.id }));
  for (let i = 0; i < slotRows.length; i += 500) {
    await db
      .insertInto('booking_slots')
      .values(slotRows.slice(i, i + 500))
      .execute();
  }
  // Wardrobe and rentals: a set (jacket, trousers or skirt, shirt) per rental, one overdue.
  const items: { id: string; code: string; category: string; gender: string; size: string }[] = [];
  for (const [prefix, category, gender, sizes] of SUITS) {
    for (const size of sizes) {
      const no = items.length + 1;
      items.push({
        id: demoId(o.seed, STREAM, 5000 + no, ms),
        code: `${prefix}${gender.toUpperCase()}-${size}-${String(no).padStart(3, '0')}`,
        category,
        gender,
        size,
      });
    }
  }
  await db
    .insertInto('suit_items')
    .values(
      items.map((i) => ({
        ...i,
        centre_id: centre.id,
        category: i.category as never,
        gender: i.gender as never,
      })),
    )
    .execute();
  const pick = (category: string, gender: string, k: number) =>
    items.filter((i) => i.category === category && (i.gender === gender || i.gender === 'u'))[k];
  const rentals = [];
  const rentalItems: { rental_id: string; item_id: string; centre_id: string; returned: boolean }[] = [];
  for (let k = 0; k < 8; k++) {
    const gender = k % 3 === 2 ? 'f' : 'm';
    const start = addDays(o.today, -20 + k * 3);
    const returned = k < 5 ? addDays(start, 3) : null;
    const due = k === 5 ? addDays(o.today, -2) : addDays(start, 3);
    const set = [
      pick('jacket', gender, k % 3),
      pick(gender === 'm' ? 'trousers' : 'skirt', gender, k % 3),
      pick('shirt', 'u', k % 3),
    ].filter((x): x is (typeof items)[number] => x !== undefined);
    // An item is out once: open rentals take items no other open rental holds.
    if (!returned && rentalItems.some((ri) => !ri.returned && set.some((s) => s.id === ri.item_id))) continue;
    const id = demoId(o.seed, STREAM, 9000 + k, ms);
    rentals.push({
      id,
      centre_id: centre.id,
      seeker_id: seekers[(k * 11) % seekers.length] as string,
      from_on: start,
      due_on: k === 5 ? due : returned ? due : addDays(o.today, 2),
      returned_on: returned,
    });
    for (const s of set)
      rentalItems.push({ rental_id: id, item_id: s.id, centre_id: centre.id, returned: returned !== null });
  }
  if (rentals.length) await db.insertInto('suit_rentals').values(rentals).execute();
  if (rentalItems.length) await db.insertInto('suit_rental_items').values(rentalItems).execute();
  await sql`ANALYZE booking_resources, booking_slots, bookings, suit_items, suit_rentals, suit_rental_items`.execute(
    db,
  );
  return {
    booking_resources: resources.length,
    bookings: bookings.length,
    booking_slots: slotRows.length,
    suit_items: items.length,
    suit_rentals: rentals.length,
  };
}
