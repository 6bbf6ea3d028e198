import type { Updateable } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { wasEverOpen } from './posting-events.ts';
import type { PostingHistoryAction } from './posting-history.tables.ts';
import { noticePostingDecision } from './posting-notices.ts';
import { type PostingRow, presentPosting, readPosting } from './postings.read.ts';
import { addHistory, canEdit, fromRow, isStaff, load } from './postings.service.ts';
import type { PostingTable, ReviewDecision } from './postings.tables.ts';
import { postingInvalid, seoulToday, validatePosting } from './postings.validate.ts';

// A posting's review (구인인증): approve, reject or return for changes, and the status moves of an
// open posting (closed, filled).

interface Transition {
  from: (status: string) => boolean;
  to: PostingTable['status'];
  action: PostingHistoryAction;
  refusal: string;
  /** further columns set with the status (the review decision) */
  set?: Partial<Updateable<PostingTable>>;
  /** further facts written into the history row (the reason) */
  note?: Record<string, unknown>;
  /** the employer is told in the same transaction */
  notice?: (tx: Db, row: PostingRow) => Promise<void>;
}

async function transition(db: Db, actor: Actor, id: string, t: Transition) {
  const row = await load(db, actor, id);
  if (!canEdit(actor, row)) throw notFound('posting.notFound');
  return db.transaction().execute(async (tx) => {
    // The status this change moves from (locked: the webhook event depends on it).
    const { status: before } = await tx
      .selectFrom('postings')
      .select('status')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    // The status check is part of the UPDATE, so two decisions racing cannot both win.
    const changed = await tx
      .updateTable('postings')
      .set({ status: t.to, updated_at: new Date(), ...t.set })
      .where('id', '=', id)
      .where(
        'status',
        'in',
        (['draft', 'pending', 'open', 'closed', 'filled', 'expired', 'rejected', 'returned'] as const).filter(
          t.from,
        ),
      )
      .returning('status')
      .executeTakeFirst();
    if (!changed) {
      const now = await tx
        .selectFrom('postings')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      throw new DomainError('conflict', t.refusal, { status: now.status }, [
        { field: 'status', key: t.refusal, params: { status: now.status } },
      ]);
    }
    // Read before this change's history row: an approval is `posting.created` only the first time.
    const wasOpen = t.to === 'open' && (await wasEverOpen(tx, id));
    await addHistory(tx, {
      postingId: id,
      centreId: row.centre_id,
      actorId: actor.userId,
      action: t.action,
      changes: { status: { before, after: t.to }, ...t.note },
      step: { before, after: t.to, closesAt: row.closes_at, wasOpen },
    });
    const after = await readPosting(tx, id);
    if (t.notice) await t.notice(tx, after);
    return presentPosting(after);
  });
}

const pendingOnly = (s: string) => s === 'pending';

/**
 * 구인인증: a counsellor of the posting's centre subtree approves a pending posting, or opens a
 * draft that outreach made from a job discovered on a company visit (source `outreach`, never
 * reviewed) once the whole posting passes the checks of a new one (duties, wage, closing day).
 */
export async function approvePosting(db: Db, actor: Actor, id: string) {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'error.forbidden');
  const row = await load(db, actor, id);
  const outreachDraft = row.status === 'draft' && row.source === 'outreach';
  if (outreachDraft) {
    const problems: FieldProblem[] = [];
    validatePosting(fromRow(row), problems, { today: seoulToday(), keepRegion: row.region_code });
    if (problems.length) throw postingInvalid(problems);
  }
  const now = new Date();
  return transition(db, actor, id, {
    from: outreachDraft ? (s) => s === 'draft' : pendingOnly,
    to: 'open',
    action: 'approve',
    refusal: 'posting.notPending',
    set: {
      approved_by: actor.userId,
      approved_at: now,
      review_decision: null,
      reviewed_by: actor.userId,
      reviewed_at: now,
    },
    notice: (tx, p) => noticePostingDecision(tx, { posting: p, decision: 'approved' }),
  });
}

/**
 * A counsellor refuses a pending posting with a reason the employer is shown (portal and
 * notification): status `rejected` for good, or `returned` for changes, which the employer's
 * next edit resubmits (pending again). Either way it is not published.
 */
export async function reviewPosting(
  db: Db,
  actor: Actor,
  id: string,
  decision: ReviewDecision,
  reasonText: string,
) {
  if (!isStaff(actor)) throw new DomainError('forbidden', 'error.forbidden');
  const reason = reasonText.trim();
  if (!reason) throw invalid([{ field: 'reason', key: 'posting.reasonRequired' }]);
  if (reason.length > 1000)
    throw invalid([{ field: 'reason', key: 'field.maxLength', params: { limit: 1000 } }]);
  return transition(db, actor, id, {
    from: pendingOnly,
    to: decision,
    action: decision === 'rejected' ? 'reject' : 'return',
    refusal: 'posting.notPending',
    set: {
      review_decision: decision,
      review_reason: reason,
      reviewed_by: actor.userId,
      reviewed_at: new Date(),
    },
    note: { reason },
    notice: (tx, p) => noticePostingDecision(tx, { posting: p, decision, reason }),
  });
}

/**
 * Ends a posting as closed (마감) or filled (충원); staff in scope or the employer itself. A
 * rejected or returned posting was never published: it keeps its status (the reports would
 * count it as an approved one once closed).
 */
export async function setPostingStatus(db: Db, actor: Actor, id: string, status: 'closed' | 'filled') {
  return transition(db, actor, id, {
    from: (s) => !['closed', 'filled', 'rejected', 'returned'].includes(s),
    to: status,
    action: 'status',
    refusal: 'posting.alreadyEnded',
  });
}

/**
 * What a 고용24 re-import (file or scheduled pull) may do to a posting of ours with the same
 * wantedAuthNo, by its status here:
 * - `reopen` (open, expired): the portal's content replaces ours and the posting is open (the
 *   portal moved its closing day);
 * - `update` (closed, filled): the content is the portal's, the status someone set here stays;
 * - `hold` (pending, returned, rejected, draft): a counsellor's review decides — an employer's
 *   edit awaits approval, a counsellor rejected the posting or returned it for changes. The
 *   import changes nothing (neither content nor status) and reports the row as held with the
 *   status, so a rejected posting never comes back open behind the counsellor's back.
 */
export function importDecision(status: PostingTable['status']): 'reopen' | 'update' | 'hold' {
  if (status === 'open' || status === 'expired') return 'reopen';
  if (status === 'closed' || status === 'filled') return 'update';
  return 'hold';
}

/** The statuses {@link importDecision} lets an import change, for the upsert's guard. */
export const IMPORT_CHANGES = (
  ['draft', 'pending', 'open', 'closed', 'filled', 'expired', 'rejected', 'returned'] as const
).filter((s) => importDecision(s) !== 'hold');
