import type { Db } from '../../platform/db/pool.ts';
import { invalid } from '../../platform/errors.ts';
import { insertUser } from '../accounts/users.service.ts';
import { insertSeeker } from './register.service.ts';
import type { PortalRegister } from './seekers.schema.ts';
import { seoulToday } from './seekers.validate.ts';
import type { SeekerResult } from './seekers.write.ts';

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
  return db.transaction().execute(async (tx) => {
    const result = await insertSeeker(
      tx,
      key,
      null,
      centreId,
      { ...profile, registeredAt: seoulToday() },
      { channel: 'self', ip },
    );
    const user = await insertUser(tx, null, {
      login,
      password,
      name: result.seeker.name,
      role: 'seeker',
      seekerId: result.seeker.id,
      grantDetail: { role: 'seeker', selfRegistered: true },
    });
    return { ...result, userId: user.id };
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
