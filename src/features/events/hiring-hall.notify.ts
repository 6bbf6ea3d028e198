import type { Db } from '../../platform/db/pool.ts';
import { centreNames } from '../accounts/centres.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { getPostingsNamedBy } from '../postings/postings.service.ts';
import { seoulDateTime } from './events.time.ts';

/**
 * Tells the company that its hiring-hall request is scheduled (template `hiring_hall_scheduled`,
 * notifications feature), in the caller's transaction so that a scheduling rolled back sends
 * nothing; one message per request ever (dedupe key).
 */
export async function tellCompanyScheduled(
  tx: Db,
  r: { id: string; centreId: string; employerId: string; postingId: string },
  at: { start: Date; end: Date; place: string },
) {
  const [centre, posting] = await Promise.all([
    centreNames(tx, [r.centreId]).then((m) => m.get(r.centreId) ?? '센터'),
    getPostingsNamedBy(tx, [r.postingId]).then((m) => m.get(r.postingId)?.title ?? '구인공고'),
  ]);
  const end = seoulDateTime(at.end);
  const start = seoulDateTime(at.start);
  await notify(tx, {
    templateKey: 'hiring_hall_scheduled',
    recipient: { kind: 'employer', id: r.employerId },
    centreId: r.centreId,
    variables: {
      posting,
      // "2027-03-19 14:00~16:00" (an en dash is not in KS X 1001: an SMS would show '?'), the
      // end's date only when the session runs past midnight.
      when: `${start}~${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`,
      place: at.place,
      centre,
    },
    source: 'events.hall_scheduled',
    dedupeKey: `hiring_hall:${r.id}:scheduled`,
  });
}
