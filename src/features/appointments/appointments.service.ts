import { createHash, randomBytes } from 'node:crypto';
import { authorize, inScope } from '../../platform/access/policy.ts';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { maskRrnFields, rrnWarnings } from '../../platform/domain/validate.ts';
import { conflict, DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { userRoleAndCentre } from '../accounts/user-lookups.service.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { counsellingNextContact, parseDateTime } from '../counselling/counselling.service.ts';
import { requireSeeker } from '../seekers/seekers.service.ts';
import './appointments.messages.ts';
import type { AppointmentRow } from './appointments.repository.ts';
import * as repo from './appointments.repository.ts';
import { APPOINTMENT_CHANNELS, type AppointmentChannel } from './appointments.tables.ts';

export { APPOINTMENT_CHANNELS, type AppointmentChannel };

const KST_MS = 9 * 3_600_000;
const MAX_WINDOW_DAYS = 92;

/** An appointment as the API shows it. */
export function presentAppointment(r: AppointmentRow) {
  return {
    id: r.id,
    seekerId: r.seeker_id,
    counsellorId: r.counsellor_id,
    centreId: r.centre_id,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    channel: r.channel,
    place: r.place,
    note: r.note,
    status: r.status,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    cancelReason: r.cancel_reason,
    counsellingId: r.counselling_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
export type Appointment = ReturnType<typeof presentAppointment>;

export interface AppointmentInput {
  seekerId: string;
  startsAt: string;
  endsAt: string;
  channel: AppointmentChannel;
  place?: string | null;
  note?: string | null;
  /** Defaults to the acting user. */
  counsellorId?: string;
  /** The counselling record whose "next contact" this appointment keeps. */
  counsellingId?: string | null;
  /** Book on a weekend, holiday or centre closure anyway (e.g. a Saturday job fair). */
  allowClosedDay?: boolean;
}

/** The Seoul calendar day of an instant. */
function seoulDate(at: Date): string {
  return new Date(at.getTime() + KST_MS).toISOString().slice(0, 10);
}

/** Start and end as instants (Korean time when no offset is given), or field problems. */
function checkTimes(raw: { startsAt: string; endsAt: string }) {
  const problems: FieldProblem[] = [];
  const starts = parseDateTime(raw.startsAt);
  const ends = parseDateTime(raw.endsAt);
  if (!starts) problems.push({ field: 'startsAt', key: 'appointment.dateTime' });
  if (!ends) problems.push({ field: 'endsAt', key: 'appointment.dateTime' });
  if (starts && ends && (ends <= starts || ends.getTime() - starts.getTime() > 12 * 3_600_000)) {
    problems.push({ field: 'endsAt', key: 'appointment.endBeforeStart' });
  }
  return { starts, ends, problems };
}

/**
 * Refuses a day the seeker's centre does not work (weekend, holiday, closure) unless the caller
 * allows it: the calendar feature decides which days those are.
 */
async function checkOpenDay(ctx: RequestContext, centreId: string, starts: Date, allow: boolean | undefined) {
  if (allow) return;
  const date = seoulDate(starts);
  const days = await closedDays(ctx, { centreId, from: date, to: date });
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const name = days[0]?.name ?? (weekday === 0 || weekday === 6 ? t(ctx.lang, 'appointment.weekend') : null);
  if (name) throw invalid([{ field: 'startsAt', key: 'appointment.closedDay', params: { date, name } }]);
}

/** The counsellor who holds the appointment: the actor, or staff of the actor's centres. */
async function checkCounsellor(ctx: RequestContext, counsellorId: string | undefined): Promise<string> {
  if (!counsellorId || counsellorId === ctx.actor.userId) return ctx.actor.userId;
  const u = await userRoleAndCentre(ctx.db, counsellorId);
  if (!u || !['admin', 'manager', 'counsellor'].includes(u.role) || !inScope(ctx.actor, u.centreId)) {
    throw invalid([{ field: 'counsellorId', key: 'appointment.counsellor' }]);
  }
  return u.id;
}

function isOverlap(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { code?: string }).code === '23P01' &&
    (e as { constraint?: string }).constraint === 'appointments_no_overlap'
  );
}

/** Runs a write; the exclusion constraint's refusal becomes 409 `appointment.overlap`. */
async function overlapSafe<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isOverlap(e)) throw conflict('appointment.overlap');
    throw e;
  }
}

/**
 * POST /appointments: books a seeker of the actor's centres (the seekers feature's `counsel`
 * rule) with a counsellor. Two overlapping appointments of one counsellor are refused by the
 * database (409 `appointment.overlap`), so concurrent bookings cannot both win.
 */
