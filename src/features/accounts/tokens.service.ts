import { randomBytes } from 'node:crypto';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import './accounts.messages.ts';
import { accountCentre, sha256 } from './sessions.service.ts';

/**
 * Creates an API token acting with its owner's rights; only its hash is stored. It ends after
 * `expiresInDays` (at most MAX_TOKEN_DAYS), by default after `config.tokenDays`.
 */
export async function createToken(
  db: Db,
  config: Config,
  actor: Actor,
  opts: { name: string; expiresInDays?: number },
): Promise<{ id: string; token: string; expiresAt: string }> {
  // A token that could mint tokens would outlive its own expiry and revocation (issue 23 item 7):
  // only a person signed in (session, with its idle and absolute limits and TOTP) makes one.
  if (actor.via !== 'session') throw new DomainError('forbidden', 'token.sessionRequired');
  const token = `ilt_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + (opts.expiresInDays ?? config.tokenDays) * 86_400_000);
  const id = uuidv7();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: actor.userId,
      centre_id: accountCentre(actor.userId),
      name: opts.name,
      token_hash: sha256(token),
      expires_at: expiresAt,
    })
    .execute();
  return { id, token, expiresAt: expiresAt.toISOString() };
}

/** The actor's own tokens that were not revoked, newest first; never the secret or its hash. */
export async function listOwnTokens(db: Db, actor: Actor, opts: { offset: number; limit: number }) {
  const q = db.selectFrom('api_tokens').where('user_id', '=', actor.userId).where('revoked_at', 'is', null);
  const [rows, total] = await Promise.all([
    q
      .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(opts.offset)
      .limit(opts.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
    })),
    total: Number(total.n),
  };
}

/** Revokes one of the actor's own tokens at once; another user's or a revoked one answers 404. */
export async function revokeOwnToken(db: Db, actor: Actor, id: string): Promise<void> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw new DomainError('not_found', 'token.notFound');
}
