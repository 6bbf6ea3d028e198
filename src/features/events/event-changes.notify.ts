import type { Db } from '../../platform/db/pool.ts';
import { centreNames } from '../accounts/centres.service.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { seoulDateTime } from './events.time.ts';

// What the people an event change touches are told (templates of migration 20261212_0200,
// through the notifications feature, in the caller's transaction so that a change rolled back
// sends nothing): a cancelled event to its seekers and companies, a cancelled interview to its
// seeker, a new time or place to those signed up. No one's personal data but the recipient's.

/** A message about something starting within a day goes out even in quiet hours. */
const DAY = 24 * 3_600_000;
const soon = (...at: Date[]) => at.some((d) => d.getTime() - Date.now() < DAY);

type Event = {
  id: string;
  centre_id: string;
  title: string;
  starts_at: Date;
  venue: string | null;
  online_url: string | null;
};

async function centreOf(tx: Db, centreId: string) {
  return (await centreNames(tx, [centreId])).get(centreId) ?? '센터';
}

/** Tells each seeker once and each company that the event is cancelled, with the reason. */
export async function tellEventCancelled(
  tx: Db,
  e: Event,
  o: { reason: string; seekerIds: string[]; employerIds: string[] },
) {
  const centre = await centreOf(tx, e.centre_id);
  const at = new Date(e.starts_at);
  const variables = { event: e.title, at: seoulDateTime(at), reason: o.reason, centre };
  const base = { centreId: e.centre_id, variables, source: 'event.cancelled', urgent: soon(at) || undefined };
  const ids = await notifyMany(tx, [
    ...[...new Set(o.seekerIds)].map((id) => ({
      ...base,
      templateKey: 'event_cancelled',
      recipient: { kind: 'seeker' as const, id },
      dedupeKey: `event_cancelled:${e.id}:${id}`,
    })),
    ...[...new Set(o.employerIds)].map((id) => ({
      ...base,
      templateKey: 'event_cancelled_employer',
      recipient: { kind: 'employer' as const, id },
      dedupeKey: `event_cancelled:${e.id}:employer:${id}`,
    })),
  ]);
  return ids.filter(Boolean).length;
}

/** Tells the seekers of cancelled interview bookings, each with its company and time. */
export async function tellInterviewsCancelled(
  tx: Db,
  e: Event,
  o: { reason: string; bookings: { id: string; seeker_id: string; starts_at: Date; company: string }[] },
) {
  if (o.bookings.length === 0) return 0;
  const centre = await centreOf(tx, e.centre_id);
  const ids = await notifyMany(
    tx,
    o.bookings.map((b) => ({
      templateKey: 'event_interview_cancelled',
      recipient: { kind: 'seeker' as const, id: b.seeker_id },
      centreId: e.centre_id,
      variables: {
        event: e.title,
        company: b.company,
        at: seoulDateTime(new Date(b.starts_at)),
        reason: o.reason,
        centre,
      },
      source: 'event.interview_cancelled',
      dedupeKey: `event_interview_cancelled:${b.id}`,
      urgent: soon(new Date(b.starts_at)) || undefined,
    })),
  );
  return ids.filter(Boolean).length;
}

/** Tells those signed up for an event its new time and place (a change before was `before`). */
export async function tellEventChanged(
  tx: Db,
  e: Event & { ends_at: Date },
  seekerIds: string[],
  before: Date,
) {
  if (seekerIds.length === 0) return 0;
  const centre = await centreOf(tx, e.centre_id);
  const start = seoulDateTime(new Date(e.starts_at));
  const end = seoulDateTime(new Date(e.ends_at));
  const at = `${start}~${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`;
  const place = [e.venue, e.online_url].filter(Boolean).join(' / ');
  const ids = await notifyMany(
    tx,
    [...new Set(seekerIds)].map((id) => ({
      templateKey: 'event_changed',
      recipient: { kind: 'seeker' as const, id },
      centreId: e.centre_id,
      variables: { event: e.title, at, place, centre },
      source: 'event.changed',
      urgent: soon(new Date(e.starts_at), before) || undefined,
    })),
  );
  return ids.filter(Boolean).length;
}
