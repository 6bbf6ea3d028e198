import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/pool.ts';
import { rrnWarnings } from '../../platform/domain/validate.ts';
import { DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireEmployerServed, STAFF_ROLES } from '../employers/employers.service.ts';
import { emitWebhookEvents } from '../webhooks/webhooks.service.ts';
import { type PostingStep, postingEvent } from './posting-events.ts';
import type { PostingHistoryAction } from './posting-history.tables.ts';
import {
  effectiveStatus,
  type PostingRow,
  presentPosting,
  publiclyVisible,
  readPosting,
  readPostings,
} from './postings.read.ts';
import {
  type PostingColumns,
  type PostingInput,
  postingInvalid,
  postingTokens,
  seoulToday,
  toApiFields,
  validatePosting,
} from './postings.validate.ts';

export const isStaff = (a: Actor | null): boolean => a !== null && STAFF_ROLES.has(a.role);

/** Whether the actor may see this posting at all (else it answers 404). */
export function canSee(actor: Actor | null, row: PostingRow, today = seoulToday()): boolean {
  if (publiclyVisible(row, today)) return true;
  if (actor && isStaff(actor) && inScope(actor, row.centre_id)) return true;
  return actor?.role === 'employer' && actor.employerId === row.employer_id;
}

export function canEdit(actor: Actor, row: PostingRow): boolean {
  if (isStaff(actor)) return inScope(actor, row.centre_id);
  return actor.role === 'employer' && actor.employerId === row.employer_id;
}

export async function load(db: Db, actor: Actor | null, id: string): Promise<PostingRow> {
  const [row] = await readPostings(db, (q) => q.where('p.id', '=', id));
  if (!row || !canSee(actor, row)) throw notFound('posting.notFound');
  return row;
}

export interface HistoryEntry {
  postingId: string;
  centreId: string;
  actorId: string | null;
  action: PostingHistoryAction;
  changes: object;
  /** the status move, from which `postingEvent` decides the webhook event (if any) */
  step: PostingStep;
}

/** Writes one history row (who, when, what changed) in the caller's transaction. */
export async function addHistory(tx: Db, e: HistoryEntry) {
  await addHistories(tx, [e]);
}

/**
 * History rows of many postings changed in one transaction (a 고용24 import), with the webhook
 * event of each: a few statements of up to 2,000 rows, not one round trip per posting.
 */
export async function addHistories(tx: Db, entries: readonly HistoryEntry[]) {
  for (let i = 0; i < entries.length; i += 2000) {
    await tx
      .insertInto('posting_history')
      .values(
        entries.slice(i, i + 2000).map((e) => ({
          id: uuidv7(),
          posting_id: e.postingId,
          centre_id: e.centreId,
          actor_id: e.actorId,
          action: e.action,
          changes: sql`${JSON.stringify(e.changes)}::jsonb`,
        })),
      )
      .execute();
  }
  // Partners hear of what they can read (outbox, same transaction): `postingEvent` decides.
  const events = [];
  for (const e of entries) {
    const type = postingEvent(e.step);
    if (type) events.push({ type, subjectId: e.postingId, centreId: e.centreId });
  }
  if (events.length) await emitWebhookEvents(tx, events);
}

/** One posting, if the actor may see it (public: open and not past its closing day). */
export async function getPosting(db: Db, actor: Actor | null, id: string) {
  return presentPosting(await load(db, actor, id));
}

/**
 * A posting whatever its status or centre, for a reader the caller has already let in through
 * another record that names it (a referral of the reader's centres to a posting since closed,
 * the referral letter): the posting page and printouts of a referral; 404 when there is none.
 */
export async function getPostingNamedBy(db: Db, id: string) {
  const [row] = await readPostings(db, (q) => q.where('p.id', '=', id));
  if (!row) throw notFound('posting.notFound');
  return presentPosting(row);
}

/** `getPostingNamedBy` for a list (the referral board): id → posting, one statement. */
export async function getPostingsNamedBy(db: Db, ids: readonly string[]) {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map<string, ReturnType<typeof presentPosting>>();
  const rows = await readPostings(db, (q) => q.where('p.id', 'in', wanted));
  return new Map(rows.map((r) => [r.id, presentPosting(r)]));
}

/** Several postings at once, those the actor may see, by id (one statement; pages' cards). */
export async function getPostings(db: Db, actor: Actor | null, ids: readonly string[]) {
  const out = new Map<string, ReturnType<typeof presentPosting>>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const today = seoulToday();
  const rows = await readPostings(db, (q) => q.where('p.id', 'in', unique));
  for (const row of rows) if (canSee(actor, row, today)) out.set(row.id, presentPosting(row, today));
  return out;
}

/**
 * Creates a posting. Staff create it open (they vouch for it, 구인인증 done), and only for an
 * employer their centre subtree serves (`requireEmployerServed`: 403 `employer.notServed`
 * for another centre's); an employer user creates it pending for a counsellor's approval, and
 * only for its own company.
 */
