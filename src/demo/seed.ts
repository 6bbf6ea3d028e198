/**
 * Loads a demo data set into the database: the centre tree and staff, employers, postings,
 * seekers and their casework, in foreign-key order, each table through one COPY stream in one
 * transaction. Rows are rendered in chunks (optionally on worker threads) and streamed, so a
 * million seekers never sit in memory at once.
 * @module
 */
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { hashPassword } from '../features/accounts/password.ts';
import { rebuildSummary } from '../features/reports/reports.service.ts';
import { notifyBulkChange } from '../platform/db/changes.ts';
import type { Tables } from '../platform/db/tables.ts';
import { seedBookings } from './bookings.ts';
import { CASEWORK_COLUMNS, type CaseworkTable } from './casework.ts';
import { type ChunkRenderer, type ChunkTask, inlineRenderer, workerRenderer } from './chunks.ts';
import { copyChunks, copyText } from './copy.ts';
import { registrationDay } from './core.ts';
import { seedDesks } from './desks.ts';
import { seedDueWork } from './duework.ts';
import { seedEvents } from './events.ts';
import { seedHiringHall } from './hiring-hall.ts';
import { seedOutreach } from './outreach.ts';
import { buildOrg, type DemoSizes, type DemoSpec, dateOf, S, seoulToday, TIERS } from './plan.ts';
import { seedProgrammes } from './programmes.ts';
import { seedPublicJobs } from './publicjobs.ts';
import { Rng } from './rng.ts';
import { arr, COLUMNS, esc } from './rows.ts';

/** Options of {@link seedDemo}. */
export interface SeedOptions {
  tier: DemoSpec['tier'];
  seed: number;
  /** overrides of the tier's sizes (tests load a few hundred rows) */
  sizes?: Partial<DemoSizes>;
  /** anchor date, default today in Seoul */
  today?: string;
  /** empty the demo tables first; without it a database with seekers is refused */
  reset?: boolean;
  /** password of every demo staff account */
  password?: string;
  /** worker threads for rendering rows; 0 renders on the calling thread */
  workers?: number;
  /** draw progress bars on stderr */
  showProgress?: boolean;
}

/** What was loaded. */
export interface SeedResult {
  tier: string;
  seed: number;
  rows: Record<string, number>;
  seconds: number;
  /** (centre, day) pairs the report summaries were rebuilt for */
  reportDays: number;
  /** of `seconds`, the time the report summaries took to rebuild */
  summarySeconds: number;
  logins: { login: string; role: string; centre: string }[];
}

/** Raised when the database already holds data and --reset was not given. */
export class DemoDataExistsError extends Error {}

/** The tables the demo fills, children first (the order TRUNCATE and reports use). */
export const DEMO_TABLES = [
  'desk_sessions',
  'mobile_desks',
  'admin_request_events',
  'admin_requests',
  'departments',
  'hiring_agreements',
  'outreach_jobs',
  'outreach_difficulties',
  'outreach_visits',
  'appointments',
  'programme_surveys',
  'programme_attendance',
  'programme_enrolments',
  'programme_sessions',
  'programmes',
  'institution_requests',
  'hiring_hall_requests',
  'event_invitations',
  'event_registrations',
  'interview_bookings',
  'event_slots',
  'event_employers',
  'hiring_events',
  'retention_followups',
  'public_job_placements',
  'public_job_publications',
  'public_job_draws',
  'public_job_announcements',
  'public_job_applications',
  'public_job_rule_sets',
  'public_job_programmes',
  'suit_rental_items',
  'suit_rentals',
  'suit_items',
  'booking_slots',
  'bookings',
  'booking_resources',
  'referral_events',
  'employments',
  'referrals',
  'counselling',
  'consents',
  'registration_counters',
  'seekers',
  'postings',
  'employers',
] as const;