export async function createAppointment(ctx: RequestContext, raw: AppointmentInput) {
  authorize(ctx.actor, 'appointments.write');
  const { value: input, masked } = maskRrnFields(raw, ['note', 'place']);
  const { starts, ends, problems } = checkTimes(input);
  if (!(APPOINTMENT_CHANNELS as readonly string[]).includes(input.channel)) {
    problems.push({
      field: 'channel',
      key: 'field.enum',
      params: { allowed: APPOINTMENT_CHANNELS.join(', ') },
    });
  }
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const c = { ...ctx, db: tx };
    const { seeker } = await requireSeeker(c, input.seekerId, 'counsel', {
      notFound: 'appointment.seekerNotFound',
    });
    const counsellorId = await checkCounsellor(c, input.counsellorId);
    if (input.counsellingId) {
      const rec = await counsellingNextContact(tx, input.counsellingId);
      if (!rec || rec.seekerId !== seeker.id) {
        throw invalid([{ field: 'counsellingId', key: 'field.invalid' }]);
      }
    }
    await checkOpenDay(c, seeker.centre_id, starts!, input.allowClosedDay);
    const row = await overlapSafe(() =>
      repo.insert(tx, {
        id: uuidv7(),
        centre_id: seeker.centre_id,
        seeker_id: seeker.id,
        counsellor_id: counsellorId,
        starts_at: starts!,
        ends_at: ends!,
        channel: input.channel,
        status: 'scheduled',
        place: input.place?.trim() || null,
        note: input.note?.trim() || null,
        counselling_id: input.counsellingId ?? null,
        created_by: ctx.actor.userId,
      }),
    );
    await logTouch(c, [row], 'create');
    return { ...presentAppointment(row), warnings: rrnWarnings(masked) };
  });
}

/** The appointment when the actor may change it (its seeker reachable for `counsel`), locked. */
async function appointmentToChange(ctx: RequestContext, id: string) {
  const row = await repo.findById(ctx.db, id, true);
  if (!row || !inScope(ctx.actor, row.centre_id)) throw notFound('appointment.notFound');
  await requireSeeker(ctx, row.seeker_id, 'counsel', { notFound: 'appointment.notFound' });
  if (row.status === 'cancelled') throw conflict('appointment.cancelled');
  return row;
}

/**
 * PATCH /appointments/{id}: moves an appointment (start and end) or changes its channel, place,
 * note or counsellor; the same overlap and closed-day rules as booking.
 */
export async function moveAppointment(
  ctx: RequestContext,
  opts: { id: string } & Partial<Omit<AppointmentInput, 'seekerId' | 'counsellingId'>>,
) {
  authorize(ctx.actor, 'appointments.write');
  const { value: input, masked } = maskRrnFields(opts, ['note', 'place']);
  return ctx.db.transaction().execute(async (tx) => {
    const c = { ...ctx, db: tx };
    const row = await appointmentToChange(c, input.id);
    const { starts, ends, problems } = checkTimes({
      startsAt: input.startsAt ?? row.starts_at.toISOString(),
      endsAt: input.endsAt ?? row.ends_at.toISOString(),
    });
    if (problems.length) throw invalid(problems);
    const counsellorId = input.counsellorId
      ? await checkCounsellor(c, input.counsellorId)
      : row.counsellor_id;
    // A closed day is asked about when the start moves, not when only the place changes.
    if (starts!.getTime() !== row.starts_at.getTime())
      await checkOpenDay(c, row.centre_id, starts!, input.allowClosedDay);
    const next = await overlapSafe(() =>
      repo.update(tx, row.id, {
        starts_at: starts!,
        ends_at: ends!,
        counsellor_id: counsellorId,
        ...(input.channel ? { channel: input.channel } : {}),
        ...(input.place !== undefined ? { place: input.place?.trim() || null } : {}),
        ...(input.note !== undefined ? { note: input.note?.trim() || null } : {}),
      }),
    );
    await logTouch(c, [next], 'update');
    return { ...presentAppointment(next), warnings: rrnWarnings(masked) };
  });
}

/** POST /appointments/{id}/cancel: frees the time; the row stays, marked cancelled. */
export async function cancelAppointment(ctx: RequestContext, opts: { id: string; reason?: string | null }) {
  authorize(ctx.actor, 'appointments.write');
  const { value, masked } = maskRrnFields({ reason: opts.reason ?? '' }, ['reason']);
  return ctx.db.transaction().execute(async (tx) => {
    const c = { ...ctx, db: tx };
    const row = await appointmentToChange(c, opts.id);
    const next = await repo.update(tx, row.id, {
      status: 'cancelled',
      cancelled_at: new Date(),
      cancel_reason: value.reason.trim() || null,
    });
    await logTouch(c, [next], 'update');
    return { ...presentAppointment(next), warnings: rrnWarnings(masked) };
  });
}

