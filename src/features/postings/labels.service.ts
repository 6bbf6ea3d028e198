import type { Db } from '../../platform/db/pool.ts';
import { employerLabels } from '../employers/employers.service.ts';

/**
 * Title, company and centre of postings by id, whatever their status: for messages about them
 * (a referral's result after the posting closed). Not a view of personal data.
 */
export async function postingLabels(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { title: string; company: string; employerId: string; centreId: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('postings')
    .select(['id', 'title', 'employer_id', 'centre_id'])
    .where('id', 'in', unique)
    .execute();
  const employers = await employerLabels(
    db,
    rows.map((r) => r.employer_id),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        title: r.title,
        company: employers.get(r.employer_id)?.name ?? '',
        employerId: r.employer_id,
        centreId: r.centre_id,
      },
    ]),
  );
}
