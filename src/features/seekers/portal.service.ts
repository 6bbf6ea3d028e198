import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { hashPassword } from '../accounts/password.ts';
import type { PortalRegister } from './seekers.schema.ts';
import { insertSeeker, type SeekerResult } from './seekers.service.ts';
import { seoulToday } from './seekers.validate.ts';

const loginTaken = () =>
  new DomainError('conflict', 'auth.loginTaken', {}, [{ field: 'login', key: 'auth.loginTaken' }]);

/**
 * Self-registration on the portal: the seeker record (channel 'self', registered today) and a
 * 'seeker' account linked by users.seeker_id, in one transaction. The account gets no centre,
 * so it can never gain a centre scope; the grant is written to the permission log.
 */
export async function registerSelf(
  db: Db,
  key: Buffer,
  input: PortalRegister,
  ip: string | null,
): Promise<SeekerResult & { userId: string }> {
  const { centreId, login, password, ...profile } = input;
  const centre = await db.selectFrom('centres').select('id').where('id', '=', centreId).executeTakeFirst();
  if (!centre) throw invalid([{ field: 'centreId', key: 'seeker.centreUnknown' }]);
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(login)`, '=', login.toLowerCase())
    .executeTakeFirst();
  if (taken) throw loginTaken();
  const hash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    const result = await insertSeeker(
      tx,
      key,
      null,
      centreId,
      { ...profile, registeredAt: seoulToday() },
      { channel: 'self', ip },
    );
    const userId = uuidv7();
    await tx
      .insertInto('users')
      .values({
        id: userId,
        login: login.trim(),
        password_hash: hash,
        name: result.seeker.name,
        role: 'seeker',
        centre_id: null,
        seeker_id: result.seeker.id,
      })
      .execute()
      .catch((err: { code?: string }) => {
        if (err.code === '23505') throw loginTaken();
        throw err;
      });
    await tx
      .insertInto('permission_log')
      .values({
        id: uuidv7(),
        actor_id: null,
        user_id: userId,
        change: 'grant',
        before: null,
        after: JSON.stringify({ role: 'seeker', selfRegistered: true }),
      })
      .execute();
    return { ...result, userId };
  });
}

/** Centres a visitor can choose when registering (not personal data). */
export async function publicCentres(db: Db, opts: { offset: number; limit: number }) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('centres')
      .select(['id', 'name', 'kind', 'region_code'])
      .orderBy('path')
      .offset(opts.offset)
      .limit(opts.limit)
      .execute(),
    db
      .selectFrom('centres')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, regionCode: r.region_code })),
    total: Number(total.n),
  };
}
