import { type Kysely, sql } from 'kysely';

// The staff seeker list (GET /api/v1/seekers, issue 23 item 8) reads, for every request, all the
// seekers an actor may see: to count them and to take the newest page. Two indexes let it do
// that without touching the wide rows:
// - seekers_list holds the list's order (newest registration first, then id) and every column
//   the visibility rule and the status/care filters read, so the count is an index-only scan
//   (213 pages instead of the table's 3,052 at the centre tier) and the page is the first rows
//   of the index, not a sort of every visible row;
// - consents_share_active holds the active share consents the rule checks for seekers of other
//   centres (62 pages instead of the table's 638), read once per list into a hash.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX seekers_list ON seekers (registered_at DESC, id DESC)
      INCLUDE (centre_id, retain_until, consent_share, suspended, status, care);
    CREATE INDEX consents_share_active ON consents (seeker_id) INCLUDE (valid_until)
      WHERE kind = 'share_network' AND withdrawn_at IS NULL;
  `.execute(db);
}
