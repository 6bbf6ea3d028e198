import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { userNames } from '../accounts/user-lookups.service.ts';
import { listAgreements } from './agreements.service.ts';
import { listRequests } from './requests.service.ts';
import { listVisits } from './visits.service.ts';

/** Visits, requests and agreements of one company shown on its staff page (newest first). */
export const COMPANY_OUTREACH_SHOWN = 50;

/**
 * What outreach knows of one company, for its 360° staff page: every visit of the reader's
 * centres with who went (names) and what was found, its admin requests and its hiring
 * agreements with pledged vs filled — each list with its total, the newest first.
 */
export async function companyOutreach(ctx: RequestContext, o: { employerId: string }) {
  authorize(ctx.actor, 'outreach.read');
  const page = { offset: 0, limit: COMPANY_OUTREACH_SHOWN };
  const [visits, requests, agreements] = await Promise.all([
    listVisits(ctx, { employerId: o.employerId, ...page }),
    listRequests(ctx, { employerId: o.employerId, ...page }),
    listAgreements(ctx, { employerId: o.employerId, ...page }),
  ]);
  const names = await userNames(
    ctx.db,
    visits.items.flatMap((v) => v.teamUserIds),
  );
  return {
    visits: {
      total: visits.total,
      items: visits.items.map((v) => ({ ...v, team: v.teamUserIds.map((id) => names.get(id) ?? '') })),
    },
    requests: { total: requests.total, items: [...requests.items].reverse() },
    agreements,
  };
}
