import { type Selectable, sql } from 'kysely';
import { recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireActivePartners } from '../partners/partners.service.ts';
import { requireSeeker } from './access.service.ts';
import type { ConsentCreate } from './seekers.schema.ts';
import type { ConsentTable } from './seekers.tables.ts';
import { SENSITIVE_GROUPS, seoulToday } from './seekers.validate.ts';

type Kind = ConsentTable['kind'];

/**
 * Default texts when consent is given through the `consent` flags of a registration or a
 * profile change (SECURITY.md 12: recipient, purpose, items, period, right to refuse).
 */
export const DEFAULT_CONSENTS: Record<
  Kind,
  { recipients: string; purpose: string; items: string[]; years: number }
> = {
  share_network: {
    recipients: '일터 연계 일자리센터 및 협력기관(대학일자리센터, 여성새로일하기센터 등)',
    purpose: '구직자 취업지원, 일자리 알선 및 연계 상담',
    items: [
      'name',
      'birthDate',
      'phone',
      'email',
      'regionCode',
      'educationLevel',
      'desired',
      'careers',
      'certificates',
      'keywords',
    ],
    years: 3,
  },
  sensitive: {
    recipients: '등록 일자리센터',
    purpose: '장애인 등 취업지원 대상자 맞춤형 서비스 제공',
    items: ['targetGroups.disabled', 'health'],
    years: 3,
  },
};

function plusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-');
  return `${Number(y) + years}-${m}-${d === '29' && m === '02' ? '28' : d}`;
}

/** Consent as the API shows it. */
export function presentConsent(c: Selectable<ConsentTable>, today: string) {
  return {
    id: c.id,
    seekerId: c.seeker_id,
    kind: c.kind,
    recipients: c.recipients,
    recipientPartnerIds: c.recipient_partner_ids,
    network: c.recipient_network,
    purpose: c.purpose,
    items: c.items,
    validUntil: c.valid_until,
    refusalNotice: Boolean(c.refusal_notice),
    grantedAt: c.granted_at.toISOString(),
    withdrawnAt: c.withdrawn_at ? c.withdrawn_at.toISOString() : null,
    active: c.withdrawn_at === null && (c.valid_until === null || c.valid_until >= today),
  };
}

/**
 * Sets seekers.consent_share / consent_sensitive from the consent records, inside the
 * caller's transaction, so sharing stops in the same commit as a withdrawal. Without an
 * active sensitive consent, sensitive target groups are removed (nothing kept without basis).
 */
export async function syncConsentFlags(db: Db, seekerId: string): Promise<void> {
  const today = seoulToday();
  const active = (kind: Kind) => sql<boolean>`EXISTS (SELECT 1 FROM consents c WHERE c.seeker_id = ${seekerId}
    AND c.kind = ${kind} AND c.withdrawn_at IS NULL AND (c.valid_until IS NULL OR c.valid_until >= ${today}::date))`;
  const row = await db
    .updateTable('seekers')
    .set({
      consent_share: active('share_network'),
      consent_sensitive: active('sensitive'),
      updated_at: new Date(),
    })
    .where('id', '=', seekerId)
    .returning(['consent_sensitive', 'target_groups'])
    .executeTakeFirstOrThrow();
  if (!row.consent_sensitive && row.target_groups.some((g) => SENSITIVE_GROUPS.has(g))) {
    await db
      .updateTable('seekers')
      .set({ target_groups: row.target_groups.filter((g) => !SENSITIVE_GROUPS.has(g)) })
      .where('id', '=', seekerId)
      .execute();
  }
}

