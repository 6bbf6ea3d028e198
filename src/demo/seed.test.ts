import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDb } from '../../test/support/db.ts';
import { verifyPassword } from '../features/accounts/password.ts';
import { programmeOutcomes } from '../features/programmes/programmes.report.service.ts';
import { rfc3797OrderReference } from '../features/publicjobs/rfc3797.reference.ts';
import { computeFigures } from '../features/reports/reports.service.ts';
import { blindIndex, decryptField } from '../platform/crypto/fields.ts';
import { DemoDataExistsError, seedDemo } from './seed.ts';

const key = randomBytes(32);

describe('seedDemo', async () => {
  const { pool, db } = await testDb();
  const opts = { tier: 'tiny' as const, seed: 3, today: '2026-11-22', password: 'demo-pass-1' };

  it('loads every demo table with consistent rows', { timeout: 120_000 }, async () => {
    const result = await seedDemo(pool, key, opts);
    expect(result.rows).toMatchObject({ centres: 4, employers: 25, postings: 50, seekers: 200 });
    const count = async (t: string) => Number((await pool.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    for (const t of [
      'users',
      'consents',
      'counselling',
      'referrals',
      'referral_events',
      'employments',
      'registration_counters',
      'booking_resources',
      'bookings',
      'booking_slots',
      'suit_items',
      'suit_rentals',
      'retention_followups',
      'appointments',
      'public_job_programmes',
      'public_job_applications',
      'public_job_placements',
      'hiring_events',
      'event_employers',
      'event_slots',
      'interview_bookings',
      'event_registrations',
      'hiring_hall_requests',
      'event_invitations',
      'outreach_visits',
      'outreach_difficulties',
      'outreach_jobs',
      'departments',
      'admin_requests',
      'hiring_agreements',
      'mobile_desks',
      'desk_sessions',
      'programmes',
      'programme_sessions',
      'programme_enrolments',
      'programme_attendance',
      'programme_surveys',
      'institution_requests',
    ]) {
      expect(await count(t), t).toBeGreaterThan(0);
      expect(await count(t), t).toBe(result.rows[t]);
    }
    // About half of the seekers found work, so the success-rate KPI means something.
    const employed = Number(
      (await pool.query(`SELECT count(DISTINCT seeker_id) AS n FROM employments`)).rows[0].n,
    );
    expect(employed / 200).toBeGreaterThan(0.3);
    expect(employed / 200).toBeLessThan(0.7);
  });

  it('leaves work due around the anchor day: follow-ups (recorded, overdue, coming) and appointments', async () => {
    const q = async (text: string) => (await pool.query(text)).rows[0];
    const f = await q(`SELECT count(*) FILTER (WHERE done_at IS NOT NULL) AS done,
        count(*) FILTER (WHERE done_at IS NULL) AS open,
        count(*) FILTER (WHERE done_at IS NULL AND due_date < '2026-11-22') AS overdue,
        count(*) FILTER (WHERE result = 'left' AND left_on IS NULL) AS left_without_day,
        count(*) FILTER (WHERE due_date > '2026-11-22'::date + 7) AS beyond_week
      FROM retention_followups`);
    expect(Number(f.done)).toBeGreaterThan(0);
    expect(Number(f.open)).toBeGreaterThan(0);
    expect(Number(f.overdue)).toBeGreaterThan(0);
    expect(Number(f.left_without_day)).toBe(0);
    expect(Number(f.beyond_week)).toBe(0);
    // 2026-11-22 is a Sunday: the week's appointments start on Monday 23, three a counsellor a day.
    const a = await q(`SELECT min((starts_at AT TIME ZONE 'Asia/Seoul')::date)::text AS first,
        count(DISTINCT counsellor_id) AS counsellors,
        count(*) FILTER (WHERE extract(isodow FROM starts_at AT TIME ZONE 'Asia/Seoul') > 5) AS weekend
      FROM appointments`);
    expect(a.first).toBe('2026-11-23');
    expect(Number(a.counsellors)).toBeGreaterThan(0);
    expect(Number(a.weekend)).toBe(0);
    const own = await q(`SELECT count(*) AS n FROM appointments a JOIN seekers s ON s.id = a.seeker_id
      WHERE s.counsellor_id <> a.counsellor_id`);
    expect(Number(own.n)).toBe(0);
    // Calls due: the next contact of active seekers' latest counselling, today (the dashboard's
    // 오늘 연락 예정), overdue and coming; never before the record that set it.
    const c = await q(`SELECT
        count(*) FILTER (WHERE (next_contact_at AT TIME ZONE 'Asia/Seoul')::date = '2026-11-22') AS today,
        count(*) FILTER (WHERE (next_contact_at AT TIME ZONE 'Asia/Seoul')::date < '2026-11-22') AS overdue,
        count(*) FILTER (WHERE (next_contact_at AT TIME ZONE 'Asia/Seoul')::date > '2026-11-22') AS coming,
        count(*) FILTER (WHERE next_contact_at <= at) AS before_record
      FROM (SELECT DISTINCT ON (c.seeker_id) c.at, c.next_contact_at FROM counselling c
        JOIN seekers s ON s.id = c.seeker_id AND s.status = 'active'
        ORDER BY c.seeker_id, c.at DESC, c.id DESC) c`);
    expect(Number(c.today)).toBeGreaterThan(0);
    expect(Number(c.overdue)).toBeGreaterThan(0);
    expect(Number(c.coming)).toBeGreaterThan(Number(c.today) + Number(c.overdue));
    expect(Number(c.before_record)).toBe(0);
  });

  it('loads a public job draw published after it was drawn, which anyone can recompute', async () => {
    const { rows } = await pool.query(`
      SELECT d.key_string, d.ranked, d.drawn_at < p.published_at AS in_order, a.candidates
        FROM public_job_draws d JOIN public_job_publications p ON p.draw_id = d.id
        JOIN public_job_announcements a ON a.id = d.announcement_id`);
    expect(rows).toHaveLength(1);
    expect(rows[0].in_order).toBe(true);
    const order = rfc3797OrderReference(rows[0].key_string, rows[0].candidates.length);
    expect(rows[0].ranked).toEqual(order.map((i) => rows[0].candidates[i]));
    // Placements ended in a private job carry that job as an employment after the placement.
    const moved = await pool.query(`
      SELECT e.route, e.start_date > pl.ends_on AS after
        FROM public_job_placements pl JOIN employments e ON e.id = pl.private_employment_id
       WHERE pl.outcome = 'private_job'`);
    const movedAll = await pool.query(
      `SELECT count(*)::int AS n FROM public_job_placements WHERE outcome = 'private_job'`,
    );
    expect(moved.rows.length).toBeGreaterThan(0);
    expect(moved.rows.length).toBe(movedAll.rows[0].n);
    expect(moved.rows.every((r) => r.route === 'self' && r.after)).toBe(true);
  });

  it('stores phones encrypted and blind-indexed as the app does', async () => {
    const { rows } = await pool.query('SELECT phone_enc, phone_bi FROM seekers LIMIT 20');
    for (const r of rows) {
      const phone = decryptField(key, r.phone_enc);
      expect(phone).toMatch(/^010-\d{4}-\d{4}$/);
      expect(r.phone_bi).toBe(blindIndex(key, phone as string));
    }
  });

  it('keeps registration counters in step with registration numbers', async () => {
    const { rows } = await pool.query(`
      SELECT c.centre_id, c.year, c.last, max(split_part(s.registration_no, '-', 2)::int) AS top, count(*)::int AS n
        FROM registration_counters c JOIN seekers s ON s.centre_id = c.centre_id AND extract(year FROM s.registered_at) = c.year
       GROUP BY 1, 2, 3`);
    for (const r of rows) {
      expect(r.top).toBe(r.last);
      expect(r.n).toBe(r.last);
    }
  });

  it('creates staff accounts that log in with the demo password', async () => {
    const { rows } = await pool.query(
      `SELECT login, password_hash FROM users WHERE login = 'seohaegu.counsellor1'`,
    );
    expect(rows).toHaveLength(1);
    expect(await verifyPassword(rows[0].password_hash, 'demo-pass-1')).toBe(true);
  });

  it('runs a mobile desk twice a month, 14:00–17:00, with consultations and registrations there, and department accounts', async () => {
    const sessions = (
      await pool.query(`SELECT date::text AS date, extract(isodow FROM date)::int AS dow,
          to_char(starts_at AT TIME ZONE 'Asia/Seoul', 'HH24:MI') AS opens,
          EXISTS (SELECT 1 FROM holidays h WHERE h.date = s.date) AS holiday
        FROM desk_sessions s ORDER BY date`)
    ).rows as { date: string; dow: number; opens: string; holiday: boolean }[];
    const lastYear = sessions.filter((x) => x.date.startsWith('2025'));
    expect(lastYear.length).toBeGreaterThan(15);
    expect(lastYear.length).toBeLessThanOrEqual(24);
    expect(
      sessions.every((x) => ['10', '25'].includes(x.date.slice(8)) && x.dow < 6 && x.opens === '14:00'),
    ).toBe(true);
    expect(sessions.filter((x) => x.holiday)).toEqual([]);
    const made = (
      await pool.query(`SELECT count(*)::int AS n,
          count(*) FILTER (WHERE c.channel = 'mobile_desk'
            AND (c.at AT TIME ZONE 'Asia/Seoul')::date = s.date
            AND (c.at AT TIME ZONE 'Asia/Seoul')::time BETWEEN '14:00' AND '17:00')::int AS at_desk
        FROM counselling c JOIN desk_sessions s ON s.id = c.desk_session_id`)
    ).rows[0];
    expect(made.n).toBeGreaterThan(0);
    expect(made.at_desk).toBe(made.n);
    const registered = (
      await pool.query(`SELECT count(*)::int AS n,
          count(*) FILTER (WHERE k.channel = 'mobile_desk' AND k.registered_at = s.date)::int AS that_day
        FROM seekers k JOIN desk_sessions s ON s.id = k.desk_session_id`)
    ).rows[0];
    expect(registered.n).toBeGreaterThan(0);
    expect(registered.that_day).toBe(registered.n);
    const figures = await computeFigures(
      db,
      { centreIds: null, from: '2025-01-01', to: '2025-12-31', today: opts.today },
      'summary',
    );
    expect(figures.deskSessions).toBe(lastYear.length);
    expect(figures.deskConsultations).toBeGreaterThan(0);
    const { rows } = await pool.query(`SELECT u.login, u.password_hash, d.name FROM users u
      JOIN departments d ON d.id = u.department_id WHERE u.role = 'department' ORDER BY u.login`);
    expect(rows.map((r) => [r.login, r.name])).toEqual([
      ['seohaegu.building', '건축과'],
      ['seohaegu.economy', '지역경제과'],
    ]);
    expect(await verifyPassword(rows[0].password_hash, 'demo-pass-1')).toBe(true);
  });

  /** The summary's figures for a period, read without draining the dirty log first. */
  const summary = (from: string, to: string) =>
    computeFigures(db, { centreIds: null, from, to, today: opts.today }, 'summary');
  /** The same figures counted straight from the source tables. */
  async function direct(from: string, to: string) {
    const day = (col: string) => `(${col} AT TIME ZONE 'Asia/Seoul')::date BETWEEN $1 AND $2`;
    const n = async (q: string) => Number((await pool.query(q, [from, to])).rows[0].n);
    return {
      seekersRegistered: await n(`SELECT count(*) AS n FROM seekers WHERE registered_at BETWEEN $1 AND $2`),
      consultations: await n(`SELECT count(*) AS n FROM counselling WHERE ${day('at')}`),
      referrals: await n(`SELECT count(*) AS n FROM referrals WHERE ${day('created_at')}`),
      hires: await n(
        `SELECT count(*) AS n FROM employments WHERE start_date BETWEEN $1 AND $2 AND duplicate_of IS NULL`,
      ),
    };
  }

  it('leaves the report summaries complete: this year and the year before equal direct counts', async () => {
    // Nothing is left for the first report to do: the seed rebuilt the summaries itself.
    expect(Number((await pool.query('SELECT count(*) AS n FROM report_dirty')).rows[0].n)).toBe(0);
    for (const [from, to] of [
      ['2026-01-01', '2026-11-22'],
      ['2025-01-01', '2025-11-22'],
      ['2024-11-23', '2026-11-22'],
    ] as const) {
      const want = await direct(from, to);
      expect(want.seekersRegistered, `${from}..${to}`).toBeGreaterThan(0);
      expect(want.consultations, `${from}..${to}`).toBeGreaterThan(0);
      expect(await summary(from, to), `${from}..${to}`).toMatchObject(want);
    }
    // Two years of history: every seeker registered within them.
    expect((await summary('2024-11-23', '2026-11-22')).seekersRegistered).toBe(200);
  });

  it('runs the 취업성공 사관학교 in cohorts: completions and work found for the old ones, a waiting list for the next', async () => {
    const out = await programmeOutcomes(
      db,
      (await db.selectFrom('programmes').select('id').where('kind', '=', 'course').execute()).map(
        (p) => p.id,
      ),
      '2026-11-22',
    );
    const cohorts = (
      await db
        .selectFrom('programmes')
        .select(['id', 'cohort', 'last_ends_at'])
        .where('kind', '=', 'course')
        .orderBy('first_starts_at')
        .execute()
    ).map((p) => ({ cohort: p.cohort, ...out.get(p.id)! }));
    expect(cohorts.map((c) => c.cohort)).toEqual(['21기', '22기', '23기', '24기']);
    for (const c of cohorts.slice(0, 2)) {
      expect(c.completed, c.cohort ?? '').toBeGreaterThan(0);
      expect(c.employedWithin6Months, c.cohort ?? '').toBeGreaterThan(0);
      expect(c.employedWithin6Months).toBeLessThanOrEqual(c.completed);
      expect(c.satisfaction).toBeGreaterThanOrEqual(3);
    }
    expect(cohorts[2]).toMatchObject({ completed: 0 });
    expect(cohorts[2]!.attendanceRate).toBeGreaterThan(50);
    expect(cohorts[3]).toMatchObject({ waitlisted: 6, completed: 0 });
    const places =
      await pool.query(`SELECT count(*)::int AS n FROM programmes p WHERE p.taken <> (SELECT count(*)
      FROM programme_enrolments e WHERE e.programme_id = p.id AND e.status IN ('registered', 'offered'))`);
    expect(places.rows[0].n).toBe(0);
  });

  it('keeps a hiring hall: requests requested, cancelled, scheduled in the room, held with results', async () => {
    const q = async (text: string) => (await pool.query(text)).rows;
    const byStatus = Object.fromEntries(
      (await q(`SELECT status, count(*)::int AS n FROM hiring_hall_requests GROUP BY status`)).map((r) => [
        r.status,
        r.n,
      ]),
    );
    expect(byStatus.requested).toBeGreaterThan(0);
    expect(byStatus.cancelled).toBeGreaterThan(0);
    expect(byStatus.scheduled).toBeGreaterThan(2);
    // Each scheduled request: its company's hiring_hall event, two room hours booked by the company
    // over the event's time, a shortlist of invited candidates at the event's centre.
    const bad = await q(`SELECT r.id FROM hiring_hall_requests r
        JOIN hiring_events e ON e.id = r.event_id
        WHERE r.status = 'scheduled' AND (e.kind <> 'hiring_hall'
          OR NOT EXISTS (SELECT 1 FROM event_employers x WHERE x.event_id = e.id
                         AND x.employer_id = r.employer_id AND r.posting_id = ANY (x.posting_ids))
          OR (SELECT count(*) FROM bookings b WHERE b.id = ANY (r.room_booking_ids)
              AND b.employer_id = r.employer_id AND b.starts_at >= e.starts_at AND b.ends_at <= e.ends_at
              AND b.status <> 'cancelled') <> 2
          OR (SELECT count(*) FROM event_invitations i WHERE i.event_id = e.id AND i.centre_id = r.centre_id) < 3
          OR (e.starts_at AT TIME ZONE 'Asia/Seoul')::date <> ALL (r.preferred_dates))`);
    expect(bad).toEqual([]);
    const held = await q(`SELECT count(*) FILTER (WHERE ib.result IS NOT NULL)::int AS results,
        count(*) FILTER (WHERE ib.result = 'hired')::int AS hired,
        count(*) FILTER (WHERE ib.result IS NULL AND e.ends_at < '2026-11-22')::int AS open_past
      FROM interview_bookings ib JOIN hiring_events e ON e.id = ib.event_id WHERE e.kind = 'hiring_hall'`);
    expect(held[0].results).toBeGreaterThan(0);
    expect(held[0].open_past).toBe(0);
    const coming = await q(`SELECT count(*)::int AS n FROM hiring_hall_requests r JOIN hiring_events e
      ON e.id = r.event_id WHERE e.starts_at > '2026-11-22'`);
    expect(coming[0].n).toBeGreaterThan(0);
  });

  it('refuses to seed over existing data without reset, and reseeds with it', {
    timeout: 120_000,
  }, async () => {
    await expect(seedDemo(pool, key, opts)).rejects.toBeInstanceOf(DemoDataExistsError);
    const again = await seedDemo(pool, key, { ...opts, reset: true, sizes: { seekers: 120 } });
    expect(again.rows.seekers).toBe(120);
    // TRUNCATE is seen by no trigger: the old figures must not survive in the summaries.
    expect((await summary('2024-11-23', '2026-11-22')).seekersRegistered).toBe(120);
    expect(await summary('2025-01-01', '2025-12-31')).toMatchObject(await direct('2025-01-01', '2025-12-31'));
    expect(Number((await pool.query('SELECT count(*) AS n FROM centres')).rows[0].n)).toBe(4);
  });
});
