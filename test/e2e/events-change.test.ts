import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeeker as seekerBody } from '../../src/features/seekers/seekers.factory.ts';
import { addDays, seoulToday } from '../../src/platform/domain/dates.ts';
import { expectStatus } from '../support/app.ts';
import { buildEmployer } from '../support/factories.ts';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  startApp,
  startBrowser,
} from './support.ts';

// An organiser changes a running set-up from the pages, with the keyboard only: the fair's
// places go from 2 to 60 (a first try of 1, below the two registered, is refused on its field),
// then the 14:20 interview is cancelled with a reason — the seeker who booked it is told, the
// slot leaves the desk and the other times stay.
describe('changing a hiring event from the desk (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let desk: Page;
  let fairId = '';
  let bookerId = '';
  const day = addDays(seoulToday(), 21);
  const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+09:00`).toISOString();

  /** Moves the focus to an element as Tab would land on it, then presses a key there. */
  async function press(selector: ReturnType<Page['locator']>, key: string) {
    await selector.focus();
    await desk.keyboard.press(key);
  }

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    desk = await browser.newPage(desktopView);
    const centre = await t.centre('인천미추홀구일자리센터', null, '28177');
    const staff = await t.user('counsellor', centre.id);
    const company = await buildEmployer(t.db, centre.id, { name: '주안정밀' });
    fairId = expectStatus(
      await staff.post('/api/v1/events', {
        title: '미추홀 채용한마당',
        kind: 'job_fair',
        startsAt: at('14:00'),
        endsAt: at('17:00'),
        venue: '미추홀구청 대강당',
        capacity: 2,
        published: true,
      }),
      201,
    ).id;
    expectStatus(await staff.post(`/api/v1/events/${fairId}/employers`, { employerId: company.id }), 201);
    const slots = expectStatus(
      await staff.post(`/api/v1/events/${fairId}/slots`, {
        employerId: company.id,
        from: at('14:00'),
        to: at('15:00'),
        minutes: 20,
      }),
      201,
    ).items as { id: string }[];
    for (const [i, name] of ['김예약', '이대기'].entries()) {
      const id = expectStatus(
        await staff.post('/api/v1/seekers', seekerBody({ name, phone: `010-4417-20${i}1` })),
        201,
      ).id as string;
      expectStatus(await staff.post(`/api/v1/events/${fairId}/registrations`, { seekerId: id }), 201);
      if (i === 0) bookerId = id;
    }
    expectStatus(await staff.post(`/api/v1/slots/${slots[1]!.id}/booking`, { seekerId: bookerId }), 201);
    await keyboardLogin(desk, t.base, staff.login, staff.password);
  });

  it('raises the capacity from the edit form after a refused first try', async () => {
    await desk.goto(`${t.base}/staff/events/${fairId}`);
    await Promise.all([
      desk.waitForURL(/\/edit$/),
      press(desk.getByRole('link', { name: '행사 정보 수정' }), 'Enter'),
    ]);
    await expectAccessible(desk, 'edit event');
    expect(await overflowsPhone(desk)).toBe(false);
    expect(await desk.locator('main').textContent()).toContain(
      '지금 참가 확정 2명 · 대기 0명 · 면접 예약 1건',
    );
    const capacity = desk.getByLabel('구직자 정원(비우면 제한 없음)');
    expect(await capacity.inputValue()).toBe('2');
    await press(capacity, 'ControlOrMeta+a');
    await desk.keyboard.type('1');
    await Promise.all([desk.waitForLoadState(), desk.keyboard.press('Enter')]);
    expect(await desk.locator('#error-summary').textContent()).toContain(
      '정원은 현재 참가 확정 인원 2명보다 적게 줄일 수 없습니다.',
    );
    expect(await capacity.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(desk, 'edit event with errors');
    await press(capacity, 'ControlOrMeta+a');
    await desk.keyboard.type('60');
    await Promise.all([desk.waitForURL(/changed=1/), desk.keyboard.press('Enter')]);
    expect(await desk.locator('main').textContent()).toContain('행사 정보를 저장했습니다.');
    const row = await t.db
      .selectFrom('hiring_events')
      .select(['capacity', 'starts_at'])
      .where('id', '=', fairId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ capacity: 60, starts_at: new Date(at('14:00')) });
  });

  it('cancels the booked 14:20 interview with a reason, and the seeker is told', async () => {
    await press(desk.getByRole('link', { name: '14:20 면접 시간 취소' }), 'Enter');
    await desk.waitForURL(/\/slots\/[0-9a-f-]{36}\/cancel$/);
    await expectAccessible(desk, 'cancel slot');
    expect(await overflowsPhone(desk)).toBe(false);
    expect(await desk.locator('main').textContent()).toContain('김예약님의 예약이 취소되고');
    await press(desk.getByLabel('사유(안내 문자에 그대로 실립니다)'), 'End');
    await desk.keyboard.type('면접관 일정 변경');
    await desk.keyboard.press('Tab');
    expect(await desk.evaluate(() => document.activeElement?.textContent)).toBe('면접 시간을 취소합니다');
    await Promise.all([desk.waitForURL(/slotCancelled=1/), desk.keyboard.press('Enter')]);
    expect(await desk.locator('main').textContent()).toContain(
      '면접 시간을 취소했습니다. 안내 1건을 보냈습니다.',
    );
    await expectAccessible(desk, 'desk after the cancellation');
    // 14:00 and 14:40 stay, free; 14:20 is gone.
    expect(await desk.getByRole('button', { name: '14:00 빈 면접 시간 삭제' }).count()).toBe(1);
    expect(await desk.getByRole('button', { name: '14:40 빈 면접 시간 삭제' }).count()).toBe(1);
    expect(await desk.getByRole('link', { name: '14:20 면접 시간 취소' }).count()).toBe(0);
    const told = await t.db
      .selectFrom('notifications')
      .select(['template_key', 'variables'])
      .where('recipient_id', '=', bookerId)
      .execute();
    expect(told.map((n) => n.template_key)).toEqual(['event_interview_cancelled']);
    expect(told[0]!.variables).toMatchObject({
      company: '주안정밀',
      at: `${day} 14:20`,
      reason: '면접관 일정 변경',
    });
  });
});
