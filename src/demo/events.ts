import { type Kysely, sql } from 'kysely';
import { closedDays } from '../features/calendar/calendar.service.ts';
import type { Tables } from '../platform/db/tables.ts';
import { demoId, Rng } from './rng.ts';

// Hiring events demo (issue 17, seed 000's 인천 서구): a year of events at the centre of 서구
// (28260, since 2026-07-01 서해구 28275) or else the first city centre — the spring and autumn
// 채용한마당 with 1:1 interviews, a 금요채용마당 every Friday that is not a holiday or closure, a
// 화상면접의 날 each quarter (online) — with their employers, 20-minute slots, bookings,
// registrations and results in seed 000's proportions (of those interviewed about half pass the
// first round, about one in five of the seekers taking part is hired; hires record an
// employment with route `event`). Deterministic per seed.

const STREAM = 917;
const KST = 9 * 3_600_000;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
const at = (d: string, minute: number) => new Date(Date.parse(`${d}T00:00:00Z`) - KST + minute * 60_000);

interface Plan {
  day: string;
  title: string;
  kind: 'job_fair' | 'weekly_fair' | 'video_interview_day';
  employers: number;
  slots: number;
  from: number;
}

/** Inserts the hiring-events demo; returns rows per table. */
export async function seedEvents(
  db: Kysely<Tables>,
  o: { seed: number; today: string; centreIds: { id: string; region: string; kind: string }[] },
): Promise<Record<string, number>> {
  const centre =
    o.centreIds.find((c) => c.region === '28275' || c.region === '28260') ??
    o.centreIds.find((c) => c.kind === 'city');
  if (!centre) return {};
  const seekers = (
    await db.selectFrom('seekers').select('id').where('centre_id', '=', centre.id).orderBy('id').execute()
  ).map((s) => s.id);
  const employers = await db.selectFrom('employers').select(['id', 'name']).orderBy('id').limit(40).execute();
  if (seekers.length < 10 || employers.length < 3) return {};
  const postings = await db
    .selectFrom('postings')
    .select(['id', 'employer_id'])
    .where(
      'employer_id',
      'in',
      employers.map((e) => e.id),
    )
    .execute();
  const rng = new Rng(o.seed, STREAM);
  const from = addDays(o.today, -330);
  const to = addDays(o.today, 30);
  const closed = new Set((await closedDays({ db }, { centreId: centre.id, from, to })).map((d) => d.date));
  const plans: Plan[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (closed.has(d)) continue;
    const month = Number(d.slice(5, 7));
    const dom = Number(d.slice(8, 10));
    if (weekday(d) === 5)
      plans.push({
        day: d,
        title: '금요채용마당',
        kind: 'weekly_fair',
        employers: 3,
        slots: 6,
        from: 14 * 60,
      });
    if (weekday(d) === 3 && dom <= 7 && (month === 5 || month === 10))
      plans.push({
        day: d,
        title: `${d.slice(0, 4)} 서구 채용한마당`,
        kind: 'job_fair',
        employers: 12,
        slots: 9,
        from: 10 * 60,
      });
    if (weekday(d) === 2 && dom <= 7 && month % 3 === 0)
      plans.push({
        day: d,
        title: '화상면접 구인·구직 만남의 날',
        kind: 'video_interview_day',
        employers: 5,
        slots: 9,
        from: 10 * 60,
      });
  }
  const now = at(o.today, 12 * 60).getTime();
  // Bookings scale with the centre: about one and a half interviews a year per seeker at most
  // (seed 000: 1,305 seekers, 224 companies a year), so a small demo centre is not hired out.
  const totalSlots = plans.reduce((sum, p) => sum + p.employers * p.slots, 0);
  const fill = Math.min(1, (seekers.length * 1.5) / (totalSlots * 0.7));
  const ms = Date.parse(`${o.today}T00:00:00Z`);
  const rows = {
    hiring_events: [] as Tables['hiring_events'][],
    event_employers: [] as Tables['event_employers'][],
    event_slots: [] as Tables['event_slots'][],
    interview_bookings: [] as Tables['interview_bookings'][],
    event_registrations: [] as Tables['event_registrations'][],
    employments: [] as Tables['employments'][],
  };
  let n = 0;
  let s = 0;
  for (const p of plans) {
    const eventId = demoId(o.seed, STREAM, n++, ms);
    const startsAt = at(p.day, p.from);
    const online = p.kind === 'video_interview_day';
    rows.hiring_events.push({
      id: eventId,
      centre_id: centre.id,
      series_id: null,
      title: p.title,
      kind: p.kind,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + p.slots * 20 * 60_000),
      venue: online ? null : p.kind === 'job_fair' ? '서구문화회관 대공연장' : '서구 고용복지+센터 3층',
      online_url: online ? `https://meet.ilteo.example/seogu-${p.day}` : null,
      capacity: p.kind === 'job_fair' ? 300 : 40,
      description: null,
      published: true,
      published_at: new Date(startsAt.getTime() - 14 * 86_400_000),
      created_by: null,
      created_at: new Date(startsAt.getTime() - 21 * 86_400_000),
    } as unknown as Tables['hiring_events']);
    const past = startsAt.getTime() < now;
    const inEvent = new Set<string>();
    const taking = rng.sample(employers, p.employers);
    for (const [ei, e] of taking.entries()) {
      rows.event_employers.push({
        event_id: eventId,
        employer_id: e.id,
        centre_id: centre.id,
        posting_ids: postings
          .filter((x) => x.employer_id === e.id)
          .slice(0, 2)
          .map((x) => x.id),
        booth: online ? null : `부스 ${ei + 1}`,
        status: 'approved',
        approved_by: null,
        approved_at: new Date(startsAt.getTime() - 10 * 86_400_000),
        created_by: null,
        created_at: new Date(startsAt.getTime() - 12 * 86_400_000),
      } as unknown as Tables['event_employers']);
      for (let k = 0; k < p.slots; k++) {
        const slotId = demoId(o.seed, STREAM, 100_000 + n * 1000 + ei * 20 + k, ms);
        const slotStart = new Date(startsAt.getTime() + k * 20 * 60_000);
        rows.event_slots.push({
          id: slotId,
          event_id: eventId,
          employer_id: e.id,
          centre_id: centre.id,
          starts_at: slotStart,
          ends_at: new Date(slotStart.getTime() + 20 * 60_000),
          meeting_url: online ? `https://meet.ilteo.example/seogu-${p.day}/${ei + 1}` : null,
          created_by: null,
          created_at: new Date(startsAt.getTime() - 10 * 86_400_000),
        } as unknown as Tables['event_slots']);
        if (!rng.chance((past ? 0.7 : 0.45) * fill)) continue;
        // Each booking of the event takes the next seeker: no seeker holds two slots of one event.
        const seekerId = seekers[s++ % seekers.length] as string;
        if (inEvent.has(seekerId)) continue; // a small centre runs out of people before slots
        inEvent.add(seekerId);
        const roll = rng.next();
        const result = !past
          ? null
          : roll < 0.1
            ? 'no_show'
            : roll < 0.45
              ? 'rejected'
              : roll < 0.62
                ? 'interviewed'
                : roll < 0.82
                  ? 'passed_first'
                  : 'hired';
        const bookingId = demoId(
          o.seed,
          STREAM,
          500_000 + rows.interview_bookings.length,
          slotStart.getTime(),
        );
        let employmentId: string | null = null;
        if (result === 'hired' && addDays(p.day, 7) <= o.today) {
          employmentId = demoId(o.seed, STREAM, 900_000 + rows.employments.length, slotStart.getTime());
          rows.employments.push({
            id: employmentId,
            seeker_id: seekerId,
            centre_id: centre.id,
            employer_id: e.id,
            employer_name: e.name,
            posting_id: null,
            referral_id: null,
            start_date: addDays(p.day, 7),
            route: 'event',
            employment_type: '10',
            wage_type: 'M',
            wage: 2_300_000 + rng.int(0, 8) * 50_000,
            created_by: null,
            created_at: slotStart,
            duplicate_of: null,
          } as unknown as Tables['employments']);
        }
        rows.interview_bookings.push({
          id: bookingId,
          slot_id: slotId,
          event_id: eventId,
          employer_id: e.id,
          centre_id: centre.id,
          seeker_id: seekerId,
          starts_at: slotStart,
          ends_at: new Date(slotStart.getTime() + 20 * 60_000),
          status: 'booked',
          result: result === 'hired' && !employmentId ? 'passed_first' : result,
          result_note: null,
          result_at: result ? new Date(slotStart.getTime() + 4 * 3_600_000) : null,
          employment_id: employmentId,
          cancelled_at: null,
          created_by: null,
          created_at: new Date(startsAt.getTime() - 5 * 86_400_000),
        } as unknown as Tables['interview_bookings']);
        rows.event_registrations.push({
          id: demoId(o.seed, STREAM, 700_000 + rows.event_registrations.length, slotStart.getTime()),
          event_id: eventId,
          centre_id: centre.id,
          seeker_id: seekerId,
          status: 'registered',
          checked_in_at: past && result !== 'no_show' ? new Date(startsAt.getTime() - 10 * 60_000) : null,
          promoted_at: null,
          cancelled_at: null,
          created_by: null,
          created_at: new Date(startsAt.getTime() - 6 * 86_400_000),
        } as unknown as Tables['event_registrations']);
      }
    }
  }
  // Parents first (employments before the bookings that name them).
  for (const table of [
    'hiring_events',
    'event_employers',
    'event_slots',
    'employments',
    'interview_bookings',
    'event_registrations',
  ] as const) {
    const list = rows[table] as unknown[];
    for (let i = 0; i < list.length; i += 500) {
      await db
        .insertInto(table)
        .values(list.slice(i, i + 500) as never)
        .execute();
    }
  }
  await sql`ANALYZE hiring_events, event_employers, event_slots, interview_bookings, event_registrations`.execute(
    db,
  );
  return {
    hiring_events: rows.hiring_events.length,
    event_employers: rows.event_employers.length,
    event_slots: rows.event_slots.length,
    interview_bookings: rows.interview_bookings.length,
    event_registrations: rows.event_registrations.length,
    event_employments: rows.employments.length,
  };
}
