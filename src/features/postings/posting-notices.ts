import type { Db } from '../../platform/db/pool.ts';
import { centreNames } from '../accounts/centres.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import type { PostingRow } from './postings.read.ts';

/**
 * Tells the employer that its posting was approved, or rejected or returned with the reason
 * (API.md: "a rejected or returned posting tells its employer why"), in the decision's own
 * transaction. One message per decision and posting version (dedupe key).
 */
export async function noticePostingDecision(
  tx: Db,
  d: { posting: PostingRow; decision: 'approved' | 'rejected' | 'returned'; reason?: string },
): Promise<void> {
  const p = d.posting;
  const centre = (await centreNames(tx, [p.centre_id])).get(p.centre_id) ?? '';
  const variables: Record<string, string> = { company: p.employer_name, posting: p.title, centre };
  // A returned posting uses the refusal template too; its reason says it may come back.
  if (d.decision === 'rejected') variables.reason = d.reason ?? '';
  if (d.decision === 'returned') variables.reason = `${d.reason ?? ''} (고쳐서 다시 제출할 수 있습니다)`;
  await notify(tx, {
    templateKey: d.decision === 'approved' ? 'posting_approved' : 'posting_rejected',
    recipient: { kind: 'employer', id: p.employer_id },
    centreId: p.centre_id,
    variables,
    source: `posting.${d.decision}`,
    dedupeKey: `posting:${p.id}:${d.decision}:${p.updated_at.getTime()}`,
  });
}
