import { findCode } from '../../codes/codes.ts';
import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { addDays, daysBetween, seoulDate, seoulMidnight, seoulToday } from '../../platform/domain/dates.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreInScope } from '../accounts/centres.service.ts';
import { isStaffActor } from '../seekers/participant.service.ts';
import {
  nameOf,
  PROGRAMME_FORMATS,
  PROGRAMME_KINDS,
  type ProgrammeFormat,
  type ProgrammeKind,
} from './programmes.codes.ts';
import { programmeOutcomes } from './programmes.report.service.ts';
import {
  findLiveEnrolmentOf,
  findProgramme,
  findProgrammes,
  findSessions,
  insertProgramme,
  markPublished,
} from './programmes.repository.ts';
import './programmes.messages.ts';

/** A list of programmes covers at most this many days. */
export const LIST_MAX_DAYS = 400;
/** A programme has at most this many sessions. */
export const MAX_SESSIONS = 200;

export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;
type SessionRow = Awaited<ReturnType<typeof findSessions>>[number];
export type ReadCtx = { db: Db; lang?: Lang; actor?: Actor | null; ip?: string | null };

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * A programme as shown to someone: the online address only when `showLink` (staff of its
 * centre, or a participant whose place is confirmed).
 */
export function presentProgramme(p: ProgrammeRow, sessions: SessionRow[], lang: Lang, showLink: boolean) {
  return {
    id: p.id,
    centreId: p.centre_id,
    title: p.title,
    kind: p.kind,
    kindName: nameOf(PROGRAMME_KINDS, p.kind, lang),
    cohort: p.cohort,
    format: p.format,
    formatName: nameOf(PROGRAMME_FORMATS, p.format, lang),
    venue: p.venue,
    onlineUrl: showLink ? p.online_url : null,
    capacity: p.capacity,
    placesLeft: p.capacity - p.taken,
    waitlist: p.waitlist,
    holdHours: p.hold_hours,
    completionMinAttendancePct: p.completion_min_pct,
    targetGroups: p.target_groups,
    targetGroupNames: p.target_groups.map((g) => findCode('target-groups', g)?.name ?? g),
    description: p.description,
    startsAt: iso(p.first_starts_at) as string,
    endsAt: iso(p.last_ends_at) as string,
    institutionRequestId: p.institution_request_id,
    externalParticipants: p.external_participants,
    published: p.published,
    sessions: sessions.map((s) => ({
      id: s.id,
      seq: s.seq,
      startsAt: iso(s.starts_at) as string,
      endsAt: iso(s.ends_at) as string,
    })),
  };
}
export type ProgrammeView = ReturnType<typeof presentProgramme>;

export interface ProgrammeInput {
  title: string;
  kind: ProgrammeKind;
  cohort?: string | null;
  format: ProgrammeFormat;
  venue?: string | null;
  onlineUrl?: string | null;
  capacity: number;
  waitlist?: boolean;
  holdHours?: number;
  sessions: { startsAt: string; endsAt: string }[];
  completionMinAttendancePct?: number;
  targetGroups?: string[];
  description?: string | null;
  published?: boolean;
  centreId?: string;
  externalParticipants?: number | null;
}

/** Checks a programme's input; the problems name each field, nothing is saved on any. */
function check(o: ProgrammeInput, centreId: string | null) {
  const problems: FieldProblem[] = [];
  const venue = o.venue?.trim() || null;
  const onlineUrl = o.onlineUrl?.trim() || null;
  if (!centreId) problems.push({ field: 'centreId', key: 'programme.centreRequired' });
  if (!o.title.trim()) problems.push({ field: 'title', key: 'field.required' });
  if (o.format === 'offline' && !venue) problems.push({ field: 'venue', key: 'programme.venueRequired' });
  if (onlineUrl && !/^https:\/\/[^\s]+$/i.test(onlineUrl)) {
    problems.push({ field: 'onlineUrl', key: 'programme.onlineUrlRequired' });
  } else if (o.format === 'online' && !onlineUrl) {
    problems.push({ field: 'onlineUrl', key: 'programme.onlineUrlRequired' });
  }
  (o.targetGroups ?? []).forEach((g, i) => {
    if (!findCode('target-groups', g)) {
      problems.push({ field: `targetGroups[${i}]`, key: 'programme.targetGroup', params: { code: g } });
    }
  });
  const sessions = o.sessions.map((s, i) => ({ i, start: new Date(s.startsAt), end: new Date(s.endsAt) }));
  for (const s of sessions) {
    if (Number.isNaN(s.start.getTime()))
      problems.push({ field: `sessions[${s.i}].startsAt`, key: 'field.invalid' });
    else if (Number.isNaN(s.end.getTime()))
      problems.push({ field: `sessions[${s.i}].endsAt`, key: 'field.invalid' });
    else if (s.end <= s.start || s.end.getTime() - s.start.getTime() > 86_400_000) {
      problems.push({ field: `sessions[${s.i}].endsAt`, key: 'programme.sessionOrder' });
    }
  }
  const sorted = [...sessions].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const cur = sorted[k];
    if (prev && cur && cur.start < prev.end) {
      problems.push({ field: `sessions[${cur.i}].startsAt`, key: 'programme.sessionOverlap' });
    }
  }
  return { problems, venue, onlineUrl, sorted };
}

