import { type Kysely, sql } from 'kysely';

// Posting review (issue 15): a counsellor approves a pending posting, rejects it or returns it
// for changes, with a reason the employer is shown. A rejected or returned posting goes back
// to status 'draft' (never published, never counted by the reports, which leave drafts out)
// and carries the decision; the employer's edit of a returned posting resubmits it (pending
// again, resubmitted_at). Who decided when with which reason is kept in posting_history.
// The new columns have no default, so adding them does not rewrite the table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE postings
      ADD COLUMN review_decision text
        CONSTRAINT postings_review_decision CHECK (review_decision IN ('rejected', 'returned')),
      ADD COLUMN review_reason text,
      ADD COLUMN reviewed_by uuid,
      ADD COLUMN reviewed_at timestamptz,
      ADD COLUMN resubmitted_at timestamptz,
      ADD CONSTRAINT postings_review_is_draft CHECK (review_decision IS NULL OR status = 'draft');
    CREATE INDEX postings_returned ON postings (centre_id) WHERE review_decision = 'returned';
    ALTER TABLE posting_history DROP CONSTRAINT posting_history_action_check;
    ALTER TABLE posting_history ADD CONSTRAINT posting_history_action_check
      CHECK (action IN ('create', 'update', 'approve', 'reject', 'return', 'resubmit', 'status', 'import', 'expire'))
      NOT VALID;
    ALTER TABLE posting_history VALIDATE CONSTRAINT posting_history_action_check;
  `.execute(db);
}
