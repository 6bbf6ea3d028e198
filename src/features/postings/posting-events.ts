import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { PostingStatus } from './postings.tables.ts';

/**
 * Which webhook event a posting's change sends (the one place that decides it). Events follow
 * what a partner key can read: a posting is publicly readable while its status is `open` (GET
 * answers 404 for the rest; past its closing day the nightly expiry makes it `expired`).
 * - `posting.created`: it becomes readable for the first time — saved open by a counsellor or
 *   an import, or opened by a counsellor's approval (pending, outreach draft) when it was never
 *   readable before;
 * - `posting.updated`: a readable posting changes and stays readable, or becomes readable again
 *   (re-approval after the employer's edit sent it back to pending, a 고용24 re-import reopening
 *   an expired one);
 * - `posting.closed`: a readable posting closes, fills or expires;
 * - nothing for drafts, pending, returned, rejected, closed postings and the moves between
 *   them (reject, return), nor for the employer's edit that sends an open posting back for
 *   review: it is unreadable until approved again, and that approval sends `posting.updated`.
 */
export type PostingEventType = 'posting.created' | 'posting.updated' | 'posting.closed';

export interface PostingStep {
  /** the stored status before the change; null when the change inserted the posting */
  before: PostingStatus | null;
  /** the stored status after it (the same as before for an edit that keeps it) */
  after: PostingStatus;
  /** it was readable at some time before this change ({@link wasEverOpen}); inserts: false */
  wasOpen: boolean;
}

export function postingEvent(s: PostingStep): PostingEventType | null {
  const readableBefore = s.before === 'open';
  const readableAfter = s.after === 'open';
  if (readableAfter) return readableBefore || s.wasOpen ? 'posting.updated' : 'posting.created';
  const ends = s.after === 'closed' || s.after === 'filled' || s.after === 'expired';
  return readableBefore && ends ? 'posting.closed' : null;
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
