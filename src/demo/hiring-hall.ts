import { type Kysely, sql } from 'kysely';
import { closedDays } from '../features/calendar/calendar.service.ts';
import type { Tables } from '../platform/db/tables.ts';
import { demoId, Rng } from './rng.ts';

// Permanent hiring hall demo (상설채용관, issue 17, seed 000's 인천 서구): at the centre the events
// demo uses, a meeting room and a year of companies' requests for a recruitment — the oldest
// held (room booked and checked in, the company's hiring_hall event with 30-minute slots, a
// shortlist of invited candidates, their interviews with results, hires as employments with
// route `event`), the coming ones scheduled (room booked, shortlist invited, some interviews
// booked), the newest still requested, and a few cancelled. Sessions are Mon–Thu 14:00–16:00,
// when the events demo holds nothing (Friday afternoons are the 금요채용마당, the big days'
// mornings the fairs), so no seeker ever holds two overlapping interviews. Deterministic per seed.

const STREAM = 919;
const KST = 9 * 3_600_000;
const SLOT_MINUTES = 30;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
const at = (d: string, minute: number) => new Date(Date.parse(`${d}T00:00:00Z`) - KST + minute * 60_000);
const ROOM = '상설채용관 면접실';
const NOTES = [
  '생산직 신입 환영, 교대 근무 가능자 우대',
  '물류센터 상하차·분류, 주 5일',
  '경력 무관, 현장 견학 후 면접',
  null,
  '지게차 자격 소지자 우대',
];

type Row<T extends keyof Tables> = Tables[T];

