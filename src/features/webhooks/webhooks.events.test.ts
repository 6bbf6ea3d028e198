import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { receiver, until } from '../../../test/support/webhook-receiver.ts';
import { startOutboxWorker } from '../../platform/outbox/outbox.worker.ts';
import { expirePostings } from '../postings/postings.expiry.ts';
import { configureWebhookSending } from './webhooks.service.ts';

// Events other features' changes emit, as a subscribed receiver sees them (verified with the
// reference library `standardwebhooks`).

const t = await testApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
configureWebhookSending({ dataKey: t.dataKey, allowPrivate: true, backoffMs: () => 300 });
const worker = startOutboxWorker(t.db, { kinds: ['webhook'], idleMs: 50 });
afterAll(() => worker.stop(1000));
const centre = await t.centre('원주고용센터', null, '51130');
const admin = await t.user('admin', null);

describe('webhook events of other features', () => {
  it('the nightly expiry sends posting.closed for each posting it expires, in its transaction', async () => {
    const rx = await receiver(() => ({ status: 204 }));
    const ep = expectStatus(
      await admin.post('/api/v1/webhooks', {
        url: `${rx.url}/closed`,
        events: ['posting.closed'],
        centreId: centre.id,
      }),
      201,
    ) as { secret: string };
    const employer = await buildEmployer(t.db, centre.id);
    const past = await buildPosting(t.db, centre.id, employer.id, { closes_at: '2026-01-10' });
    const past2 = await buildPosting(t.db, centre.id, employer.id, { closes_at: '2026-01-11' });
    const current = await buildPosting(t.db, centre.id, employer.id, { closes_at: '2099-01-01' });
    expect(await expirePostings(t.db, '2026-02-01')).toBeGreaterThanOrEqual(2);
    await until(
      () => rx.got.length,
      (n) => n >= 2,
    );
    await worker.idle();
    const bodies = rx.got.map((g) =>
      new Webhook(ep.secret).verify(g.body, g.headers as Record<string, string>),
    );
    const ids = bodies.map((b) => (b as { type: string; data: { id: string } }).data.id).sort();
    expect(ids).toEqual([past.id, past2.id].sort());
    expect(bodies.every((b) => (b as { type: string }).type === 'posting.closed')).toBe(true);
    expect(ids).not.toContain(current.id);
    // a second run expires nothing and sends nothing more
    expect(await expirePostings(t.db, '2026-02-01')).toBe(0);
    await worker.idle();
    expect(rx.got).toHaveLength(2);
  });
});
