import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { UserTable } from './accounts.tables.ts';
import { accountCentre } from './sessions.service.ts';

// What other features ask of user accounts (they call these instead of reading `users`).

/** A user's role and centre, or null when there is no such user. */
export async function userRoleAndCentre(
  db: Db,
  id: string,
): Promise<{ id: string; role: UserTable['role']; centreId: string | null } | null> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'role', 'centre_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return u ? { id: u.id, role: u.role, centreId: u.centre_id } : null;
}

/** How many accounts (enabled or not) are bound to the employer: a prospect with none may be claimed. */
export async function employerAccountCount(db: Db, employerId: string): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('employer_id', '=', employerId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Display names of users by id (ids that do not exist are left out). */
export async function userNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** Names and work lines of staff by id, for printouts (ids that do not exist are left out). */
export async function userContacts(
  db: Db,
  ids: (string | null)[],
): Promise<Map<string, { name: string; workPhone: string | null }>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'work_phone'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((u) => [u.id, { name: u.name, workPhone: u.work_phone }]));
}

/**
 * Deletes the login accounts of a seeker whose data is being destroyed, in the caller's
 * transaction, recording each revocation in the permission log.
 */
export async function deleteSeekerAccounts(db: Db, actor: Actor, seekerId: string): Promise<number> {
  const users = await db.selectFrom('users').select('id').where('seeker_id', '=', seekerId).execute();
  for (const u of users) {
    await db
      .insertInto('permission_log')
      .values({
        id: uuidv7(),
        actor_id: actor.userId,
        user_id: u.id,
        centre_id: accountCentre(u.id),
        change: 'revoke',
        before: null,
        after: JSON.stringify({ deleted: true }),
      })
      .execute();
  }
  if (users.length) await db.deleteFrom('users').where('seeker_id', '=', seekerId).execute();
  return users.length;
}
