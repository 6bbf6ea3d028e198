import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { seekerAccessSql } from './access.service.ts';
import { applyConsentFlags } from './consents.service.ts';
import './seekers.messages.ts';
import { centreExists } from '../accounts/centres.service.ts';
import { requireDeskSession } from '../desks/desks.service.ts';
import { dupActorOf } from './register-batch.service.ts';
import { presentSeeker } from './seekers.presenter.ts';
import {
  findDuplicate,
  lockCentreShared,
  lockIdentity,
  nextRegistrationNo,
  type SeekerRow,
} from './seekers.repository.ts';
import type { SeekerCreate } from './seekers.schema.ts';
import { checkProfile, seoulToday } from './seekers.validate.ts';
import {
  checkCounsellor,
  duplicateError,
  externalIdConflict,
  rowValues,
  type SeekerResult,
  searchTokens,
} from './seekers.write.ts';

type Channel = SeekerRow['channel'];

/**
 * Registers a seeker in the caller's transaction: validation naming every field, duplicate
 * check under an advisory lock on the person's identity, registration number, consents,
 * search tokens and one access-log row. `actor` is null for portal self-registration (the
 * duplicate answer then does not reveal the existing record).
 */
export async function insertSeeker(
  tx: Db,
  key: Buffer,
  actor: Actor | null,
  centreId: string,
  input: SeekerCreate,
  opts: { channel: Channel; ip: string | null },
): Promise<SeekerResult> {
  const today = seoulToday();
  const sensitive = input.consent?.sensitive === true;
  const { values, problems, warnings } = checkProfile(input, { today, sensitiveConsent: sensitive });
  problems.push(...(await checkCounsellor(tx, actor, centreId, input.counsellorId)));
  if (problems.length) throw invalid(problems);
  const row = rowValues(key, values);
  const desk =
    input.deskSessionId && actor ? await requireDeskSession({ db: tx, actor }, input.deskSessionId) : null;
  // Centre first, then the person (the order of the lock key space in seekers.repository.ts).
  await lockCentreShared(tx, centreId);
  await lockIdentity(tx, values.name, values.birthDate, row.phone_bi);
  const dupActor: Actor = dupActorOf(actor, centreId);
  const dup = await findDuplicate(tx, seekerAccessSql(dupActor, 'view'), {
    name: values.name,
    birthDate: values.birthDate,
    phoneBi: row.phone_bi,
  });
  if (dup) throw duplicateError(dup, actor !== null);
  const id = uuidv7();
  const registrationNo = await nextRegistrationNo(tx, centreId, Number(values.registeredAt.slice(0, 4)));
  await tx
    .insertInto('seekers')
    .values({
      id,
      centre_id: centreId,
      registration_no: registrationNo,
      ...row,
      channel: desk ? 'mobile_desk' : opts.channel,
      desk_session_id: desk?.id ?? null,
      counsellor_id: input.counsellorId ?? (actor?.role === 'counsellor' ? actor.userId : null),
      search_tokens: searchTokens(values, []),
      created_by: actor?.userId ?? null,
    })
    .execute()
    .catch(externalIdConflict);
  await applyConsentFlags(tx, actor, { id, centre_id: centreId }, input.consent);
  await recordAccess(tx, {
    actor,
    ip: opts.ip,
    action: 'create',
    subjectType: 'seeker',
    subjectId: id,
    centreId,
  });
  const saved = await tx.selectFrom('seekers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { seeker: presentSeeker(key, saved), warnings };
}

/**
 * Registers a seeker at the actor's centre (an admin names the centre; a centreId sent by
 * anyone else is ignored).
 */
export async function createSeeker(
  db: Db,
  key: Buffer,
  actor: Actor,
  input: SeekerCreate,
  opts: { ip: string | null; channel?: Channel },
): Promise<SeekerResult> {
  const centreId = actor.role === 'admin' ? (input.centreId ?? actor.centreId) : actor.centreId;
  if (!centreId) throw invalid([{ field: 'centreId', key: 'seeker.noCentre' }]);
  if (actor.role === 'admin') {
    if (!(await centreExists(db, centreId)))
      throw invalid([{ field: 'centreId', key: 'seeker.centreUnknown' }]);
  }
  return db
    .transaction()
    .execute((tx) =>
      insertSeeker(tx, key, actor, centreId, input, { channel: opts.channel ?? 'counsellor', ip: opts.ip }),
    );
}
