import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { configureWebhookSending } from '../../src/features/webhooks/webhooks.service.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { type OutboxWorker, startOutboxWorker } from '../../src/platform/outbox/outbox.worker.ts';
import { type Client, expectStatus } from '../support/app.ts';
import { receiver, until } from '../support/webhook-receiver.ts';
import { desktopView, expectAccessible, overflowsPhone, shot, startApp, startBrowser } from './support.ts';

/**
 * Issue 21's pages under /staff/admin, as an administrator uses them: a partner and its key
 * (shown once, then revoked), a webhook endpoint (secret shown once) with its delivery log and a
 * replay the receiver verifies with standardwebhooks, and the provision ledger — each page with
 * zero axe violations.
 */
describe('partners, webhooks and the provision ledger (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let page: Page;
  let admin: Client;
  let counsellor: Client;
  let centreId = '';
  let worker: OutboxWorker;
  let rx: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    t = await startApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
    configureWebhookSending({ dataKey: t.dataKey, allowPrivate: true, backoffMs: () => 300 });
    worker = startOutboxWorker(t.db, { kinds: ['webhook'], idleMs: 50 });
    rx = await receiver(() => ({ status: 204 }));
    const browser = await startBrowser();
    const c = await t.centre('강원일자리센터', null, '51110');
    centreId = c.id;
    admin = await t.user('admin', null);
    counsellor = await t.user('counsellor', c.id);
    // The administrator's session (its second factor is enrolled and was given at login).
    const context = await browser.newContext(desktopView);
    await context.addCookies([{ name: 'ilteo_session', value: admin.cookie, url: t.base }]);
    page = await context.newPage();
  });
  afterAll(() => worker?.stop(1000));

  it('issues a partner key shown once, lists it by prefix, and revokes it', async () => {
    await page.goto(`${t.base}/staff/admin/partners`);
    await expectAccessible(page, 'partners (empty)');
    await page.locator('input[name=name]').fill('강원대학교 대학일자리플러스센터');
    await page.locator('select[name=centreId]').selectOption(centreId);
    await page.locator('input[name=scopes][value="postings:read"]').check();
    await page.locator('input[name=scopes][value="referrals:write"]').check();
    await page.locator('input[name=purpose]').fill('재학생 취업 알선');
    await Promise.all([
      page.waitForLoadState('load'),
      page
        .getByRole('button', { name: /등록|발급/ })
        .first()
        .click(),
    ]);
    const key = (await page.locator('code.secret').textContent())?.trim() ?? '';
    expect(key).toMatch(/^ilp_live_[a-z0-9]{12}_/);
    await expectAccessible(page, 'partners with the key shown once');
    await shot(page, 'staff-admin-partners');
    // The key works (it reads employers, postings:read) …
    const employers = await t.app.inject({
      method: 'GET',
      url: '/api/v1/employers',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(employers.statusCode).toBe(200);
    // … is not shown again, only its prefix, with its last use …
    await page.goto(`${t.base}/staff/admin/partners`);
    const table = (await page.locator('table').textContent()) ?? '';
    expect(table).not.toContain(key);
    expect(table).toContain(key.slice(0, 'ilp_live_'.length + 12));
    expect(await overflowsPhone(page)).toBe(false);
    // … and stops at once when revoked.
    await Promise.all([
      page.waitForURL(/revoked=1/),
      page.getByRole('button', { name: /강원대학교 대학일자리플러스센터 .*폐기|revoke/i }).click(),
    ]);
    await expectAccessible(page, 'partners after revoke');
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/employers',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('adds a webhook endpoint, shows its delivery log and replays a delivery under the same id', async () => {
    await page.goto(`${t.base}/staff/admin/webhooks`);
    await expectAccessible(page, 'webhooks (empty)');
    await page.locator('input[name=url]').fill(`${rx.url}/ilteo`);
    await page.locator('select[name=centreId]').selectOption(centreId);
    await page.locator('input[name=events][value="posting.created"]').check();
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form[action="/staff/admin/webhooks"] button[type=submit]').click(),
    ]);
    const secret = (await page.locator('code.secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page, 'webhooks with the secret shown once');
    await shot(page, 'staff-admin-webhooks');

    const bizRegNo = withBizRegCheckDigit('510830001');
    const e = expectStatus(
      await counsellor.post('/api/v1/employers', { name: '춘천바이오', bizRegNo, regionCode: '51110' }),
      201,
    );
    const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const posting = expectStatus(
      await counsellor.post('/api/v1/postings', {
        employerId: e.id,
        title: '바이오 공정 생산직',
        occupationCode: '8241',
        duties: '생산 설비 운전',
        headcount: 1,
        employmentType: '10',
        wageType: 'M',
        wageMin: 2_800_000,
        regionCode: '51110',
        educationMin: '00',
        career: { type: 'Z' },
        closesAt: closes,
      }),
      201,
    ) as { id: string };
    await until(
      () => rx.got.length,
      (n) => n >= 1,
    );
    await worker.idle();

    // The endpoint's own log link (the admin tabs above hold other 기록 links).
    await page
      .locator('main a[href^="/staff/admin/webhooks/"]')
      .getByText(/기록|log/i)
      .first()
      .click();
    await page.waitForURL(/\/staff\/admin\/webhooks\/[0-9a-f-]+$/);
    const log = (await page.locator('table').textContent()) ?? '';
    expect(log).toContain(posting.id);
    await expectAccessible(page, 'delivery log');
    await shot(page, 'staff-admin-webhook-log');
    await Promise.all([
      page.waitForURL(/replayed=1/),
      page
        .getByRole('button', { name: /재전송|replay/i })
        .first()
        .click(),
    ]);
    await expectAccessible(page, 'delivery log after replay');
    await until(
      () => rx.got.length,
      (n) => n >= 2,
    );
    const [first, again] = rx.got;
    expect(again!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    for (const g of [first!, again!])
      expect(new Webhook(secret).verify(g.body, g.headers as Record<string, string>)).toMatchObject({
        type: 'posting.created',
        data: { id: posting.id },
      });
  });

  it('shows the provision ledger of what a partner read', async () => {
    const reader = expectStatus(
      await admin.post('/api/v1/partners', {
        name: '한림대학교 취업지원센터',
        centreId,
        scopes: ['seekers:read_consented'],
      }),
      201,
    ) as { id: string; key: string };
    const s = expectStatus(
      await counsellor.post('/api/v1/seekers', buildSeeker({ name: '이서연', regionCode: '51110' })),
      201,
    ) as { id: string };
    expectStatus(
      await counsellor.post(`/api/v1/seekers/${s.id}/consents`, {
        kind: 'share_network',
        recipients: '한림대학교 취업지원센터',
        purpose: '취업 연계',
        items: ['name', 'desired'],
        recipientPartnerIds: [reader.id],
      }),
      201,
    );
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/seekers/${s.id}`,
      headers: { authorization: `Bearer ${reader.key}` },
    });
    expect(read.statusCode).toBe(200);
    await page.goto(`${t.base}/staff/admin/partners/provisions`);
    const ledger = (await page.locator('main').textContent()) ?? '';
    expect(ledger).toContain('한림대학교 취업지원센터');
    await expectAccessible(page, 'provision ledger');
    expect(await overflowsPhone(page)).toBe(false);
    await shot(page, 'staff-admin-provisions');
  });
});
