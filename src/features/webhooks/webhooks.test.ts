import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';
import { type Received, receiver, until } from '../../../test/support/webhook-receiver.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { startOutboxWorker } from '../../platform/outbox/outbox.worker.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';
import { sendWebhook } from './webhooks.send.ts';
import {
  configureWebhookSending,
  createEndpoint,
  emitWebhookEvent,
  MAX_ATTEMPTS,
  webhookBackoffMs,
} from './webhooks.service.ts';
import { isPrivateAddress, PrivateAddressError } from './webhooks.ssrf.ts';

// Receivers here verify with `standardwebhooks`, the reference library, never ilteo's own code.

const t = await testApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
// Retries a few hundred milliseconds apart, so the schedule's shape is tested without its hours.
configureWebhookSending({ dataKey: t.dataKey, allowPrivate: true, backoffMs: () => 300 });
const worker = startOutboxWorker(t.db, { kinds: ['webhook'], idleMs: 50 });
afterAll(() => worker.stop(1000));

const centre = await t.centre('춘천고용센터', null, '51110');
const admin = await t.user('admin', null);
const staff = await t.user('counsellor', centre.id);
let n = 0;

function verify(secret: string, r: Received) {
  return new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
}

async function endpoint(url: string, events: string[]) {
  return expectStatus(await admin.post('/api/v1/webhooks', { url, events, centreId: centre.id }), 201) as {
    id: string;
    secret: string;
  };
}

async function posting(c: Client) {
  const bizRegNo = withBizRegCheckDigit(`3108${String(++n).padStart(5, '0')}`);
  const e = expectStatus(
    await c.post('/api/v1/employers', { name: `웹훅기업${n}`, bizRegNo, regionCode: '51110' }),
    201,
  );
  const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return expectStatus(
    await c.post('/api/v1/postings', {
      employerId: e.id,
      title: '생산직 사원',
      occupationCode: '8241',
      duties: '용접 및 조립',
      headcount: 1,
      employmentType: '10',
      wageType: 'M',
      wageMin: 2_600_000,
      regionCode: '51110',
      educationMin: '00',
      career: { type: 'Z' },
      closesAt: closes,
    }),
    201,
  ) as { id: string };
}

