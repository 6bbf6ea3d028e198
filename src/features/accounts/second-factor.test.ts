import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { wrongTotpCode } from '../../../test/support/totp.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';
import { totpCode } from './totp.ts';
import { createUser } from './users.service.ts';

// SECURITY.md 5: admins always log in with a second factor, staff when their centre requires
// it. A session opened without one may only enrol it (and see who it is, and log out).
const t = await testApp();
const { app, db } = t;
// A second app on its own database with the first admin configured, started here with the first
// rather than inside its test: its start took 4 s on a quiet machine, past the 30 s test limit at
// load average 25.
const adminSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const configured = await testApp({
  ILTEO_ADMIN_LOGIN: 'first-admin',
  ILTEO_ADMIN_PASSWORD: 'first-admin-pass-1',
  ILTEO_ADMIN_TOTP_SECRET: adminSecret,
});

const ENROLMENT_TYPE = 'urn:ilteo:problem:totp-enrolment-required';

let n = 0;
/** An admin as `ilteo create-admin` makes it: no second factor. */
async function bareAdmin() {
  const login = `bare-admin-${++n}`;
  const password = 'bare-admin-pass-1';
  const u = await createUser(db, null, { login, password, name: '새 관리자', role: 'admin' });
  return { id: u.id, login, password };
}

function expectEnrolmentRequired(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(403);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const p = res.json();
  expect(p.type, what).toBe(ENROLMENT_TYPE);
  expect(p.enrolment).toBe('/api/v1/auth/totp/enrol');
  return p as { title: string; detail: string };
}

/** Enrols a second factor through the API; answers the secret and the new session. */
async function enrol(client: Awaited<ReturnType<typeof t.as>>) {
  const started = expectStatus(await client.post('/api/v1/auth/totp/enrol'), 200);
  const res = await client.post('/api/v1/auth/totp/confirm', { code: totpCode(started.secret) });
  const body = expectStatus(res, 200);
  const cookie = res.cookies.find((c) => c.name === 'ilteo_session')!.value;
  return { secret: started.secret as string, cookie, csrf: body.csrfToken as string };
}

function call(cookie: string, csrf: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return app.inject({
    method,
    url,
    cookies: { ilteo_session: cookie },
    headers: { 'x-csrf-token': csrf },
    ...(payload ? { payload } : {}),
  });
}

