import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { InvitationResponse } from './events.codes.ts';
import type { EventInvitationTable } from './events.tables.ts';
import './events.tables.ts';

// The SQL of pre-event invitations (features/events owns event_invitations).

export async function insertInvitation(db: Db, row: Insertable<EventInvitationTable>) {
  return db.insertInto('event_invitations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function setInvitationNotification(db: Db, id: string, notificationId: string | null) {
  await db
    .updateTable('event_invitations')
    .set({ notification_id: notificationId })
    .where('id', '=', id)
    .execute();
}

export async function findInvitations(db: Db, eventId: string) {
  return db
    .selectFrom('event_invitations')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A seeker's invitation to an event (at most one), locked when asked. */
export async function findInvitationOf(
  db: Db,
  eventId: string,
  seekerId: string,
  opts: { lock?: boolean } = {},
) {
  let q = db
    .selectFrom('event_invitations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('seeker_id', '=', seekerId);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function setInvitationResponse(db: Db, id: string, response: InvitationResponse) {
  return db
    .updateTable('event_invitations')
    .set({ response, responded_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
