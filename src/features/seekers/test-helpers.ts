import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/pool.ts';
import { uuidv7 } from '../../platform/ids.ts';

let n = 0;

/**
 * Inserts a minimal seeker row straight into the table (tests of counselling and imports must
 * not depend on the seekers API). Korean sample data; ciphertext columns hold placeholders.
 */
export async function insertSeeker(
  db: Db,
  centreId: string,
  extra: { externalId?: string; counsellorId?: string | null; name?: string; createdBy?: string | null } = {},
) {
  const id = uuidv7();
  n++;
  await db
    .insertInto('seekers')
    .values({
      id,
      centre_id: centreId,
      registration_no: `T-${n}-${randomBytes(3).toString('hex')}`,
      external_id: extra.externalId ?? null,
      name: extra.name ?? `김민${n}`,
      birth_date: '1990-05-17',
      phone_enc: 'x',
      phone_bi: randomBytes(8).toString('hex'),
      region_code: '11140',
      education_level: '04',
      desired_occupations: ['0211'],
      registered_at: '2026-03-02',
      counsellor_id: extra.counsellorId ?? null,
      created_by: extra.createdBy ?? null,
    })
    .execute();
  return id;
}

/** Many seekers at once (import speed tests), external ids EXT-1…EXT-n. */
export async function insertSeekers(db: Db, centreId: string, count: number, prefix = 'EXT-') {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 2000) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 2000); i++) {
      const id = uuidv7();
      ids.push(id);
      rows.push({
        id,
        centre_id: centreId,
        registration_no: `B-${prefix}${i + 1}`,
        external_id: `${prefix}${i + 1}`,
        name: `이서연${i + 1}`,
        birth_date: '1988-11-03',
        phone_enc: 'x',
        phone_bi: `${prefix}${i}`,
        region_code: '11140',
        education_level: '04',
        desired_occupations: ['0211'],
        registered_at: '2026-01-05',
      });
    }
    await db.insertInto('seekers').values(rows).execute();
  }
  return ids;
}
