import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer } from '../../../test/support/factories.ts';
import { isValidBizRegNo, withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { uuidv7 } from '../../platform/ids.ts';

// 사업자등록번호: a number given for a new or changed company passes the check digit (weights
// 1,3,7,1,3,7,1,3,5 and the carry of the 9th digit × 5 / 10), on every path; a row stored before
// numbers were checked is still read, found by its number and edited.

const t = await testApp();
const centre = await t.centre('강남구일자리센터', null, '11680');
const officer = await t.user('outreach', centre.id);
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const csv = { 'content-type': 'text/csv; charset=utf-8' };
const good = withBizRegCheckDigit('211810777');
const wrongDigit = `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
const signup = (bizRegNo: string, login: string) => ({
  name: '새싹소프트',
  bizRegNo,
  regionCode: '11680',
  login,
  password: 'sprout-pass-7',
});

describe('사업자등록번호 check digit', () => {
  it('a company no centre knows signs up only with a number that passes the check (API and page)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/employers/signup',
      payload: signup(
        `${wrongDigit.slice(0, 3)}-${wrongDigit.slice(3, 5)}-${wrongDigit.slice(5)}`,
        'sprout_a',
      ),
    });
    const p = expectStatus(res, 400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(p.errors).toEqual([{ field: 'bizRegNo', message: expect.stringContaining('사업자등록번호') }]);
    const blank = await t.app.inject({ method: 'GET', url: '/employer/signup' });
    const token = /name="_csrf" value="([^"]+)"/.exec(blank.body)?.[1] as string;
    const cookie = blank.cookies.find((c) => c.name === 'ilteo_form')?.value as string;
    const page = await t.app.inject({
      method: 'POST',
      url: '/employer/signup',
      headers: form,
      cookies: { ilteo_form: cookie },
      payload: new URLSearchParams({ _csrf: token, ...signup(wrongDigit, 'sprout_b') }).toString(),
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toMatch(/id="f-bizRegNo"[^>]*aria-invalid="true"/);
    expect(page.body).toContain('사업자등록번호가 올바르지 않습니다');
    const made = await t.db
      .selectFrom('users')
      .select('id')
      .where('login', 'in', ['sprout_a', 'sprout_b'])
      .execute();
    expect(made).toEqual([]);
    expect(
      await t.db.selectFrom('employers').select('id').where('name', '=', '새싹소프트').execute(),
    ).toEqual([]);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/employers/signup',
      payload: signup(good, 'sprout_c'),
    });
    expect(expectStatus(ok, 201).employer.bizRegNo).toBe(good);
  });

  it('the test factory gives numbers that pass the check, as the API would take them', async () => {
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push((await buildEmployer(t.db, centre.id)).id);
    const rows = await t.db.selectFrom('employers').select('biz_reg_no').where('id', 'in', ids).execute();
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => !isValidBizRegNo(r.biz_reg_no))).toEqual([]);
  });

  describe('a company stored before numbers were checked', async () => {
    const legacy = '1234567890';
    expect(isValidBizRegNo(legacy)).toBe(false);
    const id = uuidv7();
    await t.db
      .insertInto('employers')
      .values({ id, centre_id: centre.id, name: '옛등록상사', biz_reg_no: legacy, region_code: '11680' })
      .execute();

    it('is read and listed with its number, and edited while its number is sent unchanged', async () => {
      expect(expectStatus(await officer.get(`/api/v1/employers/${id}`), 200).bizRegNo).toBe(legacy);
      const listed = expectStatus(await officer.get(`/api/v1/employers?q=${legacy}`), 200);
      expect(listed.items.map((e: { id: string }) => e.id)).toEqual([id]);
      const edited = expectStatus(
        await officer.patch(`/api/v1/employers/${id}`, { name: '옛등록상사(주)', bizRegNo: '123-45-67890' }),
        200,
      );
      expect(edited).toMatchObject({ name: '옛등록상사(주)', bizRegNo: legacy });
      // another number that fails the check is refused, as for any company
      const other = expectStatus(
        await officer.patch(`/api/v1/employers/${id}`, { bizRegNo: '1234567892' }),
        400,
      );
      expect(other.errors.map((e: { field: string }) => e.field)).toEqual(['bizRegNo']);
    });

    it('is found by its number: a visit planned on the outreach page, postings imported by CSV', async () => {
      const week = await officer.post(
        '/staff/outreach/visits',
        new URLSearchParams({ company: '123-45-67890', date: '2099-03-03', time: '10:00' }).toString(),
        form,
      );
      expect(week.statusCode, week.body.match(/error[^<]*<[^<]*/g)?.join(' ')).toBe(200);
      expect(week.body).toContain('옛등록상사');
      const counsellor = await t.user('counsellor', centre.id);
      const rows = [
        'employerBizRegNo,title,occupationCode,duties,headcount,employmentType,wageType,wageMin,regionCode,educationMin,career.type,closesAt',
        `${legacy},물류 상하차원,6230,물류창고 상하차,1,10,M,2300000,11680,00,Z,2099-03-31`,
      ].join('\n');
      const r = expectStatus(await counsellor.post('/api/v1/imports/postings', rows, csv), 200);
      expect(r).toMatchObject({ imported: 1 });
      const posting = await t.db
        .selectFrom('postings')
        .select('employer_id')
        .where('title', '=', '물류 상하차원')
        .executeTakeFirstOrThrow();
      expect(posting.employer_id).toBe(id);
    });

    it('a new company still needs a valid number: the outreach page names newBizRegNo', async () => {
      const res = await officer.post(
        '/staff/outreach/visits',
        new URLSearchParams({
          newName: '새로운공방',
          newBizRegNo: wrongDigit,
          newRegion: '11680',
          date: '2099-03-03',
          time: '11:00',
        }).toString(),
        form,
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/id="f-newBizRegNo"[^>]*aria-invalid="true"/);
    });
  });
});
