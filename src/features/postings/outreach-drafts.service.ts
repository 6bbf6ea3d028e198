import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { monthlyWage, type WageType } from '../../platform/domain/wages.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { postingTokens, seoulToday } from './postings.validate.ts';

/** A job an outreach officer discovered on a company visit (API: report.jobsDiscovered[]). */
export interface DiscoveredJob {
  title: string;
  occupationCode: string;
  headcount: number;
  employmentType?: string | null;
  wageType?: WageType | null;
  wageMin?: number | null;
}

/** How long a draft stays open once a counsellor opens it, unless the counsellor changes it. */
export const DRAFT_CLOSES_AFTER_DAYS = 30;

/**
 * Posting drafts (status `draft`, source `outreach`) for jobs discovered on a visit, in the
 * caller's transaction, one history row each (action create). What the visit did not learn is
 * left for the counsellor: duties empty, education 무관, career 관계없음, wage 0 when unknown;
 * `approvePosting` checks the whole posting before it opens one, so an incomplete draft cannot
 * open. Answers the new posting ids in the order of `jobs`.
 */
export async function createOutreachDrafts(
  tx: Db,
  actor: Actor,
  o: {
    employerId: string;
    employerName: string;
    centreId: string;
    regionCode: string;
    jobs: DiscoveredJob[];
  },
): Promise<string[]> {
  if (o.jobs.length === 0) return [];
  const day = new Date(`${seoulToday()}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + DRAFT_CLOSES_AFTER_DAYS);
  const closes = day.toISOString().slice(0, 10);
  const rows = o.jobs.map((j) => {
    const wageType: WageType = j.wageType ?? 'M';
    const wage = j.wageMin ?? 0;
    return {
      id: uuidv7(),
      employer_id: o.employerId,
      centre_id: o.centreId,
      title: j.title.trim(),
      occupation_code: j.occupationCode,
      occupation_edition: '2018' as const,
      duties: '',
      headcount: j.headcount,
      employment_type: j.employmentType ?? '10',
      wage_type: wageType,
      wage_min: wage,
      wage_monthly_min: monthlyWage(wageType, wage),
      region_code: o.regionCode,
      education_min: '00',
      career_type: 'Z' as const,
      closes_at: closes,
      status: 'draft' as const,
      source: 'outreach',
      created_by: actor.userId,
      search_tokens: postingTokens(
        { title: j.title, duties: '', keywords: [], occupation_code: j.occupationCode },
        o.employerName,
      ),
    };
  });
  await tx.insertInto('postings').values(rows).execute();
  // History only: a draft is not announced to partners (webhooks) until a counsellor opens it.
  await tx
    .insertInto('posting_history')
    .values(
      rows.map((r) => ({
        id: uuidv7(),
        posting_id: r.id,
        centre_id: o.centreId,
        actor_id: actor.userId,
        action: 'create' as const,
        changes: sql`${JSON.stringify({
          source: 'outreach',
          title: r.title,
          occupationCode: r.occupation_code,
          headcount: r.headcount,
        })}::jsonb`,
      })),
    )
    .execute();
  return rows.map((r) => r.id);
}
