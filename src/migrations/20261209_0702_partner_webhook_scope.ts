import { type Kysely, sql } from 'kysely';

// A partner key may hold `webhooks:manage`: it creates, lists and deletes its own partner's
// webhook endpoints through the API (issue 21). The scopes check of partners gains it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE partners DROP CONSTRAINT partners_scopes_check;
    ALTER TABLE partners ADD CONSTRAINT partners_scopes_check CHECK (cardinality(scopes) > 0
      AND scopes <@ ARRAY['postings:read', 'postings:write', 'seekers:read_consented', 'events:read',
                          'referrals:write', 'webhooks:manage']::text[]);
  `.execute(db);
}