describe('webhooks (Standard Webhooks through the outbox)', () => {
  it('sends a signed, thin posting.created that the reference library verifies, once', async () => {
    const rx = await receiver(() => ({ status: 204 }));
    const ep = await endpoint(`${rx.url}/hook`, ['posting.created', 'posting.closed']);
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const p = await posting(staff);
    await until(
      () => rx.got.length,
      (k) => k >= 1,
    );
    expect(rx.got).toHaveLength(1);
    const r = rx.got[0]!;
    expect(verify(ep.secret, r)).toMatchObject({ type: 'posting.created', data: { id: p.id } });
    const body = JSON.parse(r.body);
    expect(Object.keys(body).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(body.data).toEqual({ id: p.id });
    expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    // A wrong secret does not verify.
    expect(() => verify(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, r)).toThrow();
    const log = await until(
      async () => expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries`), 200),
      (l) => l.items[0]?.status === 'delivered',
    );
    expect(log.items[0]).toMatchObject({
      type: 'posting.created',
      subjectId: p.id,
      status: 'delivered',
      attempts: 1,
      lastStatus: 204,
      webhookId: r.headers['webhook-id'],
    });
    // posting.updated is not subscribed: nothing more arrives for an edit.
    expectStatus(await staff.patch(`/api/v1/postings/${p.id}`, { title: '생산직 사원(주간)' }), 200);
    expectStatus(await staff.post(`/api/v1/postings/${p.id}/status`, { status: 'closed' }), 200);
    await until(
      () => rx.got.length,
      (k) => k >= 2,
    );
    await new Promise((res) => setTimeout(res, 300));
    expect(rx.got.map((g) => JSON.parse(g.body).type)).toEqual(['posting.created', 'posting.closed']);
  });

  it('writes nothing for a rolled-back change', async () => {
    const rx = await receiver(() => ({ status: 200 }));
    const ep = await endpoint(`${rx.url}/rollback`, ['posting.updated']);
    await expect(
      t.db.transaction().execute(async (tx) => {
        await emitWebhookEvent(tx, { type: 'posting.updated', subjectId: ep.id, centreId: centre.id });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const log = expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries`), 200);
    expect(log.total).toBe(0);
    await new Promise((res) => setTimeout(res, 300));
    expect(rx.got).toHaveLength(0);
  });

  it('retries failures (5xx, 3xx not followed) under the same webhook-id, each try signed afresh, then delivers', async () => {
    const rx = await receiver((_path, k) =>
      k === 1
        ? { status: 500 }
        : k === 2
          ? { status: 302, headers: { location: '/elsewhere' } }
          : { status: 200 },
    );
    const ep = await endpoint(`${rx.url}/flaky`, ['posting.created']);
    await posting(staff);
    await until(
      () => rx.got.length,
      (k) => k >= 3,
    );
    expect(rx.got.map((g) => g.path)).toEqual(['/flaky', '/flaky', '/flaky']);
    const ids = new Set(rx.got.map((g) => g.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const g of rx.got) verify(ep.secret, g);
    const log = await until(
      async () => expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries`), 200),
      (l) => l.items[0]?.status === 'delivered',
    );
    expect(log.items[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200 });
    expect(webhookBackoffMs(1)).toBeGreaterThan(5_000);
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => webhookBackoffMs(i + 1) * 0.75).reduce(
      (a, b) => a + b,
      0,
    );
    expect(MAX_ATTEMPTS).toBe(24);
    expect(total / 3_600_000).toBeGreaterThan(70); // about three days on average, with jitter
    expect(total / 3_600_000).toBeLessThan(80);
  });

  it('disables an endpoint that answers 410, refuses replay until it is enabled, and replays with the same id', async () => {
    let gone = true;
    const rx = await receiver(() => ({ status: gone ? 410 : 200 }));
    const ep = await endpoint(`${rx.url}/gone`, ['posting.created']);
    await posting(staff);
    const log = await until(
      async () => expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries`), 200),
      (l) => l.items[0]?.status === 'failed' && l.endpoint.status === 'disabled',
    );
    expect(log.endpoint).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
    expect(log.items[0]).toMatchObject({ status: 'failed', lastStatus: 410, attempts: 1 });
    expect(rx.got).toHaveLength(1);
    await posting(staff);
    await new Promise((res) => setTimeout(res, 300));
    expect(expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries`), 200).total).toBe(1);
    const d = log.items[0];
    const refused = expectStatus(
      await admin.post(`/api/v1/webhooks/${ep.id}/deliveries/${d.id}/replay`),
      409,
    );
    expect(refused.code).toBe('webhook.disabled');
    expect(log.changes).toEqual([
      expect.objectContaining({ action: 'disabled', reason: 'gone', httpStatus: 410, actorId: null }),
    ]);
    gone = false;
    expectStatus(await admin.post(`/api/v1/webhooks/${ep.id}/enable`), 200);
    // Enabling again (already active) changes and records nothing.
    expectStatus(await admin.post(`/api/v1/webhooks/${ep.id}/enable`), 200);
    const after = expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries`), 200);
    expect(after.endpoint).toMatchObject({ status: 'active', disabledReason: null });
    expect(after.changes.map((c: { action: string; reason: string }) => [c.action, c.reason])).toEqual([
      ['enabled', 'gone'],
      ['disabled', 'gone'],
    ]);
    expect(after.changes[0].actorName).toBeTruthy();
    const page = await admin.get(`/staff/admin/webhooks/${ep.id}`);
    expect(page.body).toContain('상태 변경 기록');
    expect(page.body).toContain('HTTP 410(Gone)으로 답해 사용 중지');
    expect(page.body).toContain(
      `${after.changes[0].actorName}이(가) 다시 사용하도록 바꿈 (410으로 중지되었던 주소)`,
    );
    await expect(
      t.db.deleteFrom('webhook_endpoint_changes').where('endpoint_id', '=', ep.id).execute(),
    ).rejects.toThrow(/append-only/);
    expectStatus(await admin.post(`/api/v1/webhooks/${ep.id}/deliveries/${d.id}/replay`), 202);
    await until(
      () => rx.got.length,
      (k) => k >= 2,
    );
    expect(rx.got[1]!.headers['webhook-id']).toBe(rx.got[0]!.headers['webhook-id']);
    verify(ep.secret, rx.got[1]!);
  });

  it('signs with the new and the old secret during the grace period after a rotation', async () => {
    const rx = await receiver(() => ({ status: 200 }));
    const ep = await endpoint(`${rx.url}/rotate`, ['referral.created', 'referral.status_changed']);
    const rotated = expectStatus(await admin.post(`/api/v1/webhooks/${ep.id}/rotate-secret`, {}), 200);
    expect(rotated.secret).not.toBe(ep.secret);
    expect(rotated.previousSecretValidUntil).not.toBeNull();
    const seeker = expectStatus(await staff.post('/api/v1/seekers', buildSeeker()), 201);
    const p = await posting(staff);
    const ref = expectStatus(
      await staff.post('/api/v1/referrals', { seekerId: seeker.id, postingId: p.id }),
      201,
    );
    expectStatus(await staff.post(`/api/v1/referrals/${ref.id}/status`, { status: 'screening' }), 200);
    await until(
      () => rx.got.length,
      (k) => k >= 2,
    );
    const types = rx.got.map((g) => JSON.parse(g.body).type).sort();
    expect(types).toEqual(['referral.created', 'referral.status_changed']);
    for (const g of rx.got) {
      expect(String(g.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verify(rotated.secret, g)).toMatchObject({ data: { id: ref.id } });
      verify(ep.secret, g);
    }
  });

  it('is for admins only', async () => {
    expectStatus(
      await staff.post('/api/v1/webhooks', { url: 'https://example.org/h', events: ['posting.created'] }),
      403,
    );
    expectStatus(await staff.get('/api/v1/webhooks'), 403);
    expect((await admin.get('/staff/admin/webhooks')).statusCode).toBe(200);
    expect((await staff.get('/staff/admin/webhooks')).statusCode).toBe(403);
  });
});

