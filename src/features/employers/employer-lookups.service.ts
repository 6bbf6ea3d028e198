import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

// Small reads of employers that other features and this feature's use cases call: by id, by
// 사업자등록번호, by name; labels and places of many at once. No contacts.

/** The employer with this 사업자등록번호 (ten digits), if any. */
export async function findEmployerIdByBizRegNo(db: Db, bizRegNo: string): Promise<string | null> {
  const r = await db
    .selectFrom('employers')
    .select('id')
    .where('biz_reg_no', '=', bizRegNo)
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Company name and 사업자등록번호 of each employer, by id, in one statement (postings' company
 * names on lists, pages and the Worknet export). Unknown ids are absent from the map.
 */
export async function employerLabels(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string; bizRegNo: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('employers')
    .select(['id', 'name', 'biz_reg_no'])
    .where(sql<boolean>`id = ANY(${unique}::uuid[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, bizRegNo: r.biz_reg_no }]));
}

/**
 * Where each employer is and whether outreach registered it before the company did, by id, in
 * one statement (outreach's visit lists by 동, drafts' work region). No contacts.
 */
export async function employerPlaces(
  db: Db,
  ids: readonly string[],
): Promise<
  Map<
    string,
    { name: string; bizRegNo: string; regionCode: string; address: string | null; prospect: boolean }
  >
> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('employers')
    .select(['id', 'name', 'biz_reg_no', 'region_code', 'address', 'prospect'])
    .where(sql<boolean>`id = ANY(${unique}::uuid[])`)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        name: r.name,
        bizRegNo: r.biz_reg_no,
        regionCode: r.region_code,
        address: r.address,
        prospect: r.prospect,
      },
    ]),
  );
}

/** An employer by id or by 사업자등록번호 (ten digits): id, name and owning centre, if any. */
export async function findEmployerRef(
  db: Db,
  by: { id: string } | { bizRegNo: string },
): Promise<{ id: string; name: string; centre_id: string } | undefined> {
  const q = db.selectFrom('employers').select(['id', 'name', 'centre_id']);
  return 'id' in by
    ? q.where('id', '=', by.id).executeTakeFirst()
    : q.where('biz_reg_no', '=', by.bizRegNo).executeTakeFirst();
}

/** An employer whose name is exactly `name` (case aside), the one of `preferCentreId` first. */
export async function findEmployerByName(
  db: Db,
  name: string,
  preferCentreId: string,
): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('employers')
    .select(['id', 'name'])
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .orderBy(sql`CASE WHEN centre_id = ${preferCentreId} THEN 0 ELSE 1 END`)
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}
