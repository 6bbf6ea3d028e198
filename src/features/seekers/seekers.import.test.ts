import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';

const t = await testApp();

const header =
  'name,birthDate,phone,regionCode,educationLevel,desired.occupations,desired.wageType,desired.wageMin,careers.0.company,careers.0.months,keywords,externalId';

describe('seekers CSV import', () => {
  it('imports valid rows and rejects duplicates and bad fields by name, all or nothing', async () => {
    const a = await t.centre();
    const c = await t.user('counsellor', a.id);
    const good = [
      header,
      '송민호,1979-11-02,010-4821-3377,11140,03,8241;8242,M,"2,700,000",대성산업,48,용접;배관,WK-100',
      '배수지,1994-07-21,010-7710-2204,41111,05,5501,H,10030,,,요양,WK-101',
    ].join('\n');
    const ok = expectStatus(
      await c.post('/api/v1/imports/seekers', good, { 'content-type': 'text/csv' }),
      200,
    );
    expect(ok.imported).toBe(2);
    const found = expectStatus(await c.get(`/api/v1/seekers?q=${encodeURIComponent('용접')}`), 200);
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ channel: 'import', careerMonths: 48, externalId: 'WK-100' });
    expect(found.items[0].desired.wageMonthly).toBe(2_700_000);

    const bad = [
      header,
      '송민호,1979-11-02,01048213377,11140,03,8241,M,2700000,,,,',
      '유재석,1972-02-30,010-1234-5678,11140,03,8241,M,2700000,,,,',
      '하지원,1985-05-05,010-2222-3333,11140,03,8241,M,2700000,,,,WK-101',
    ].join('\n');
    const res = expectStatus(
      await c.post('/api/v1/imports/seekers', bad, { 'content-type': 'text/csv' }),
      400,
    );
    expect(res.imported).toBe(0);
    const fields = res.rejected.map((r: { errors: { field: string }[] }) => r.errors[0]!.field);
    expect(fields).toEqual(['name', 'birthDate', 'externalId']);
    expect(expectStatus(await c.get('/api/v1/seekers'), 200).total).toBe(2);
  });
});
