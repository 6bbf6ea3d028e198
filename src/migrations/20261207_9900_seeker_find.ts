import { type Kysely, sql } from 'kysely';

// Finding a seeker at the 창구 or on the phone (issue 15): by the whole phone number, its last
// four digits, the 구직번호 or the birth date. The phone is stored encrypted; phone_bi (a keyed
// hash of the normalised number) finds the whole number, and phone_tail_bi (a keyed hash of the
// last four digits) the tail, so no search decrypts a row. Rows written before this migration
// get their tail hash at the next start of the app (the seekers feature's onStart, which holds
// the data key); seekers_phone_tail_missing keeps that check cheap once every row has one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE seekers ADD COLUMN phone_tail_bi text;
    CREATE INDEX seekers_phone ON seekers (phone_bi);
    CREATE INDEX seekers_phone_tail ON seekers (phone_tail_bi);
    CREATE INDEX seekers_phone_tail_missing ON seekers (id) WHERE phone_tail_bi IS NULL;
    CREATE INDEX seekers_registration_no ON seekers (registration_no);
  `.execute(db);
}
