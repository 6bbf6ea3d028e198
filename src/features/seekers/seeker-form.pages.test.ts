import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';

// Issue 14: the seeker form offers KECO 2025 as a search box over a datalist, not a select of
// 450 options; a counsellor registers a seeker in 검단구 wanting 데이터 분석가 (new in 2025).
const t = await testApp();
const centre = await t.centre('인천서부센터', null, '28275');
const staff = await t.user('counsellor', centre.id);
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('occupation picker', () => {
  it('offers the 493 KECO 2025 세분류 to search in, within the page budget', async () => {
    const res = await staff.get('/staff/seekers/new');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<datalist id="occupations-list">');
    expect(html).toContain('value="1555 환경공학 기술자 및 연구원"');
    expect(html.match(/<option value="\d{4} /g)?.length).toBe(493);
    expect(html).toMatch(
      /<input[^>]*name="desired.occupations"[^>]*list="occupations-list"|list="occupations-list"[^>]*name="desired.occupations"/,
    );
    expect(html).toContain('name="desired.occupationEdition" value="2025"');
    expect(Buffer.byteLength(html)).toBeLessThan(150 * 1024);
  });

  it('registers what was picked as a KECO 2025 code, in 검단구', async () => {
    const body = new URLSearchParams({
      name: '박검단',
      birthDate: '1992-04-11',
      phone: '010-3456-7812',
      regionCode: '28290',
      educationLevel: '05',
      'desired.occupations': '1352 데이터 분석가',
      'desired.occupationEdition': '2025',
    }).toString();
    const res = await staff.post('/staff/seekers/new', body, form);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const id = /\/staff\/seekers\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1];
    const s = expectStatus(await staff.get(`/api/v1/seekers/${id}`), 200);
    expect(s.regionCode).toBe('28290');
    expect(s.desired).toMatchObject({ occupations: ['1352'], occupationEdition: '2025' });
  });
});
