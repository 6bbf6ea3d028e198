import type { RawBuilder } from 'kysely';
import type { RequestContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import './seekers.messages.ts';
import {
  type AccessRule,
  accessible,
  accessibleAmong,
  findAccessible,
  type SeekerRow,
} from './seekers.repository.ts';
import { seoulToday } from './seekers.validate.ts';

// The one seeker-access rule (ENGINEERING.md, SECURITY.md 2, 12–14). Every path that reads or
// acts on a seeker asks here, naming its purpose:
// - staff see and act on the seekers of their centre subtree (admins: all), within retention;
// - a seeker's own account reaches its own record for `view`, `match` and `privacy`;
// - another centre's staff, and partners, reach a seeker only through an active
//   `share_network` consent record (its recipient is the ilteo partner network): not
//   withdrawn, its period (`validUntil`) not past, naming the items the purpose needs, and the
//   seeker not suspended (a privacy suspension stops sharing and matching). Purposes that
//   share consent does not cover (counselling notes, changes, naming in reports, privacy
//   requests and their export) stay within the seeker's own centres.
// Anything else is 404, never 403, so ids cannot be probed.

/** Why a path reaches a seeker. */
export type SeekerPurpose =
  | 'view'
  | 'findByPhone'
  | 'match'
  | 'refer'
  | 'employ'
  | 'counsel'
  | 'change'
  | 'report'
  | 'privacy';

/**
 * What each purpose allows. The share consent's purpose (취업지원, 일자리 알선, 연계 상담) covers
 * reading the profile, matching, referral and recording the resulting hire; matching needs the
 * desired job (`desired`), a referral or a hire the person's name.
 */
const RULES: Record<SeekerPurpose, AccessRule> = {
  view: { self: true, shared: [] },
  // A search by phone finds a shared seeker only when the consent names the phone.
  findByPhone: { self: false, shared: ['phone'] },
  match: { self: true, shared: ['desired'] },
  refer: { self: false, shared: ['name'] },
  employ: { self: false, shared: ['name'] },
  counsel: { self: false, shared: null },
  change: { self: false, shared: null },
  report: { self: false, shared: null },
  privacy: { self: true, shared: null },
};

/** The seeker as a path may use it. */
export interface SeekerAccess {
  seeker: SeekerRow;
  /** In the actor's centre subtree (or an admin): everything may be shown and changed. */
  full: boolean;
  /** Items named by the seeker's active share consents (what a reduced view may show). */
  sharedItems: ReadonlySet<string>;
}

type AccessCtx = Pick<RequestContext, 'db' | 'actor'>;

/**
 * The seeker when the actor may use it for `purpose`; 404 (`seeker.notFound`, or `notFound`)
 * otherwise. `lock` takes a row lock in the caller's transaction (pass `{ ...ctx, db: tx }`).
 */
export async function requireSeeker(
  ctx: AccessCtx,
  seekerId: string,
  purpose: SeekerPurpose,
  opts: { lock?: boolean; notFound?: ConstructorParameters<typeof DomainError>[1] } = {},
): Promise<SeekerAccess> {
  const row = await findAccessible(ctx.db, ctx.actor, seekerId, RULES[purpose], seoulToday(), opts.lock);
  if (!row) throw new DomainError('not_found', opts.notFound ?? 'seeker.notFound');
  const { full, shared_items, ...seeker } = row;
  return { seeker, full: Boolean(full), sharedItems: new Set(shared_items ?? []) };
}

/**
 * The set-based twin of `requireSeeker` for lists and batches: of `seekerIds`, those the actor
 * may use for `purpose`, each with its centre and whether it is in full scope. One statement.
 */
export async function visibleSeekerIds(
  ctx: AccessCtx,
  seekerIds: readonly string[],
  purpose: SeekerPurpose,
): Promise<Map<string, { centreId: string; full: boolean }>> {
  const rows = await accessibleAmong(ctx.db, ctx.actor, seekerIds, RULES[purpose], seoulToday());
  return new Map(rows.map((r) => [r.id, { centreId: r.centre_id, full: Boolean(r.full) }]));
}

/**
 * The same rule as a SQL condition over the `seekers` table (unaliased), for the seekers
 * feature's own list queries.
 */
export function seekerAccessSql(actor: Actor, purpose: SeekerPurpose): RawBuilder<boolean> {
  return accessible(actor, RULES[purpose], seoulToday());
}

/**
 * The seeker reached for one purpose, asked for another: staff of its centre subtree (`full`)
 * may use it for every purpose; otherwise the rule is asked again (404 when it refuses).
 */
export async function widenAccess(
  ctx: AccessCtx,
  access: SeekerAccess,
  purpose: SeekerPurpose,
): Promise<SeekerAccess> {
  if (access.full) return access;
  return requireSeeker(ctx, access.seeker.id, purpose);
}
