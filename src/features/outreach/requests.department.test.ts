import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildSeeker } from '../../../test/support/factories.ts';

// 부서 담당자 accounts (issue 16): a department given an account sees and answers only the admin
// support requests routed to it, through the API and its own pages, and nothing else.

const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const enc = (o: Record<string, string>) => new URLSearchParams(o).toString();
const password = 'correct-horse-9';

describe('department accounts (부서 담당자)', async () => {
  const centre = await t.centre('서구일자리센터', null, '28260');
  const other = await t.centre('다른구센터', null, '26110');
  const officer = await t.user('outreach', centre.id);
  const admin = await t.user('admin', null);
  const manager = await t.user('manager', centre.id);
  const outsiderManager = await t.user('manager', other.id);
  const company = await buildEmployer(t.db, centre.id, { name: '서구정밀' });
  const elsewhere = await buildEmployer(t.db, centre.id, { name: '가좌식품' });
  const seeker = await buildSeeker(t.db, centre.id);
  const building = expectStatus(await officer.post('/api/v1/departments', { name: '건축과' }), 201);
  const tax = expectStatus(await officer.post('/api/v1/departments', { name: '세무과' }), 201);
  const route = async (employerId: string, departmentId: string, description: string) =>
    expectStatus(
      await officer.post('/api/v1/outreach/requests', {
        employerId,
        category: 'permit',
        description,
        departmentId,
      }),
      201,
    );
  const ours = await route(company.id, building.id, '공장 증축 허가 서류 문의');
  const theirs = await route(elsewhere.id, tax.id, '지방세 감면 문의');

  const made = expectStatus(
    await admin.post('/api/v1/users', {
      login: 'building.kim',
      password,
      name: '김건축',
      role: 'department',
      departmentId: building.id,
      centreId: other.id,
    }),
    201,
  );
  const dept = await t.as('building.kim', password);

  it('binds the account to its department, in the department’s centre whatever centre was sent', async () => {
    expect(made).toMatchObject({ role: 'department', departmentId: building.id, centreId: centre.id });
    const none = expectStatus(
      await admin.post('/api/v1/users', { login: 'no.dept', password, name: '부서없음', role: 'department' }),
      400,
    );
    expect(none.errors.map((e: { field: string }) => e.field)).toContain('departmentId');
    const stray = expectStatus(
      await admin.post('/api/v1/users', {
        login: 'stray.dept',
        password,
        name: '상담사',
        role: 'counsellor',
        centreId: centre.id,
        departmentId: building.id,
      }),
      400,
    );
    expect(stray.errors.map((e: { field: string }) => e.field)).toContain('departmentId');
    // A manager gives accounts to departments it routes to, not to another district's.
    expectStatus(
      await manager.post('/api/v1/users', {
        login: 'tax.lee',
        password,
        name: '이세무',
        role: 'department',
        departmentId: tax.id,
      }),
      201,
    );
    const far = expectStatus(
      await outsiderManager.post('/api/v1/users', {
        login: 'far.dept',
        password,
        name: '먼부서',
        role: 'department',
        departmentId: tax.id,
      }),
      404,
    );
    expect(far.errors[0].field).toBe('departmentId');
    // Never turned into another role.
    expectStatus(await admin.patch(`/api/v1/users/${made.id}`, { role: 'counsellor' }), 400);
    const log = await t.db
      .selectFrom('permission_log')
      .select('after')
      .where('user_id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(log.after).toMatchObject({ role: 'department', departmentId: building.id });
  });

  it('is held by the database: a department account has its department, in its centre; others have none', async () => {
    await expect(
      sql`UPDATE users SET department_id = NULL WHERE id = ${made.id}`.execute(t.db),
    ).rejects.toThrow(/users_department_role/);
    await expect(
      sql`UPDATE users SET centre_id = ${other.id} WHERE id = ${made.id}`.execute(t.db),
    ).rejects.toThrow(/users_department_centre/);
    await expect(
      sql`UPDATE users SET department_id = ${building.id} WHERE id = ${officer.user.id}`.execute(t.db),
    ).rejects.toThrow(/users_department_role/);
  });

  it('lists and reads only the requests routed to its department', async () => {
    const list = expectStatus(await dept.get('/api/v1/outreach/requests'), 200);
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([ours.id]);
    expect(list.total).toBe(1);
    const one = expectStatus(await dept.get(`/api/v1/outreach/requests/${ours.id}`), 200);
    expect(one).toMatchObject({ employerName: '서구정밀', departmentName: '건축과' });
    expectStatus(await dept.get(`/api/v1/outreach/requests/${theirs.id}`), 404);
    // Asking for another department's list by filter changes nothing.
    const filtered = expectStatus(await dept.get(`/api/v1/outreach/requests?departmentId=${tax.id}`), 200);
    expect(filtered.items).toEqual([]);
  });

  it('takes its request up and answers it; the company reads the answer; closing stays with staff', async () => {
    const taken = expectStatus(
      await dept.post(`/api/v1/outreach/requests/${ours.id}/events`, {
        status: 'in_progress',
        note: '담당 주무관 배정, 현장 확인 예정',
      }),
      200,
    );
    expect(taken.status).toBe('in_progress');
    expectStatus(
      await dept.post(`/api/v1/outreach/requests/${theirs.id}/events`, {
        status: 'in_progress',
        note: '남의 일',
      }),
      404,
    );
    const reroute = expectStatus(
      await dept.post(`/api/v1/outreach/requests/${ours.id}/events`, {
        status: 'routed',
        note: '세무과로',
        departmentId: tax.id,
      }),
      403,
    );
    expect(reroute.code).toBe('request.departmentMove');
    const answered = expectStatus(
      await dept.post(`/api/v1/outreach/requests/${ours.id}/events`, {
        status: 'answered',
        note: '건축허가 신청서와 구조안전 확인서를 제출하시면 됩니다.',
      }),
      200,
    );
    expect(answered).toMatchObject({ status: 'answered', answer: expect.stringContaining('구조안전') });
    expectStatus(
      await dept.post(`/api/v1/outreach/requests/${ours.id}/events`, { status: 'closed', note: '종결' }),
      403,
    );
    const companyUser = await t.user('employer', null, { employerId: company.id });
    const seen = expectStatus(await companyUser.get(`/api/v1/outreach/requests/${ours.id}`), 200);
    expect(seen.answer).toContain('구조안전');
    expectStatus(
      await officer.post(`/api/v1/outreach/requests/${ours.id}/events`, {
        status: 'closed',
        note: '기업 확인',
      }),
      200,
    );
  });

  it('gets nothing else: no seekers, companies, visits, agreements, departments, reports or users (public job listings stay public)', async () => {
    for (const url of [
      '/api/v1/seekers',
      `/api/v1/seekers/${seeker.id}`,
      `/api/v1/seekers/${seeker.id}/counselling`,
      '/api/v1/employers',
      `/api/v1/employers/${company.id}`,
      '/api/v1/outreach/visits',
      '/api/v1/outreach/agreements',
      '/api/v1/departments',
      '/api/v1/reports/kpi',
      '/api/v1/users',
      '/api/v1/audit',
    ]) {
      expect([url, (await dept.get(url)).statusCode]).toEqual([url, 403]);
    }
    expectStatus(
      await dept.post('/api/v1/outreach/requests', {
        employerId: company.id,
        category: 'inquiry',
        description: '부서가 직접 등록',
        departmentId: building.id,
      }),
      403,
    );
    // The staff dashboard sends a non-staff account home; the staff pages refuse it.
    const dashboard = await dept.get('/staff');
    expect([dashboard.statusCode, dashboard.headers.location]).toEqual([303, '/']);
    // The company's own request page sends it to its department's list.
    const portal = await dept.get('/employer/requests');
    expect([portal.statusCode, portal.headers.location]).toEqual([303, '/department/requests']);
    for (const url of [
      '/staff/seekers',
      `/staff/seekers/${seeker.id}`,
      `/staff/employers/${company.id}`,
      '/staff/reports',
      '/staff/outreach',
      '/staff/outreach/requests',
      `/staff/outreach/requests/${ours.id}`,
    ]) {
      const res = await dept.get(url);
      expect([url, res.statusCode]).toEqual([url, 403]);
    }
  });

  it('has its own pages: its department’s requests, one request, and the answer form', async () => {
    const list = await dept.get('/department/requests?view=all');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('서구정밀');
    expect(list.body).not.toContain('가좌식품');
    expect(list.body).toContain('부서 담당자');
    expect((await dept.get(`/department/requests/${theirs.id}`)).statusCode).toBe(404);
    const fresh = await route(company.id, building.id, '옥외광고물 표시 허가 문의');
    const page = await dept.get(`/department/requests/${fresh.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('옥외광고물');
    expect(page.body).toContain('id="move-form"');
    const empty = await dept.post(
      `/department/requests/${fresh.id}/events`,
      enc({ _csrf: dept.csrf, status: 'answered', note: '' }),
      form,
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('회신 내용을 적어 주세요');
    const done = await dept.post(
      `/department/requests/${fresh.id}/events`,
      enc({ _csrf: dept.csrf, status: 'answered', note: '표시 허가 신청서를 구청 민원실에 내시면 됩니다.' }),
      form,
    );
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('표시 허가 신청서');
    // Staff pages of other departments' requests are not its pages; its pages are not staff's.
    expect((await officer.get('/department/requests')).statusCode).toBe(403);
  });

  it('lands on its requests after login, and the admin screen offers the role with the departments', async () => {
    const login = await dept.get('/login');
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/department/requests');
    const screen = await admin.get('/staff/admin/users');
    expect(screen.body).toContain('<option value="department"');
    expect(screen.body).toContain('부서 담당자');
    expect(screen.body).toContain(`<option value="${building.id}"`);
    const res = await admin.post(
      '/staff/admin/users',
      enc({
        _csrf: admin.csrf,
        login: 'tax.park',
        name: '박세무',
        password,
        role: 'department',
        centreId: centre.id,
        departmentId: tax.id,
      }),
      form,
    );
    expect(res.statusCode).toBe(303);
    const row = await t.db
      .selectFrom('users')
      .select(['role', 'department_id', 'centre_id'])
      .where('login', '=', 'tax.park')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'department', department_id: tax.id, centre_id: centre.id });
  });
});
