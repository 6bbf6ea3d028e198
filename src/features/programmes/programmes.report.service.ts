import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { employedWithin } from '../employments/employments.report.service.ts';

// Completion and outcomes of programmes, in SQL, so that a programme's page, the outcome list
// and the report's KPIs count alike.
//
// The completion rule: a registered participant completes a programme whose last session has
// ended when attended sessions (present or late) are at least `completion_min_pct` percent of
// the programme's sessions less the excused ones (사유 결석 is not counted against), and at
// least one session was attended. Unmarked sessions count as missed.
// Employed within 6 months: of those who completed, an employment (employments feature)
// starting between the first session's day and six months after the last session's day (Seoul
// days; never later than today).

/**
 * One row per registered enrolment: (enrolment_id, programme_id, seeker_id, centre_id,
 * last_day, sessions, attended, excused, marked, completed, employed6m). `today` is a Seoul date.
 */
export function enrolmentOutcomeRows(today: string): RawBuilder<unknown> {
  const firstDay = sql`(p.first_starts_at AT TIME ZONE 'Asia/Seoul')::date`;
  const lastDay = sql`(p.last_ends_at AT TIME ZONE 'Asia/Seoul')::date`;
  return sql`(SELECT o.*,
      o.completed AND ${employedWithin(
        sql`o.seeker_id`,
        sql`o.first_day`,
        sql`LEAST((o.last_day + interval '6 months')::date, ${today}::date)`,
      )} AS employed6m
    FROM (SELECT e.id AS enrolment_id, e.programme_id, e.seeker_id, p.centre_id,
        ${firstDay} AS first_day, ${lastDay} AS last_day,
        count(s.id)::int AS sessions,
        count(a.status) FILTER (WHERE a.status IN ('present', 'late'))::int AS attended,
        count(a.status) FILTER (WHERE a.status = 'excused')::int AS excused,
        count(a.status) FILTER (WHERE a.status = 'absent')::int AS absent,
        (p.last_ends_at <= now()
          AND count(a.status) FILTER (WHERE a.status IN ('present', 'late')) > 0
          AND count(a.status) FILTER (WHERE a.status IN ('present', 'late')) * 100
            >= p.completion_min_pct * (count(s.id) - count(a.status) FILTER (WHERE a.status = 'excused'))
        ) AS completed
      FROM programme_enrolments e
      JOIN programmes p ON p.id = e.programme_id
      JOIN programme_sessions s ON s.programme_id = p.id
      LEFT JOIN programme_attendance a ON a.session_id = s.id AND a.enrolment_id = e.id
      WHERE e.status = 'registered'
      GROUP BY e.id, e.programme_id, e.seeker_id, p.id, p.centre_id, p.last_ends_at) o)`;
}

export interface ProgrammeOutcome {
  programmeId: string;
  enrolled: number;
  waitlisted: number;
  /** Places held for people moved up from the waiting list, not yet confirmed. */
  offered: number;
  /** Present or late of the marks present, late or absent (excused left out), one decimal. */
  attendanceRate: number | null;
  completed: number;
  /** Mean survey score, two decimals; null without answers. */
  satisfaction: number | null;
  surveyAnswers: number;
  employedWithin6Months: number;
  externalParticipants: number;
  externalCompleted: number;
}

/** The outcomes of the given programmes (missing ones are absent from the map). */
export async function programmeOutcomes(
  db: Db,
  programmeIds: readonly string[],
  today: string,
): Promise<Map<string, ProgrammeOutcome>> {
  if (programmeIds.length === 0) return new Map();
  const r = await sql<{
    id: string;
    enrolled: number;
    waitlisted: number;
    offered: number;
    attended: number;
    absent: number;
    completed: number;
    employed6m: number;
    score_avg: string | null;
    answers: number;
    external_participants: number | null;
    external_completed: number | null;
  }>`
    SELECT p.id,
      (SELECT count(*) FROM programme_enrolments e WHERE e.programme_id = p.id AND e.status = 'registered')::int AS enrolled,
      (SELECT count(*) FROM programme_enrolments e WHERE e.programme_id = p.id AND e.status = 'waitlisted')::int AS waitlisted,
      (SELECT count(*) FROM programme_enrolments e WHERE e.programme_id = p.id AND e.status = 'offered')::int AS offered,
      coalesce(o.attended, 0)::int AS attended, coalesce(o.absent, 0)::int AS absent,
      coalesce(o.completed, 0)::int AS completed, coalesce(o.employed6m, 0)::int AS employed6m,
      sv.score_avg, coalesce(sv.answers, 0)::int AS answers,
      p.external_participants, p.external_completed
    FROM programmes p
    LEFT JOIN (SELECT programme_id, sum(attended) AS attended, sum(absent) AS absent,
        count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE employed6m) AS employed6m
      FROM ${enrolmentOutcomeRows(today)} x WHERE programme_id = ANY(${[...programmeIds]}::uuid[])
      GROUP BY programme_id) o ON o.programme_id = p.id
    LEFT JOIN (SELECT programme_id, round(avg(score), 2) AS score_avg, count(*) AS answers
      FROM programme_surveys WHERE programme_id = ANY(${[...programmeIds]}::uuid[])
      GROUP BY programme_id) sv ON sv.programme_id = p.id
    WHERE p.id = ANY(${[...programmeIds]}::uuid[])`.execute(db);
  return new Map(
    r.rows.map((row) => {
      const marked = row.attended + row.absent;
      return [
        row.id,
        {
          programmeId: row.id,
          enrolled: row.enrolled,
          waitlisted: row.waitlisted,
          offered: row.offered,
          attendanceRate: marked ? Math.round((row.attended * 1000) / marked) / 10 : null,
          completed: row.completed,
          satisfaction: row.score_avg === null ? null : Number(row.score_avg),
          surveyAnswers: row.answers,
          employedWithin6Months: row.employed6m,
          externalParticipants: row.external_participants ?? 0,
          externalCompleted: row.external_completed ?? 0,
        },
      ];
    }),
  );
}

/** Per enrolment: attended, excused, completed, employed within 6 months (for the roster). */
export async function enrolmentOutcomes(db: Db, programmeId: string, today: string) {
  const r = await sql<{
    enrolment_id: string;
    attended: number;
    excused: number;
    sessions: number;
    completed: boolean;
    employed6m: boolean;
  }>`SELECT enrolment_id, attended, excused, sessions, completed, employed6m
    FROM ${enrolmentOutcomeRows(today)} x WHERE programme_id = ${programmeId}`.execute(db);
  return new Map(r.rows.map((row) => [row.enrolment_id, row]));
}

/**
 * Programmes as the reports feature reads them: (id, centre_id, kind, last_day — the Seoul day
 * of the last session's end —, external_participants, external_completed).
 */
export function programmeReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, centre_id, kind, (last_ends_at AT TIME ZONE 'Asia/Seoul')::date AS last_day,
      coalesce(external_participants, 0) AS external_participants,
      coalesce(external_completed, 0) AS external_completed
    FROM programmes)`;
}
