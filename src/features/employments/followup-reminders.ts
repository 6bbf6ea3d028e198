import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { seoulToday } from './employments.service.ts';
import './employments.tables.ts';

/**
 * The morning notice of follow-ups due (job `followups-due`, 09:00 Asia/Seoul): each staff
 * member who recorded hires with follow-ups due today and not yet done gets one
 * `followup_due` notice with their number, once a day (dedupe key
 * `followup_due:<user>:<day>`, so a rerun or a second process writes nothing more). Staff
 * accounts hold no phone or e-mail yet, so the notice is recorded in the outbox (status
 * suppressed, "no contact") rather than sent, until accounts gain a contact. Returns how many
 * notices this run wrote.
 */
export async function noticeDueFollowups(db: Db, now = new Date()): Promise<number> {
  const today = seoulToday(now.getTime());
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('retention_followups as f')
      .innerJoin('employments as e', 'e.id', 'f.employment_id')
      .select(['e.created_by as userId', sql<string>`min(f.centre_id::text)`.as('centreId')])
      .select(sql<number>`count(*)::int`.as('n'))
      .where('f.done_at', 'is', null)
      .where('f.due_date', '=', today)
      .where('e.created_by', 'is not', null)
      .groupBy('e.created_by')
      .execute();
    const ids = await notifyMany(
      tx,
      rows.map((r) => ({
        templateKey: 'followup_due',
        recipient: { kind: 'user' as const, id: r.userId! },
        centreId: r.centreId,
        variables: { count: String(r.n) },
        source: 'followup.due',
        dedupeKey: `followup_due:${r.userId}:${today}`,
      })),
    );
    return ids.filter((id) => id !== null).length;
  });
}
