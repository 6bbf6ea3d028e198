import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';

const t = await testApp();
const province = await t.centre('강원특별자치도 일자리센터', null, '51');
const wonju = await t.centre('원주시 일자리센터', province.id, '51130');
const other = await t.centre('춘천시 일자리센터', province.id, '51110');
const admin = await t.user('admin', null);
const manager = await t.user('manager', wonju.id);
const counsellor = await t.user('counsellor', wonju.id);

const form = (c: Client, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: { ilteo_session: c.cookie },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: c.csrf, ...fields }).toString(),
  });

describe('/staff/admin/centres', () => {
  it('shows the tree of the reader’s scope with kinds in Korean, staff counts and a link to targets', async () => {
    const all = (await admin.get('/staff/admin/centres')).body;
    expect(all.indexOf('강원특별자치도 일자리센터')).toBeLessThan(all.indexOf('원주시 일자리센터'));
    expect(all).toContain('tree-cell depth-1');
    expect(all).toContain('광역 일자리센터');
    expect(all).not.toContain('>province<');
    expect(all).toContain('id="new-centre"');
    const mine = (await manager.get('/staff/admin/centres')).body;
    expect(mine).toContain('원주시 일자리센터');
    expect(mine).not.toContain('춘천시 일자리센터');
    expect(mine).not.toContain('id="new-centre"');
    // The manager and the counsellor are the centre's enabled staff.
    expect(mine).toMatch(/2명/);
    expect(mine).toContain(`href="/staff/admin/targets?centreId=${wonju.id}"`);
    expect((await manager.get('/staff/admin')).body).toContain('href="/staff/admin/centres"');
    // A counsellor reads the tree and its numbers but edits nothing.
    const read = (await counsellor.get('/staff/admin/centres')).body;
    expect(read).toContain('원주시 일자리센터');
    expect(read).not.toContain('name="phone"');
  });

  it('lets a manager set the main number of a centre in scope, normalised, and names a bad one', async () => {
    const bad = await form(manager, `/staff/admin/centres/${wonju.id}`, { phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('한국 전화번호 형식이 아닙니다.');
    const ok = await form(manager, `/staff/admin/centres/${wonju.id}`, { phone: '033 769 1234' });
    expect(ok.statusCode).toBe(303);
    expect((await manager.get('/staff/admin/centres')).body).toContain('value="033-769-1234"');
    expect(
      (await form(manager, `/staff/admin/centres/${other.id}`, { phone: '033-111-2222' })).statusCode,
    ).toBe(404);
    expect(
      (await form(counsellor, `/staff/admin/centres/${wonju.id}`, { phone: '033-111-2222' })).statusCode,
    ).toBe(403);
    // Blank clears it.
    expect((await form(manager, `/staff/admin/centres/${wonju.id}`, { phone: '' })).statusCode).toBe(303);
    expect(expectStatus(await manager.get(`/api/v1/centres/${wonju.id}`), 200).phone).toBeNull();
  });

  it('lets an admin add a centre under a parent, with the fields named when wrong', async () => {
    const bad = await form(admin, '/staff/admin/centres/new', {
      name: '',
      kind: 'centre',
      parentId: wonju.id,
      regionCode: '5113',
      phone: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="error-summary"');
    expect(bad.body).toContain('알 수 없는 코드입니다: 5113');
    const ok = await form(admin, '/staff/admin/centres/new', {
      name: '원주 문막 출장소',
      kind: 'agency',
      parentId: wonju.id,
      regionCode: '51130',
      phone: '0337001234',
    });
    expect(ok.statusCode).toBe(303);
    const page = (await manager.get('/staff/admin/centres')).body;
    expect(page).toContain('원주 문막 출장소');
    expect(page).toContain('위탁 기관');
    expect(page).toContain('value="033-700-1234"');
    expect((await form(manager, '/staff/admin/centres/new', { name: 'x' })).statusCode).toBe(403);
  });
});

describe('contact numbers in the API', () => {
  it('PATCH /centres/{id}: the phone for managers in scope, the TOTP switch for admins only', async () => {
    const c = expectStatus(
      await manager.patch(`/api/v1/centres/${wonju.id}`, { phone: '+82 33-769-5555' }),
      200,
    );
    expect(c.phone).toBe('033-769-5555');
    const bad = expectStatus(await manager.patch(`/api/v1/centres/${wonju.id}`, { phone: '555' }), 400);
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['phone']);
    expectStatus(await manager.patch(`/api/v1/centres/${wonju.id}`, { totpRequired: false }), 403);
    expectStatus(await manager.patch(`/api/v1/centres/${other.id}`, { phone: '033-111-2222' }), 404);
    expectStatus(await counsellor.patch(`/api/v1/centres/${wonju.id}`, { phone: '033-111-2222' }), 403);
    expectStatus(await admin.patch(`/api/v1/centres/${wonju.id}`, {}), 400);
    expect(
      expectStatus(await admin.patch(`/api/v1/centres/${other.id}`, { phone: null }), 200).phone,
    ).toBeNull();
  });

  it('users carry a work phone: set on creation and by PATCH, a bad one named', async () => {
    const u = expectStatus(
      await manager.post('/api/v1/users', {
        login: 'wonju.phone1',
        password: 'river-stone-42',
        name: '전화상담',
        role: 'counsellor',
        centreId: wonju.id,
        workPhone: '033 769 1301',
      }),
      201,
    );
    expect(u.workPhone).toBe('033-769-1301');
    const bad = expectStatus(await manager.patch(`/api/v1/users/${u.id}`, { workPhone: '1-2' }), 400);
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['workPhone']);
    expect(
      expectStatus(await manager.patch(`/api/v1/users/${u.id}`, { workPhone: '' }), 200).workPhone,
    ).toBeNull();
  });
});
