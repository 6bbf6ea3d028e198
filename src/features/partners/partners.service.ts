import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import type { Actor, PartnerScope } from '../../platform/http/actor.ts';
import { pageOf } from '../../platform/http/schemas.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreExists } from '../accounts/centres.service.ts';
import { accountActor } from '../accounts/sessions.service.ts';
import { insertUser, updateUser } from '../accounts/users.service.ts';
import { newKey, parseKey } from './partners.keys.ts';
import './partners.messages.ts';
import * as repo from './partners.repository.ts';
import type { PartnerTable } from './partners.tables.ts';

export const DEFAULT_RATE_PER_MINUTE = 600;
const DEFAULT_PURPOSE = '구직자 취업지원 및 일자리 연계';

type KeyRow = {
  id: string;
  short_token: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

function presentKey(k: KeyRow) {
  return {
    id: k.id,
    prefix: `ilp_live_${k.short_token}`,
    createdAt: k.created_at.toISOString(),
    lastUsedAt: k.last_used_at?.toISOString() ?? null,
    revokedAt: k.revoked_at?.toISOString() ?? null,
  };
}

/** A partner as the API shows it: never a key's secret or hash. */
export function presentPartner(p: Selectable<PartnerTable>, keys: KeyRow[]) {
  const lastUsed = keys.map((k) => k.last_used_at?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
  return {
    id: p.id,
    name: p.name,
    purpose: p.purpose,
    centreId: p.centre_id,
    scopes: p.scopes,
    ratePerMinute: p.rate_per_minute,
    createdAt: p.created_at.toISOString(),
    revokedAt: p.revoked_at?.toISOString() ?? null,
    lastUsedAt: lastUsed ? new Date(lastUsed).toISOString() : null,
    keys: keys.map(presentKey),
  };
}

/**
 * Creates a partner with its account (role `partner`, in `centreId`, a password nobody is
 * given) and its first key, in one transaction. The key is answered once and stored hashed.
 */
export async function createPartner(
  ctx: RequestContext,
  o: { name: string; centreId: string; scopes: PartnerScope[]; purpose?: string; ratePerMinute?: number },
) {
  const scopes = [...new Set(o.scopes)];
  if (!(await centreExists(ctx.db, o.centreId)))
    throw invalid([{ field: 'centreId', key: 'centre.notFound' }]);
  return ctx.db.transaction().execute(async (tx) => {
    const k = newKey();
    const user = await insertUser(tx, ctx.actor, {
      login: `partner-${k.shortToken}`,
      password: randomBytes(24).toString('base64url'),
      name: o.name.trim(),
      role: 'partner',
      centreId: o.centreId,
      grantDetail: { role: 'partner', centreId: o.centreId, scopes },
    });
    const p = await repo.insertPartner(tx, {
      id: uuidv7(),
      centreId: o.centreId,
      userId: user.id,
      name: o.name.trim(),
      purpose: o.purpose?.trim() || DEFAULT_PURPOSE,
      scopes,
      ratePerMinute: o.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE,
      createdBy: ctx.actor.userId,
    });
    const keyRow = await repo.insertKey(tx, {
      partnerId: p.id,
      centreId: p.centre_id,
      shortToken: k.shortToken,
      hash: k.hash,
      createdBy: ctx.actor.userId,
    });
    return { ...presentPartner(p, [keyRow]), key: k.key };
  });
}

/** Partners of the actor's centre subtree (admins: all), newest first. */
export async function listPartners(ctx: RequestContext, q: { page?: number; pageSize?: number }) {
  const { page, pageSize, offset } = pageOf(q);
  const { rows, keys, total } = await repo.findPage(ctx.db, ctx.actor.centreScope, {
    offset,
    limit: pageSize,
  });
  return {
    items: rows.map((p) =>
      presentPartner(
        p,
        keys.filter((k) => k.partner_id === p.id),
      ),
    ),
    total,
    page,
    pageSize,
  };
}

/**
 * Revokes a partner: its keys stop working with the next request (the key row is read on
 * every request; nothing is cached), then its account is disabled, which the permission log
 * records (SECURITY.md 8). A revoked or unknown partner answers 404.
 */
export async function revokePartner(ctx: RequestContext, o: { id: string }) {
  const p = await ctx.db.transaction().execute(async (tx) => {
    const found = await repo.findById(tx, o.id, true);
    if (!found || (ctx.actor.centreScope !== null && !ctx.actor.centreScope.includes(found.centre_id)))
      throw new DomainError('not_found', 'partner.notFound');
    const row = await repo.revoke(tx, o.id, ctx.actor.userId);
    if (!row) throw new DomainError('conflict', 'partner.alreadyRevoked');
    return row;
  });
  await updateUser(ctx.db, ctx.actor, p.user_id, { disabled: true });
  return presentPartner(p, await repo.keysOf(ctx.db, p.id));
}

/**
 * The actor of a partner key (the auth hook's Bearer scheme for `ilp_live_…`): null when the
 * key is malformed, unknown or revoked (401), 429 `partner.rateLimited` with `retryAfter` past
 * the partner's requests per minute. The window is counted on the key row in PostgreSQL, so
 * the limit holds across processes.
 */
export async function resolvePartnerKey(db: Db, key: string): Promise<Actor | null> {
  const parsed = parseKey(key);
  if (!parsed) return null;
  const used = await repo.useKey(db, parsed.shortToken, parsed.hash);
  if (!used) return null;
  if (used.window_count > used.rate_per_minute) {
    const retryAfter = Math.max(1, used.seconds_left);
    throw new DomainError(
      'rate_limited',
      'partner.rateLimited',
      { limit: used.rate_per_minute, seconds: retryAfter },
      [],
      { retryAfter },
    );
  }
  const actor = await accountActor(db, used.user_id);
  if (!actor) return null;
  return {
    ...actor,
    partner: {
      partnerId: used.partner_id,
      keyId: used.key_id,
      name: used.name,
      purpose: used.purpose,
      scopes: used.scopes,
    },
  };
}

/** 400 naming `field` unless every id is a partner that is not revoked. */
export async function requireActivePartners(db: Db, ids: readonly string[], field: string): Promise<void> {
  const found = await repo.activeIds(db, ids);
  if (ids.some((id) => !found.has(id))) throw invalid([{ field, key: 'partner.notFound' }]);
}

/** Partner names by id. */
export async function partnerNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  return repo.names(db, ids);
}

/**
 * Records seeker records given to the partner of a key in the provision ledger (제3자 제공
 * 기록, SECURITY.md 24): recipient, purpose, the items given, time. Does nothing for an actor
 * that is not a partner key. Call it where the record is read, in the same transaction.
 */
export async function recordProvisions(
  db: Db,
  actor: Actor,
  given: { seekerId: string; centreId: string; items: Iterable<string> }[],
  action: 'view' | 'list',
): Promise<void> {
  const p = actor.partner;
  if (!p) return;
  await repo.insertProvisions(
    db,
    given.map((g) => ({
      partnerId: p.partnerId,
      keyId: p.keyId,
      centreId: g.centreId,
      seekerId: g.seekerId,
      recipient: p.name,
      purpose: p.purpose,
      items: [...g.items].sort(),
      action,
    })),
  );
}

/** The provision ledger for seekers of the actor's centre subtree (admins: all). */
export async function listProvisions(
  ctx: RequestContext,
  q: { partnerId?: string; seekerId?: string; page?: number; pageSize?: number },
) {
  const { page, pageSize, offset } = pageOf(q);
  const { rows, total } = await repo.provisionPage(ctx.db, ctx.actor.centreScope, {
    partnerId: q.partnerId,
    seekerId: q.seekerId,
    offset,
    limit: pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      partnerId: r.partner_id,
      recipient: r.recipient,
      purpose: r.purpose,
      items: r.items,
      seekerId: r.seeker_id,
      centreId: r.centre_id,
      action: r.action,
      at: r.at.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

/**
 * The centre of a partner that is not revoked (its webhook endpoints belong there) and its
 * scopes (which event types they may receive); 400 naming `field` otherwise.
 */
export async function activePartner(
  db: Db,
  id: string,
  field: string,
): Promise<{ centreId: string; scopes: readonly PartnerScope[] }> {
  const p = await repo.findById(db, id);
  if (!p || p.revoked_at) throw invalid([{ field, key: 'partner.notFound' }]);
  return { centreId: p.centre_id, scopes: p.scopes };
}
