import { recordAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { maskRrn } from '../../platform/domain/validate.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { userNames } from '../accounts/user-lookups.service.ts';
import { requireDeskSession } from '../desks/desks.service.ts';
import { refreshSeekerSearch, requireSeeker } from '../seekers/seekers.service.ts';
import type { CounsellingTable } from './counselling.tables.ts';
import './counselling.messages.ts';
import { findOne, insertCounselling, listBySeeker, timeline } from './counselling.repository.ts';
import { CHANNELS, TYPES } from './counselling.schema.ts';

export interface CounsellingInput {
  at: string;
  channel: CounsellingTable['channel'];
  type: CounsellingTable['type'];
  notes: string;
  title?: string | null;
  nextContactAt?: string | null;
  /** The mobile-desk session the counselling took place at (channel mobile_desk). */
  deskSessionId?: string | null;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses an ISO 8601 date-time (also `YYYY-MM-DD HH:mm` as spreadsheets write it). Without an
 * offset the time is Korean (UTC+9, no daylight saving), since that is what staff type.
 */
export function parseDateTime(raw: string): Date | null {
  const m = ISO.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return null;
  }
  const check = new Date(Date.UTC(Number(y), month - 1, day));
  if (check.getUTCMonth() !== month - 1) return null;
  let offset = zone ?? '+09:00';
  if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const date = new Date(
    `${y}-${mo}-${d}T${h}:${mi}:${s}${frac ? frac.padEnd(4, '0').slice(0, 4) : ''}${offset.toUpperCase()}`,
  );
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface CheckedCounselling {
  at: Date;
  channel: CounsellingTable['channel'];
  type: CounsellingTable['type'];
  notes: string;
  title: string | null;
  nextContactAt: Date | null;
  /** Fields whose text had a 주민등록번호 masked (SECURITY.md 10). */
  masked: string[];
}

/**
 * The domain rules of a counselling record, shared by the API and the CSV import: real
 * date-times, not in the future (a day's slack for clocks), next contact after the record,
 * RRN-shaped numbers masked in notes and title.
 */
export function checkCounselling(
  input: CounsellingInput,
  now = new Date(),
): {
  value?: CheckedCounselling;
  errors: FieldProblem[];
} {
  const errors: FieldProblem[] = [];
  const at = parseDateTime(input.at);
  if (!at) errors.push({ field: 'at', key: 'counselling.dateTime' });
  else if (at.getTime() > now.getTime() + 86_400_000)
    errors.push({ field: 'at', key: 'counselling.atFuture' });
  let next: Date | null = null;
  if (input.nextContactAt) {
    next = parseDateTime(input.nextContactAt);
    if (!next) errors.push({ field: 'nextContactAt', key: 'counselling.dateTime' });
    else if (at && next.getTime() <= at.getTime()) {
      errors.push({ field: 'nextContactAt', key: 'counselling.nextBeforeAt' });
    }
  }
  if (!input.notes.trim()) errors.push({ field: 'notes', key: 'field.required' });
  // The API's schema already refuses other values; a staff form posts whatever it was sent.
  if (!(CHANNELS as readonly string[]).includes(input.channel)) {
    errors.push({ field: 'channel', key: 'field.enum', params: { allowed: CHANNELS.join(', ') } });
  }
  if (!(TYPES as readonly string[]).includes(input.type)) {
    errors.push({ field: 'type', key: 'field.enum', params: { allowed: TYPES.join(', ') } });
  }
  if (errors.length) return { errors };
  const masked: string[] = [];
  const notes = maskRrn(input.notes.trim());
  if (notes.masked) masked.push('notes');
  const title = input.title?.trim() ? maskRrn(input.title.trim()) : null;
  if (title?.masked) masked.push('title');
  return {
    errors,
    value: {
      at: at!,
      channel: input.channel,
      type: input.type,
      notes: notes.text,
      title: title?.text ?? null,
      nextContactAt: next,
      masked,
    },
  };
}

type Row = Awaited<ReturnType<typeof listBySeeker>>['rows'][number] & { counsellor_name: string | null };

/** A seeker's counselling records (a page of them) with their counsellors' names from accounts. */
async function namedPage(db: Db, seekerId: string, q: { offset: number; limit: number; id?: string }) {
  const { rows, total } = await listBySeeker(db, seekerId, q);
  const names = await userNames(
    db,
    rows.map((r) => r.counsellor_id),
  );
  const named: Row[] = rows.map((r) => ({
    ...r,
    counsellor_name: r.counsellor_id ? (names.get(r.counsellor_id) ?? null) : null,
  }));
  return { rows: named, total };
}

/** A counselling record as the API shows it. */
export function presentCounselling(r: Row) {
  return {
    id: r.id,
    seekerId: r.seeker_id,
    centreId: r.centre_id,
    at: r.at.toISOString(),
    channel: r.channel,
    type: r.type,
    title: r.title,
    notes: r.notes,
    nextContactAt: r.next_contact_at ? r.next_contact_at.toISOString() : null,
    deskSessionId: r.desk_session_id,
    counsellorId: r.counsellor_id,
    counsellorName: r.counsellor_name,
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * The seeker when the actor may keep its counselling record, else 404 (the seekers feature's
 * rule for `counsel`: never shared across centres by consent).
 */
export async function counsellingSeeker(db: Db, actor: Actor, seekerId: string) {
  const { seeker } = await requireSeeker({ db, actor }, seekerId, 'counsel', {
    notFound: 'counselling.seekerNotFound',
  });
  return seeker;
}

/**
 * Records a counselling session for a seeker of the actor's centres; answers the record and
 * `warnings` (e.g. an RRN masked in the notes). Writes one access-log row in the same transaction.
 */
export async function createCounselling(
  ctx: RequestContext,
  o: { seekerId: string; input: CounsellingInput },
) {
  const { db, actor } = ctx;
  const { seekerId, input } = o;
  const checked = checkCounselling(input);
  return db.transaction().execute(async (tx) => {
    const seeker = await counsellingSeeker(tx, actor, seekerId);
    if (input.deskSessionId && input.channel !== 'mobile_desk') {
      checked.errors.push({ field: 'channel', key: 'desk.channel' });
    }
    if (!checked.value || checked.errors.length) throw invalid(checked.errors);
    const v = checked.value;
    const desk = input.deskSessionId
      ? await requireDeskSession({ db: tx, actor }, input.deskSessionId)
      : null;
    const id = uuidv7();
    await insertCounselling(tx, [
      {
        id,
        seeker_id: seeker.id,
        centre_id: seeker.centre_id,
        at: v.at,
        channel: v.channel,
        type: v.type,
        title: v.title,
        notes: v.notes,
        next_contact_at: v.nextContactAt,
        counsellor_id: actor.userId,
        desk_session_id: desk?.id ?? null,
      },
    ]);
    await recordAccess(tx, {
      actor,
      ip: ctx.ip,
      action: 'create',
      subjectType: 'counselling',
      subjectId: seeker.id,
      centreId: seeker.centre_id,
    });
    await refreshSeekerSearchIfAvailable(tx, seeker.id);
    const { rows } = await namedPage(tx, seeker.id, { offset: 0, limit: 1, id });
    return {
      ...presentCounselling(rows[0]!),
      warnings: v.masked.map((field) => ({ field, message: t(ctx.lang, 'counselling.rrnMasked') })),
    };
  });
}

/** A seeker's counselling records, newest first; the view is logged once for the seeker. */
export async function listCounselling(
  ctx: RequestContext,
  o: { seekerId: string; offset: number; limit: number },
) {
  const { db, actor } = ctx;
  return db.transaction().execute(async (tx) => {
    const seeker = await counsellingSeeker(tx, actor, o.seekerId);
    const { rows, total } = await namedPage(tx, seeker.id, o);
    await recordAccess(tx, {
      actor,
      ip: ctx.ip,
      action: 'view',
      subjectType: 'counselling',
      subjectId: seeker.id,
      centreId: seeker.centre_id,
    });
    return { items: rows.map(presentCounselling), total };
  });
}

/**
 * A seeker's newest counselling records for a page that has already reached the seeker through
 * `requireSeeker` for `counsel` and logged the view: one statement, no access-log row; the
 * counsellors' names come from `names` (the page asks accounts once for every section).
 */
export async function counsellingTimeline(db: Db, o: { seekerId: string; limit: number }) {
  const { rows, total } = await timeline(db, o.seekerId, o.limit);
  return {
    total,
    userIds: rows.map((r) => r.counsellor_id),
    present: (names: ReadonlyMap<string, string>) =>
      rows.map((r) =>
        presentCounselling({
          ...r,
          counsellor_name: r.counsellor_id ? (names.get(r.counsellor_id) ?? null) : null,
        }),
      ),
  };
}

/** Seekers fold counselling titles into their search tokens: refresh after a change. */
export async function refreshSeekerSearchIfAvailable(db: Db, seekerId: string): Promise<void> {
  await refreshSeekerSearch(db, seekerId);
}

/** Start and end of today in Korea (for "today's contacts" and due dates). */
export function seoulDayBounds(now = new Date()): { start: Date; end: Date } {
  const kst = new Date(now.getTime() + 9 * 3600_000);
  const start = new Date(Date.UTC(kst.getUTCFullYear(), kst.getUTCMonth(), kst.getUTCDate()) - 9 * 3600_000);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/**
 * One counselling record's seeker and next contact (appointments made from a record's "next
 * contact" check that it is the same seeker's); null when there is no such record.
 */
export async function counsellingNextContact(db: Db, id: string) {
  const r = await findOne(db, id);
  return r ? { seekerId: r.seeker_id, nextContactAt: r.next_contact_at } : null;
}
