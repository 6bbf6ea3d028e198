import type { Actor } from './actor.ts';

/**
 * Kinds of Bearer credential besides the staff API token, told apart by their prefix (a partner
 * key starts `ilp_live_`). The one auth hook (features/accounts/auth.hook.ts) asks here first,
 * so a feature adds a credential without forking the hook. Kept per app instance: tests build
 * several apps in one process.
 */
export interface BearerScheme {
  prefix: string;
  /** The actor of the credential, null when unknown or revoked; may throw (e.g. 429). */
  resolve(token: string): Promise<Actor | null>;
}

const registry = new WeakMap<object, BearerScheme[]>();

/** Adds a credential kind to an app (called by the owning feature at start). */
export function registerBearerScheme(app: object, scheme: BearerScheme): void {
  const list = registry.get(app) ?? [];
  list.push(scheme);
  registry.set(app, list);
}

/** The scheme whose prefix the token carries, if any. */
export function bearerSchemeOf(app: object, token: string): BearerScheme | undefined {
  return registry.get(app)?.find((s) => token.startsWith(s.prefix));
}
