import { type RawBuilder, sql } from 'kysely';

// Hiring events as the reports feature reads them (features/events owns these tables): each
// relation carries the event's centre and start, so a KPI counts "over events held in
// [from, to]" (API.md event KPIs) exactly as the event summary (`eventTotals`) does; cancelled
// events are not counted.

/** Approved employers of events: (event_id, employer_id, centre_id, starts_at). */
export function eventEmployerReportRows(): RawBuilder<unknown> {
  return sql`(SELECT ee.event_id, ee.employer_id, e.centre_id, e.starts_at
    FROM event_employers ee JOIN hiring_events e ON e.id = ee.event_id
    WHERE ee.status = 'approved' AND e.cancelled_at IS NULL)`;
}

/**
 * Seekers taking part, once per event (registered or waiting, or holding an interview; not
 * cancelled): (id = 'event_id:seeker_id', event_id, seeker_id, centre_id, starts_at).
 */
export function eventSeekerReportRows(): RawBuilder<unknown> {
  return sql`(SELECT p.event_id::text || ':' || p.seeker_id::text AS id, p.event_id, p.seeker_id,
      e.centre_id, e.starts_at
    FROM (SELECT event_id, seeker_id FROM event_registrations WHERE status <> 'cancelled'
          UNION
          SELECT event_id, seeker_id FROM interview_bookings WHERE status <> 'cancelled') p
    JOIN hiring_events e ON e.id = p.event_id WHERE e.cancelled_at IS NULL)`;
}

/** Interview bookings not cancelled: (id, event_id, seeker_id, centre_id, starts_at, result). */
export function eventInterviewReportRows(): RawBuilder<unknown> {
  return sql`(SELECT b.id, b.event_id, b.seeker_id, e.centre_id, e.starts_at, b.result
    FROM interview_bookings b JOIN hiring_events e ON e.id = b.event_id
    WHERE b.status <> 'cancelled' AND e.cancelled_at IS NULL)`;
}

/** The results that count as an interview held, a first-round pass, and a hire. */
export const INTERVIEW_HELD = ['interviewed', 'passed_first', 'hired', 'rejected'] as const;
export const FIRST_ROUND_PASSED = ['passed_first', 'hired'] as const;