describe('an admin without a second factor', () => {
  it('is told at login that enrolment is required and can only enrol, see itself and log out', async () => {
    const c = await t.centre();
    const a = await bareAdmin();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: a.login, password: a.password },
    });
    expect(expectStatus(login, 200).totpEnrolmentRequired).toBe(true);
    const admin = await t.as(a.login, a.password);

    const refused: [string, LightMyRequestResponse][] = [
      ['GET /users', await admin.get('/api/v1/users')],
      ['GET /centres', await admin.get('/api/v1/centres')],
      ['GET /centres/{id}', await admin.get(`/api/v1/centres/${c.id}`)],
      [
        'POST /centres',
        await admin.post('/api/v1/centres', { name: '막힌 센터', kind: 'city', regionCode: '11' }),
      ],
      // held before validation: a malformed body gets the same answer
      ['POST /centres (bad body)', await admin.post('/api/v1/centres', { nonsense: true })],
      [
        'POST /users',
        await admin.post('/api/v1/users', {
          login: 'made-by-bare-admin',
          password: 'whatever-pass-1',
          name: '생성 시도',
          role: 'manager',
          centreId: c.id,
        }),
      ],
      ['PATCH /centres/{id}', await admin.patch(`/api/v1/centres/${c.id}`, { totpRequired: true })],
      ['GET /seekers', await admin.get('/api/v1/seekers')],
      ['POST /seekers', await admin.post('/api/v1/seekers', buildSeeker({ centreId: c.id }))],
      ['GET /audit', await admin.get('/api/v1/audit')],
      ['POST /auth/tokens', await admin.post('/api/v1/auth/tokens', { name: '우회 토큰' })],
      [
        'GET /reports/kpi',
        await admin.get(`/api/v1/reports/kpi?centreId=${c.id}&from=2026-01-01&to=2026-01-31`),
      ],
      ['GET /codes/regions (public)', await admin.get('/api/v1/codes/regions')],
    ];
    for (const [what, res] of refused) expectEnrolmentRequired(res, what);
    expect(await db.selectFrom('centres').select('id').where('name', '=', '막힌 센터').execute()).toEqual([]);
    expect(
      await db.selectFrom('users').select('id').where('login', '=', 'made-by-bare-admin').execute(),
    ).toEqual([]);
    expect(await db.selectFrom('api_tokens').select('id').where('user_id', '=', a.id).execute()).toEqual([]);
    expect(
      (
        await db
          .selectFrom('centres')
          .select('totp_required')
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow()
      ).totp_required,
    ).toBe(false);

    const me = expectStatus(await admin.get('/api/v1/auth/me'), 200);
    expect(me.user.login).toBe(a.login);
    expect(me.totpEnrolmentRequired).toBe(true);

    // Pages send it to the enrolment page, which it may use.
    for (const page of ['/staff', '/staff/seekers', '/', '/jobs']) {
      const res = await admin.get(page);
      expect(res.statusCode, page).toBe(303);
      expect(res.headers.location, page).toBe('/account/totp?required=1');
    }
    const enrolPage = await admin.get('/account/totp?required=1');
    expect(enrolPage.statusCode).toBe(200);
    expect(enrolPage.body).toContain('2단계 인증이 필요합니다');

    expect((await admin.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('shows the waiting secret again after a wrong code on the page, never one sent by the browser', async () => {
    const a = await bareAdmin();
    const admin = await t.as(a.login, a.password);
    const started = await admin.post('/account/totp');
    expect(started.statusCode).toBe(200);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(started.body)?.[1];
    expect(secret).toBeTruthy();
    const again = await admin.post('/account/totp/confirm', {
      code: wrongTotpCode(secret!),
      secret: 'AAAAAAAAAAAAAAAA',
      qr: 'data:image/png;base64,Zm9yZ2Vk',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain(`id="totp-secret">${secret}<`);
    expect(again.body).not.toContain('AAAAAAAAAAAAAAAA');
    expect(again.body).not.toContain('Zm9yZ2Vk');
    // the secret shown is the one that works
    const ok = await admin.post('/api/v1/auth/totp/confirm', { code: totpCode(secret!) });
    expect(ok.statusCode).toBe(200);
  });

  it('gets the enrolment-required answer in Korean by default and in English on request', async () => {
    const a = await bareAdmin();
    const admin = await t.as(a.login, a.password);
    const ko = expectEnrolmentRequired(await admin.get('/api/v1/users'), 'ko');
    expect(ko.title).toBe('권한이 없습니다.');
    expect(ko.detail).toMatch(/^2단계 인증\(OTP\)을 먼저 등록해야 합니다\./);
    expect(ko.detail).toContain('POST /api/v1/auth/totp/enrol');
    const en = expectEnrolmentRequired(await admin.get('/api/v1/users', { 'accept-language': 'en' }), 'en');
    expect(en.title).toBe('You do not have permission.');
    expect(en.detail).toMatch(/^Two-step login \(TOTP\) must be set up first/);
    expect(en.detail).toContain('POST /api/v1/auth/totp/enrol');
  });

  it('gets full access by enrolling: a new session id, the old sessions end, later logins need the code', async () => {
    const a = await bareAdmin();
    const admin = await t.as(a.login, a.password);
    const elsewhere = await t.as(a.login, a.password); // a second restricted session

    const started = expectStatus(await admin.post('/api/v1/auth/totp/enrol'), 200);
    expect(started.otpauthUri).toContain(`secret=${started.secret}`);
    expect(started.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const bad = await admin.post('/api/v1/auth/totp/confirm', { code: wrongTotpCode(started.secret) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('code');
    expectEnrolmentRequired(await admin.get('/api/v1/users'), 'before confirming');

    const res = await admin.post('/api/v1/auth/totp/confirm', { code: totpCode(started.secret) });
    const body = expectStatus(res, 200);
    expect(body.totpEnabled).toBe(true);
    const cookie = res.cookies.find((c) => c.name === 'ilteo_session')!;
    expect(cookie.value).not.toBe(admin.cookie);
    expect(cookie.httpOnly).toBe(true);
    expect(body.csrfToken).not.toBe(admin.csrf);

    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await elsewhere.get('/api/v1/auth/me')).statusCode).toBe(401);
    expectStatus(await call(cookie.value, body.csrfToken, 'GET', '/api/v1/users'), 200);
    expect(
      expectStatus(await call(cookie.value, body.csrfToken, 'GET', '/api/v1/auth/me'), 200).user.totpEnabled,
    ).toBe(true);
    expectStatus(
      await call(cookie.value, body.csrfToken, 'POST', '/api/v1/centres', {
        name: '등록 후 센터',
        kind: 'city',
        regionCode: '11',
      }),
      201,
    );
    expect((await call(cookie.value, body.csrfToken, 'GET', '/staff')).statusCode).toBe(200);

    const noCode = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: a.login, password: a.password },
    });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().errors[0].field).toBe('otp');
    const again = await t.as(a.login, a.password, totpCode(started.secret));
    expectStatus(await again.get('/api/v1/audit'), 200);
  });

  it('leaves the permission and access logs recording as before, and nothing while held', async () => {
    const c = await t.centre();
    const a = await bareAdmin();
    const admin = await t.as(a.login, a.password);
    const grant = {
      login: `logged-manager-${n}`,
      password: 'manager-pass-12',
      name: '김관리',
      role: 'manager',
      centreId: c.id,
    };
    expectEnrolmentRequired(await admin.post('/api/v1/users', grant), 'POST /users while held');
    expect(await db.selectFrom('permission_log').select('id').where('actor_id', '=', a.id).execute()).toEqual(
      [],
    );
    expect(await db.selectFrom('access_log').select('id').where('actor_id', '=', a.id).execute()).toEqual([]);

    const s = await enrol(admin);
    const made = expectStatus(await call(s.cookie, s.csrf, 'POST', '/api/v1/users', grant), 201);
    const perm = await db
      .selectFrom('permission_log')
      .select(['actor_id', 'change'])
      .where('user_id', '=', made.id)
      .execute();
    expect(perm).toEqual([{ actor_id: a.id, change: 'grant' }]);

    const seeker = expectStatus(
      await call(s.cookie, s.csrf, 'POST', '/api/v1/seekers', buildSeeker({ centreId: c.id })),
      201,
    );
    expectStatus(await call(s.cookie, s.csrf, 'GET', `/api/v1/seekers/${seeker.id}`), 200);
    const log = await db
      .selectFrom('access_log')
      .select(['actor_id', 'actor_login', 'action'])
      .where('subject_id', '=', seeker.id)
      .orderBy('at')
      .execute();
    expect(log.map((r) => r.action).sort()).toEqual(['create', 'view']);
    expect(log.every((r) => r.actor_id === a.id && r.actor_login === a.login)).toBe(true);
  });
});