/** Loads demo data; see the module comment. */
export async function seedDemo(pool: pg.Pool, dataKey: Buffer, opts: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const spec: DemoSpec = {
    ...TIERS[opts.tier],
    ...opts.sizes,
    tier: opts.tier,
    seed: opts.seed,
    today: opts.today ?? seoulToday(),
  };
  const rows: Record<string, number> = {};
  await prepare(pool, opts.reset === true);
  const superuser =
    (await pool.query<{ su: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS su`)).rows[0]?.su ===
    true;
  const org = buildOrg(spec);
  const hash = await hashPassword(opts.password ?? 'ilteo-demo-2026');
  const small = async (table: string, columns: string, text: string) => {
    rows[table] = await copyText(pool, table, columns, [Buffer.from(text, 'utf8')], superuser);
  };
  const created = '2024-01-02T00:00:00.000Z';
  await small(
    'centres',
    'id, name, kind, parent_id, region_code, path, settings, created_at, updated_at',
    org.centres
      .map((c) =>
        [
          c.id,
          esc(c.name),
          c.kind,
          c.parent === null ? '\\N' : (org.centres[c.parent]?.id ?? '\\N'),
          c.region,
          arr(c.path),
          '{"demo": true}',
          created,
          created,
        ].join('\t'),
      )
      .join('\n')
      .concat('\n'),
  );
  await small(
    'users',
    'id, login, password_hash, name, role, centre_id, created_at, updated_at',
    org.users
      .map((u) =>
        [
          u.id,
          u.login,
          esc(hash),
          esc(u.name),
          u.role,
          org.centres[u.centre]?.id ?? '\\N',
          created,
          created,
        ].join('\t'),
      )
      .join('\n')
      .concat('\n'),
  );

  const renderer: ChunkRenderer =
    (opts.workers ?? 0) > 0 ? workerRenderer(opts.workers ?? 0) : inlineRenderer();
  const keyHex = dataKey.toString('hex');
  const show = opts.showProgress === true;
  try {
    const load = async (
      table: ChunkTask['table'],
      columns: string,
      total: number,
      chunk: number,
      label: string,
      extra?: (from: number, to: number) => Partial<ChunkTask>,
    ) => {
      rows[table] = await copyChunks(
        pool,
        table,
        columns,
        total,
        chunk,
        renderer,
        (from, to) => ({ table, spec, keyHex, from, to, ...extra?.(from, to) }),
        superuser,
        show ? label : null,
      );
    };
    await load('employers', COLUMNS.employers, spec.employers, 1000, '구인기업 employers  ');
    await load(
      'postings',
      COLUMNS.postings,
      spec.postingsOpen + spec.postingsPast,
      1000,
      '구인공고 postings   ',
    );
    const { seq, counters } = registrationNumbers(spec);
    await load('seekers', COLUMNS.seekers, spec.seekers, 1000, '구직자 seekers      ', (from, to) => ({
      seq: seq.slice(from, to),
    }));
    const counterText = [...counters].map(([k, last]) => {
      const [c, year] = k.split(':');
      return `${org.centres[Number(c)]?.id}\t${year}\t${last}\n`;
    });
    await small('registration_counters', 'centre_id, year, last', counterText.join(''));
    const labels: Record<CaseworkTable, string> = {
      consents: '동의 consents       ',
      counselling: '상담 counselling    ',
      referrals: '알선 referrals      ',
      referral_events: '알선이력 ref.events ',
      employments: '취업 employments    ',
    };
    for (const t of ['consents', 'counselling', 'referrals', 'referral_events', 'employments'] as const) {
      await load(t, CASEWORK_COLUMNS[t], spec.seekers, 2000, labels[t]);
    }
  } finally {
    await renderer.close();
  }
  // VACUUM as well: it marks the freshly copied pages all-visible, so the index-only scans the
  // staff lists are built on (seekers_list) skip the heap from the first request.
  await pool.query(`VACUUM (ANALYZE) centres, users, ${DEMO_TABLES.join(', ')}`);
  // The COPYs ran without triggers (or, as a plain user, marked every day one statement at a
  // time), and --reset TRUNCATEd what the summaries were built from: rebuild them whole, so the
  // report page shows the two years of history at once. Then every running server reloads its
  // matching index (one bulk notice; the rows were never notified one by one).
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  Object.assign(
    rows,
    await seedBookings(db, {
      seed: spec.seed,
      today: spec.today,
      centreIds: org.centres.map((c) => ({ id: c.id, region: c.region, kind: c.kind })),
    }),
  );
  const publicJobs = await seedPublicJobs(db, {
    seed: spec.seed,
    today: spec.today,
    centreIds: org.centres.map((c) => ({ id: c.id, region: c.region, kind: c.kind })),
  });
  const { employments: placedJobs = 0, ...publicJobRows } = publicJobs;
  Object.assign(rows, publicJobRows);
  rows.employments = (rows.employments ?? 0) + placedJobs;
  const events = await seedEvents(db, {
    seed: spec.seed,
    today: spec.today,
    centreIds: org.centres.map((c) => ({ id: c.id, region: c.region, kind: c.kind })),
  });
  Object.assign(rows, events);
  // Hires at events are employments too (route event).
  rows.employments = (rows.employments ?? 0) + (events.event_employments ?? 0);
  // The hiring hall adds to the events' (and the room bookings') tables: counts are summed.
  const hall = await seedHiringHall(db, {
    seed: spec.seed,
    today: spec.today,
    centreIds: org.centres.map((c) => ({ id: c.id, region: c.region, kind: c.kind })),
  });
  for (const [table, n] of Object.entries(hall)) rows[table] = (rows[table] ?? 0) + n;
  rows.employments = (rows.employments ?? 0) + (hall.event_employments ?? 0);
  Object.assign(
    rows,
    await seedOutreach(db, {
      seed: spec.seed,
      today: spec.today,
      centreIds: org.centres.map((c) => ({ id: c.id, region: c.region, kind: c.kind })),
    }),
  );
  // After the outreach demo: the department accounts belong to its departments.
  const desks = await seedDesks(db, {
    seed: spec.seed,
    today: spec.today,
    passwordHash: hash,
    centres: org.centres.map((c) => ({
      id: c.id,
      region: c.region,
      kind: c.kind,
      slug: c.slug,
      name: c.name,
    })),
  });
  Object.assign(rows, desks.rows);
  rows.users = (rows.users ?? 0) + desks.logins.length;
  const programmes = await seedProgrammes(db, {
    seed: spec.seed,
    today: spec.today,
    dataKey,
    centreIds: org.centres.map((c) => ({ id: c.id, region: c.region, kind: c.kind })),
  });
  const { programme_employments: programmeJobs = 0, ...programmeRows } = programmes;
  Object.assign(rows, programmeRows);
  // Jobs found after a course are employments too (route self).
  rows.employments = (rows.employments ?? 0) + programmeJobs;
  // Follow-ups and appointments due around the anchor day: the first screen has work on it.
  Object.assign(rows, await seedDueWork(db, { today: spec.today }));
  const summaryStarted = Date.now();
  const reportDays = await rebuildSummary(db);
  const summarySeconds = Math.round((Date.now() - summaryStarted) / 100) / 10;
  await notifyBulkChange(db, 'seed-demo');
  const logins = [
    ...org.users.map((u) => ({
      login: u.login,
      role: u.role as string,
      centre: org.centres[u.centre]?.name ?? '',
    })),
    ...desks.logins,
  ];
  return {
    tier: spec.tier,
    seed: spec.seed,
    rows,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    reportDays,
    summarySeconds,
    logins,
  };
}

/** Refuses to mix demo data into a used database, or empties the demo tables when told to. */
async function prepare(pool: pg.Pool, reset: boolean): Promise<void> {
  const { rows } = await pool.query<{ seekers: number; postings: number; centres: number }>(
    `SELECT (SELECT count(*) FROM seekers)::int AS seekers, (SELECT count(*) FROM postings)::int AS postings,
            (SELECT count(*) FROM centres WHERE settings->>'demo' = 'true')::int AS centres`,
  );
  const found = rows[0] ?? { seekers: 0, postings: 0, centres: 0 };
  if (found.seekers + found.postings + found.centres === 0) return;
  if (!reset) {
    throw new DemoDataExistsError(
      `데이터베이스에 이미 데이터가 있습니다 (구직자 ${found.seekers}, 구인공고 ${found.postings}, 데모 센터 ${found.centres}). ` +
        `--reset 을 주면 구직·구인·상담·알선·취업 데이터를 모두 지우고 다시 만듭니다.\n` +
        `The database already holds data (${found.seekers} seekers, ${found.postings} postings, ${found.centres} demo centres). ` +
        'Add --reset to delete all seeker, posting, casework and demo centre data and seed again.',
    );
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // CASCADE also empties tables of other features that hang off seekers or postings.
    await client.query(`TRUNCATE ${DEMO_TABLES.join(', ')} CASCADE`);
    const demo = `SELECT id FROM centres WHERE settings->>'demo' = 'true'`;
    // The outreach demo sets the demo centres' targets (centre_targets is not a demo table).
    await client.query(`DELETE FROM centre_targets WHERE centre_id IN (${demo})`);
    await client.query(`DELETE FROM users WHERE centre_id IN (${demo})`);
    await client.query(`DELETE FROM centres WHERE settings->>'demo' = 'true'`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Registration numbers ("2026-000123") count per centre and year in registration order; rows are
 * generated in that order, so one pass over the seekers' centres gives every number.
 */
export function registrationNumbers(spec: DemoSpec): { seq: Int32Array; counters: Map<string, number> } {
  const org = buildOrg(spec);
  const seq = new Int32Array(spec.seekers);
  const counters = new Map<string, number>();
  for (let i = 0; i < spec.seekers; i++) {
    // The first draw of a seeker's generator is its place (seekerCore), so this is its centre.
    const centre = org.place(new Rng(spec.seed, S.seeker, i)).centre.index;
    const k = `${centre}:${dateOf(registrationDay(spec, i)).slice(0, 4)}`;
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    seq[i] = n;
  }
  return { seq, counters };
}