/** Records a consent in the caller's transaction (no access-log row: the caller writes one). */
export async function insertConsent(
  db: Db,
  actor: Actor | null,
  seeker: { id: string; centre_id: string },
  input: ConsentCreate,
) {
  const today = seoulToday();
  if (input.validUntil && input.validUntil <= today) {
    throw invalid([{ field: 'validUntil', key: 'consent.validUntil' }]);
  }
  const partners = input.recipientPartnerIds ?? [];
  if (partners.length) await requireActivePartners(db, partners, 'recipientPartnerIds');
  const row = await db
    .insertInto('consents')
    .values({
      id: uuidv7(),
      seeker_id: seeker.id,
      centre_id: seeker.centre_id,
      kind: input.kind,
      recipients: input.recipients.trim(),
      recipient_partner_ids: partners,
      recipient_network: input.network ?? partners.length === 0,
      purpose: input.purpose.trim(),
      items: input.items,
      valid_until: input.validUntil ?? null,
      recorded_by: actor?.userId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await syncConsentFlags(db, seeker.id);
  return row;
}

/**
 * Applies the `consent: {shareWithNetwork, sensitive}` flags of a create or patch: true
 * records a consent with the default texts when none is active, false withdraws the active
 * ones. Runs in the caller's transaction.
 */
export async function applyConsentFlags(
  db: Db,
  actor: Actor | null,
  seeker: { id: string; centre_id: string },
  flags: { shareWithNetwork?: boolean; sensitive?: boolean } | undefined,
): Promise<void> {
  if (!flags) return;
  const today = seoulToday();
  const pairs: [Kind, boolean | undefined][] = [
    ['share_network', flags.shareWithNetwork],
    ['sensitive', flags.sensitive],
  ];
  for (const [kind, want] of pairs) {
    if (want === undefined) continue;
    const active = await db
      .selectFrom('consents')
      .select('id')
      .where('seeker_id', '=', seeker.id)
      .where('kind', '=', kind)
      .where('withdrawn_at', 'is', null)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]))
      .execute();
    if (want && active.length === 0) {
      const d = DEFAULT_CONSENTS[kind];
      await insertConsent(db, actor, seeker, {
        kind,
        recipients: d.recipients,
        purpose: d.purpose,
        items: d.items,
        validUntil: plusYears(today, d.years),
      });
    } else if (!want && active.length > 0) {
      await db
        .updateTable('consents')
        .set({ withdrawn_at: new Date() })
        .where(
          'id',
          'in',
          active.map((a) => a.id),
        )
        .execute();
    }
  }
  await syncConsentFlags(db, seeker.id);
}

/**
 * The consents given by the `consent` flags of many new seekers at once (imports): default
 * texts, one multi-row insert. The caller sets the seekers' consent flags in the same insert
 * (new records have nothing to withdraw or sync).
 */
export async function insertDefaultConsents(
  db: Db,
  actor: Actor | null,
  given: { seekerId: string; centreId: string; kind: Kind }[],
): Promise<void> {
  if (given.length === 0) return;
  const today = seoulToday();
  await db
    .insertInto('consents')
    .values(
      given.map((g) => {
        const d = DEFAULT_CONSENTS[g.kind];
        return {
          id: uuidv7(),
          seeker_id: g.seekerId,
          centre_id: g.centreId,
          kind: g.kind,
          recipients: d.recipients,
          purpose: d.purpose,
          items: d.items,
          valid_until: plusYears(today, d.years),
          recorded_by: actor?.userId ?? null,
        };
      }),
    )
    .execute();
}

/** Lists a seeker's consent records, active and withdrawn (logged as a view). */
export async function listConsents(ctx: RequestContext, o: { seekerId: string }) {
  const { db, actor, ip } = ctx;
  const { seekerId } = o;
  return db.transaction().execute(async (tx) => {
    const s = (await requireSeeker({ db: tx, actor }, seekerId, 'change')).seeker;
    const rows = await tx
      .selectFrom('consents')
      .selectAll()
      .where('seeker_id', '=', seekerId)
      .orderBy('granted_at', 'desc')
      .execute();
    await recordSeekerAccess(tx, { actor, ip }, 'view', s);
    const today = seoulToday();
    return rows.map((r) => presentConsent(r, today));
  });
}

/** Records a consent given by the seeker (SECURITY.md 11–12) and updates the flags at once. */
export async function createConsent(ctx: RequestContext, o: { seekerId: string; input: ConsentCreate }) {
  const { db, actor, ip } = ctx;
  const { seekerId, input } = o;
  return db.transaction().execute(async (tx) => {
    const s = (await requireSeeker({ db: tx, actor }, seekerId, 'change', { lock: true })).seeker;
    const row = await insertConsent(tx, actor, s, input);
    await recordSeekerAccess(tx, { actor, ip }, 'update', s);
    return presentConsent(row, seoulToday());
  });
}

/** Withdraws a consent: sharing (or sensitive data) stops in the same commit. */
export async function withdrawConsent(ctx: RequestContext, o: { seekerId: string; consentId: string }) {
  const { db, actor, ip } = ctx;
  const { seekerId, consentId } = o;
  return db.transaction().execute(async (tx) => {
    const s = (await requireSeeker({ db: tx, actor }, seekerId, 'change', { lock: true })).seeker;
    const c = await tx
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', consentId)
      .where('seeker_id', '=', s.id)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw new DomainError('not_found', 'consent.notFound');
    if (c.withdrawn_at) throw new DomainError('conflict', 'consent.alreadyWithdrawn');
    const row = await tx
      .updateTable('consents')
      .set({ withdrawn_at: new Date() })
      .where('id', '=', c.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await syncConsentFlags(tx, s.id);
    await recordSeekerAccess(tx, { actor, ip }, 'update', s);
    return presentConsent(row, seoulToday());
  });
}
