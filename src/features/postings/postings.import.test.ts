import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';

const t = await testApp();
const centre = await t.centre('인천일자리센터', null, '28125');
const staff = await t.user('counsellor', centre.id);
const csv = { 'content-type': 'text/csv; charset=utf-8' };

describe('CSV imports of employers and postings', () => {
  it('imports employers and then postings naming them by 사업자등록번호; a bad file saves nothing', async () => {
    const a = withBizRegCheckDigit('121810001');
    const b = withBizRegCheckDigit('121810002');
    const employers = [
      'name,bizRegNo,regionCode,contacts.0.name,contacts.0.phone',
      `(주)인천물류,${a},28125,최현우,010-2222-3333`,
      `서해요양원,${b},28245,,`,
    ].join('\n');
    const r1 = expectStatus(await staff.post('/api/v1/imports/employers', employers, csv), 200);
    expect(r1.imported).toBe(2);
    const badEmployers = `name,bizRegNo,regionCode\n다른회사,${a.slice(0, 9)}${(Number(a[9]) + 1) % 10},28125\n`;
    const r2 = await staff.post('/api/v1/imports/employers', badEmployers, csv);
    const body2 = r2.json();
    expect(JSON.stringify(body2)).toContain('bizRegNo');

    const postings = [
      'employerBizRegNo,title,occupationCode,duties,headcount,employmentType,wageType,wageMin,regionCode,educationMin,career.type,keywords,closesAt',
      `${a},지게차 운전원 모집,6230,물류창고 상하차 및 재고 정리,2,10,M,2700000,28125,00,Z,지게차;물류,2099-03-31`,
      `${b},요양보호사 구인,5501,입소 어르신 생활 지원,3,20,H,11500,28245,00,N,,2099-03-31`,
    ].join('\n');
    const r3 = expectStatus(await staff.post('/api/v1/imports/postings', postings, csv), 200);
    expect(r3.imported).toBe(2);
    const found = expectStatus(
      await t.app.inject({ method: 'GET', url: `/api/v1/postings?q=${encodeURIComponent('지게차')}` }),
      200,
    );
    expect(found.items[0]).toMatchObject({
      title: '지게차 운전원 모집',
      status: 'open',
      keywords: ['지게차', '물류'],
    });

    const before = await t.db.selectFrom('postings').select('id').execute();
    const bad = `${postings.split('\n')[0]}\n${a},용접공,8241,용접,1,10,M,3000000,28125,00,N,,2001-01-01\n`;
    const r4 = await staff.post('/api/v1/imports/postings', bad, csv);
    expect(JSON.stringify(r4.json())).toContain('closesAt');
    expect(await t.db.selectFrom('postings').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a row for an employer another centre serves, as POST /postings does', async () => {
    const otherCentre = await t.centre('부천일자리센터', null, '41190');
    const theirs = await t.user('counsellor', otherCentre.id);
    const no = withBizRegCheckDigit('121810003');
    expectStatus(
      await theirs.post('/api/v1/employers', { name: '부천정밀', bizRegNo: no, regionCode: '41190' }),
      201,
    );
    const before = await t.db.selectFrom('postings').select('id').execute();
    const rows = [
      'employerBizRegNo,title,occupationCode,duties,headcount,employmentType,wageType,wageMin,regionCode,educationMin,career.type,closesAt',
      `${no},선반 가공원,8211,CNC 선반 가공,1,10,M,2800000,41190,00,Z,2099-03-31`,
    ].join('\n');
    const res = await staff.post('/api/v1/imports/postings', rows, csv);
    expect(JSON.stringify(res.json())).toContain('다른 센터 관할의 구인기업');
    expect(await t.db.selectFrom('postings').select('id').execute()).toHaveLength(before.length);
  });
});