describe('SSRF guard', () => {
  it('knows private, loopback, link-local and mapped addresses', () => {
    for (const a of [
      '10.1.2.3',
      '127.0.0.1',
      '192.168.0.10',
      '172.20.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd12::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '211.234.10.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses private and loopback targets after DNS unless allowed, at creation and at sending', async () => {
    const ctx = { db: t.db, actor: { ...(await adminActor()) }, ip: null, lang: 'ko' as const };
    const refuse = async (url: string, key: string) => {
      const err = await createEndpoint(
        ctx,
        { url, events: ['posting.created'], centreId: centre.id },
        { dataKey: t.dataKey, allowPrivate: false },
      ).then(
        () => null,
        (e: { fields?: { field: string; key: string }[] }) => e,
      );
      expect(err?.fields?.[0], url).toEqual({ field: 'url', key });
    };
    await refuse('http://example.org/hook', 'webhook.https');
    await refuse('https://127.0.0.1/hook', 'webhook.privateAddress');
    await refuse('https://[::1]/hook', 'webhook.privateAddress');
    await refuse('https://localhost/hook', 'webhook.privateAddress');
    await refuse('https://10.0.0.8/hook', 'webhook.privateAddress');
    const rx = await receiver(() => ({ status: 200 }));
    await expect(
      sendWebhook(`${rx.url.replace('127.0.0.1', 'localhost')}/x`, {}, '{}', { allowPrivate: false }),
    ).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(sendWebhook(`${rx.url}/x`, {}, '{}', { allowPrivate: false })).rejects.toBeInstanceOf(
      PrivateAddressError,
    );
    expect(rx.got).toHaveLength(0);
    const ok = await sendWebhook(`${rx.url.replace('127.0.0.1', 'localhost')}/x`, {}, '{}', {
      allowPrivate: true,
    });
    expect(ok.status).toBe(200);
  });
});

async function adminActor() {
  const { accountActor } = await import('../accounts/sessions.service.ts');
  return (await accountActor(t.db, admin.user.id))!;
}
