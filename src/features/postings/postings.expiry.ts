import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { emitWebhookEvents } from '../webhooks/webhooks.service.ts';
import { postingEvent } from './posting-events.ts';

/**
 * Flips every open posting whose closing day has passed (Asia/Seoul) to expired, with a
 * history row and a `posting.closed` webhook event each. Reads already treat them as expired; this makes the stored status agree.
 */
export async function expirePostings(db: Db, today = seoulToday()): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .updateTable('postings')
      .set({ status: 'expired', updated_at: new Date() })
      .where('status', '=', 'open')
      .where('closes_at', '<', today)
      .returning(['id', 'centre_id', 'closes_at'])
      .execute();
    if (rows.length) {
      await tx
        .insertInto('posting_history')
        .values(
          rows.map((r) => ({
            id: uuidv7(),
            posting_id: r.id,
            centre_id: r.centre_id,
            actor_id: null,
            action: 'expire' as const,
            changes: sql`'{"status":{"before":"open","after":"expired"}}'::jsonb`,
          })),
        )
        .execute();
      // Partners hear of each in the same transaction (`postingEvent`: open → expired is closed).
      const events = rows.flatMap((r) => {
        const step = { before: 'open', after: 'expired', closesAt: r.closes_at, wasOpen: true } as const;
        const type = postingEvent(step, today);
        return type ? [{ type, subjectId: r.id, centreId: r.centre_id }] : [];
      });
      if (events.length) await emitWebhookEvents(tx, events);
    }
    return rows.length;
  });
}
