import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';

const t = await testApp();
let n = 100;
const bizNo = () => withBizRegCheckDigit(`21081${String(++n).padStart(4, '0')}`);

const sample = (no: string) => ({
  name: '(주)한빛정밀',
  bizRegNo: `${no.slice(0, 3)}-${no.slice(3, 5)}-${no.slice(5)}`,
  ksic: 'C',
  size: '중소기업',
  regionCode: '41131',
  address: '경기도 성남시 수정구 산성대로 100',
  contacts: [{ name: '김민지', phone: '010-1234-5678', email: 'hr@hanbit.co.kr' }],
});

describe('employers', () => {
  it('registers an employer, refuses a wrong checksum naming bizRegNo (ko and en) and a duplicate with existingId', async () => {
    const c = await t.centre();
    const staff = await t.user('counsellor', c.id);
    const no = bizNo();
    const created = expectStatus(await staff.post('/api/v1/employers', sample(no)), 201);
    expect(created.bizRegNo).toBe(no);
    expect(created.centreId).toBe(c.id);
    expect(created.contacts[0].phone).toBe('010-1234-5678');

    const bad = `${no.slice(0, 9)}${(Number(no[9]) + 1) % 10}`;
    const res = await staff.post('/api/v1/employers', { ...sample(bad), name: '다른회사' });
    const p = expectStatus(res, 400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(p.errors.map((e: { field: string }) => e.field)).toEqual(['bizRegNo']);
    expect(p.errors[0].message).toContain('사업자등록번호');
    const en = await staff.post('/api/v1/employers', sample(bad), { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toMatch(/business registration number/i);

    const dup = expectStatus(await staff.post('/api/v1/employers', { ...sample(no), name: '같은번호' }), 409);
    expect(dup.existingId).toBe(created.id);
    const count = await t.db
      .selectFrom('employers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses unknown region and KSIC codes and a bad contact phone, naming each field', async () => {
    const c = await t.centre();
    const staff = await t.user('counsellor', c.id);
    const p = expectStatus(
      await staff.post('/api/v1/employers', {
        ...sample(bizNo()),
        regionCode: '99999',
        ksic: 'ZZ',
        contacts: [{ name: '박서준', phone: '12345' }],
      }),
      400,
    );
    expect(p.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'contacts[0].phone',
      'ksic',
      'regionCode',
    ]);
  });

  it('stores contacts encrypted, shows them only in scope, and logs each view', async () => {
    const a = await t.centre();
    const b = await t.centre();
    const staffA = await t.user('counsellor', a.id);
    const staffB = await t.user('counsellor', b.id);
    const e = expectStatus(await staffA.post('/api/v1/employers', sample(bizNo())), 201);
    const raw = await t.db
      .selectFrom('employers')
      .select('contacts_enc')
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(raw.contacts_enc).not.toContain('010-1234-5678');
    expect(raw.contacts_enc).not.toContain('김민지');

    const other = expectStatus(await staffB.get(`/api/v1/employers/${e.id}`), 200);
    expect(other.name).toBe('(주)한빛정밀');
    expect(other).not.toHaveProperty('contacts');
    const own = expectStatus(await staffA.get(`/api/v1/employers/${e.id}`), 200);
    expect(own.contacts[0].name).toBe('김민지');
    const logs = await t.db
      .selectFrom('access_log')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', e.id)
      .where('subject_type', '=', 'employer_contacts')
      .execute();
    expect(logs.map((l) => l.action).sort()).toEqual(['create', 'view']);
    expect(logs.find((l) => l.action === 'view')!.actor_id).toBe(staffA.user.id);

    // Another centre may read but not edit; the owning centre edits.
    expectStatus(await staffB.patch(`/api/v1/employers/${e.id}`, { name: '바뀐이름' }), 403);
    const patched = expectStatus(
      await staffA.patch(`/api/v1/employers/${e.id}`, { name: '(주)한빛정밀공업', centreId: b.id }),
      400,
    );
    expect(patched.errors[0].field).toBe('centreId');
    expect(
      expectStatus(await staffA.patch(`/api/v1/employers/${e.id}`, { name: '(주)한빛정밀공업' }), 200).name,
    ).toBe('(주)한빛정밀공업');
  });

  it('lists and searches the registry by Korean name and by number, without contacts', async () => {
    const c = await t.centre();
    const staff = await t.user('counsellor', c.id);
    const no = bizNo();
    expectStatus(await staff.post('/api/v1/employers', { ...sample(no), name: '대성요양원' }), 201);
    expectStatus(await staff.post('/api/v1/employers', { ...sample(bizNo()), name: '삼화용접기술' }), 201);
    const byName = expectStatus(await staff.get(`/api/v1/employers?q=${encodeURIComponent('요양')}`), 200);
    expect(byName.items.map((e: { name: string }) => e.name)).toEqual(['대성요양원']);
    expect(byName.items[0]).not.toHaveProperty('contacts');
    expect(byName).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const byNo = expectStatus(
      await staff.get(`/api/v1/employers?q=${no.slice(0, 3)}-${no.slice(3, 5)}-${no.slice(5)}`),
      200,
    );
    expect(byNo.items[0].bizRegNo).toBe(no);
  });

  it('signs an employer up on the portal with its user in one go; an existing number gives 409 and no account', async () => {
    await t.centre('강남센터', null, '11680');
    const no = bizNo();
    const body = {
      ...sample(no),
      regionCode: '11680',
      login: 'hanbit_hr',
      password: 'hanbit-pass-1',
      userName: '김민지',
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/portal/employers/signup', payload: body });
    const made = expectStatus(res, 201);
    expect(made.user.employerId).toBe(made.employer.id);
    const me = await t.as('hanbit_hr', 'hanbit-pass-1');
    expect(expectStatus(await me.get(`/api/v1/employers/${made.employer.id}`), 200).contacts[0].name).toBe(
      '김민지',
    );

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/employers/signup',
      payload: { ...body, login: 'hanbit_hr2' },
    });
    expect(expectStatus(again, 409).existingId).toBe(made.employer.id);
    const users = await t.db.selectFrom('users').select('id').where('login', '=', 'hanbit_hr2').execute();
    expect(users).toHaveLength(0);
  });
});