export async function createPosting(db: Db, actor: Actor, input: PostingInput) {
  if (actor.role === 'employer' && actor.employerId !== input.employerId) {
    throw new DomainError('forbidden', 'posting.notYourEmployer', {}, [
      { field: 'employerId', key: 'posting.notYourEmployer' },
    ]);
  }
  const employer = await requireEmployerServed(db, actor, input.employerId);
  const problems: FieldProblem[] = [];
  const masked: string[] = [];
  const cols = validatePosting(input, problems, { today: seoulToday(), masked });
  if (problems.length) throw postingInvalid(problems);
  const staff = isStaff(actor);
  // Employer users' postings belong to the employer's centre, whose counsellors approve them.
  const centreId = staff ? (actor.centreId ?? employer.centreId) : employer.centreId;
  const now = new Date();
  const id = uuidv7();
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto('postings')
      .values({
        id,
        ...cols,
        centre_id: centreId,
        status: staff ? 'open' : 'pending',
        created_by: actor.userId,
        approved_by: staff ? actor.userId : null,
        approved_at: staff ? now : null,
        search_tokens: postingTokens(cols, employer.name),
      })
      .execute();
    await addHistory(tx, {
      postingId: id,
      centreId,
      actorId: actor.userId,
      action: 'create',
      changes: toApiFields(cols),
      step: { before: null, after: staff ? 'open' : 'pending', closesAt: cols.closes_at, wasOpen: false },
    });
    return {
      ...presentPosting(await readPosting(tx, id)),
      warnings: rrnWarnings(masked),
    };
  });
}

export function fromRow(row: PostingRow): PostingInput {
  return {
    employerId: row.employer_id,
    title: row.title,
    occupationCode: row.occupation_code,
    occupationEdition: row.occupation_edition,
    duties: row.duties,
    headcount: row.headcount,
    employmentType: row.employment_type,
    wageType: row.wage_type,
    wageMin: row.wage_min,
    wageMax: row.wage_max,
    workDays: row.work_days,
    workHours: row.work_hours,
    regionCode: row.region_code,
    address: row.address,
    educationMin: row.education_min,
    career: { type: row.career_type, minMonths: row.career_min_months },
    certificates: row.certificates,
    preferences: row.preferences,
    keywords: row.keywords,
    closesAt: row.closes_at,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes a posting and records the changed fields (before/after) in posting_history. An
 * employer editing an open posting sends it back to pending: the counsellor approves the new
 * text. The employer (company) of a posting does not change.
 */
export async function updatePosting(db: Db, actor: Actor, id: string, patch: Partial<PostingInput>) {
  const row = await load(db, actor, id);
  if (!canEdit(actor, row)) throw notFound('posting.notFound');
  if (actor.role === 'employer' && row.status === 'rejected') {
    throw new DomainError('conflict', 'posting.rejected', {}, [{ field: 'status', key: 'posting.rejected' }]);
  }
  if (patch.employerId !== undefined && patch.employerId !== row.employer_id) {
    throw invalid([{ field: 'employerId', key: 'field.notAllowed' }]);
  }
  const merged: PostingInput = {
    ...fromRow(row),
    ...patch,
    career: { ...fromRow(row).career, ...patch.career },
  };
  const problems: FieldProblem[] = [];
  // A closing date already in the past may stay as it is when it is not being changed.
  const today = seoulToday();
  const masked: string[] = [];
  const cols = validatePosting(merged, problems, {
    today: patch.closesAt === undefined ? (row.closes_at < today ? row.closes_at : today) : today,
    keepRegion: row.region_code,
    regionDate: today,
    // The minimum wage of the year the posting opened applies to it.
    wageYear: Number(seoulToday(new Date(row.created_at)).slice(0, 4)),
    masked,
  });
  if (problems.length) throw postingInvalid(problems);
  const before = toApiFields(
    validatePosting(fromRow(row), [], { today: '0000-00-00', keepRegion: row.region_code }),
  );
  const after = toApiFields(cols);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of Object.keys(after))
    if (!same(before[k], after[k])) changes[k] = { before: before[k], after: after[k] };
  // The employer's edit of a returned posting sends it back for approval, changed or not.
  const resubmit = actor.role === 'employer' && row.status === 'returned';
  if (Object.keys(changes).length === 0 && !resubmit) return presentPosting(row);
  const backToPending = actor.role === 'employer' && (row.status === 'open' || resubmit);
  if (backToPending) changes.status = { before: effectiveStatus(row), after: 'pending' };
  return db.transaction().execute(async (tx) => {
    // The edit was decided on the status read above: if an approval, a refusal or a close came
    // in between, nothing is written (an employer's unreviewed change must never ride on an
    // approval of the text before it) and the editor is told to look again.
    const updated = await tx
      .updateTable('postings')
      .set({
        ...cols,
        search_tokens: postingTokens(cols, row.employer_name),
        ...(backToPending ? { status: 'pending', approved_by: null, approved_at: null } : {}),
        ...(resubmit ? { review_decision: null, resubmitted_at: new Date() } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      const now = await tx
        .selectFrom('postings')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      throw new DomainError('conflict', 'posting.changedMeanwhile', { status: now.status }, [
        { field: 'status', key: 'posting.changedMeanwhile', params: { status: now.status } },
      ]);
    }
    await addHistory(tx, {
      postingId: id,
      centreId: row.centre_id,
      actorId: actor.userId,
      action: resubmit ? 'resubmit' : 'update',
      changes,
      // An open posting's edit by staff: updated while partners can read it (not past its
      // closing day); the employer's sends it back (nothing).
      step: {
        before: row.status,
        after: backToPending ? 'pending' : row.status,
        closesAt: cols.closes_at,
        wasOpen: false,
      },
    });
    return {
      ...presentPosting(await readPosting(tx, id)),
      warnings: rrnWarnings(masked),
    };
  });
}

/** The edit history of a posting, oldest first (staff in scope and the employer). */
export async function postingHistory(db: Db, actor: Actor, id: string) {
  const row = await load(db, actor, id);
  if (!canEdit(actor, row)) throw notFound('posting.notFound');
  const rows = await db
    .selectFrom('posting_history')
    .select(['at', 'actor_id', 'action', 'changes'])
    .where('posting_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actorId: r.actor_id,
    action: r.action,
    changes: r.changes,
  }));
}

/** GET /postings and the pages' lists: the search use case (postings.search.ts). */
export { listPostings } from './postings.search.ts';
export type { PostingColumns, PostingInput };
