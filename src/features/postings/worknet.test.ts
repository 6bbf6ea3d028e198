import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { seoulToday } from './postings.validate.ts';
import {
  jobsCdOf,
  jobsCdToKeco,
  parseCareer,
  parseEducation,
  parseWorknetDate,
  regionLabel,
} from './worknet.map.ts';

const t = await testApp();
const xml = fs.readFileSync(new URL('./fixtures/worknet-list.xml', import.meta.url), 'utf8');
const centre = await t.centre('경기일자리센터', null, '41110');
const staff = await t.user('counsellor', centre.id);
const xmlHeaders = { 'content-type': 'application/xml' };
const count = async (table: 'postings' | 'employers') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('Worknet field mapping', () => {
  it('maps codes, dates and texts as the portal writes them', () => {
    // The fixture is a file of the 2018 edition (the portal's older exports).
    expect(jobsCdToKeco('824100', '2018')).toEqual({ code: '8241', edition: '2018' });
    expect(jobsCdToKeco('550100', '2018')).toEqual({ code: '5501', edition: '2018' });
    // No guess at the nearest group any more: an unknown detailed code is refused.
    expect(jobsCdToKeco('824900', '2018')).toEqual({ problem: 'worknet.jobsCd' });
    expect(jobsCdToKeco('999999', '2018')).toEqual({ problem: 'worknet.jobsCd' });
    // 고용24 sends KECO 2025: 155500 is 환경공학 기술자 및 연구원, not 2018's 1555 보건위생·환경 검사원.
    expect(jobsCdToKeco('155500')).toEqual({ code: '1555', edition: '2025' });
    expect(jobsCdToKeco('614000')).toEqual({ code: '6140', edition: '2025' });
    expect(jobsCdToKeco('135200')).toEqual({ code: '1352', edition: '2025' });
    // 2018 has no 1352 (데이터 분석가 is new in 2025): read as 2018 it is refused, not guessed.
    expect(jobsCdToKeco('135200', '2018')).toEqual({ problem: 'worknet.jobsCd' });
    // The export writes 2025 where the crosswalk links a 2018 code, else the 2018 code, naming it.
    expect(jobsCdOf('1553', '2018')).toEqual({ jobsCd: '155500', edition: '2025' });
    expect(jobsCdOf('5501', '2018')).toEqual({ jobsCd: '550100', edition: '2018' });
    expect(jobsCdOf('1352', '2025')).toEqual({ jobsCd: '135200', edition: '2025' });
    expect(parseEducation('대졸(4년)')).toBe('05');
    expect(parseEducation('고졸 이상')).toBe('03');
    expect(parseCareer('경력(3년 이상)')).toEqual({ type: 'E', minMonths: 36 });
    expect(parseCareer('신입 또는 경력')).toEqual({ type: 'Z', minMonths: 0 });
    expect(parseWorknetDate('26-12-31', '2026-11-22')).toBe('2026-12-31');
    expect(parseWorknetDate('20261231', '2026-11-22')).toBe('2026-12-31');
    expect(parseWorknetDate('채용시까지', '2026-11-22')).toBe('2026-12-22');
    expect(regionLabel('41111')).toBe('경기도 수원시 장안구');
  });
});

/** The fixture and ilteo's own export carry KECO 2018 codes. */
const IMPORT = '/api/v1/imports/worknet-postings?kecoEdition=2018';

