import { type Selectable, sql } from 'kysely';
import { isValidCode } from '../../codes/codes.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { CentreTable } from './accounts.tables.ts';

export interface CentreInput {
  name: string;
  kind: CentreTable['kind'];
  parentId?: string | null;
  regionCode: string;
}

type CentreRow = Pick<
  Selectable<CentreTable>,
  'id' | 'name' | 'kind' | 'parent_id' | 'region_code' | 'totp_required'
>;

/** Centre as the API shows it. */
export function presentCentre(c: CentreRow) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    parentId: c.parent_id,
    regionCode: c.region_code,
    totpRequired: Boolean(c.totp_required),
  };
}

const cols = ['id', 'name', 'kind', 'parent_id', 'region_code', 'totp_required'] as const;

/** Adds a centre under its parent (province → city → centre; partners anywhere). */
export async function createCentre(db: Db, input: CentreInput) {
  const problems = [];
  if (!isValidCode('regions', input.regionCode)) {
    problems.push({ field: 'regionCode', key: 'field.code', params: { code: input.regionCode } });
  }
  let path: string[] = [];
  if (input.parentId) {
    const parent = await db
      .selectFrom('centres')
      .select(['path', 'kind'])
      .where('id', '=', input.parentId)
      .executeTakeFirst();
    if (!parent) problems.push({ field: 'parentId', key: 'centre.notFound' });
    else if (parent.kind === 'centre' && input.kind !== 'centre' && input.kind !== 'agency') {
      problems.push({ field: 'parentId', key: 'centre.parentKind' });
    } else path = parent.path;
  }
  if (problems.length) throw invalid(problems);
  const id = uuidv7();
  const row = await db
    .insertInto('centres')
    .values({
      id,
      name: input.name.trim(),
      kind: input.kind,
      parent_id: input.parentId ?? null,
      region_code: input.regionCode,
      path: sql<string[]>`${[...path, id]}::uuid[]`,
    })
    .returning(cols)
    .executeTakeFirstOrThrow();
  return presentCentre(row);
}

/** Centres are not personal data: staff see the whole tree to choose partners. */
export async function listCentres(db: Db, opts: { offset: number; limit: number; parentId?: string }) {
  let q = db.selectFrom('centres');
  if (opts.parentId) q = q.where('parent_id', '=', opts.parentId);
  const [rows, total] = await Promise.all([
    q.select(cols).orderBy('path').offset(opts.offset).limit(opts.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentCentre), total: Number(total.n) };
}

export async function getCentre(db: Db, id: string) {
  const row = await db.selectFrom('centres').select(cols).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'centre.notFound');
  return presentCentre(row);
}

/** Per-centre switch: staff of this centre must log in with TOTP. Admin only. */
export async function setCentreTotp(db: Db, id: string, required: boolean) {
  const row = await db
    .updateTable('centres')
    .set({ totp_required: required, updated_at: new Date() })
    .where('id', '=', id)
    .returning(cols)
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'centre.notFound');
  return presentCentre(row);
}
