import { authorize } from '../../platform/access/policy.ts';
import { recordAccesses, recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { conflict, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { presentEnrolment } from './enrolments.service.ts';
import { ATTENDANCE_STATUSES, type AttendanceStatus, nameOf } from './programmes.codes.ts';
import { enrolmentOutcomes } from './programmes.report.service.ts';
import {
  findAttendance,
  findEnrolments,
  findLiveEnrolmentOf,
  findSessions,
  findSurveys,
  insertSurvey,
  setSessionExternalAttended,
  upsertAttendance,
} from './programmes.repository.ts';
import { requireProgramme } from './programmes.service.ts';
import './programmes.messages.ts';

/**
 * Staff record a session's attendance (API: PUT /programmes/{id}/sessions/{sessionId}/attendance):
 * [{seekerId, status}] for registered participants, each mark replacing the one before; a
 * session not yet begun cannot be marked. `externalAttended` counts participants who are not
 * registered seekers (an institution's programme). All marks or none are saved.
 */
export async function recordAttendance(
  ctx: RequestContext,
  o: {
    programmeId: string;
    sessionId: string;
    marks: { seekerId: string; status: AttendanceStatus }[];
    externalAttended?: number | null;
    now?: Date;
  },
) {
  authorize(ctx.actor, 'programmes.manage');
  const p = await requireProgramme(ctx, o.programmeId, { manage: true });
  const session = (await findSessions(ctx.db, p.id)).find((s) => s.id === o.sessionId);
  if (!session) throw notFound('attendance.sessionNotFound');
  if (new Date(session.starts_at).getTime() > (o.now ?? new Date()).getTime()) {
    throw conflict('attendance.future');
  }
  const enrolments = await findEnrolments(ctx.db, p.id);
  const bySeeker = new Map(enrolments.filter((e) => e.status === 'registered').map((e) => [e.seeker_id, e]));
  const problems: FieldProblem[] = [];
  const rows = o.marks.flatMap((m, i) => {
    const e = bySeeker.get(m.seekerId);
    if (!e) {
      problems.push({ field: `[${i}].seekerId`, key: 'attendance.notEnrolled' });
      return [];
    }
    return [
      {
        session_id: session.id,
        enrolment_id: e.id,
        programme_id: p.id,
        centre_id: p.centre_id,
        status: m.status,
        marked_by: ctx.actor.userId,
      },
    ];
  });
  if (problems.length) throw invalid(problems);
  await ctx.db.transaction().execute(async (tx) => {
    await upsertAttendance(tx, rows);
    if (o.externalAttended !== undefined)
      await setSessionExternalAttended(tx, session.id, o.externalAttended);
    await recordAccesses(
      tx,
      o.marks.map((m) => ({
        actor: ctx.actor,
        ip: ctx.ip,
        action: 'update' as const,
        subjectType: 'programme_attendance',
        subjectId: m.seekerId,
        centreId: bySeeker.get(m.seekerId)?.centre_id ?? p.centre_id,
      })),
    );
  });
  return { sessionId: session.id, marked: rows.length };
}

/**
 * The roster of a programme for its staff (API: GET /programmes/{id}/enrolments): every live
 * enrolment with the seeker's name (seekers feature, access-logged), the marks per session,
 * attended/excused counts, completion by the programme's rule and whether the survey was
 * answered (not the answer).
 */
export async function roster(ctx: RequestContext, o: { programmeId: string; today?: string }) {
  authorize(ctx.actor, 'programmes.manage');
  const p = await requireProgramme(ctx, o.programmeId, { manage: true });
  const [sessions, enrolments, marks, outcomes, surveys] = await Promise.all([
    findSessions(ctx.db, p.id),
    findEnrolments(ctx.db, p.id),
    findAttendance(ctx.db, p.id),
    enrolmentOutcomes(ctx.db, p.id, o.today ?? seoulToday()),
    findSurveys(ctx.db, p.id),
  ]);
  const labels = await seekerLabels(ctx, { ids: enrolments.map((e) => e.seeker_id) });
  const answered = new Set(surveys.map((s) => s.enrolment_id));
  const markOf = new Map(marks.map((m) => [`${m.enrolment_id}:${m.session_id}`, m.status]));
  let waiting = 0;
  return {
    programmeId: p.id,
    sessions: sessions.map((s) => ({
      id: s.id,
      seq: s.seq,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      externalAttended: s.external_attended,
    })),
    items: enrolments.map((e) => {
      const out = outcomes.get(e.id);
      const label = labels.get(e.seeker_id);
      return {
        ...presentEnrolment(e, ctx.lang, e.status === 'waitlisted' ? ++waiting : null),
        seekerName: label?.name ?? null,
        registrationNo: label?.registrationNo ?? null,
        attendance: sessions.map((s) => {
          const st = markOf.get(`${e.id}:${s.id}`) ?? null;
          return {
            sessionId: s.id,
            status: st,
            statusName: st ? nameOf(ATTENDANCE_STATUSES, st, ctx.lang) : null,
          };
        }),
        attended: out?.attended ?? 0,
        excused: out?.excused ?? 0,
        completed: out?.completed ?? false,
        employedWithin6Months: out?.employed6m ?? false,
        surveyAnswered: answered.has(e.id),
      };
    }),
  };
}

/**
 * A participant answers the satisfaction survey (API: POST /programmes/{id}/survey): score 1–5
 * and a comment, once (unique per participant and programme → 409 survey.duplicate), only with
 * a confirmed place and once the first session has begun.
 */
export async function answerSurvey(
  ctx: RequestContext,
  o: { programmeId: string; score: number; comment?: string | null; now?: Date },
) {
  authorize(ctx.actor, 'programmes.enrol');
  const p = await requireProgramme(ctx, o.programmeId);
  if (ctx.actor.role !== 'seeker' || !ctx.actor.seekerId) throw notFound('enrolment.notFound');
  const e = await findLiveEnrolmentOf(ctx.db, p.id, ctx.actor.seekerId);
  if (e?.status !== 'registered') throw conflict('survey.notEnrolled');
  if (new Date(p.first_starts_at).getTime() > (o.now ?? new Date()).getTime())
    throw conflict('survey.notStarted');
  const comment = o.comment?.trim() || null;
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertSurvey(tx, {
      enrolment_id: e.id,
      programme_id: p.id,
      centre_id: p.centre_id,
      seeker_id: e.seeker_id,
      score: o.score,
      comment,
    });
    if (!row) throw conflict('survey.duplicate');
    await recordSeekerAccess(
      tx,
      ctx,
      'create',
      { id: e.seeker_id, centre_id: e.centre_id },
      'programme_survey',
    );
    return {
      programmeId: p.id,
      score: row.score,
      comment: row.comment,
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}

/**
 * Survey results for the programme's staff (API: GET /programmes/{id}/survey): the count per
 * score, the mean, and the comments without names (answers are anonymous to staff).
 */
export async function surveyResults(ctx: RequestContext, o: { programmeId: string }) {
  authorize(ctx.actor, 'programmes.manage');
  const p = await requireProgramme(ctx, o.programmeId, { manage: true });
  const rows = await findSurveys(ctx.db, p.id);
  const byScore = [1, 2, 3, 4, 5].map((score) => ({
    score,
    count: rows.filter((r) => r.score === score).length,
  }));
  const mean = rows.length
    ? Math.round((rows.reduce((s, r) => s + r.score, 0) * 100) / rows.length) / 100
    : null;
  return {
    programmeId: p.id,
    answers: rows.length,
    mean,
    byScore,
    comments: rows.filter((r) => r.comment).map((r) => ({ comment: r.comment as string, score: r.score })),
  };
}