/**
 * GET /appointments?from=&to=&counsellorId=&seekerId=: appointments starting in [from, to)
 * (at most 92 days), earliest first. Staff see their centre subtree's; with `seekerId` the
 * seeker must be reachable (`view`); a seeker sees only their own.
 */
export async function listAppointments(
  ctx: RequestContext,
  opts: {
    from: Date;
    to: Date;
    counsellorId?: string;
    seekerId?: string;
    withCancelled?: boolean;
    offset: number;
    limit: number;
  },
) {
  authorize(ctx.actor, 'appointments.read');
  if (opts.to <= opts.from || opts.to.getTime() - opts.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    throw invalid([{ field: 'to', key: 'appointment.range' }]);
  }
  let seekerId = opts.seekerId;
  let centres = ctx.actor.centreScope;
  if (ctx.actor.role === 'seeker') {
    seekerId = ctx.actor.seekerId ?? '00000000-0000-0000-0000-000000000000';
    if (opts.seekerId && opts.seekerId !== seekerId) return { items: [], total: 0 };
    centres = null;
  } else if (seekerId) {
    await requireSeeker(ctx, seekerId, 'view', { notFound: 'appointment.seekerNotFound' });
  }
  const { rows, total } = await repo.findInWindow(ctx.db, { ...opts, seekerId, centres });
  await logTouch(ctx, rows, 'view');
  return { items: rows.map(presentAppointment), total };
}

/**
 * A seeker's coming appointments (not yet ended), for pages that have already reached the
 * seeker through the one access rule and logged the view (the staff seeker page, /me).
 */
export async function upcomingAppointmentsOf(db: Db, opts: { seekerId: string; limit?: number; now?: Date }) {
  const rows = await repo.upcomingOfSeeker(db, opts.seekerId, opts.now ?? new Date(), opts.limit ?? 3);
  return rows.map(presentAppointment);
}

async function logTouch(ctx: RequestContext, rows: AppointmentRow[], action: 'view' | 'create' | 'update') {
  const seen = new Map(rows.map((r) => [r.seeker_id, r.centre_id]));
  await recordAccesses(
    ctx.db,
    [...seen].map(([subjectId, centreId]) => ({
      actor: ctx.actor,
      ip: ctx.ip,
      action,
      subjectType: 'seeker',
      subjectId,
      centreId,
    })),
  );
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Issues the actor's calendar feed secret (replacing an earlier one, which stops working at
 * once). The feed is read without a session, so the token in its URL is the credential.
 */
export async function issueFeedToken(ctx: RequestContext): Promise<string> {
  authorize(ctx.actor, 'appointments.write');
  const centreId = ctx.actor.centreId;
  if (!centreId) throw new DomainError('forbidden', 'error.forbidden');
  const token = randomBytes(24).toString('base64url');
  await repo.saveFeed(ctx.db, { userId: ctx.actor.userId, centreId, tokenHash: hashToken(token) });
  return token;
}

/** When the actor's current feed secret was issued, or null. */
export async function feedIssuedAt(db: Db, actor: Actor): Promise<Date | null> {
  return (await repo.feedOf(db, actor.userId))?.created_at ?? null;
}

/**
 * The appointments of the counsellor whose feed secret this is, from 30 days back to 180 days
 * ahead; null for an unknown secret. Rows carry no seeker's name (see appointments.ics.ts).
 */
export async function feedAppointments(db: Db, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const feed = await repo.feedByHash(db, hashToken(token));
  if (!feed) return null;
  const rows = await repo.ofCounsellor(
    db,
    feed.user_id,
    new Date(now.getTime() - 30 * 86_400_000),
    new Date(now.getTime() + 180 * 86_400_000),
  );
  return rows.map(presentAppointment);
}

/** GET one appointment: the actor's centres' only, its seeker reachable (`view`); logged. */
export async function getAppointment(ctx: RequestContext, opts: { id: string }) {
  authorize(ctx.actor, 'appointments.read');
  const row = await repo.findById(ctx.db, opts.id);
  const own =
    ctx.actor.role === 'seeker'
      ? row?.seeker_id === ctx.actor.seekerId
      : row && inScope(ctx.actor, row.centre_id);
  if (!row || !own) throw notFound('appointment.notFound');
  if (ctx.actor.role !== 'seeker')
    await requireSeeker(ctx, row.seeker_id, 'view', { notFound: 'appointment.notFound' });
  await logTouch(ctx, [row], 'view');
  return presentAppointment(row);
}
