import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createCentre } from '../../src/features/accounts/centres.service.ts';
import { mustEnrolTotp, setTotpFactor } from '../../src/features/accounts/totp.service.ts';
import { newTotpSecret, totpCode } from '../../src/features/accounts/totp.ts';
import { createUser } from '../../src/features/accounts/users.service.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Role } from '../../src/platform/http/actor.ts';
import { testDb } from './db.ts';

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/**
 * The whole app in-process over a fresh database (Outline's style of API test): requests go
 * through `inject`, no port is opened.
 */
export async function testApp(env: Record<string, string> = {}) {
  const { db, url, pool } = await testDb();
  const config = loadConfig({ ILTEO_DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', ...env });
  const dataKey = randomBytes(32);
  const { app, ctx } = await buildApp({ config, db, dataKey, logger: false });
  afterAll(() => app.close());

  /** A signed-in client: keeps the session cookie and sends the CSRF token. */
  async function as(login: string, password: string, otp?: string) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password, otp },
    });
    if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'ilteo_session')!.value;
    const csrf = res.json().csrfToken as string;
    const call = (
      method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
      path: string,
      payload?: unknown,
      headers: Record<string, string> = {},
    ) =>
      app.inject({
        method,
        url: path,
        cookies: { ilteo_session: cookie },
        headers: { 'x-csrf-token': csrf, ...headers },
        ...(payload === undefined
          ? {}
          : typeof payload === 'string'
            ? { payload }
            : { payload: payload as object }),
      });
    return {
      cookie,
      csrf,
      user: res.json().user as { id: string; centreId: string | null },
      get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
      post: (path: string, body?: unknown, headers?: Record<string, string>) =>
        call('POST', path, body ?? {}, headers),
      patch: (path: string, body: unknown) => call('PATCH', path, body),
      put: (path: string, body: unknown) => call('PUT', path, body),
      del: (path: string) => call('DELETE', path),
    };
  }

  let n = 0;
  /** Creates a centre (under `parentId` if given) directly through the service. */
  async function centre(name = `센터${++n}`, parentId: string | null = null, regionCode = '11140') {
    return createCentre(db, { name, kind: parentId ? 'centre' : 'city', parentId, regionCode });
  }

  /**
   * Creates a user with the role in the centre and returns a signed-in client. A user who must
   * have a second factor (admins; staff of a centre that requires one) gets one enrolled, as
   * ILTEO_ADMIN_TOTP_SECRET does, and logs in with its code; `totpSecret` is null otherwise.
   */
  async function user(
    role: Role,
    centreId: string | null,
    extra: { employerId?: string; seekerId?: string; departmentId?: string } = {},
  ) {
    const login = `${role}${++n}_${randomBytes(2).toString('hex')}`;
    const password = 'correct-horse-9';
    const u = await createUser(db, null, {
      login,
      password,
      name: `${role} 사용자`,
      role,
      centreId,
      ...extra,
    });
    let totpSecret: string | null = null;
    if (await mustEnrolTotp(db, u.id)) {
      totpSecret = newTotpSecret();
      await setTotpFactor(db, dataKey, u.id, totpSecret);
    }
    const client = await as(login, password, totpSecret ? totpCode(totpSecret) : undefined);
    return { ...client, login, password, totpSecret };
  }

  return { app, db, url, pool, ctx, config, dataKey, as, centre, user };
}

export type Client = Awaited<ReturnType<TestApp['user']>>;

/** Parses JSON and fails loudly with the body when the status is not the expected one. */
export function expectStatus(res: LightMyRequestResponse, status: number) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
}