/** Inserts the hiring-hall demo; returns rows per table (the events tables' rows are added on). */
export async function seedHiringHall(
  db: Kysely<Tables>,
  o: { seed: number; today: string; centreIds: { id: string; region: string; kind: string }[] },
): Promise<Record<string, number>> {
  const centre =
    o.centreIds.find((c) => c.region === '28275' || c.region === '28260') ??
    o.centreIds.find((c) => c.kind === 'city');
  if (!centre) return {};
  const seekers = (
    await db
      .selectFrom('seekers')
      .select(['id', 'desired_occupations'])
      .where('centre_id', '=', centre.id)
      .orderBy('id')
      .execute()
  ).map((s) => ({ id: s.id, wants: new Set(s.desired_occupations) }));
  const postings = await db
    .selectFrom('postings as p')
    .innerJoin('employers as e', 'e.id', 'p.employer_id')
    .select(['p.id', 'p.employer_id', 'p.occupation_code', 'e.name'])
    .where('p.status', '=', 'open')
    .orderBy('p.id')
    .execute();
  // One posting a company: the first open one.
  const companies = [...new Map(postings.map((p) => [p.employer_id, p])).values()];
  if (seekers.length < 10 || companies.length < 4) return {};
  const rng = new Rng(o.seed, STREAM);
  const ms = Date.parse(`${o.today}T00:00:00Z`);
  const first = addDays(o.today, -320);
  const closed = new Set(
    (await closedDays({ db }, { centreId: centre.id, from: first, to: addDays(o.today, 60) })).map(
      (d) => d.date,
    ),
  );
  const open = (d: string) => weekday(d) <= 4 && !closed.has(d);
  const roomId = demoId(o.seed, STREAM, 0, ms);
  await db
    .insertInto('booking_resources')
    .values({
      id: roomId,
      centre_id: centre.id,
      name: ROOM,
      kind: 'meeting_room',
      slot_minutes: 60,
      capacity: 1,
      opening_hours: JSON.stringify([1, 2, 3, 4, 5].map((w) => ({ weekday: w, from: '09:00', to: '18:00' }))),
      approval_required: false,
      bookable_by: ['staff', 'employer'],
    } as never)
    .execute();
  const rows = {
    hiring_hall_requests: [] as Row<'hiring_hall_requests'>[],
    hiring_events: [] as Row<'hiring_events'>[],
    event_employers: [] as Row<'event_employers'>[],
    event_slots: [] as Row<'event_slots'>[],
    event_invitations: [] as Row<'event_invitations'>[],
    employments: [] as Row<'employments'>[],
    interview_bookings: [] as Row<'interview_bookings'>[],
    event_registrations: [] as Row<'event_registrations'>[],
    bookings: [] as Row<'bookings'>[],
    booking_slots: [] as {
      resource_id: string;
      starts_at: Date;
      taken: number;
      capacity: number;
      centre_id: string;
    }[],
  };
  const now = at(o.today, 12 * 60).getTime();
  const used = new Set<string>();
  const count = Math.min(18, companies.length);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const c = companies[(i * 7) % companies.length] as (typeof companies)[number];
    // Requests spread over the year; the last four are recent, their days still ahead.
    const asked =
      i < count - 4 ? addDays(first, Math.floor((i * 300) / (count - 4))) : addDays(o.today, -(count - i));
    const wanted: string[] = [];
    for (
      let d = addDays(asked, 7 + rng.int(0, 6));
      wanted.length < 1 + rng.int(0, 2);
      d = addDays(d, 1 + rng.int(0, 3))
    ) {
      if (open(d) && !used.has(d)) wanted.push(d);
    }
    const day = wanted[0] as string;
    const id = demoId(o.seed, STREAM, 10 + i, Date.parse(`${asked}T01:00:00Z`));
    const createdAt = at(asked, 10 * 60 + rng.int(0, 300));
    const cancelled = i % 6 === 5;
    const requested = !cancelled && i >= count - 4 && i % 2 === 0;
    const request = {
      id,
      centre_id: centre.id,
      employer_id: c.employer_id,
      posting_id: c.id,
      preferred_dates: wanted,
      headcount: 1 + rng.int(0, 4),
      note: NOTES[i % NOTES.length] ?? null,
      status: cancelled ? 'cancelled' : requested ? 'requested' : 'scheduled',
      event_id: null as string | null,
      room_booking_ids: [] as string[],
      scheduled_by: null,
      scheduled_at: null as Date | null,
      cancelled_at: cancelled ? new Date(createdAt.getTime() + 2 * 86_400_000) : null,
      created_by: null,
      created_at: createdAt,
    };
    rows.hiring_hall_requests.push(request as unknown as Row<'hiring_hall_requests'>);
    if (cancelled || requested) continue;
    used.add(day);
    const start = at(day, 14 * 60);
    const end = at(day, 16 * 60);
    const held = end.getTime() < now;
    const eventId = demoId(o.seed, STREAM, 1000 + i, start.getTime());
    request.event_id = eventId;
    request.scheduled_at = new Date(createdAt.getTime() + 3 * 86_400_000);
    for (let h = 0; h < 2; h++) {
      const b = at(day, (14 + h) * 60);
      const bookingId = demoId(o.seed, STREAM, 2000 + i * 2 + h, b.getTime());
      request.room_booking_ids.push(bookingId);
      rows.bookings.push({
        id: bookingId,
        resource_id: roomId,
        centre_id: centre.id,
        seeker_id: null,
        employer_id: c.employer_id,
        starts_at: b,
        ends_at: new Date(b.getTime() + 3_600_000),
        single_seat: true,
        status: held ? 'checked_in' : 'confirmed',
        note: `상설채용관 ${c.name}`.slice(0, 200),
        cancel_reason: null,
        cancel_note: null,
        cancelled_at: null,
        checked_in_at: held ? new Date(b.getTime() - 10 * 60_000) : null,
        created_by: null,
        created_at: request.scheduled_at,
      } as unknown as Row<'bookings'>);
      rows.booking_slots.push({
        resource_id: roomId,
        starts_at: b,
        taken: 1,
        capacity: 1,
        centre_id: centre.id,
      });
    }
    rows.hiring_events.push({
      id: eventId,
      centre_id: centre.id,
      series_id: null,
      title: `상설채용관 · ${c.name}`.slice(0, 200),
      kind: 'hiring_hall',
      starts_at: start,
      ends_at: end,
      venue: ROOM,
      online_url: null,
      capacity: null,
      description: request.note,
      published: true,
      published_at: request.scheduled_at,
      created_by: null,
      created_at: request.scheduled_at,
    } as unknown as Row<'hiring_events'>);
    rows.event_employers.push({
      event_id: eventId,
      employer_id: c.employer_id,
      centre_id: centre.id,
      posting_ids: [c.id],
      booth: ROOM,
      status: 'approved',
      approved_by: null,
      approved_at: request.scheduled_at,
      created_by: null,
      created_at: request.scheduled_at,
    } as unknown as Row<'event_employers'>);
    // The shortlist: candidates who want the posting's occupation first, then others.
    const fit = seekers.filter((s) => s.wants.has(c.occupation_code));
    const pool = [...rng.sample(fit, Math.min(3, fit.length)), ...rng.sample(seekers, 6)];
    const shortlist = [...new Map(pool.map((s) => [s.id, s])).values()].slice(0, 5);
    const slotCount = (2 * 60) / SLOT_MINUTES;
    for (let k = 0; k < slotCount; k++) {
      const s = new Date(start.getTime() + k * SLOT_MINUTES * 60_000);
      const e = new Date(s.getTime() + SLOT_MINUTES * 60_000);
      const slotId = demoId(o.seed, STREAM, 3000 + i * 10 + k, s.getTime());
      rows.event_slots.push({
        id: slotId,
        event_id: eventId,
        employer_id: c.employer_id,
        centre_id: centre.id,
        starts_at: s,
        ends_at: e,
        meeting_url: null,
        created_by: null,
        created_at: request.scheduled_at,
      } as unknown as Row<'event_slots'>);
    }
    for (const [k, s] of shortlist.entries()) {
      const invitedAt = new Date(request.scheduled_at.getTime() + 3_600_000);
      // Held sessions: most invitees came; coming ones: about half have answered so far.
      const accepted = held ? k < 4 : k < 2;
      rows.event_invitations.push({
        id: demoId(o.seed, STREAM, 5000 + n++, invitedAt.getTime()),
        event_id: eventId,
        centre_id: centre.id,
        seeker_id: s.id,
        posting_id: c.id,
        employer_id: c.employer_id,
        score: 90 - k * 6 - rng.int(0, 4),
        notification_id: null,
        invited_by: null,
        response: accepted ? 'accepted' : held ? 'declined' : null,
        responded_at: accepted || held ? new Date(invitedAt.getTime() + 86_400_000) : null,
        created_at: invitedAt,
      } as unknown as Row<'event_invitations'>);
      if (!accepted) continue;
      const slot = rows.event_slots[rows.event_slots.length - slotCount + k] as unknown as {
        id: string;
        starts_at: Date;
        ends_at: Date;
      };
      const roll = rng.next();
      const result = !held
        ? null
        : roll < 0.1
          ? 'no_show'
          : roll < 0.35
            ? 'rejected'
            : roll < 0.5
              ? 'interviewed'
              : roll < 0.75
                ? 'passed_first'
                : 'hired';
      let employmentId: string | null = null;
      if (result === 'hired' && addDays(day, 7) <= o.today) {
        employmentId = demoId(o.seed, STREAM, 8000 + rows.employments.length, slot.starts_at.getTime());
        rows.employments.push({
          id: employmentId,
          seeker_id: s.id,
          centre_id: centre.id,
          employer_id: c.employer_id,
          employer_name: c.name,
          posting_id: c.id,
          referral_id: null,
          start_date: addDays(day, 7),
          route: 'event',
          employment_type: '10',
          wage_type: 'M',
          wage: 2_300_000 + rng.int(0, 8) * 50_000,
          created_by: null,
          created_at: slot.starts_at,
          duplicate_of: null,
        } as unknown as Row<'employments'>);
      }
      rows.interview_bookings.push({
        id: demoId(o.seed, STREAM, 6000 + rows.interview_bookings.length, slot.starts_at.getTime()),
        slot_id: slot.id,
        event_id: eventId,
        employer_id: c.employer_id,
        centre_id: centre.id,
        seeker_id: s.id,
        starts_at: slot.starts_at,
        ends_at: slot.ends_at,
        status: 'booked',
        result: result === 'hired' && !employmentId ? 'passed_first' : result,
        result_note: null,
        result_at: result ? new Date(end.getTime() + 3_600_000) : null,
        employment_id: employmentId,
        cancelled_at: null,
        created_by: null,
        created_at: new Date(invitedAt.getTime() + 86_400_000),
      } as unknown as Row<'interview_bookings'>);
      rows.event_registrations.push({
        id: demoId(o.seed, STREAM, 7000 + rows.event_registrations.length, slot.starts_at.getTime()),
        event_id: eventId,
        centre_id: centre.id,
        seeker_id: s.id,
        status: 'registered',
        checked_in_at: held && result !== 'no_show' ? new Date(start.getTime() - 10 * 60_000) : null,
        promoted_at: null,
        cancelled_at: null,
        created_by: null,
        created_at: new Date(invitedAt.getTime() + 86_400_000),
      } as unknown as Row<'event_registrations'>);
    }
  }
  // Parents first: events and bookings before the requests that name them.
  for (const table of [
    'bookings',
    'booking_slots',
    'hiring_events',
    'event_employers',
    'event_slots',
    'event_invitations',
    'employments',
    'interview_bookings',
    'event_registrations',
    'hiring_hall_requests',
  ] as const) {
    const list = rows[table] as unknown[];
    for (let i = 0; i < list.length; i += 500) {
      await db
        .insertInto(table)
        .values(list.slice(i, i + 500) as never)
        .execute();
    }
  }
  await sql`ANALYZE hiring_hall_requests, event_invitations`.execute(db);
  return Object.fromEntries([
    ['booking_resources', 1],
    ...Object.entries(rows).map(([k, v]) => [k === 'employments' ? 'event_employments' : k, v.length]),
  ]);
}
