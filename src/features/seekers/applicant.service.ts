import type { Db } from '../../platform/db/pool.ts';

/**
 * The columns an employer's one-time answer page (/r/{token}) reads of the applicant: name (the
 * caller masks it), desired occupations, education, career and certificates; no contact
 * details, no birth date. The caller has checked the link and logs the view.
 */
export async function applicantProfile(db: Db, seekerId: string) {
  return db
    .selectFrom('seekers')
    .select([
      'id',
      'centre_id',
      'name',
      'desired_occupations',
      'desired_occupation_edition',
      'education_level',
      'career_months',
      'certificates',
    ])
    .where('id', '=', seekerId)
    .executeTakeFirstOrThrow();
}

/**
 * The names of seekers an employer holds interviews with (hiring-event slots they booked with
 * it): the caller has checked the booking, masks the name and logs the view. No other column.
 */
export async function applicantNames(db: Db, seekerIds: readonly string[]) {
  if (seekerIds.length === 0) return new Map<string, { name: string; centreId: string }>();
  const rows = await db
    .selectFrom('seekers')
    .select(['id', 'name', 'centre_id'])
    .where('id', 'in', [...new Set(seekerIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, centreId: r.centre_id }]));
}
