import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import { recordAccess, recordSeekerAccess, recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { maskRrnFields, rrnWarnings } from '../../platform/domain/validate.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { seoulToday } from '../employments/employments.service.ts';
import { postingState } from '../postings/posting-lookups.service.ts';
import { postingEmployers } from '../postings/postings.relations.service.ts';
import { reevaluateCare } from '../seekers/care.service.ts';
import { seekerCentres } from '../seekers/seekers.relations.service.ts';
import { requireSeeker } from '../seekers/seekers.service.ts';
import { noticeReferral } from './referral-notices.ts';
import type { ReferralStatus } from './referrals.tables.ts';

export type { ReferralStatus };

const NO_ID = '00000000-0000-0000-0000-000000000000';

import './referrals.messages.ts';
import './referrals.tables.ts';
import { emitWebhookEvent } from '../webhooks/webhooks.service.ts';

/** Allowed moves of the pipeline; hired, rejected, no_show and withdrawn are final. */
export const TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  referred: ['screening', 'interview', 'hired', 'rejected', 'no_show', 'withdrawn'],
  screening: ['interview', 'hired', 'rejected', 'withdrawn'],
  interview: ['hired', 'rejected', 'no_show', 'withdrawn'],
  hired: [],
  rejected: [],
  no_show: [],
  withdrawn: [],
};

/** Every status of a referral, in pipeline order (the board's columns, the employer page's counts). */
export const REFERRAL_STATUSES = Object.keys(TRANSITIONS) as ReferralStatus[];

/** Who changes a referral: a signed-in user, or an employer through a one-time link. */
export type Changer =
  | { kind: 'user'; actor: Actor; ip: string | null }
  | { kind: 'employer_link'; ip: string | null };

