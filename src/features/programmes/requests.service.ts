import { randomBytes } from 'node:crypto';
import { authorize, inScope } from '../../platform/access/policy.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { blindIndex, decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { isRealDate, normalisePhone } from '../../platform/domain/validate.ts';
import { conflict, DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreExists } from '../accounts/centres.service.ts';
import {
  INSTITUTION_KINDS,
  type InstitutionKind,
  KIND_FOR_INSTITUTION,
  nameOf,
  REQUEST_STATUSES,
  type RequestStatus,
} from './programmes.codes.ts';
import { createProgramme, type ProgrammeInput } from './programmes.service.ts';
import {
  decideRequest,
  findRequest,
  findRequests,
  insertRequest,
  type RequestRow,
  recentFromSource,
} from './requests.repository.ts';
import './programmes.messages.ts';

/** Requests one source (address) may file per hour on the public form. */
export const REQUESTS_PER_HOUR = 5;

export interface RequestInput {
  centreId: string;
  institutionName: string;
  institutionKind: InstitutionKind;
  contactName: string;
  contactPhone: string;
  contactEmail?: string | null;
  topic: string;
  preferredDates: string[];
  headcount: number;
  message?: string | null;
}

function present(r: RequestRow, lang: Lang, key: Buffer | null) {
  return {
    id: r.id,
    referenceNo: r.reference_no,
    centreId: r.centre_id,
    institutionName: r.institution_name,
    institutionKind: r.institution_kind,
    institutionKindName: nameOf(INSTITUTION_KINDS, r.institution_kind, lang),
    contactName: r.contact_name,
    contactPhone: key ? decryptField(key, r.contact_phone_enc) : null,
    contactEmail: key ? decryptField(key, r.contact_email_enc) : null,
    topic: r.topic,
    preferredDates: r.preferred_dates,
    headcount: r.headcount,
    message: r.message,
    status: r.status,
    statusName: nameOf(REQUEST_STATUSES, r.status, lang),
    declineReason: r.decline_reason,
    copiedFrom: r.copied_from,
    programmeId: r.programme_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
export type RequestView = ReturnType<typeof present>;

/** A reference number people can read over the phone: 기관요청 date and six characters. */
function referenceNo(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(6);
  const tail = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `IR-${seoulToday().replaceAll('-', '')}-${tail}`;
}

function check(o: RequestInput, today: string) {
  const problems: FieldProblem[] = [];
  for (const f of ['institutionName', 'contactName', 'topic'] as const) {
    if (!o[f].trim()) problems.push({ field: f, key: 'field.required' });
  }
  const phone = normalisePhone(o.contactPhone);
  if (!phone) problems.push({ field: 'contactPhone', key: 'field.phone' });
  const email = o.contactEmail?.trim() || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    problems.push({ field: 'contactEmail', key: 'field.email' });
  o.preferredDates.forEach((d, i) => {
    if (!isRealDate(d)) problems.push({ field: `preferredDates[${i}]`, key: 'field.date' });
    else if (d <= today) problems.push({ field: `preferredDates[${i}]`, key: 'institutionRequest.pastDate' });
  });
  if (o.preferredDates.length === 0) problems.push({ field: 'preferredDates', key: 'field.required' });
  return { problems, phone, email };
}

/** Saves a request, retrying the rare clash of a reference number (unique). */
async function save(db: Db, row: Parameters<typeof insertRequest>[1]) {
  for (let attempt = 0; ; attempt++) {
    try {
      await insertRequest(db, { ...row, reference_no: referenceNo() });
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505' || attempt >= 3) throw e;
    }
  }
}

/**
 * The public form (API: POST /institution-requests, no login): a school, army unit, company or
 * agency asks a centre for a programme. The contact is encrypted; at most REQUESTS_PER_HOUR
 * per source address an hour (429 with Retry-After, counted in the database across
 * processes; the address is kept only as a keyed hash). Answers the reference number.
 */
export async function submitRequest(
  ctx: { db: Db; lang: Lang; ip: string | null; dataKey: Buffer; actorId?: string | null },
  o: RequestInput,
) {
  const { problems, phone, email } = check(o, seoulToday());
  if (!(await centreExists(ctx.db, o.centreId)))
    problems.push({ field: 'centreId', key: 'institutionRequest.centre' });
  if (problems.length || !phone) throw invalid(problems);
  const source = ctx.ip ? blindIndex(ctx.dataKey, `institution-request:${ctx.ip}`) : null;
  const id = uuidv7();
  await ctx.db.transaction().execute(async (tx) => {
    if (source) {
      const recent = await recentFromSource(tx, source);
      if (recent.n >= REQUESTS_PER_HOUR) {
        const retryAfter = Math.max(
          1,
          Math.ceil(((recent.oldest?.getTime() ?? Date.now()) + 3_600_000 - Date.now()) / 1000),
        );
        throw new DomainError('rate_limited', 'institutionRequest.rateLimited', { seconds: retryAfter }, [], {
          retryAfter,
        });
      }
    }
    await save(tx, {
      id,
      reference_no: '',
      centre_id: o.centreId,
      institution_name: o.institutionName.trim(),
      institution_kind: o.institutionKind,
      contact_name: o.contactName.trim(),
      contact_phone_enc: encryptField(ctx.dataKey, phone) as string,
      contact_email_enc: encryptField(ctx.dataKey, email),
      topic: o.topic.trim(),
      preferred_dates: [...new Set(o.preferredDates)].sort(),
      headcount: o.headcount,
      message: o.message?.trim() || null,
      source_hash: source,
      created_by: ctx.actorId ?? null,
    });
  });
  const row = (await findRequest(ctx.db, id))!;
  return {
    id,
    referenceNo: row.reference_no,
    status: row.status,
    statusName: nameOf(REQUEST_STATUSES, row.status, ctx.lang),
  };
}

/** A request of the actor's centres (staff), or 404. */
async function requireRequest(ctx: RequestContext, id: string, lock = false) {
  const r = await findRequest(ctx.db, id, { lock });
  if (!r || !inScope(ctx.actor, r.centre_id)) throw notFound('institutionRequest.notFound');
  return r;
}

/** Staff read their centres' requests, newest first (API: GET /institution-requests). */
export async function listRequests(
  ctx: RequestContext & { dataKey: Buffer },
  o: { status?: RequestStatus; offset: number; limit: number },
) {
  authorize(ctx.actor, 'programmes.manage');
  const { items, total } = await findRequests(ctx.db, { centreIds: ctx.actor.centreScope, ...o });
  return { items: items.map((r) => present(r, ctx.lang, ctx.dataKey)), total };
}

export async function getRequest(ctx: RequestContext & { dataKey: Buffer }, o: { id: string }) {
  authorize(ctx.actor, 'programmes.manage');
  const r = await requireRequest(ctx, o.id);
  await recordAccess(ctx.db, {
    actor: ctx.actor,
    ip: ctx.ip,
    action: 'view',
    subjectType: 'institution_request',
    subjectId: r.id,
    centreId: r.centre_id,
  });
  return present(r, ctx.lang, ctx.dataKey);
}

/**
 * Staff accept a request (API: POST /institution-requests/{id}/accept): it becomes a programme
 * of its own (sessions, roster, attendance, survey) whose participants who are not registered
 * seekers are counted (`externalParticipants`, the requested headcount by default), not
 * profiled. Programme and decision commit together; a request is decided once.
 */
export async function acceptRequest(
  ctx: RequestContext,
  o: { id: string } & Partial<ProgrammeInput> & Pick<ProgrammeInput, 'format' | 'sessions'>,
) {
  authorize(ctx.actor, 'programmes.manage');
  const r0 = await requireRequest(ctx, o.id);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await findRequest(tx, r0.id, { lock: true });
    if (r?.status !== 'received') throw conflict('institutionRequest.decided');
    const programme = await createProgramme(
      { ...ctx, db: tx },
      {
        ...o,
        title: o.title ?? `${r.institution_name} ${r.topic}`.slice(0, 200),
        kind: o.kind ?? KIND_FOR_INSTITUTION[r.institution_kind],
        capacity: o.capacity ?? r.headcount,
        externalParticipants: o.externalParticipants ?? r.headcount,
        published: o.published ?? false,
        centreId: r.centre_id,
      },
      { institutionRequestId: r.id },
    );
    await decideRequest(tx, r.id, { status: 'accepted', by: ctx.actor.userId });
    return { requestId: r.id, referenceNo: r.reference_no, programme };
  });
}

