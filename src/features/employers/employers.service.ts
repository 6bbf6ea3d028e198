import type { Selectable } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { matchTokens, rankTokens } from '../../platform/search/sql.ts';
import { indexTokens } from '../../platform/search/tokenize.ts';
import type { EmployerTable } from './employers.tables.ts';
import './employers.messages.ts';
import { rrnWarnings } from '../../platform/domain/validate.ts';
import { centreForRegion as regionCentre } from '../accounts/centres.service.ts';
import { userRoleAndCentre } from '../accounts/user-lookups.service.ts';
import { findEmployerIdByBizRegNo } from './employer-lookups.service.ts';
import { type CleanEmployer, type EmployerInput, validateEmployer } from './employers.validate.ts';

// Lookups other features call (names, places, a reference by id or number) live in
// employer-lookups.service.ts; they are re-exported here for the callers that import them from here.
export {
  employerLabels,
  employerPlaces,
  findEmployerByName,
  findEmployerIdByBizRegNo,
  findEmployerRef,
} from './employer-lookups.service.ts';
export type { EmployerInput } from './employers.validate.ts';
export { bizRegNoDigits, cleanBizRegNo } from './employers.validate.ts';

/** Roles that work for a centre (as opposed to employers, seekers and partner systems). */
export const STAFF_ROLES = new Set(['admin', 'manager', 'counsellor', 'outreach']);

export interface Ctx {
  dataKey: Buffer;
  ip?: string | null;
}

type Row = Selectable<EmployerTable>;
type Contact = { name: string; phone: string; email: string };

/** Staff of the owning centre subtree, admins and the employer's own users see contacts and notes. */
function seesContacts(actor: Actor | null, row: Row): boolean {
  if (!actor) return false;
  if (actor.role === 'employer') return actor.employerId === row.id;
  return STAFF_ROLES.has(actor.role) && inScope(actor, row.centre_id);
}

export function mayEdit(actor: Actor, row: Row): boolean {
  return STAFF_ROLES.has(actor.role) && inScope(actor, row.centre_id);
}

