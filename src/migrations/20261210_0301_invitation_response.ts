import { type Kysely, sql } from 'kysely';

// A pre-matched seeker answers the invitation (features/events, issue 17): opened on a phone,
// accepted (the seeker is registered for the event and books a time) or declined. One answer
// per invitation, changeable until the event; when it was given is kept with it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE event_invitations
      ADD COLUMN response text CHECK (response IN ('accepted', 'declined')),
      ADD COLUMN responded_at timestamptz,
      ADD CONSTRAINT event_invitations_response_at CHECK ((response IS NULL) = (responded_at IS NULL))`.execute(
    db,
  );
}