/** Staff decline a request with a reason (API: POST /institution-requests/{id}/decline). */
export async function declineRequest(ctx: RequestContext, o: { id: string; reason: string }) {
  authorize(ctx.actor, 'programmes.manage');
  const r = await requireRequest(ctx, o.id);
  if (!o.reason.trim()) throw invalid([{ field: 'reason', key: 'field.required' }]);
  const done = await decideRequest(ctx.db, r.id, {
    status: 'declined',
    by: ctx.actor.userId,
    reason: o.reason.trim(),
  });
  if (!done) throw conflict('institutionRequest.decided');
  return { id: r.id, status: 'declined' as const };
}

/**
 * A request repeated yearly (API: POST /institution-requests/{id}/copy): a new request with the
 * same institution, contact, topic and headcount, the preferred dates given (by default the
 * old ones a year later), received again for staff to accept.
 */
export async function copyRequest(
  ctx: RequestContext & { dataKey: Buffer },
  o: { id: string; preferredDates?: string[]; headcount?: number },
) {
  authorize(ctx.actor, 'programmes.manage');
  const r = await requireRequest(ctx, o.id);
  const dates = o.preferredDates ?? r.preferred_dates.map(aYearLater);
  const today = seoulToday();
  const problems: FieldProblem[] = [];
  dates.forEach((d, i) => {
    if (!isRealDate(d)) problems.push({ field: `preferredDates[${i}]`, key: 'field.date' });
    else if (d <= today) problems.push({ field: `preferredDates[${i}]`, key: 'institutionRequest.pastDate' });
  });
  if (problems.length) throw invalid(problems);
  const id = uuidv7();
  await save(ctx.db, {
    id,
    reference_no: '',
    centre_id: r.centre_id,
    institution_name: r.institution_name,
    institution_kind: r.institution_kind,
    contact_name: r.contact_name,
    contact_phone_enc: r.contact_phone_enc,
    contact_email_enc: r.contact_email_enc,
    topic: r.topic,
    preferred_dates: [...new Set(dates)].sort(),
    headcount: o.headcount ?? r.headcount,
    message: r.message,
    copied_from: r.id,
    source_hash: null,
    created_by: ctx.actor.userId,
  });
  return present((await findRequest(ctx.db, id))!, ctx.lang, ctx.dataKey);
}

/** The same day a year later (29 February → 28 February). */
function aYearLater(date: string): string {
  const next = `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
  return isRealDate(next) ? next : `${next.slice(0, 8)}28`;
}
