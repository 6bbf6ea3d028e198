import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import { recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { centreChainSettings, centreExists, mergeCentreSettings } from '../accounts/centres.service.ts';
import { lastCounsellingAt, nextContactAt } from '../counselling/counselling.for-seekers.service.ts';
import { hasEmployment } from '../employments/employments.for-seekers.service.ts';
import { referralCountOf } from '../referrals/referrals.for-seekers.service.ts';
import { inFullScope } from './seekers.repository.ts';

/** Seed 002's rule: 3 or more referrals and still not employed. */
export const DEFAULT_MIN_REFERRALS = 3;

/**
 * The total-care rule that applies to a centre: the nearest setting on the path from the
 * centre up to the root (`centres.settings.totalCare.minReferrals`), else the default.
 */
export async function careRule(
  db: Db,
  centreId: string,
): Promise<{ minReferrals: number; source: string | null }> {
  const rows = await centreChainSettings(db, centreId);
  for (const r of rows) {
    const n = (r.settings as { totalCare?: { minReferrals?: unknown } })?.totalCare?.minReferrals;
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) return { minReferrals: n, source: r.id };
  }
  return { minReferrals: DEFAULT_MIN_REFERRALS, source: null };
}

/**
 * Total care (토털케어, seed 002): a seeker with at least `minReferrals` referrals (any status)
 * who is not employed (status and no employment record) moves into intensive care, with
 * care_since. Intensive care is sticky: once employed the seeker keeps `care = intensive` (the
 * history of the programme) but leaves the queue, which lists only seekers not yet employed.
 * Safe to call in any transaction (the referrals feature calls it after every referral change).
 */
export async function reevaluateCare(db: Db, seekerId: string): Promise<void> {
  const s = await db
    .selectFrom('seekers')
    .select(['id', 'centre_id', 'status', 'care'])
    .where('id', '=', seekerId)
    .executeTakeFirst();
  if (!s || s.care === 'intensive' || s.status === 'employed') return;
  const { minReferrals } = await careRule(db, s.centre_id);
  const facts = await db
    .selectFrom('seekers')
    .select([referralCountOf(sql`seekers.id`).as('referrals'), hasEmployment(sql`seekers.id`).as('employed')])
    .where('id', '=', seekerId)
    .executeTakeFirstOrThrow();
  if (Number(facts.referrals) >= minReferrals && !facts.employed) {
    await db
      .updateTable('seekers')
      .set({ care: 'intensive', care_since: new Date(), updated_at: new Date() })
      .where('id', '=', seekerId)
      .where('care', '=', 'general')
      .execute();
  }
}

/**
 * The intensive-care queue: seekers in intensive care in the actor's centre subtree who are
 * not employed and not closed, with their last counselling date, longest without contact
 * first (never contacted before anyone else). One access-log row per seeker shown.
 */
export async function careQueue(
  db: Db,
  actor: Actor,
  opts: { offset: number; limit: number },
  ip: string | null,
) {
  const base = db
    .selectFrom('seekers')
    .where(inFullScope(actor))
    .where('care', '=', 'intensive')
    .where('status', 'not in', ['employed', 'closed'])
    .where(sql<boolean>`NOT ${hasEmployment(sql`seekers.id`)}`);
  const last = lastCounsellingAt(sql`seekers.id`);
  const next = nextContactAt(sql`seekers.id`);
  return db.transaction().execute(async (tx) => {
    const [rows, total] = await Promise.all([
      base
        .select([
          'id',
          'registration_no',
          'name',
          'centre_id',
          'status',
          'care_since',
          'counsellor_id',
          last.as('last_counselling_at'),
          next.as('next_contact_at'),
          referralCountOf(sql`seekers.id`).as('referrals'),
        ])
        .orderBy(sql`${last} ASC NULLS FIRST`)
        .orderBy('care_since', 'asc')
        .orderBy('id')
        .offset(opts.offset)
        .limit(opts.limit)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    await recordSeekerViews(
      tx,
      { actor, ip },
      rows.map((r) => ({ id: r.id, centreId: r.centre_id })),
    );
    return {
      items: rows.map((r) => ({
        seekerId: r.id,
        registrationNo: r.registration_no,
        name: r.name,
        centreId: r.centre_id,
        status: r.status,
        careSince: r.care_since ? r.care_since.toISOString() : null,
        counsellorId: r.counsellor_id,
        referralCount: Number(r.referrals),
        lastCounsellingAt: r.last_counselling_at ? new Date(r.last_counselling_at).toISOString() : null,
        nextContactAt: r.next_contact_at ? new Date(r.next_contact_at).toISOString() : null,
      })),
      total: Number(total.n),
    };
  });
}

/**
 * Sets a centre's total-care rule (managers of that centre or above, admins). The setting is
 * merged with the centre's other settings; seekers already in intensive care stay there.
 */
export async function setCareRule(db: Db, actor: Actor, centreId: string, minReferrals: number) {
  if (!inScope(actor, centreId)) throw new DomainError('not_found', 'centre.notFound');
  if (!Number.isInteger(minReferrals) || minReferrals < 1 || minReferrals > 50) {
    throw invalid([{ field: 'minReferrals', key: 'care.minReferrals' }]);
  }
  if (!(await mergeCentreSettings(db, centreId, 'totalCare', { minReferrals }))) {
    throw new DomainError('not_found', 'centre.notFound');
  }
  return { centreId, minReferrals };
}

/** The rule in force for a centre and where it comes from (null: the built-in default). */
export async function getCareRule(db: Db, actor: Actor, centreId: string) {
  if (!inScope(actor, centreId)) throw new DomainError('not_found', 'centre.notFound');
  if (!(await centreExists(db, centreId))) throw new DomainError('not_found', 'centre.notFound');
  const r = await careRule(db, centreId);
  return { centreId, minReferrals: r.minReferrals, inheritedFrom: r.source === centreId ? null : r.source };
}
