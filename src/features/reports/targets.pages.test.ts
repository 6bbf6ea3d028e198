import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';

const t = await testApp();
const city = await t.centre('강원특별자치도 일자리센터', null, '51');
const centre = await t.centre('춘천시 일자리센터', city.id, '51110');
const manager = await t.user('manager', city.id);
const counsellor = await t.user('counsellor', centre.id);

const form = (c: Client, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/staff/admin/targets',
    cookies: { ilteo_session: c.cookie },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: c.csrf, ...fields }).toString(),
  });

describe('/staff/admin (index) and /staff/admin/targets', () => {
  it('lists the admin sections the reader may open', async () => {
    const page = (await manager.get('/staff/admin')).body;
    expect(page).toContain('href="/staff/admin/targets"');
    const other = (await counsellor.get('/staff/admin')).body;
    expect(other).not.toContain('href="/staff/admin/targets"');
  });

  it('shows the centres tree, saves a centre’s targets for a year and refuses a bad number', async () => {
    const page = (await manager.get('/staff/admin/targets')).body;
    expect(page).toContain('춘천시 일자리센터');
    expect(page).toContain('class="depth-1"');
    const bad = await form(manager, {
      centreId: centre.id,
      year: '2027',
      'targets.seekersRegistered': '천명',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-targets-seekersRegistered" name="targets.seekersRegistered"');
    expect(bad.body).toContain('aria-invalid="true"');
    const ok = await form(manager, {
      centreId: centre.id,
      year: '2027',
      'targets.seekersRegistered': '1,000',
      'targets.hires': '300',
    });
    expect(ok.statusCode).toBe(303);
    const saved = expectStatus(await manager.get(`/api/v1/reports/targets/${centre.id}/2027`), 200);
    expect(saved.targets).toEqual({ seekersRegistered: 1000, hires: 300 });
    const shown = (await manager.get(`/staff/admin/targets?centreId=${centre.id}&year=2027`)).body;
    expect(shown).toContain('value="1000"');
    // A counsellor reads them but cannot save.
    expect(
      (await form(counsellor, { centreId: centre.id, year: '2027', 'targets.hires': '1' })).statusCode,
    ).toBe(403);
  });
});