/** The employer as the API shows it; contacts only when `withContacts` (already authorised). */
export function presentEmployer(row: Row, contacts?: Contact[]) {
  return {
    id: row.id,
    name: row.name,
    bizRegNo: row.biz_reg_no,
    ksic: row.ksic,
    size: row.size,
    regionCode: row.region_code,
    address: row.address,
    centreId: row.centre_id,
    counsellorId: row.counsellor_id,
    prospect: row.prospect,
    ...(contacts ? { contacts, notes: row.notes } : {}),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function decryptContacts(key: Buffer, stored: string | null): Contact[] {
  const plain = decryptField(key, stored);
  return plain ? (JSON.parse(plain) as Contact[]) : [];
}

export function employerTokens(name: string): string[] {
  return indexTokens(name);
}

async function checkCounsellor(db: Db, actor: Actor, id: string, problems: FieldProblem[]) {
  const u = await userRoleAndCentre(db, id);
  if (!u || !['manager', 'counsellor', 'outreach'].includes(u.role) || !inScope(actor, u.centreId)) {
    problems.push({ field: 'counsellorId', key: 'employer.counsellor' });
  }
}

function duplicate(existingId: string): DomainError {
  return new DomainError(
    'conflict',
    'employer.duplicate',
    { existingId },
    [{ field: 'bizRegNo', key: 'employer.duplicate', params: { existingId } }],
    { existingId },
  );
}

/**
 * Inserts an already validated employer inside the caller's transaction. A second employer
 * with the same number loses the race on the UNIQUE constraint and gets 409 with existingId.
 */
export async function insertEmployer(
  tx: Db,
  ctx: Ctx,
  actor: Actor | null,
  e: CleanEmployer,
  centreId: string,
): Promise<Row> {
  const row = await tx
    .insertInto('employers')
    .values({
      id: uuidv7(),
      centre_id: centreId,
      name: e.name,
      biz_reg_no: e.bizRegNo,
      ksic: e.ksic,
      size: e.size,
      region_code: e.regionCode,
      address: e.address,
      contacts_enc: e.contacts.length ? encryptField(ctx.dataKey, JSON.stringify(e.contacts)) : null,
      counsellor_id: e.counsellorId,
      notes: e.notes,
      prospect: e.prospect ?? false,
      search_tokens: employerTokens(e.name),
      created_by: actor?.userId ?? null,
    })
    .onConflict((oc) => oc.column('biz_reg_no').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const existing = await findEmployerIdByBizRegNo(tx, e.bizRegNo);
    throw duplicate(existing ?? '');
  }
  if (e.contacts.length) {
    await recordAccess(tx, {
      actor,
      ip: ctx.ip ?? null,
      action: 'create',
      subjectType: 'employer_contacts',
      subjectId: row.id,
      centreId,
    });
  }
  return row;
}

/** Registers an employer for the actor's centre (admins without a centre: the first province). */
export async function createEmployer(db: Db, ctx: Ctx, actor: Actor, input: EmployerInput) {
  const problems: FieldProblem[] = [];
  const masked: string[] = [];
  const e = validateEmployer(input, problems, '', undefined, masked) as CleanEmployer;
  e.contacts ??= [];
  e.counsellorId ??= null;
  if (e.counsellorId) await checkCounsellor(db, actor, e.counsellorId, problems);
  if (problems.length) throw invalid(problems);
  const existing = await findEmployerIdByBizRegNo(db, e.bizRegNo);
  if (existing) throw duplicate(existing);
  const centreId = actor.centreId ?? (await centreForRegion(db, e.regionCode));
  const row = await db.transaction().execute((tx) => insertEmployer(tx, ctx, actor, e, centreId));
  return {
    ...presentEmployer(row, e.contacts.length || seesContacts(actor, row) ? e.contacts : undefined),
    warnings: rrnWarnings(masked),
  };
}

/**
 * Registers a company outreach met before it registered itself, as an employer marked
 * `prospect`, inside the caller's transaction (the visit that names it is saved with it).
 * Field problems name `prefix` + field; a known 사업자등록번호 answers 409 with existingId.
 */
export async function insertProspect(
  tx: Db,
  ctx: Ctx,
  actor: Actor,
  input: EmployerInput,
  centreId: string,
  prefix = 'employer.',
): Promise<{ id: string; name: string; centreId: string; regionCode: string }> {
  const problems: FieldProblem[] = [];
  const e = validateEmployer({ ...input, counsellorId: undefined }, problems, prefix) as CleanEmployer;
  e.contacts ??= [];
  e.counsellorId = null;
  e.prospect = true;
  if (problems.length) throw invalid(problems);
  const row = await insertEmployer(tx, ctx, actor, e, centreId);
  return { id: row.id, name: row.name, centreId: row.centre_id, regionCode: row.region_code };
}

/** The centre that takes an employer registered without a staff member (see accounts' centreForRegion). */
export async function centreForRegion(db: Db, regionCode: string): Promise<string> {
  const id = await regionCentre(db, regionCode);
  if (!id) throw new DomainError('unavailable', 'employer.noCentre');
  return id;
}

export async function load(db: Db, actor: Actor | null, id: string): Promise<Row> {
  const row = await db.selectFrom('employers').selectAll().where('id', '=', id).executeTakeFirst();
  // Employer users see only their own company; everyone else reads the shared registry.
  if (!row || (actor?.role === 'employer' && actor.employerId !== id)) throw notFound('employer.notFound');
  return row;
}

/** One employer; contacts (decrypted, access-logged) only for those allowed to see them. */
export async function getEmployer(db: Db, ctx: Ctx, actor: Actor, id: string) {
  const row = await load(db, actor, id);
  if (!seesContacts(actor, row)) return presentEmployer(row);
  const contacts = decryptContacts(ctx.dataKey, row.contacts_enc);
  if (contacts.length) {
    await recordAccess(db, {
      actor,
      ip: ctx.ip ?? null,
      action: 'view',
      subjectType: 'employer_contacts',
      subjectId: row.id,
      centreId: row.centre_id,
    });
  }
  return presentEmployer(row, contacts);
}

/** The registry, searchable by name (Korean tokens) or by 사업자등록번호 prefix. No contacts. */
export async function listEmployers(
  db: Db,
  actor: Actor,
  opts: { q?: string; regionCode?: string; offset: number; limit: number },
) {
  let q = db.selectFrom('employers');
  if (actor.role === 'employer')
    q = q.where('id', '=', actor.employerId ?? '00000000-0000-0000-0000-000000000000');
  if (opts.regionCode) q = q.where('region_code', 'like', `${opts.regionCode.replace(/\D/g, '')}%`);
  const text = opts.q?.trim() ?? '';
  let rank: ReturnType<typeof rankTokens>;
  if (/^[\d-]+$/.test(text)) {
    q = q.where('biz_reg_no', 'like', `${text.replace(/-/g, '')}%`);
  } else if (text) {
    const m = matchTokens('search_tokens', text);
    rank = rankTokens('search_tokens', text);
    if (m) q = q.where(m);
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .$if(rank !== undefined, (b) => b.orderBy(rank!, 'desc'))
      .orderBy('name')
      .orderBy('id')
      .offset(opts.offset)
      .limit(opts.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => presentEmployer(r)), total: Number(total.n) };
}

/** Changes an employer; only staff of the owning centre subtree (or an admin) may. */
export async function updateEmployer(
  db: Db,
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: Partial<EmployerInput>,
) {
  const row = await load(db, actor, id);
  if (!mayEdit(actor, row)) throw new DomainError('forbidden', 'error.forbidden');
  const problems: FieldProblem[] = [];
  const masked: string[] = [];
  const e = validateEmployer(
    input,
    problems,
    '',
    { regionCode: row.region_code, bizRegNo: row.biz_reg_no },
    masked,
  );
  if (e.counsellorId) await checkCounsellor(db, actor, e.counsellorId, problems);
  if (problems.length) throw invalid(problems);
  if (e.bizRegNo && e.bizRegNo !== row.biz_reg_no) {
    const existing = await findEmployerIdByBizRegNo(db, e.bizRegNo);
    if (existing) throw duplicate(existing);
  }
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('employers')
      .set({
        ...(e.name !== undefined ? { name: e.name, search_tokens: employerTokens(e.name) } : {}),
        ...(e.bizRegNo !== undefined ? { biz_reg_no: e.bizRegNo } : {}),
        ...(e.ksic !== undefined ? { ksic: e.ksic } : {}),
        ...(e.size !== undefined ? { size: e.size } : {}),
        ...(e.regionCode !== undefined ? { region_code: e.regionCode } : {}),
        ...(e.address !== undefined ? { address: e.address } : {}),
        ...(e.notes !== undefined ? { notes: e.notes } : {}),
        ...(e.prospect !== undefined ? { prospect: e.prospect } : {}),
        // A company that is no longer a prospect has nothing left to claim.
        ...(e.prospect === false
          ? { claim_code_hash: null, claim_code_expires_at: null, claim_code_failures: 0 }
          : {}),
        ...(e.counsellorId !== undefined ? { counsellor_id: e.counsellorId } : {}),
        ...(e.contacts !== undefined
          ? { contacts_enc: e.contacts.length ? encryptField(ctx.dataKey, JSON.stringify(e.contacts)) : null }
          : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((err: { code?: string }) => {
        if (err.code === '23505') throw duplicate('');
        throw err;
      });
    const contacts = decryptContacts(ctx.dataKey, updated.contacts_enc);
    await recordAccess(tx, {
      actor,
      ip: ctx.ip ?? null,
      action: e.contacts !== undefined ? 'update' : 'view',
      subjectType: 'employer_contacts',
      subjectId: id,
      centreId: updated.centre_id,
    });
    return { ...presentEmployer(updated, contacts), warnings: rrnWarnings(masked) };
  });
}

/**
 * Whether the actor may act for this employer (bind an account to it, publish a posting under
 * it): `served` for staff whose centre subtree holds the employer's centre (admins: any) and
 * for the employer's own users; `hidden` for those who cannot see it at all (another company's
 * users, seekers, partners); `notServed` for staff of other centres, who see the shared
 * registry but do not serve the company.
 */
export function employerAccess(
  actor: Actor,
  employer: { id: string; centreId: string },
): 'served' | 'hidden' | 'notServed' {
  if (actor.role === 'employer') return actor.employerId === employer.id ? 'served' : 'hidden';
  if (!STAFF_ROLES.has(actor.role)) return 'hidden';
  return inScope(actor, employer.centreId) ? 'served' : 'notServed';
}

/**
 * The employer when the actor may act for it (see employerAccess). Unknown or hidden: 404
 * `employer.notFound`. Visible but served by another centre: 403 `employer.notServed` (the
 * registry is listed to all staff, so existence is no secret there and the specific answer
 * tells the user what to do). Both name the field.
 */
export async function requireEmployerServed(
  db: Db,
  actor: Actor,
  id: string,
  field = 'employerId',
): Promise<{ id: string; name: string; centreId: string }> {
  const r = await db
    .selectFrom('employers')
    .select(['id', 'name', 'centre_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  const e = r ? { id: r.id, name: r.name, centreId: r.centre_id } : null;
  const access = e ? employerAccess(actor, e) : 'hidden';
  if (!e || access === 'hidden') {
    throw new DomainError('not_found', 'employer.notFound', {}, [{ field, key: 'employer.notFound' }]);
  }
  if (access === 'notServed') {
    throw new DomainError('forbidden', 'employer.notServed', {}, [{ field, key: 'employer.notServed' }]);
  }
  return e;
}