describe('Worknet import', () => {
  it('reads jobsCd as KECO 2025 by default: 155500 is 환경공학 기술자 및 연구원, stored with its edition', async () => {
    const one = xml.replace(/<jobsCd>824100<\/jobsCd>/, '<jobsCd>155500</jobsCd>');
    const r = expectStatus(
      await staff.post('/api/v1/imports/worknet-postings?partial=true', one, xmlHeaders),
      200,
    );
    expect(r.imported).toBe(3);
    const row = await t.db
      .selectFrom('postings')
      .select(['id', 'occupation_code', 'occupation_edition'])
      .where('worknet_auth_no', '=', 'K151612611220001')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ occupation_code: '1555', occupation_edition: '2025' });
    const shown = expectStatus(await staff.get(`/api/v1/postings/${row.id}`), 200);
    expect(shown).toMatchObject({
      occupationCode: '1555',
      occupationEdition: '2025',
      occupationName: '환경공학 기술자 및 연구원',
    });
    // The job page names it in its edition too, never as 2018's 보건위생·환경 검사원.
    const page = await t.app.inject({ method: 'GET', url: `/jobs/${row.id}` });
    expect(page.body).toContain('환경공학 기술자 및 연구원');
    expect(page.body).not.toContain('보건위생·환경 검사원');
    // The same file read as 2018 (--keco-edition 2018) keeps 2018's meaning of 1555.
    const old = expectStatus(await staff.post(`${IMPORT}&partial=true`, one, xmlHeaders), 200);
    expect(old.updated).toBe(3);
    const again = expectStatus(await staff.get(`/api/v1/postings/${row.id}`), 200);
    expect(again).toMatchObject({ occupationEdition: '2018', occupationName: '보건위생·환경 검사원' });
    await t.db.deleteFrom('posting_history').execute();
    await t.db.deleteFrom('postings').execute();
    await t.db.deleteFrom('employers').execute();
  });

  it('refuses malformed XML with 400 and saves nothing', async () => {
    const res = await staff.post(
      '/api/v1/imports/worknet-postings',
      '<wantedRoot><wanted><title>용접</wanted>',
      xmlHeaders,
    );
    const p = expectStatus(res, 400);
    expect(p.errors[0].field).toBe('body');
    expect(await count('postings')).toBe(0);
  });

  it('applies a file with bad rows wholly or not at all, unless partial=true', async () => {
    const strict = expectStatus(await staff.post(`${IMPORT}`, xml, xmlHeaders), 400);
    const fields = strict.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['wanted[4].jobsCd', 'wanted[4].region', 'wanted[4].salTpNm']),
    );
    expect(strict.rejected[0].row).toBe(4);
    expect(await count('postings')).toBe(0);
    expect(await count('employers')).toBe(0);
  });

  it('upserts by wantedAuthNo: importing the same file twice doubles nothing', async () => {
    const url = `${IMPORT}&partial=true`;
    const first = expectStatus(await staff.post(url, xml, { 'content-type': 'text/xml' }), 200);
    expect(first).toMatchObject({ imported: 3, updated: 0 });
    expect(first.rejected.map((r: { row: number }) => r.row)).toEqual([4]);
    const second = expectStatus(await staff.post(url, xml, xmlHeaders), 200);
    // Nothing differs: no row is written again (and no webhook event is sent).
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 3, held: [] });
    expect(await count('postings')).toBe(3);
    expect(await count('employers')).toBe(2);

    const weld = await t.db
      .selectFrom('postings')
      .selectAll()
      .where('worknet_auth_no', '=', 'K151612611220001')
      .executeTakeFirstOrThrow();
    expect(weld).toMatchObject({
      occupation_code: '8241',
      region_code: '41111',
      wage_type: 'M',
      wage_min: 3000000,
      wage_max: 3500000,
      education_min: '03',
      career_type: 'E',
      career_min_months: 24,
      closes_at: '2099-12-31',
      work_days: '1',
      source: 'worknet',
      status: 'open',
      centre_id: centre.id,
    });
    const care = await t.db
      .selectFrom('postings')
      .selectAll()
      .where('worknet_auth_no', '=', 'K151612611220002')
      .executeTakeFirstOrThrow();
    expect(care).toMatchObject({
      region_code: '26350',
      wage_type: 'H',
      wage_monthly_min: 11500 * 209,
      employment_type: '21',
    });
    expect(care.closes_at > seoulToday()).toBe(true);
    // imported postings are searchable at once
    const found = expectStatus(
      await t.app.inject({ method: 'GET', url: `/api/v1/postings?q=${encodeURIComponent('용접')}` }),
      200,
    );
    expect(found.items[0].title).toBe('CO2 용접원 모집 (경력 우대)');
  });

  it('exports open postings as Worknet XML that the importer reads back unchanged', async () => {
    const e = expectStatus(
      await staff.post('/api/v1/employers', {
        name: '한결푸드(주)',
        bizRegNo: withBizRegCheckDigit('411861234'),
        regionCode: '41117',
      }),
      201,
    );
    const mine = expectStatus(
      await staff.post('/api/v1/postings', {
        employerId: e.id,
        title: '단체급식 한식 조리사',
        occupationCode: '5312',
        duties: '구내식당 300식 한식 조리 & 위생 관리 <HACCP>',
        headcount: 2,
        employmentType: '20',
        wageType: 'M',
        wageMin: 2600000,
        wageMax: 2900000,
        workDays: '2',
        workHours: '06:00~15:00',
        regionCode: '41117',
        address: '경기도 수원시 영통구 광교로 1',
        educationMin: '03',
        career: { type: 'E', minMonths: 12 },
        certificates: ['한식조리기능사'],
        keywords: ['급식', '조리'],
        closesAt: '2099-06-30',
      }),
      201,
    );
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/exports/worknet-postings.xml' }), 401);
    const res = await staff.get('/api/v1/exports/worknet-postings.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.body).toContain('<wantedAuthNo>K151612611220001</wantedAuthNo>');
    expect(res.body).toContain(`<wantedAuthNo>ILT-${mine.id}</wantedAuthNo>`);

    const back = expectStatus(await staff.post(IMPORT, res.body, xmlHeaders), 200);
    expect(back).toMatchObject({ imported: 1, rejected: [] });
    // The three imported before come back as they are, or moved to KECO 2025 where the export
    // wrote the crosswalk's 2025 code (a change: updated).
    expect(back.updated + back.unchanged).toBe(3);
    const copy = await t.db
      .selectFrom('postings')
      .select('id')
      .where('worknet_auth_no', '=', `ILT-${mine.id}`)
      .executeTakeFirstOrThrow();
    const twin = expectStatus(await staff.get(`/api/v1/postings/${copy.id}`), 200);
    const keys = [
      'employerId',
      'title',
      'occupationCode',
      'occupationName',
      'duties',
      'headcount',
      'employmentType',
      'wageType',
      'wageMin',
      'wageMax',
      'wageMonthlyMin',
      'workDays',
      'workHours',
      'regionCode',
      'address',
      'educationMin',
      'career',
      'certificates',
      'keywords',
      'closesAt',
      'status',
    ];
    for (const k of keys) expect([k, twin[k]]).toEqual([k, mine[k]]);
    expect(twin.source).toBe('worknet');
  });

  it('needs imports.run to import', async () => {
    const seeker = await t.user('seeker', centre.id);
    expectStatus(await seeker.post('/api/v1/imports/worknet-postings', xml, xmlHeaders), 403);
  });
});
