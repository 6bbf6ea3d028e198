import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { insertDefaultConsents } from './consents.service.ts';
import './seekers.messages.ts';
import { seekerAccessSql } from './access.service.ts';
import {
  externalIdsTaken,
  findDuplicates,
  type IdentityKey,
  insertMany,
  lockIdentitiesExclusive,
  reserveRegistrationNos,
  type SeekerRow,
  tryLockCentre,
} from './seekers.repository.ts';
import type { SeekerCreate } from './seekers.schema.ts';
import { checkProfile, type ProfileValues } from './seekers.validate.ts';
import { checkCounsellor, rowValues, searchTokens } from './seekers.write.ts';

// Registration of many seekers at once (CSV import): the rules of `insertSeeker`, set-based.
// The duplicate rule holds through one lock per import and a final re-check (see the lock key
// space in seekers.repository.ts), never a lock per row.

/** A seeker checked without the database: its column values, contacts encrypted once. */
export interface PreparedSeeker {
  input: SeekerCreate;
  values: ProfileValues;
  row: ReturnType<typeof rowValues>;
}

/** Validates one seeker as a registration does (fields, codes, dates), without the database. */
export function prepareSeeker(
  key: Buffer,
  input: SeekerCreate,
  today: string,
): { prepared?: PreparedSeeker; problems: FieldProblem[] } {
  const sensitive = input.consent?.sensitive === true;
  const { values, problems } = checkProfile(input, { today, sensitiveConsent: sensitive });
  if (problems.length) return { problems };
  return { prepared: { input, values, row: rowValues(key, values) }, problems: [] };
}

/** The person of a prepared seeker (name + birth date + phone's blind index). */
export function identityOf(p: PreparedSeeker): string {
  return `${p.values.name}|${p.values.birthDate}|${p.row.phone_bi}`;
}

/**
 * Who duplicates are looked for as: the actor, or (portal sign-up, command line) someone who sees
 * only that centre. Single registration and the batch import share it.
 */
export function dupActorOf(actor: Actor | null, centreId: string): Actor {
  return (
    actor ?? {
      userId: '00000000-0000-0000-0000-000000000000',
      login: '',
      name: '',
      role: 'counsellor',
      centreId,
      employerId: null,
      seekerId: null,
      centreScope: [centreId],
      via: 'session',
      sessionId: null,
    }
  );
}

/**
 * Takes the centre's import lock for the rest of the transaction (one advisory lock for the
 * whole file). A second import into the same centre is refused at once with 409 instead of
 * waiting behind the first.
 */
export async function beginSeekerImport(tx: Db, centreId: string): Promise<void> {
  if (!(await tryLockCentre(tx, centreId))) throw new DomainError('conflict', 'seeker.importBusy');
}

/**
 * Problems of a batch against the table, one statement each: the same person already
 * registered (visible to the actor), an external id already used in the centre, a counsellor
 * who is not staff of the centre. By position; undefined = fine.
 */
export async function checkSeekerBatch(
  db: Db,
  actor: Actor | null,
  centreId: string,
  items: readonly PreparedSeeker[],
  _today: string,
): Promise<(FieldProblem[] | undefined)[]> {
  const keys: IdentityKey[] = items.map((p) => ({
    name: p.values.name,
    birthDate: p.values.birthDate,
    phoneBi: p.row.phone_bi,
  }));
  const dups = await findDuplicates(db, seekerAccessSql(dupActorOf(actor, centreId), 'view'), keys);
  const ext = items.map((p) => p.values.externalId).filter((x): x is string => x !== null);
  const taken = await externalIdsTaken(db, centreId, ext);
  const counsellors = new Map<string, FieldProblem[]>();
  for (const id of new Set(items.map((p) => p.input.counsellorId).filter((x): x is string => !!x))) {
    counsellors.set(id, await checkCounsellor(db, actor, centreId, id));
  }
  return items.map((p, i) => {
    const out: FieldProblem[] = [];
    if (dups[i]) out.push({ field: 'name', key: 'seeker.duplicate' });
    if (p.values.externalId && taken.has(p.values.externalId)) {
      out.push({ field: 'externalId', key: 'seeker.externalIdTaken' });
    }
    if (p.input.counsellorId) out.push(...(counsellors.get(p.input.counsellorId) ?? []));
    return out.length ? out : undefined;
  });
}

/**
 * Registers checked seekers of one centre in the caller's transaction: registration numbers
 * reserved per year in one statement, the rows in one insert, their consents in another.
 * Answers the new ids in order; the caller writes the access-log rows.
 */
export async function insertSeekerBatch(
  tx: Db,
  actor: Actor | null,
  centreId: string,
  items: readonly PreparedSeeker[],
  opts: { channel: SeekerRow['channel'] },
): Promise<string[]> {
  const byYear = new Map<number, number>();
  for (const p of items) {
    const y = Number(p.values.registeredAt.slice(0, 4));
    byYear.set(y, (byYear.get(y) ?? 0) + 1);
  }
  const next = new Map<number, number>();
  for (const [year, count] of [...byYear].sort((a, b) => a[0] - b[0])) {
    next.set(year, await reserveRegistrationNos(tx, centreId, year, count));
  }
  const ids: string[] = [];
  const consents: { seekerId: string; centreId: string; kind: 'share_network' | 'sensitive' }[] = [];
  const rows = items.map((p) => {
    const id = uuidv7();
    ids.push(id);
    const year = Number(p.values.registeredAt.slice(0, 4));
    const n = next.get(year)!;
    next.set(year, n + 1);
    const share = p.input.consent?.shareWithNetwork === true;
    const sensitive = p.input.consent?.sensitive === true;
    if (share) consents.push({ seekerId: id, centreId, kind: 'share_network' });
    if (sensitive) consents.push({ seekerId: id, centreId, kind: 'sensitive' });
    return {
      id,
      centre_id: centreId,
      registration_no: `${year}-${String(n).padStart(6, '0')}`,
      ...p.row,
      careers: p.values.careers,
      consent_share: share,
      consent_sensitive: sensitive,
      channel: opts.channel,
      counsellor_id: p.input.counsellorId ?? (actor?.role === 'counsellor' ? actor.userId : null),
      search_tokens: searchTokens(p.values, []),
      created_by: actor?.userId ?? null,
    };
  });
  await insertMany(tx, rows);
  await insertDefaultConsents(tx, actor, consents);
  return ids;
}

/**
 * The import's last check before commit: with every registration and identity change held
 * off (one exclusive lock, briefly), finds the imported rows whose person was registered
 * elsewhere while the import ran. Answers their positions in `imported`.
 */
export async function recheckSeekerImport(
  tx: Db,
  actor: Actor | null,
  centreId: string,
  imported: readonly { id: string; name: string; birthDate: string; phoneBi: string }[],
  _today: string,
): Promise<number[]> {
  await lockIdentitiesExclusive(tx);
  const hits: number[] = [];
  const who = dupActorOf(actor, centreId);
  for (let o = 0; o < imported.length; o += 10_000) {
    const chunk = imported.slice(o, o + 10_000).map((k) => ({ ...k, exceptId: k.id }));
    const found = await findDuplicates(tx, seekerAccessSql(who, 'view'), chunk);
    found.forEach((d, i) => {
      if (d) hits.push(o + i);
    });
  }
  return hits;
}