/**
 * Staff set up a programme with its sessions (API: POST /programmes), for their centre (an
 * admin names one). Sessions are numbered in time order. `tx` lets an accepted institution
 * request create its programme in its own transaction.
 */
export async function createProgramme(
  ctx: RequestContext,
  o: ProgrammeInput,
  extra: { institutionRequestId?: string } = {},
) {
  authorize(ctx.actor, 'programmes.manage');
  const centreId = ctx.actor.centreScope === null ? (o.centreId ?? ctx.actor.centreId) : ctx.actor.centreId;
  if (o.centreId && !(await centreInScope(ctx.db, ctx.actor, o.centreId)))
    throw notFound('programme.centreRequired');
  const { problems, venue, onlineUrl, sorted } = check(o, centreId);
  if (problems.length || !centreId) throw invalid(problems);
  const id = uuidv7();
  const published = o.published ?? false;
  const first = sorted[0];
  const last = sorted.reduce((m, s) => (s.end > m ? s.end : m), first?.end ?? new Date(0));
  const run = async (db: Db) =>
    insertProgramme(
      db,
      {
        id,
        centre_id: centreId,
        title: o.title.trim(),
        kind: o.kind,
        cohort: o.cohort?.trim() || null,
        format: o.format,
        venue,
        online_url: onlineUrl,
        capacity: o.capacity,
        waitlist: o.waitlist ?? true,
        hold_hours: o.holdHours ?? 0,
        completion_min_pct: o.completionMinAttendancePct ?? 80,
        target_groups: [...new Set(o.targetGroups ?? [])],
        description: o.description?.trim() || null,
        first_starts_at: first?.start ?? new Date(),
        last_ends_at: last,
        institution_request_id: extra.institutionRequestId ?? null,
        external_participants: o.externalParticipants ?? null,
        published,
        published_at: published ? new Date() : null,
        created_by: ctx.actor.userId,
      },
      sorted.map((s, k) => ({
        id: uuidv7(),
        programme_id: id,
        centre_id: centreId,
        seq: k + 1,
        starts_at: s.start,
        ends_at: s.end,
        external_attended: null,
      })),
    );
  const saved = ctx.db.isTransaction ? await run(ctx.db) : await ctx.db.transaction().execute(run);
  return presentProgramme(saved.programme, saved.sessions, ctx.lang, true);
}

/** Staff of the programme's centre subtree. */
export function managesProgramme(actor: Actor | null | undefined, p: { centre_id: string }): boolean {
  return isStaffActor(actor) && inScope(actor, p.centre_id);
}

/** A programme as the actor may see it: published ones for everyone, others for staff in scope. */
export async function requireProgramme(ctx: ReadCtx, id: string, opts: { manage?: boolean } = {}) {
  const p = await findProgramme(ctx.db, id);
  const staff = !!p && managesProgramme(ctx.actor, p);
  if (!p || (!p.published && !staff) || (opts.manage && !staff)) throw notFound('programme.notFound');
  return p;
}

