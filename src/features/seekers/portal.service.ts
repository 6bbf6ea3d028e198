import type { Db } from '../../platform/db/pool.ts';
import { invalid } from '../../platform/errors.ts';
import { centreExists } from '../accounts/centres.service.ts';
import { insertUser } from '../accounts/users.service.ts';
import { insertSeeker } from './register.service.ts';
import type { PortalRegister } from './seekers.schema.ts';
import { seoulToday } from './seekers.validate.ts';
import type { SeekerResult } from './seekers.write.ts';

export { publicCentres } from '../accounts/centres.service.ts';

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
  if (!(await centreExists(db, centreId)))
    throw invalid([{ field: 'centreId', key: 'seeker.centreUnknown' }]);
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
      name: result.seeker.name ?? profile.name,
      role: 'seeker',
      seekerId: result.seeker.id,
      grantDetail: { role: 'seeker', selfRegistered: true },
    });
    return { ...result, userId: user.id };
  });
}
