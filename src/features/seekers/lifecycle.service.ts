import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { deleteSeekerAccounts } from '../accounts/user-lookups.service.ts';
import { counsellingForExport } from '../counselling/counselling.for-seekers.service.ts';
import { employmentsForExport } from '../employments/employments.for-seekers.service.ts';
import { referralsForExport } from '../referrals/referrals.for-seekers.service.ts';
import { requireSeeker } from './access.service.ts';
import { presentSeeker } from './seekers.presenter.ts';
import { inFullScope, type SeekerRow } from './seekers.repository.ts';

/**
 * The seeker when the actor sees it in full (staff of its centre subtree), else 404; for
 * other features that act for a seeker (binding an account): `requireSeeker` with `change`.
 * `lock` locks the row.
 */
export async function seekerInScope(db: Db, actor: Actor, id: string, lock = false): Promise<SeekerRow> {
  return (await requireSeeker({ db, actor }, id, 'change', { lock })).seeker;
}

/**
 * SQL condition for another feature's query that joins the `seekers` table (unaliased): the
 * seeker lies in the actor's full scope (its centre subtree, within the retention period), so
 * its name may be shown (employers' hires).
 */
export function seekerFullySeen(actor: Actor) {
  return inFullScope(actor);
}

/**
 * Everything ilteo holds about one seeker, for an access request (SECURITY.md 13): profile,
 * consents, status history, counselling, referrals and employments. The caller logs the
 * download with its reason.
 */
export async function exportSeeker(db: Db, key: Buffer, seekerId: string) {
  const row = await db.selectFrom('seekers').selectAll().where('id', '=', seekerId).executeTakeFirstOrThrow();
  const [consents, history, counselling, referrals, employments] = await Promise.all([
    db.selectFrom('consents').selectAll().where('seeker_id', '=', seekerId).orderBy('granted_at').execute(),
    db
      .selectFrom('seeker_status_history')
      .selectAll()
      .where('seeker_id', '=', seekerId)
      .orderBy('changed_at')
      .execute(),
    counsellingForExport(db, seekerId),
    referralsForExport(db, seekerId),
    employmentsForExport(db, seekerId),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: presentSeeker(key, row),
    consents: consents.map((c) => ({
      kind: c.kind,
      recipients: c.recipients,
      purpose: c.purpose,
      items: c.items,
      validUntil: c.valid_until,
      grantedAt: c.granted_at.toISOString(),
      withdrawnAt: c.withdrawn_at?.toISOString() ?? null,
    })),
    statusHistory: history.map((h) => ({
      fromStatus: h.from_status,
      toStatus: h.to_status,
      reason: h.reason,
      changedAt: h.changed_at.toISOString(),
    })),
    counselling: counselling.map((c) => ({
      at: c.at.toISOString(),
      channel: c.channel,
      type: c.type,
      title: c.title,
      notes: c.notes,
      nextContactAt: c.next_contact_at?.toISOString() ?? null,
      deskSessionId: c.desk_session_id,
    })),
    referrals: referrals.map((r) => ({
      postingId: r.posting_id,
      status: r.status,
      note: r.note,
      createdAt: r.created_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
    })),
    employments: employments.map((e) => ({
      employerName: e.employer_name,
      startDate: e.start_date,
      route: e.route,
      employmentType: e.employment_type,
      wageType: e.wage_type,
      wage: e.wage,
    })),
  };
}

/**
 * Deletes a seeker and everything that depends on it (consents, counselling, referrals,
 * employments, history cascade) and the seeker's own login accounts, in the caller's
 * transaction. Access-log rows stay (they are append-only and name no contents).
 */
export async function deleteSeekerData(db: Db, actor: Actor, seekerId: string): Promise<void> {
  await deleteSeekerAccounts(db, actor, seekerId);
  await db.deleteFrom('seekers').where('id', '=', seekerId).execute();
}

/** Suspends processing (SECURITY.md 13): no matching, no sharing, own centre only. */
export async function suspendSeeker(db: Db, seekerId: string): Promise<void> {
  await db
    .updateTable('seekers')
    .set({ suspended: true, updated_at: new Date() })
    .where('id', '=', seekerId)
    .execute();
}
