import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import './publicjobs.tables.ts';
import type {
  PublicJobAnnouncementTable,
  PublicJobApplicationTable,
  PublicJobDrawTable,
  PublicJobPlacementTable,
  PublicJobProgrammeTable,
  PublicJobRuleSetTable,
} from './publicjobs.tables.ts';

// The SQL on the public job tables (only this feature names them).

export async function insertProgramme(db: Db, row: Insertable<PublicJobProgrammeTable>) {
  return db.insertInto('public_job_programmes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findProgramme(db: Db, id: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom('public_job_programmes').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;

export async function findProgrammes(db: Db, o: { year?: number; centreIds?: readonly string[] | null }) {
  let q = db.selectFrom('public_job_programmes').selectAll();
  if (o.year !== undefined) q = q.where('year', '=', o.year);
  if (o.centreIds)
    q = q.where(
      'centre_id',
      'in',
      o.centreIds.length ? o.centreIds : ['00000000-0000-0000-0000-000000000000'],
    );
  return q.orderBy('apply_to', 'desc').orderBy('id').limit(500).execute();
}

/** Hands out the next application number of a programme (the row stays locked until commit). */
export async function nextApplicationNo(db: Db, programmeId: string): Promise<number> {
  const r = await db
    .updateTable('public_job_programmes')
    .set((eb) => ({ applications: eb('applications', '+', 1) }))
    .where('id', '=', programmeId)
    .returning('applications')
    .executeTakeFirstOrThrow();
  return r.applications;
}

export async function insertRuleSet(db: Db, row: Insertable<PublicJobRuleSetTable>) {
  return db.insertInto('public_job_rule_sets').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The rule set in force (the latest version), or a named version. */
export async function findRuleSet(db: Db, programmeId: string, version?: number) {
  let q = db.selectFrom('public_job_rule_sets').selectAll().where('programme_id', '=', programmeId);
  if (version !== undefined) q = q.where('version', '=', version);
  return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
}
export type RuleSetRow = NonNullable<Awaited<ReturnType<typeof findRuleSet>>>;

/** The rule set in force of each programme, in one statement (DISTINCT ON the latest version). */
export async function findCurrentRuleSets(db: Db, programmeIds: readonly string[]) {
  if (programmeIds.length === 0) return [];
  return db
    .selectFrom('public_job_rule_sets')
    .selectAll()
    .distinctOn('programme_id')
    .where('programme_id', 'in', programmeIds)
    .orderBy('programme_id')
    .orderBy('version', 'desc')
    .execute();
}

export async function findRuleSets(db: Db, programmeId: string) {
  return db
    .selectFrom('public_job_rule_sets')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('version')
    .execute();
}

export async function insertApplication(db: Db, row: Insertable<PublicJobApplicationTable>) {
  return db.insertInto('public_job_applications').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findApplication(db: Db, id: string) {
  return db.selectFrom('public_job_applications').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

export async function findApplications(db: Db, programmeId: string, o: { seekerId?: string } = {}) {
  let q = db.selectFrom('public_job_applications').selectAll().where('programme_id', '=', programmeId);
  if (o.seekerId) q = q.where('seeker_id', '=', o.seekerId);
  return q.orderBy('application_no').execute();
}

/** Seeker and application number of these applications (whom a published result tells). */
export async function findApplicationRefs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('public_job_applications')
    .select(['id', 'seeker_id', 'application_no'])
    .where('id', 'in', ids)
    .execute();
}

/** The eligible applications of a programme in application-number order (the draw's candidates). */
export async function findCandidates(db: Db, programmeId: string) {
  return db
    .selectFrom('public_job_applications')
    .select(['id', 'application_no', 'score'])
    .where('programme_id', '=', programmeId)
    .where('eligible', '=', true)
    .orderBy('application_no')
    .execute();
}

/**
 * Whether the seeker was placed in a public job programme of the years [fromYear, toYear]
 * other than this one (repeat participation, FIELD.md §f.2 "중복·반복 참여자").
 */
export async function wasPlacedBetween(
  db: Db,
  o: { seekerId: string; fromYear: number; toYear: number; exceptProgrammeId: string },
): Promise<boolean> {
  const r = await db
    .selectFrom('public_job_placements as pl')
    .innerJoin('public_job_programmes as p', 'p.id', 'pl.programme_id')
    .select('pl.id')
    .where('pl.seeker_id', '=', o.seekerId)
    .where('p.year', '>=', o.fromYear)
    .where('p.year', '<=', o.toYear)
    .where('p.id', '<>', o.exceptProgrammeId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertAnnouncement(db: Db, row: Insertable<PublicJobAnnouncementTable>) {
  return db.insertInto('public_job_announcements').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findLatestAnnouncement(db: Db, programmeId: string) {
  return db
    .selectFrom('public_job_announcements')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
export type AnnouncementRow = NonNullable<Awaited<ReturnType<typeof findLatestAnnouncement>>>;

export async function findAnnouncement(db: Db, id: string) {
  return db.selectFrom('public_job_announcements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDraw(db: Db, row: Insertable<PublicJobDrawTable>) {
  return db.insertInto('public_job_draws').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function countDraws(db: Db, programmeId: string): Promise<number> {
  const r = await db
    .selectFrom('public_job_draws')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findDraw(db: Db, programmeId: string, id: string) {
  return db
    .selectFrom('public_job_draws')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export type DrawRow = NonNullable<Awaited<ReturnType<typeof findDraw>>>;

export async function findDraws(db: Db, programmeId: string) {
  return db
    .selectFrom('public_job_draws')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('run_no')
    .execute();
}

export async function insertPublication(
  db: Db,
  o: { programmeId: string; centreId: string; drawId: string; by: string | null },
) {
  return db
    .insertInto('public_job_publications')
    .values({ programme_id: o.programmeId, centre_id: o.centreId, draw_id: o.drawId, published_by: o.by })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPublication(db: Db, programmeId: string) {
  return db
    .selectFrom('public_job_publications')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
}

export async function insertPlacement(db: Db, row: Insertable<PublicJobPlacementTable>) {
  return db.insertInto('public_job_placements').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function countPlacements(db: Db, programmeId: string): Promise<number> {
  const r = await db
    .selectFrom('public_job_placements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findPlacement(db: Db, programmeId: string, id: string) {
  return db
    .selectFrom('public_job_placements')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export type PlacementRow = NonNullable<Awaited<ReturnType<typeof findPlacement>>>;

/**
 * A programme's placements in start order, each with `last_counselling_at`: the caller's SQL
 * fragment (the counselling feature's) applied to the placement's seeker.
 */
export async function findPlacements(
  db: Db,
  programmeId: string,
  o: { lastCounsellingAt: (seekerId: RawBuilder<unknown>) => RawBuilder<Date | null> },
) {
  return db
    .selectFrom('public_job_placements as pl')
    .selectAll('pl')
    .select(o.lastCounsellingAt(sql`pl.seeker_id`).as('last_counselling_at'))
    .where('pl.programme_id', '=', programmeId)
    .orderBy('pl.starts_on')
    .orderBy('pl.id')
    .execute();
}

export async function endPlacementRow(
  db: Db,
  id: string,
  o: {
    endsOn: string;
    outcome: PlacementRow['outcome'];
    privateEmployer: string | null;
    privateEmploymentId: string | null;
  },
) {
  return db
    .updateTable('public_job_placements')
    .set({
      ends_on: o.endsOn,
      outcome: o.outcome,
      private_employer: o.privateEmployer,
      private_employment_id: o.privateEmploymentId,
      ended_at: new Date(),
    })
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

// The reports feature's sub-selects (publicjobs.report.service.ts is their contract).

export function applicationReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, seeker_id, centre_id, created_at, eligible FROM public_job_applications)`;
}

export function selectionReportRows(): RawBuilder<unknown> {
  return sql`(SELECT a.id AS application_id, a.seeker_id, a.centre_id, pub.published_at
    FROM public_job_publications pub
    JOIN public_job_draws d ON d.id = pub.draw_id
    CROSS JOIN LATERAL unnest(d.ranked[1:d.quota]) AS s(application_id)
    JOIN public_job_applications a ON a.id = s.application_id)`;
}

export function placementReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, seeker_id, centre_id, starts_on, ends_on, outcome FROM public_job_placements)`;
}
