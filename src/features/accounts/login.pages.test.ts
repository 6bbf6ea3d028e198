import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { codeStepToken } from './login-code.ts';
import { totpCode } from './totp.ts';

// The web login: password first, then a code step for users with a second factor.
const t = await testApp();
const { app } = t;

function cookieOf(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name);
}

/** The anonymous form token (double-submit cookie) of the login page. */
async function formToken() {
  const res = await app.inject({ method: 'GET', url: '/login' });
  const token = cookieOf(res, 'ilteo_form')!.value;
  return { token, cookies: { ilteo_form: token } };
}

async function postForm(url: string, fields: Record<string, string>, cookies: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** Posts the right password of a user with a factor; answers the code-step cookie. */
async function passwordStep(login: string, password: string, next = '') {
  const f = await formToken();
  const res = await postForm('/login', { _csrf: f.token, login, password, next }, f.cookies);
  expect(res.statusCode).toBe(303);
  const code = cookieOf(res, 'ilteo_login_code')!;
  expect(code.httpOnly).toBe(true);
  expect(code.sameSite).toBe('Strict');
  expect(code.path).toBe('/login');
  expect(cookieOf(res, 'ilteo_session')).toBeUndefined();
  return { res, f, cookies: { ...f.cookies, ilteo_login_code: code.value } };
}

describe('web login with a second factor', () => {
  it('asks for the code on a page of its own and keeps the page to return to', async () => {
    const admin = await t.user('admin', null);
    const step = await passwordStep(admin.login, admin.password, '/staff/seekers');
    expect(step.res.headers.location).toBe('/login/code?next=%2Fstaff%2Fseekers');
    const page = await app.inject({ method: 'GET', url: step.res.headers.location!, cookies: step.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('OTP 코드 입력');
    expect(page.body).toContain('value="/staff/seekers"');

    const wrong = await postForm(
      '/login/code',
      {
        _csrf: step.f.token,
        otp: '000000' === totpCode(admin.totpSecret!) ? '111111' : '000000',
        next: '/staff/seekers',
      },
      step.cookies,
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('OTP 코드가 올바르지 않습니다.');

    const ok = await postForm(
      '/login/code',
      { _csrf: step.f.token, otp: totpCode(admin.totpSecret!), next: '/staff/seekers' },
      step.cookies,
    );
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/staff/seekers');
    expect(cookieOf(ok, 'ilteo_session')?.value).toBeTruthy();
    expect(cookieOf(ok, 'ilteo_login_code')?.value).toBe('');
  });

  it('starts over without a genuine, fresh code-step cookie', async () => {
    const admin = await t.user('admin', null);
    const f = await formToken();
    const code = totpCode(admin.totpSecret!);
    const forged = codeStepToken(Buffer.alloc(32, 7), admin.user.id);
    const expired = codeStepToken(t.dataKey, admin.user.id, Date.now() - 10 * 60_000);
    for (const cookie of [forged, expired, null]) {
      const cookies = cookie ? { ...f.cookies, ilteo_login_code: cookie } : f.cookies;
      const res = await postForm('/login/code', { _csrf: f.token, otp: code }, cookies);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('코드 입력 시간이 지났습니다');
      expect(cookieOf(res, 'ilteo_session')).toBeUndefined();
    }
    const page = await app.inject({
      method: 'GET',
      url: '/login/code',
      cookies: { ilteo_login_code: forged },
    });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('아이디와 비밀번호를 다시 입력하세요');
  });

  it('locks the account after wrong codes and then sends the visitor back to the password', async () => {
    const admin = await t.user('admin', null);
    const step = await passwordStep(admin.login, admin.password);
    const right = totpCode(admin.totpSecret!);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      const res = await postForm('/login/code', { _csrf: step.f.token, otp: wrong }, step.cookies);
      expect(res.body).toContain('OTP 코드가 올바르지 않습니다.');
    }
    const sixth = await postForm('/login/code', { _csrf: step.f.token, otp: wrong }, step.cookies);
    expect(sixth.statusCode).toBe(401);
    expect(sixth.body).toMatch(/계정이 \d+분간 잠겼습니다/);
    expect(sixth.body).toContain('action="/login"');
    const after = await postForm('/login/code', { _csrf: step.f.token, otp: right }, step.cookies);
    expect(after.body).toContain('잠겼습니다');
    expect(cookieOf(after, 'ilteo_session')).toBeUndefined();
  });

  it('logs a user without a factor straight in, and a required one into enrolment', async () => {
    const c = await t.centre();
    const counsellor = await t.user('counsellor', c.id);
    const f = await formToken();
    const res = await postForm(
      '/login',
      { _csrf: f.token, login: counsellor.login, password: counsellor.password, next: '/staff/seekers' },
      f.cookies,
    );
    expect(res.headers.location).toBe('/staff/seekers');
    expect(cookieOf(res, 'ilteo_session')?.value).toBeTruthy();
    expect(cookieOf(res, 'ilteo_login_code')).toBeUndefined();

    const admin = await t.user('admin', null);
    await t.db.updateTable('users').set({ totp_enabled: false }).where('id', '=', admin.user.id).execute();
    const bare = await postForm(
      '/login',
      { _csrf: f.token, login: admin.login, password: admin.password, next: '/staff/seekers' },
      f.cookies,
    );
    expect(bare.headers.location).toBe('/account/totp?required=1');
  });
});
