import { type Kysely, sql } from 'kysely';

// A posting a counsellor rejected or returned for changes (issue 15) gets that as its status,
// `rejected` or `returned`, instead of `draft` with the decision beside it: a refusal names the
// real state ("반려", not "작성 중"), and lists filter on the status alone. review_decision stays
// and must agree with the status (set exactly when the status is one of the two). The postings
// already decided move over. The report summaries leave both out as they left drafts out:
// report_refresh() is recreated from its own definition with the two added to its filter, so
// nothing else of that function changes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE postings DROP CONSTRAINT postings_review_is_draft;
    ALTER TABLE postings DROP CONSTRAINT postings_status_check;
    ALTER TABLE postings ADD CONSTRAINT postings_status_check CHECK (status IN
      ('draft', 'pending', 'open', 'closed', 'filled', 'expired', 'rejected', 'returned')) NOT VALID;
    UPDATE postings SET status = review_decision
      WHERE status = 'draft' AND review_decision IS NOT NULL;
    ALTER TABLE postings VALIDATE CONSTRAINT postings_status_check;
    ALTER TABLE postings ADD CONSTRAINT postings_review_is_status CHECK (
      CASE WHEN status IN ('rejected', 'returned') THEN review_decision IS NOT DISTINCT FROM status
        ELSE review_decision IS NULL END) NOT VALID;
    ALTER TABLE postings VALIDATE CONSTRAINT postings_review_is_status;
    DO $$
    DECLARE
      def text := pg_get_functiondef('report_refresh()'::regprocedure);
      before text := $q$p.status NOT IN ('draft', 'pending')$q$;
    BEGIN
      IF position(before IN def) = 0 THEN
        RAISE EXCEPTION 'report_refresh() has no posting status filter to extend';
      END IF;
      EXECUTE replace(def, before, $q$p.status NOT IN ('draft', 'pending', 'rejected', 'returned')$q$);
    END $$;
  `.execute(db);
}
