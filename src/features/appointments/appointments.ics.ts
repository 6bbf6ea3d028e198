import { t } from '../../platform/i18n/i18n.ts';
import { icsDocument, icsText as text, icsUtc as utc } from '../../platform/ics.ts';
import type { Appointment } from './appointments.service.ts';

// A counsellor's appointments as an iCalendar feed (RFC 5545) for the calendar app of their
// phone. The feed leaves ilteo for whatever calendar service subscribes to it, so it names no
// seeker: the summary is the channel, the description a link to the appointment's day in
// /staff/calendar, where a signed-in counsellor sees who it is (and the view is logged).

/** The feed text: one VEVENT per appointment, stable UIDs, CRLF line ends. */
export function appointmentsIcs(items: Appointment[], opts: { baseUrl: string; now?: Date }): string {
  const stamp = utc((opts.now ?? new Date()).toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ilteo//appointments//KO',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(t('ko', 'appointment.feedName'))}`,
    'X-WR-TIMEZONE:Asia/Seoul',
  ];
  for (const a of items) {
    const day = new Date(new Date(a.startsAt).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${a.id}@ilteo`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${utc(a.updatedAt)}`,
      `DTSTART:${utc(a.startsAt)}`,
      `DTEND:${utc(a.endsAt)}`,
      `SUMMARY:${text(t('ko', 'appointment.feedSummary', { channel: t('ko', `appointment.channel.${a.channel}`) }))}`,
      ...(a.place ? [`LOCATION:${text(a.place)}`] : []),
      `URL:${opts.baseUrl}/staff/calendar?week=${day}`,
      'STATUS:CONFIRMED',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return icsDocument(lines);
}
