import type { Db } from '../../platform/db/pool.ts';
import './events.tables.ts';

/**
 * One employer's interview slots at hiring events starting in [from, to) (cancelled events left
 * out: the company was told), with the event and
 * the live booking's seeker and result — the employer portal's slot view (features/events owns
 * these tables).
 */
export async function findEmployerSlots(db: Db, employerId: string, from: Date, to: Date) {
  return db
    .selectFrom('event_slots as s')
    .innerJoin('hiring_events as e', 'e.id', 's.event_id')
    .innerJoin('event_employers as ee', (j) =>
      j.onRef('ee.event_id', '=', 's.event_id').onRef('ee.employer_id', '=', 's.employer_id'),
    )
    .leftJoin('interview_bookings as b', (j) =>
      j.onRef('b.slot_id', '=', 's.id').on('b.status', '<>', 'cancelled'),
    )
    .select([
      's.id',
      's.event_id',
      'e.title',
      'e.kind',
      'e.venue',
      'ee.booth',
      's.starts_at',
      's.ends_at',
      's.meeting_url',
      'b.id as booking_id',
      'b.seeker_id',
      'b.result',
    ])
    .where('s.employer_id', '=', employerId)
    .where('e.cancelled_at', 'is', null)
    .where('e.starts_at', '>=', from)
    .where('e.starts_at', '<', to)
    .orderBy('s.starts_at')
    .execute();
}
