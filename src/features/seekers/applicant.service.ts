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
