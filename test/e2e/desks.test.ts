import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, seoulToday } from '../../src/platform/domain/dates.ts';
import { expectStatus } from '../support/app.ts';
import { expectAccessible, overflowsPhone, phoneView, startApp, startBrowser } from './support.ts';

// Issue 16: a mobile desk (찾아가는 취업상담실) session on the public /desks page on a phone and
// in the ICS feed a seeker subscribes to.
describe('mobile desks (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let phone: Page;
  let sessions = 0;
  let first = '';
  const today = seoulToday();
  // The second Wednesday from today (weekday 3), 14:00–17:00 Seoul.
  const wednesday = addDays(today, ((3 - isoWeekday(today) + 7) % 7 || 7) + 7);

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    phone = await browser.newPage(phoneView);
    const centre = await t.centre('서해구일자리센터', null, '28275');
    const staff = await t.user('counsellor', centre.id);
    const desk = expectStatus(
      await staff.post('/api/v1/desks', {
        place: '가정동 행정복지센터',
        address: '인천 서해구 가정로 10',
        regionCode: '28275',
        startsAt: new Date(`${wednesday}T14:00:00+09:00`).toISOString(),
        endsAt: new Date(`${wednesday}T17:00:00+09:00`).toISOString(),
        capacity: 2,
        recurrence: { byWeekday: [3], until: addDays(wednesday, 14) },
      }),
      201,
    );
    sessions = desk.sessions.length;
    first = desk.sessions[0]?.date ?? '';
  });

  it('shows the session on the public page on a phone and in the ICS feed', async () => {
    await phone.goto(`${t.base}/desks`);
    const main = (await phone.locator('main').textContent()) ?? '';
    expect(main).toContain('가정동 행정복지센터');
    expect(main).toContain('14:00–17:00');
    expect(main).toContain('인천 서해구 가정로 10');
    await expectAccessible(phone, '/desks phone');
    expect(await overflowsPhone(phone)).toBe(false);
    const href = await phone.getByRole('link', { name: /ICS/ }).getAttribute('href');
    const ics = await phone.request.get(`${t.base}${href}`);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    const text = await ics.text();
    expect(text).toContain(`DTSTART:${first.replace(/-/g, '')}T050000Z`);
    expect(text).toContain('SUMMARY:찾아가는 취업상담실 — 가정동 행정복지센터');
    // One event per session (a Wednesday that is a holiday has none).
    expect(sessions).toBeGreaterThan(0);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(sessions);
  });
});
