import { icsDocument, icsText, icsUtc } from '../../platform/ics.ts';
import type { DeskSession } from './desks.service.ts';

// The public schedule of mobile desks as an iCalendar feed (RFC 5545) that 동 주민센터 sites
// and phones subscribe to. A cancelled session stays in the feed with STATUS:CANCELLED and the
// reason, so subscribed calendars drop it and say why.

export function desksIcs(items: DeskSession[], opts: { baseUrl: string; now?: Date }): string {
  const stamp = icsUtc((opts.now ?? new Date()).toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ilteo//mobile desks//KO',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText('찾아가는 취업상담실')}`,
    'X-WR-TIMEZONE:Asia/Seoul',
  ];
  for (const s of items) {
    const cancelled = s.status === 'cancelled';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.id}@ilteo`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${icsUtc(s.updatedAt)}`,
      `DTSTART:${icsUtc(s.startsAt)}`,
      `DTEND:${icsUtc(s.endsAt)}`,
      `SUMMARY:${icsText(`찾아가는 취업상담실 — ${s.place}`)}`,
      `LOCATION:${icsText(`${s.place}, ${s.address}`)}`,
      ...(cancelled && s.cancelReason ? [`DESCRIPTION:${icsText(s.cancelReason)}`] : []),
      `URL:${opts.baseUrl}/desks#s-${s.id}`,
      `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return icsDocument(lines);
}