function isUnique(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

/** POST /referrals: refers a visible seeker to an open posting; 409 when one is already open. */
export async function createReferral(
  ctx: RequestContext,
  raw: { seekerId: string; postingId: string; note?: string },
) {
  const { actor, ip } = ctx;
  const { value: body, masked } = maskRrnFields(raw, ['note']);
  return ctx.db.transaction().execute(async (tx) => {
    const { seeker } = await requireSeeker({ db: tx, actor }, body.seekerId, 'refer', {
      notFound: 'referral.seekerNotFound',
    });
    const posting = await postingState(tx, body.postingId);
    if (!posting || (posting.status !== 'open' && !inScope(actor, posting.centre_id)))
      throw notFound('referral.postingNotFound');
    if (posting.status !== 'open' || posting.closes_at < seoulToday())
      throw conflict('referral.postingNotOpen');
    const id = uuidv7();
    const centreId = actor.centreId ?? seeker.centre_id;
    try {
      // A savepoint keeps the transaction usable to answer 409 cleanly.
      await tx
        .insertInto('referrals')
        .values({
          id,
          seeker_id: seeker.id,
          posting_id: posting.id,
          centre_id: centreId,
          status: 'referred',
          note: body.note?.trim() || null,
          created_by: actor.userId,
        })
        .execute();
    } catch (e) {
      if (isUnique(e)) throw conflict('referral.duplicate');
      throw e;
    }
    await tx
      .insertInto('referral_events')
      .values({
        id: uuidv7(),
        referral_id: id,
        centre_id: centreId,
        status: 'referred',
        actor_id: actor.userId,
        actor_kind: 'user',
        note: body.note?.trim() || null,
      })
      .execute();
    await noticeReferral(tx, {
      referralId: id,
      eventKey: 'referred',
      seekerId: seeker.id,
      postingId: posting.id,
      centreId,
      status: 'referred',
    });
    await emitWebhookEvent(tx, { type: 'referral.created', subjectId: id, centreId: seeker.centre_id });
    await reevaluateCare(tx, seeker.id);
    await recordSeekerAccess(tx, { actor, ip }, 'create', seeker);
    return { ...(await loadReferral(tx, id)), warnings: rrnWarnings(masked) };
  });
}

/** A referral with its history, in the API shape. */
export async function loadReferral(db: Db, id: string) {
  const r = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('referral.notFound');
  const events = await db
    .selectFrom('referral_events')
    .selectAll()
    .where('referral_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    ...presentReferral(r),
    events: events.map((e) => ({
      status: e.status,
      at: e.at.toISOString(),
      actorId: e.actor_id,
      actorKind: e.actor_kind,
      note: e.note,
    })),
  };
}

function presentReferral(r: {
  id: string;
  seeker_id: string;
  posting_id: string;
  centre_id: string;
  status: string;
  note: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  interview_at?: Date | null;
  interview_place?: string | null;
  created_by?: string | null;
}) {
  return {
    id: r.id,
    seekerId: r.seeker_id,
    postingId: r.posting_id,
    centreId: r.centre_id,
    status: r.status,
    note: r.note,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    interviewAt: r.interview_at?.toISOString() ?? null,
    interviewPlace: r.interview_place ?? null,
    createdBy: r.created_by ?? null,
  };
}

/** Record-level rule for referrals: staff by centre, a seeker its own, an employer its postings'. */
function visibleTo(
  actor: Actor,
  r: { centre_id: string; seeker_id: string; employer_id: string; seeker_centre: string },
): boolean {
  if (actor.role === 'seeker') return actor.seekerId === r.seeker_id;
  if (actor.role === 'employer') return actor.employerId === r.employer_id;
  return inScope(actor, r.centre_id) || inScope(actor, r.seeker_centre);
}

export async function referralForActor(db: Db, actor: Actor, id: string, lock = false) {
  let q = db
    .selectFrom('referrals as r')
    .innerJoin(postingEmployers('p'), 'p.id', 'r.posting_id')
    .innerJoin(seekerCentres('s'), 's.id', 'r.seeker_id')
    .select([
      'r.id',
      'r.status',
      'r.centre_id',
      'r.seeker_id',
      'r.posting_id',
      'p.employer_id',
      's.centre_id as seeker_centre',
    ])
    .where('r.id', '=', id);
  if (lock) q = q.forUpdate('r');
  const r = await q.executeTakeFirst();
  if (!r || !visibleTo(actor, r)) throw notFound('referral.notFound');
  return r;
}

/**
 * A referral the actor may see (staff by centre, the seeker its own, an employer its postings'),
 * without history and without an access-log row: for pages that name the seeker through the
 * seekers feature (which logs) or print it (which logs `print`). 404 otherwise.
 */
export async function visibleReferral(db: Db, actor: Actor, id: string) {
  const r = await referralForActor(db, actor, id);
  const row = await db.selectFrom('referrals').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
  return { ...presentReferral(row), seekerCentreId: r.seeker_centre, employerId: r.employer_id };
}

/** The users who made referrals the actor's centres hold (the board's counsellor filter). */
export async function referralCreators(db: Db, actor: Actor): Promise<string[]> {
  let q = db.selectFrom('referrals').select('created_by').distinct().where('created_by', 'is not', null);
  if (actor.centreScope !== null) q = q.where('centre_id', 'in', [...actor.centreScope, NO_ID]);
  return (await q.limit(200).execute()).map((r) => r.created_by!);
}

/** GET /referrals/{id}. */
export async function getReferral(db: Db, actor: Actor, id: string, ip: string | null) {
  const r = await referralForActor(db, actor, id);
  await recordAccess(db, {
    actor,
    ip,
    action: 'view',
    subjectType: 'seeker',
    subjectId: r.seeker_id,
    centreId: r.seeker_centre,
  });
  return loadReferral(db, id);
}

/** GET /referrals?seekerId=&postingId=&status=: newest first, scoped to the actor. */
export async function listReferrals(
  ctx: RequestContext,
  q: {
    seekerId?: string;
    postingId?: string;
    status?: ReferralStatus;
    /** Made by this user (the board's counsellor filter). */
    createdBy?: string;
    /** Made on or after / before the end of these Seoul days (YYYY-MM-DD). */
    from?: string;
    to?: string;
    offset: number;
    limit: number;
  },
) {
  const { db, actor } = ctx;
  let base = db
    .selectFrom('referrals as r')
    .innerJoin(postingEmployers('p'), 'p.id', 'r.posting_id')
    .innerJoin(seekerCentres('s'), 's.id', 'r.seeker_id');
  if (actor.role === 'seeker')
    base = base.where('r.seeker_id', '=', actor.seekerId ?? '00000000-0000-0000-0000-000000000000');
  else if (actor.role === 'employer')
    base = base.where('p.employer_id', '=', actor.employerId ?? '00000000-0000-0000-0000-000000000000');
  else if (actor.centreScope !== null) {
    const scope = actor.centreScope as string[];
    base = base.where((e) => e.or([e('r.centre_id', 'in', scope), e('s.centre_id', 'in', scope)]));
  }
  if (q.seekerId) base = base.where('r.seeker_id', '=', q.seekerId);
  if (q.postingId) base = base.where('r.posting_id', '=', q.postingId);
  if (q.status) base = base.where('r.status', '=', q.status);
  if (q.createdBy) base = base.where('r.created_by', '=', q.createdBy);
  if (q.from) base = base.where('r.created_at', '>=', new Date(`${q.from}T00:00:00+09:00`));
  if (q.to)
    base = base.where('r.created_at', '<', new Date(Date.parse(`${q.to}T00:00:00+09:00`) + 86_400_000));
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('r')
    .select('s.centre_id as seeker_centre')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  await recordSeekerViews(
    db,
    ctx,
    rows.map((r) => ({ id: r.seeker_id, centreId: r.seeker_centre })),
  );
  return { items: rows.map(presentReferral), total: Number(total.n) };
}

/**
 * The referrals of one seeker the caller has already reached through the seekers feature's
 * `requireSeeker` (and logged): newest first, in one statement and without an access-log row
 * of their own (a page logs one per view). `full`: the seeker is in the actor's centre
 * subtree, so all its referrals show; otherwise only those the actor's centres made.
 */
export async function referralsOfSeeker(
  db: Db,
  actor: Actor,
  o: { seekerId: string; full: boolean; limit?: number },
) {
  let q = db
    .selectFrom('referrals as r')
    .selectAll('r')
    .where('r.seeker_id', '=', o.seekerId)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(o.limit ?? 50);
  if (!o.full && actor.centreScope !== null) q = q.where('r.centre_id', 'in', [...actor.centreScope, NO_ID]);
  return (await q.execute()).map(presentReferral);
}