describe('staff of a centre that requires TOTP', () => {
  it('are held from their next request, API tokens too; non-staff users are not', async () => {
    const c = await t.centre();
    const root = await t.user('admin', null);
    expect(root.totpSecret).not.toBeNull();
    const counsellor = await t.user('counsellor', c.id);
    const manager = await t.user('manager', c.id);
    const partner = await t.user('partner', c.id);
    expect(counsellor.totpSecret).toBeNull();
    const { token } = expectStatus(await manager.post('/api/v1/auth/tokens', { name: '연계' }), 200);
    const viaToken = () =>
      app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
    expectStatus(await counsellor.get('/api/v1/centres'), 200);
    expectStatus(await viaToken(), 200);

    expectStatus(await root.patch(`/api/v1/centres/${c.id}`, { totpRequired: true }), 200);
    expectEnrolmentRequired(await counsellor.get('/api/v1/centres'), 'counsellor after the switch');
    expectEnrolmentRequired(await viaToken(), 'token after the switch');
    expectStatus(await partner.get('/api/v1/seekers'), 200);

    const fresh = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: counsellor.login, password: counsellor.password },
    });
    expect(expectStatus(fresh, 200).totpEnrolmentRequired).toBe(true);
    const s = await enrol(counsellor);
    expectStatus(await call(s.cookie, s.csrf, 'GET', '/api/v1/centres'), 200);

    // A user the support creates in such a centre gets a factor and a full session.
    const late = await t.user('outreach', c.id);
    expect(late.totpSecret).not.toBeNull();
    expectStatus(await late.get('/api/v1/centres'), 200);
  });
});

describe('second factor', () => {
  it('counts wrong codes as failed logins: the 6th locks, even with the right code', async () => {
    const admin = await t.user('admin', null);
    const wrong = wrongTotpCode(admin.totpSecret!);
    const attempt = (code: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: admin.login, password: admin.password, otp: code },
      });
    for (let i = 1; i <= 5; i++) {
      const r = await attempt(wrong);
      expect(r.statusCode).toBe(401);
      expect(r.json().errors[0].field).toBe('otp');
    }
    const sixth = await attempt(wrong);
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json().detail).toMatch(/잠겼/);
    // From then on the password step answers as for any failure (no account enumeration).
    const locked = await attempt(totpCode(admin.totpSecret!));
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('auth.invalid');
  });

  it('keeps the enabled factor working while a new one is only started', async () => {
    const admin = await t.user('admin', null);
    const started = expectStatus(await admin.post('/api/v1/auth/totp/enrol'), 200);
    expect(started.secret).not.toBe(admin.totpSecret);
    expectStatus(await admin.get('/api/v1/users'), 200);
    const stillOld = await t.as(admin.login, admin.password, totpCode(admin.totpSecret!));
    expect(expectStatus(await stillOld.get('/api/v1/auth/me'), 200).totpEnrolmentRequired).toBe(false);
    expectStatus(await stillOld.get('/api/v1/users'), 200);
  });
});

describe('ILTEO_ADMIN_TOTP_SECRET', () => {
  it('enrols the configured first admin, who logs in with its code and has full access', async () => {
    const root = await configured.as('first-admin', 'first-admin-pass-1', totpCode(adminSecret));
    expect(expectStatus(await root.get('/api/v1/auth/me'), 200).totpEnrolmentRequired).toBe(false);
    expectStatus(
      await root.post('/api/v1/centres', { name: '첫 센터', kind: 'city', regionCode: '11' }),
      201,
    );
  });
});
