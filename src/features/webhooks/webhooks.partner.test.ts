import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer } from '../../../test/support/factories.ts';
import { receiver, until } from '../../../test/support/webhook-receiver.ts';
import { startOutboxWorker } from '../../platform/outbox/outbox.worker.ts';
import { configureWebhookSending, emitWebhookEvent } from './webhooks.service.ts';

// A partner key with the scope webhooks:manage creates, lists and deletes its own endpoints.

const t = await testApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
configureWebhookSending({ dataKey: t.dataKey, allowPrivate: true, backoffMs: () => 300 });
const worker = startOutboxWorker(t.db, { kinds: ['webhook'], idleMs: 50 });
afterAll(() => worker.stop(1000));
const centre = await t.centre('춘천시일자리센터', null, '51110');
const admin = await t.user('admin', null);
let n = 0;
async function partnerKey(scopes: string[]) {
  return (
    expectStatus(
      await admin.post('/api/v1/partners', { name: `한림대학교${++n}`, centreId: centre.id, scopes }),
      201,
    ) as { key: string }
  ).key;
}
const as = (key: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

describe('partner-managed webhook endpoints', () => {
  it('a key with webhooks:manage adds, lists and deletes its own endpoints, and receives signed events', async () => {
    const rx = await receiver(() => ({ status: 204 }));
    const key = await partnerKey(['postings:read', 'webhooks:manage']);
    const other = await partnerKey(['postings:read', 'webhooks:manage']);
    const mine = expectStatus(
      await as(key, 'POST', '/api/v1/partner/webhooks', {
        url: `${rx.url}/mine`,
        events: ['posting.created'],
      }),
      201,
    ) as { id: string; secret: string; centreId: string };
    expect(mine.secret).toMatch(/^whsec_/);
    expect(mine.centreId).toBe(centre.id);
    const theirs = expectStatus(
      await as(other, 'POST', '/api/v1/partner/webhooks', {
        url: `${rx.url}/theirs`,
        events: ['posting.created'],
      }),
      201,
    ) as { id: string };
    const listed = expectStatus(await as(key, 'GET', '/api/v1/partner/webhooks'), 200);
    expect(listed.items.map((e: { id: string }) => e.id)).toEqual([mine.id]);

    const employer = await buildEmployer(t.db, centre.id);
    await t.db
      .transaction()
      .execute((tx) =>
        emitWebhookEvent(tx, { type: 'posting.created', subjectId: employer.id, centreId: centre.id }),
      );
    await until(
      () => rx.got.filter((g) => g.path === '/mine').length,
      (x) => x >= 1,
    );
    const [got] = rx.got.filter((g) => g.path === '/mine');
    expect(new Webhook(mine.secret).verify(got!.body, got!.headers as Record<string, string>)).toMatchObject({
      type: 'posting.created',
    });

    // another partner's endpoint is not its own; its own goes, and nothing more is sent to it
    expect((await as(key, 'DELETE', `/api/v1/partner/webhooks/${theirs.id}`)).statusCode).toBe(404);
    expect((await as(key, 'DELETE', `/api/v1/partner/webhooks/${mine.id}`)).statusCode).toBe(204);
    expect((await as(key, 'DELETE', `/api/v1/partner/webhooks/${mine.id}`)).statusCode).toBe(404);
    expect(expectStatus(await as(key, 'GET', '/api/v1/partner/webhooks'), 200).items).toEqual([]);
    // The admins' log says the partner deleted it; an admin cannot turn it back on.
    const log = expectStatus(await admin.get(`/api/v1/webhooks/${mine.id}/deliveries`), 200);
    expect(log.changes).toEqual([expect.objectContaining({ action: 'disabled', reason: 'deleted' })]);
    expect(expectStatus(await admin.post(`/api/v1/webhooks/${mine.id}/enable`), 409).code).toBe(
      'webhook.deleted',
    );
    await t.db
      .transaction()
      .execute((tx) =>
        emitWebhookEvent(tx, { type: 'posting.created', subjectId: employer.id, centreId: centre.id }),
      );
    await until(
      () => rx.got.filter((g) => g.path === '/theirs').length,
      (x) => x >= 2,
    );
    await worker.idle();
    expect(rx.got.filter((g) => g.path === '/mine')).toHaveLength(1);
  });

  it('a key without the scope gets 403 naming it, and the admins’ endpoints stay out of reach', async () => {
    const key = await partnerKey(['postings:read']);
    const r = await as(key, 'POST', '/api/v1/partner/webhooks', {
      url: 'https://example.com/x',
      events: ['posting.created'],
    });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ scope: 'webhooks:manage' });
    const withScope = await partnerKey(['webhooks:manage']);
    expect((await as(withScope, 'GET', '/api/v1/webhooks')).statusCode).toBe(403);
  });

  it('a partner subscribes only to what its key may act on: postings:read, referrals:write, events:read', async () => {
    const rx = await receiver(() => ({ status: 204 }));
    const bare = await partnerKey(['webhooks:manage']);
    const refused = expectStatus(
      await as(bare, 'POST', '/api/v1/partner/webhooks', {
        url: `${rx.url}/bare`,
        events: ['posting.created', 'posting.closed', 'referral.status_changed'],
      }),
      400,
    );
    expect(refused.errors.map((e: { field: string }) => e.field)).toEqual([
      'events[0]',
      'events[1]',
      'events[2]',
    ]);
    expect(refused.errors[0].message).toContain('postings:read');
    expect(refused.errors[2].message).toContain('referrals:write');
    const referrer = await partnerKey(['referrals:write', 'webhooks:manage']);
    expectStatus(
      await as(referrer, 'POST', '/api/v1/partner/webhooks', {
        url: `${rx.url}/referrals`,
        events: ['referral.created', 'referral.status_changed'],
      }),
      201,
    );
  });

  it('hiring events and bookings need events:read: to subscribe, and nothing else', async () => {
    const rx = await receiver(() => ({ status: 204 }));
    const without = await partnerKey(['postings:read', 'webhooks:manage']);
    const types = ['posting.created', 'event.published', 'booking.cancelled'];
    const refused = expectStatus(
      await as(without, 'POST', '/api/v1/partner/webhooks', { url: `${rx.url}/no`, events: types }),
      400,
    );
    expect(refused.errors.map((e: { field: string }) => e.field)).toEqual(['events[1]', 'events[2]']);
    expect(refused.errors[0].message).toContain('events:read');
    expect(refused.errors[1].message).toContain('booking.cancelled');
    // An admin adding an endpoint for such a partner is held to the same rule.
    const partnerOnly = expectStatus(
      await admin.post('/api/v1/partners', {
        name: '행사 없는 대학',
        centreId: centre.id,
        scopes: ['postings:read'],
      }),
      201,
    ) as { id: string };
    expect(
      expectStatus(
        await admin.post('/api/v1/webhooks', {
          url: `${rx.url}/admin`,
          events: ['booking.created'],
          partnerId: partnerOnly.id,
        }),
        400,
      ).errors[0].message,
    ).toContain('events:read');
    // With events:read the subscription is taken and the published event arrives, signed.
    const withScope = await partnerKey(['events:read', 'postings:read', 'webhooks:manage']);
    const ep = expectStatus(
      await as(withScope, 'POST', '/api/v1/partner/webhooks', { url: `${rx.url}/events`, events: types }),
      201,
    ) as { secret: string };
    const subject = (await buildEmployer(t.db, centre.id)).id;
    await t.db
      .transaction()
      .execute((tx) =>
        emitWebhookEvent(tx, { type: 'event.published', subjectId: subject, centreId: centre.id }),
      );
    const [got] = await until(
      () => rx.got.filter((g) => g.path === '/events'),
      (x) => x.length >= 1,
    );
    expect(new Webhook(ep.secret).verify(got!.body, got!.headers as Record<string, string>)).toMatchObject({
      type: 'event.published',
      data: { id: subject },
    });
    // The scope grants no API permission: the events reads a partner needs are public.
    const onlyEvents = await partnerKey(['events:read']);
    expect(
      expectStatus(await as(onlyEvents, 'GET', '/api/v1/events?from=2026-01-01&to=2026-12-31'), 200),
    ).toHaveProperty('items');
    expect((await as(onlyEvents, 'GET', '/api/v1/partner/webhooks')).statusCode).toBe(403);
  });
});
