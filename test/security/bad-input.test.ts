import { describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { expectStatus, testApp } from '../support/app.ts';

// SECURITY.md 30 and issue 23 item 9: text PostgreSQL cannot store answers 400 naming the
// field (never 500, never saved), arrays are arrays, API answers are not cached, and the docs
// page has the CSP of every page.

const t = await testApp();
const centre = await t.centre();
const counsellor = await t.user('counsellor', centre.id);

const json = { 'content-type': 'application/json' };
const countSeekers = async () =>
  Number(
    (
      await t.db
        .selectFrom('seekers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function expectBadInput(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  field: string,
) {
  expect(res.statusCode).toBe(400);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const p = res.json() as { code: string; errors: { field: string; message: string }[] };
  expect(p.code).toBe('input.invalidCharacter');
  expect(p.errors.map((e) => e.field)).toEqual([field]);
  expect(p.errors[0]!.message).toContain('저장할 수 없는 문자');
}

describe('unstorable text answers 400 naming the field', () => {
  it('NUL in the anonymous login', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: json,
      payload: JSON.stringify({ login: 'a\u0000b', password: 'whatever-123' }),
    });
    expectBadInput(res, 'login');
  });

  it('NUL and lone surrogates in a seeker, at any depth, save nothing', async () => {
    const before = await countSeekers();
    expectBadInput(await counsellor.post('/api/v1/seekers', buildSeeker({ name: '김\u0000민준' })), 'name');
    // JSON escapes of a lone high and a lone low surrogate, as a client would send them.
    const raw = JSON.stringify(buildSeeker({ name: 'PLACEHOLDER' })).replace('PLACEHOLDER', '김\\ud800');
    expectBadInput(await counsellor.post('/api/v1/seekers', raw, json), 'name');
    const careers = [{ company: '한빛\udc00정밀', occupation: '용접원', months: 3 }];
    expectBadInput(await counsellor.post('/api/v1/seekers', buildSeeker({ careers })), 'careers[0].company');
    const desired = { ...buildSeeker().desired, occupations: ['82\u000041'] };
    expectBadInput(
      await counsellor.post('/api/v1/seekers', buildSeeker({ desired })),
      'desired.occupations[0]',
    );
    expect(await countSeekers()).toBe(before);
    // A well-formed pair (an emoji) is text like any other.
    expectStatus(await counsellor.post('/api/v1/seekers', buildSeeker({ keywords: ['용접🙂'] })), 201);
  });

  it('NUL in a query parameter and in an object key', async () => {
    expectBadInput(await counsellor.get('/api/v1/seekers?q=%00'), 'q');
    const res = await counsellor.post('/api/v1/seekers', { ...buildSeeker(), 'x\u0000': 1 });
    expectBadInput(res, 'body');
  });

  it('a JSON body that is not UTF-8 is refused, not read as U+FFFD', async () => {
    const body = Buffer.concat([
      Buffer.from('{"login":"'),
      Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
      Buffer.from('","password":"x"}'),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: json,
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('input.invalidUtf8');
  });

  it('deep nesting answers 400, not a stack overflow', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const raw = JSON.stringify(buildSeeker()).replace('"keywords":[', `"keywords":[${deep},`);
    const res = await counsellor.post('/api/v1/seekers', raw, json);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('input.tooDeep');
  });
});

describe('the contract is kept', () => {
  it('a string is refused where the contract says array', async () => {
    const res = await counsellor.post('/api/v1/seekers', { ...buildSeeker(), targetGroups: 'youth' });
    const p = expectStatus(res, 400);
    expect(p.errors.map((e: { field: string }) => e.field)).toEqual(['targetGroups']);
  });

  it('API answers, errors included, are never cached', async () => {
    for (const res of [
      await counsellor.get('/api/v1/auth/me'),
      await counsellor.get('/api/v1/seekers'),
      await counsellor.get('/api/v1/seekers/00000000-0000-7000-8000-000000000000'),
      await t.app.inject({ method: 'GET', url: '/api/v1/seekers' }),
    ]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('the docs page has the CSP of every page and loads nothing from a validator', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    for (const url of ['/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toBe(page.headers['content-security-policy']);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).not.toContain('validator.swagger.io');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    const init = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.body).toContain('"validatorUrl":null');
  });
});
