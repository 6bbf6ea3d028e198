import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { fieldErrors } from '../../web/forms.tsx';
import { TabNav } from '../../web/tabs.tsx';
import { bizRegNoDigits, findEmployerByName, findEmployerRef } from '../employers/employers.service.ts';
import './outreach.pages.messages.ts';

// Helpers the outreach pages share: the sub-menu, the 동 of an address, a company named in a
// text field, a Seoul date and time as an instant, and a failed post as a notice.

/**
 * The 동 (or 읍·면) of a Korean address: "서울 중구 을지로 100 (을지로2가)" → 을지로2가,
 * "인천 서구 가정동 123" → 가정동, a road address with its 동 in brackets → that 동.
 * Null when the address names none.
 */
export function dongOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const bracket = /\(([가-힣0-9]+(?:동|가|읍|면|리))(?:[,\s)]|$)/.exec(address);
  if (bracket) return bracket[1] as string;
  const words = address.split(/[\s,()]+/).slice(1);
  return words.find((w) => /^[가-힣][가-힣0-9.]*(동|읍|면|[0-9]가)$/.test(w)) ?? null;
}

/** The instant of a Seoul date (YYYY-MM-DD) and time (HH:MM), or null when either is not real. */
export function seoulInstant(date: string, time: string): string | null {
  if (!isRealDate(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const d = new Date(`${date}T${time}:00+09:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * The registered company a text field names: ten digits (hyphens allowed) as a 사업자등록번호,
 * anything else as the exact name (the actor's centre first). A 400 naming `field` when none.
 */
export async function companyFromText(
  db: Db,
  text: string,
  centreId: string | null,
  field: string,
): Promise<{ id: string; name: string }> {
  const value = text.trim();
  // a registered company's number as stored, even one from before numbers were checked
  const digits = bizRegNoDigits(value);
  const found = value
    ? digits
      ? await findEmployerRef(db, { bizRegNo: digits })
      : await findEmployerByName(db, value, centreId ?? '00000000-0000-0000-0000-000000000000')
    : null;
  if (!found) {
    throw new DomainError('validation', 'op.companyUnknown', {}, [
      { field, key: value ? 'op.companyUnknown' : 'field.required' },
    ]);
  }
  return { id: found.id, name: found.name };
}

/** A failed post as one line of text and its HTTP status (400, 404 or 409). */
export function failure(
  err: unknown,
  L: Lang,
): { text: string; status: number; fields: Record<string, string> } {
  if (err instanceof DomainError && err.code === 'not_found') {
    const fields = Object.fromEntries(err.fields.map((f) => [f.field, t(L, f.key, f.params)]));
    return { text: t(L, err.key, err.params), status: 404, fields };
  }
  const e = fieldErrors(err, L);
  const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
  return { text: [e.form, ...Object.values(e.fields)].filter(Boolean).join(' '), status, fields: e.fields };
}

/** The outreach sub-menu at the top of each staff page. */
export function OutreachMenu({ req, here }: { req: FastifyRequest; here: string }) {
  const L = req.lang;
  const items = [
    ['/staff/outreach', 'op.nav.week'],
    ['/staff/outreach/requests', 'op.nav.requests'],
    ['/staff/outreach/companies', 'op.nav.stale'],
    ['/staff/outreach/prospects', 'op.nav.prospects'],
  ] as const;
  return (
    <TabNav
      label={t(L, 'op.sub')}
      tabs={items.map(([href, key]) => ({ href, text: t(L, key) }))}
      current={here}
    />
  );
}