/** True when the actor may see the online address: staff in scope, or a confirmed participant. */
export async function mayJoin(ctx: ReadCtx, p: ProgrammeRow): Promise<boolean> {
  if (managesProgramme(ctx.actor, p)) return true;
  if (ctx.actor?.role !== 'seeker' || !ctx.actor.seekerId) return false;
  const e = await findLiveEnrolmentOf(ctx.db, p.id, ctx.actor.seekerId);
  return e?.status === 'registered';
}

/** A programme with its sessions (API: GET /programmes/{id}); the link only for who may join. */
export async function getProgramme(ctx: ReadCtx, o: { id: string }) {
  const p = await requireProgramme(ctx, o.id);
  return presentProgramme(p, await findSessions(ctx.db, p.id), ctx.lang ?? 'ko', await mayJoin(ctx, p));
}

/**
 * Programmes running over Seoul days [from, to] (API: GET /programmes): published ones for
 * everyone, staff also their centres' unpublished ones. Links only for staff.
 */
export async function listProgrammes(ctx: ReadCtx, o: { from: string; to: string; kind?: ProgrammeKind }) {
  const problems: FieldProblem[] = [];
  if (!isRealDate(o.from)) problems.push({ field: 'from', key: 'field.date' });
  if (!isRealDate(o.to)) problems.push({ field: 'to', key: 'field.date' });
  else if (isRealDate(o.from) && (o.to < o.from || daysBetween(o.from, o.to) > LIST_MAX_DAYS)) {
    problems.push({ field: 'to', key: 'programme.range', params: { days: LIST_MAX_DAYS } });
  }
  if (problems.length) throw invalid(problems);
  const range = { from: seoulMidnight(o.from), to: seoulMidnight(addDays(o.to, 1)), kind: o.kind };
  const published = await findProgrammes(ctx.db, { ...range, centreIds: null, publishedOnly: true });
  const own = isStaffActor(ctx.actor)
    ? await findProgrammes(ctx.db, { ...range, centreIds: ctx.actor.centreScope, publishedOnly: false })
    : [];
  const byId = new Map([...published, ...own].map((p) => [p.id, p]));
  return [...byId.values()]
    .sort((a, b) => new Date(a.first_starts_at).getTime() - new Date(b.first_starts_at).getTime())
    .map((p) => presentProgramme(p, [], ctx.lang ?? 'ko', managesProgramme(ctx.actor, p)));
}

/** Staff publish a programme (API: POST /programmes/{id}/publish). */
export async function publishProgramme(ctx: RequestContext, o: { id: string }) {
  authorize(ctx.actor, 'programmes.manage');
  const p = await requireProgramme(ctx, o.id, { manage: true });
  const row = (await markPublished(ctx.db, p.id)) ?? p;
  return presentProgramme(row, await findSessions(ctx.db, p.id), ctx.lang, true);
}

/**
 * A programme's outcomes (API: GET /programmes/{id}/summary): {enrolled, waitlisted,
 * attendanceRate, completed, satisfaction, employedWithin6Months} and the counts of
 * participants who are not registered seekers. Staff of its centre only (outcomes name no one,
 * but they are the centre's working figures).
 */
export async function programmeSummary(ctx: ReadCtx, o: { id: string; today?: string }) {
  const p = await requireProgramme(ctx, o.id, { manage: true });
  const out = await programmeOutcomes(ctx.db, [p.id], o.today ?? seoulToday());
  return out.get(p.id)!;
}

/**
 * Outcomes per programme (cohort) whose last session falls in Seoul days [from, to] (API: GET
 * /programmes/outcomes), of the actor's centres: the figures a 취업성공 사관학교 is judged by.
 */
export async function listOutcomes(
  ctx: RequestContext,
  o: { from: string; to: string; kind?: ProgrammeKind },
) {
  authorize(ctx.actor, 'programmes.manage');
  const items = (await listProgrammes(ctx, o)).filter((p) => {
    const lastDay = seoulDate(new Date(p.endsAt));
    return managesProgramme(ctx.actor, { centre_id: p.centreId }) && lastDay >= o.from && lastDay <= o.to;
  });
  const out = await programmeOutcomes(
    ctx.db,
    items.map((p) => p.id),
    seoulToday(),
  );
  return items.map((p) => ({
    id: p.id,
    title: p.title,
    kind: p.kind,
    kindName: p.kindName,
    cohort: p.cohort,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    ...out.get(p.id)!,
  }));
}
