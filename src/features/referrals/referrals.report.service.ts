import { type RawBuilder, sql } from 'kysely';

/**
 * Referrals as the reports feature reads them: (id, seeker_id, posting_id, centre_id, created_at,
 * interviewed, hired). `interviewed` is true when the referral reached the interview stage or was
 * hired, `hired` when it was hired — by its current status or its history (referral_events), so a
 * referral moved on later still counts for the step it reached. PostgreSQL folds the relation
 * into the report's statement; a column the report does not read is never computed.
 */
export function referralReportRows(): RawBuilder<unknown> {
  return sql`(SELECT r.id, r.seeker_id, r.posting_id, r.centre_id, r.created_at,
      (r.status IN ('interview', 'hired') OR EXISTS (SELECT 1 FROM referral_events v
        WHERE v.referral_id = r.id AND v.status IN ('interview', 'hired'))) AS interviewed,
      (r.status = 'hired' OR EXISTS (SELECT 1 FROM referral_events v
        WHERE v.referral_id = r.id AND v.status = 'hired')) AS hired
    FROM referrals r)`;
}
