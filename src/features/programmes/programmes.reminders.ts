import type { Db } from '../../platform/db/pool.ts';
import { addDays, seoulDate, seoulMidnight } from '../../platform/domain/dates.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { koDate } from '../../web/dates.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { findConfirmedInSessions } from './reminders.repository.ts';

/**
 * The day-before reminders (API.md notifications): every participant whose place is confirmed
 * is told about a session starting on the Seoul day after `now`. Run daily; a repeated run
 * sends nothing twice (dedupe key per enrolment and session). Returns the messages written.
 */
export async function sendSessionReminders(db: Db, now = new Date()): Promise<number> {
  const tomorrow = addDays(seoulDate(now), 1);
  const rows = await findConfirmedInSessions(
    db,
    seoulMidnight(tomorrow),
    seoulMidnight(addDays(tomorrow, 1)),
  );
  if (rows.length === 0) return 0;
  const ids = await db.transaction().execute((tx) =>
    notifyMany(
      tx,
      rows.map((row) => ({
        templateKey: 'programme_session_reminder',
        recipient: { kind: 'seeker' as const, id: row.seeker_id },
        centreId: row.centre_id,
        variables: {
          programme: row.title,
          at: koDate(row.starts_at, 'ko', true),
          session: String(row.seq),
          // The online address is not put in a text message: the participant finds it on /me.
          place: row.format === 'online' ? '온라인(일터 내 프로그램에서 접속 주소 확인)' : (row.venue ?? ''),
        },
        source: 'programme.reminder',
        dedupeKey: `programme.reminder:${row.enrolment_id}:${row.session_id}`,
      })),
    ),
  );
  return ids.filter((id) => id !== null).length;
}

/** Daily at 10:00 Seoul time: tomorrow's sessions. */
export function programmeReminderJob(db: Db): JobDefinition {
  return {
    name: 'programme-reminders',
    cron: '0 10 * * *',
    handler: async () => {
      await sendSessionReminders(db);
    },
  };
}
