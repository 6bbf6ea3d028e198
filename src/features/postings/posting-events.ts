import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { publiclyVisible } from './postings.read.ts';
import type { PostingStatus } from './postings.tables.ts';
import { seoulToday } from './postings.validate.ts';

/**
 * Which webhook event a posting's change sends (the one place that decides it). Events follow
 * what a partner key can read, `publiclyVisible`: open and not past its closing day (GET answers
 * 404 for the rest, also for an open posting whose closing day has passed before the nightly
 * expiry has made it `expired`).
 * - `posting.created`: it becomes readable for the first time — saved open by a counsellor or
 *   an import, or opened by a counsellor's approval (pending, outreach draft) when it was never
 *   readable before;
 * - `posting.updated`: it is readable after the change, and was open before or readable at some
 *   time (a change that keeps it readable; re-approval after the employer's edit sent it back to
 *   pending; a new closing day for an open posting whose day had passed; a 고용24 re-import
 *   reopening an expired one);
 * - `posting.closed`: an open posting closes, fills or expires — also one whose closing day had
 *   already passed: partners have not been told yet (the nightly expiry tells them otherwise);
 * - nothing for a change that leaves it unreadable: drafts, pending, returned, rejected, closed
 *   postings and the moves between them (reject, return), the employer's edit that sends an
 *   open posting back for review (it is unreadable until approved again, and that approval sends
 *   `posting.updated`), and an edit of an open posting past its closing day that keeps it so.
 */
export type PostingEventType = 'posting.created' | 'posting.updated' | 'posting.closed';

export interface PostingStep {
  /** the stored status before the change; null when the change inserted the posting */
  before: PostingStatus | null;
  /** the stored status after it (the same as before for an edit that keeps it) */
  after: PostingStatus;
  /** the closing day after the change */
  closesAt: string;
  /** it was readable at some time before this change ({@link wasEverOpen}); inserts: false */
  wasOpen: boolean;
}

export function postingEvent(s: PostingStep, today = seoulToday()): PostingEventType | null {
  const openBefore = s.before === 'open';
  if (publiclyVisible({ status: s.after, closes_at: s.closesAt }, today))
    return openBefore || s.wasOpen ? 'posting.updated' : 'posting.created';
  const ends = s.after === 'closed' || s.after === 'filled' || s.after === 'expired';
  return openBefore && ends ? 'posting.closed' : null;
}

/**
 * Whether a posting was ever open, from its history: a counsellor's approval, or a change whose
 * status before was open (or expired, which only an open posting becomes) — the employer's edit
 * that sent it back to pending, a closing, the expiry. `approved_at` is not this fact: that
 * edit clears it. A posting saved open and never changed has no such row, but is still open.
 */
export async function wasEverOpen(tx: Db, postingId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('posting_history')
    .select('id')
    .where('posting_id', '=', postingId)
    .where((eb) =>
      eb.or([
        eb('action', '=', 'approve'),
        eb(sql<string>`changes -> 'status' ->> 'before'`, 'in', ['open', 'expired']),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
