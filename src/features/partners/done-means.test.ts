import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { until } from '../../../test/support/webhook-receiver.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { type OutboxWorker, startOutboxWorker } from '../../platform/outbox/outbox.worker.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';
import { configureWebhookSending, MAX_ATTEMPTS, webhookBackoffMs } from '../webhooks/webhooks.service.ts';

// Issue 21's "Done means", end to end: a partner university gets a key that reads open postings
// and writes referrals and nothing else; its endpoint receives signed posting.created events
// when a counsellor saves a posting, verifies them with the reference library (standardwebhooks),
// and still gets every event after being down for an hour.
//
// The hour: the outbox keeps its times in PostgreSQL (now()), so a fake JavaScript clock cannot
// move it. The test runs Standard Webhooks' real retry schedule (webhookBackoffMs) compressed
// 720 times — an hour is 5 s — and checks separately, on the uncompressed schedule, that an hour
// of failures uses fewer tries than MAX_ATTEMPTS even at the shortest jitter.

const HOUR_MS = 3_600_000;
const COMPRESSION = 720;
const t = await testApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
const centre = await t.centre('강원대학교 대학일자리플러스센터', null, '51110');
const admin = await t.user('admin', null);
const counsellor = await t.user('counsellor', centre.id);

/** The university's receiver: verifies every request with `standardwebhooks`; can go down. */
const rx = {
  secret: '',
  port: 0,
  up: true,
  server: null as Server | null,
  /** verified deliveries: webhook-id → body, and when each came */
  got: [] as { id: string; type: string; postingId: string; at: number; headers: IncomingHttpHeaders }[],
  bad: 0,
};
function listen(port: number) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      try {
        const p = new Webhook(rx.secret).verify(body, req.headers as Record<string, string>) as {
          type: string;
          data: { id: string };
        };
        const id = String(req.headers['webhook-id']);
        rx.got.push({ id, type: p.type, postingId: p.data.id, at: Date.now(), headers: req.headers });
        res.writeHead(204).end();
      } catch {
        rx.bad++;
        res.writeHead(400).end();
      }
    });
  });
  return new Promise<void>((r) =>
    server.listen(port, '127.0.0.1', () => {
      rx.port = (server.address() as AddressInfo).port;
      rx.server = server;
      r();
    }),
  );
}
/** Down: nothing listens on the port any more (connection refused), not a polite 503. */
function down() {
  const s = rx.server!;
  rx.server = null;
  s.closeAllConnections();
  return new Promise<void>((r) => s.close(() => r()));
}
await listen(0);
afterAll(async () => {
  if (rx.server) await down();
});

let worker: OutboxWorker | null = null;
afterAll(() => worker?.stop(1000));

let n = 0;
async function savePosting(title: string) {
  const bizRegNo = withBizRegCheckDigit(`5108${String(++n).padStart(5, '0')}`);
  const e = expectStatus(
    await counsellor.post('/api/v1/employers', { name: `춘천바이오${n}`, bizRegNo, regionCode: '51110' }),
    201,
  );
  const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return expectStatus(
    await counsellor.post('/api/v1/postings', {
      employerId: e.id,
      title,
      occupationCode: '8241',
      duties: '바이오 소재 생산 설비 운전',
      headcount: 2,
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
}

const partner = expectStatus(
  await admin.post('/api/v1/partners', {
    name: '강원대학교 대학일자리플러스센터',
    centreId: centre.id,
    scopes: ['postings:read', 'referrals:write'],
  }),
  201,
) as { id: string; key: string };
const as = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${partner.key}` },
    ...(payload ? { payload } : {}),
  });

describe('issue 21 done means: a partner university', () => {
  it('gets a key that reads open postings and writes referrals, and nothing else', async () => {
    expect(partner.key).toMatch(/^ilp_live_[a-z0-9]{12}_/);
    const open = await savePosting('바이오 공정 생산직');
    const listed = expectStatus(await as('GET', '/api/v1/postings?pageSize=100'), 200);
    expect(listed.items.map((p: { id: string }) => p.id)).toContain(open.id);
    expectStatus(await as('GET', `/api/v1/postings/${open.id}`), 200);
    // Not open: a posting an employer submitted, waiting for review, is not there for it.
    const [pendingId] = (
      await t.db
        .updateTable('postings')
        .set({ status: 'pending' })
        .where('id', '=', (await savePosting('검토 대기 공고')).id)
        .returning('id')
        .execute()
    ).map((r) => r.id);
    expectStatus(await as('GET', `/api/v1/postings/${pendingId}`), 404);

    // A student who consented to this university receiving the referral's data.
    const student = expectStatus(
      await counsellor.post('/api/v1/seekers', buildSeeker({ name: '김하늘', regionCode: '51110' })),
      201,
    ) as { id: string };
    expectStatus(
      await counsellor.post(`/api/v1/seekers/${student.id}/consents`, {
        kind: 'share_network',
        recipients: '강원대학교 대학일자리플러스센터',
        purpose: '취업 알선',
        items: ['name', 'desired'],
        recipientPartnerIds: [partner.id],
      }),
      201,
    );
    const referral = expectStatus(
      await as('POST', '/api/v1/referrals', { seekerId: student.id, postingId: open.id }),
      201,
    );
    expect(referral).toMatchObject({ seekerId: student.id, postingId: open.id, status: 'referred' });

    // Nothing else: every operation the document marks with another scope, or none, refuses it.
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const refused: string[] = [];
    const allowed: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue; // public
        const scope = op.security?.find((s) => 'partnerKey' in s)?.partnerKey?.[0];
        const name = `${method.toUpperCase()} ${path}`;
        if (scope === 'postings:read' || scope === 'referrals:write') {
          allowed.push(name);
          continue;
        }
        const r = await as(
          method.toUpperCase() as 'GET',
          path.replace(/\{\w+\}/g, '0190d5a0-0000-7000-8000-000000000000'),
        );
        if (r.statusCode !== 403 || r.json().code !== 'partner.scope')
          refused.push(`${name} ${r.statusCode}`);
      }
    }
    expect(refused).toEqual([]);
    expect(allowed).toEqual(expect.arrayContaining(['POST /api/v1/referrals', 'GET /api/v1/employers']));
    for (const [method, url] of [
      ['GET', '/api/v1/seekers'],
      ['POST', '/api/v1/postings'],
      ['GET', '/api/v1/referrals'],
      ['POST', '/api/v1/partner/webhooks'],
    ] as const)
      expectStatus(await as(method, url, method === 'POST' ? {} : undefined), 403);
  });

  it('its endpoint receives the signed posting.created of a saved posting, at once', async () => {
    const ep = expectStatus(
      await admin.post('/api/v1/webhooks', {
        url: `http://127.0.0.1:${rx.port}/ilteo`,
        events: ['posting.created'],
        centreId: centre.id,
      }),
      201,
    ) as { id: string; secret: string };
    rx.secret = ep.secret;
    configureWebhookSending({ dataKey: t.dataKey, allowPrivate: true });
    // A worker that looks for work once a minute: only the commit's NOTIFY can wake it sooner.
    worker = startOutboxWorker(t.db, { kinds: ['webhook'], idleMs: 60_000 });
    await worker.idle();
    // Its LISTEN connection opens beside the loop: save only once it listens.
    await until(
      async () =>
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'ilteo-outbox-listen'
              AND query ILIKE 'LISTEN%'`.execute(t.db)
        ).rows[0]!.n,
      (k) => k > 0,
      30_000,
    );
    const before = Date.now();
    const p = await savePosting('바이오 품질관리 보조');
    const saved = Date.now();
    const [got] = await until(
      () => rx.got.filter((g) => g.postingId === p.id),
      (x) => x.length > 0,
      30_000,
    );
    expect(got).toMatchObject({ type: 'posting.created', postingId: p.id });
    expect(rx.bad).toBe(0);
    expect(Number(got!.headers['webhook-timestamp']) * 1000).toBeGreaterThanOrEqual(before - 1000);
    const log = expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries`), 200);
    expect(log.items[0]).toMatchObject({ subjectId: p.id, attempts: 1, webhookId: got!.id });
    // Woken by the commit's NOTIFY, not by the minute's look (which `until` does not wait for).
    // The figure is printed, not asserted: the machine's load decides wall times.
    process.stderr.write(`[done-means] save → verified delivery: ${got!.at - saved} ms\n`);
    await worker.stop(1000);
    worker = null;
  });

  it('an hour of failures uses fewer tries than the schedule has, even at the shortest jitter', () => {
    let spent = 0;
    let tries = 1; // the first, at once
    while (spent <= HOUR_MS) {
      spent += 0.5 * webhookBackoffMs(tries);
      tries++;
    }
    // `tries` counts the first try after the hour as well.
    expect(tries).toBeLessThan(MAX_ATTEMPTS);
    // And the longest wait after it is a few hours, not days.
    expect(webhookBackoffMs(tries)).toBeLessThanOrEqual(6 * HOUR_MS);
  });

  it('still gets every event after being down for an hour', { timeout: 180_000 }, async () => {
    configureWebhookSending({
      dataKey: t.dataKey,
      allowPrivate: true,
      backoffMs: (a) => webhookBackoffMs(a) / COMPRESSION,
    });
    worker = startOutboxWorker(t.db, { kinds: ['webhook'], idleMs: 20 });
    const port = rx.port;
    await down();
    const wentDown = Date.now();
    const saved: string[] = [];
    for (const title of ['야간 생산직', '설비 보전', '물류 관리', '연구 보조'])
      saved.push((await savePosting(title)).id);
    // The hour (compressed): every try meets a closed port.
    await new Promise((r) => setTimeout(r, HOUR_MS / COMPRESSION - (Date.now() - wentDown)));
    expect(rx.got.filter((g) => saved.includes(g.postingId))).toEqual([]);
    const ep = (
      expectStatus(await admin.get('/api/v1/webhooks'), 200) as { items: { id: string; url: string }[] }
    ).items.find((e) => e.url.endsWith(`:${port}/ilteo`))!;
    const during = expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries?pageSize=10`), 200);
    const mine = during.items.filter((d: { subjectId: string }) => saved.includes(d.subjectId));
    expect(mine).toHaveLength(4);
    for (const d of mine) {
      expect(d.status).toBe('pending');
      expect(d.attempts).toBeGreaterThanOrEqual(2);
      expect(d.lastError).toMatch(/ECONNREFUSED|fetch failed|connect/i);
    }

    await listen(port);
    const back = await until(
      () => new Set(rx.got.filter((g) => saved.includes(g.postingId)).map((g) => g.postingId)),
      (s) => s.size === 4,
      120_000,
    );
    expect([...back].sort()).toEqual([...saved].sort());
    await worker.idle();
    const after = expectStatus(await admin.get(`/api/v1/webhooks/${ep.id}/deliveries?pageSize=10`), 200);
    const delivered = after.items.filter((d: { subjectId: string }) => saved.includes(d.subjectId));
    expect(delivered.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    // Each under the webhook-id it was first tried with, once, all signatures verified.
    const ids = rx.got.filter((g) => saved.includes(g.postingId)).map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(delivered.map((d: { webhookId: string }) => d.webhookId).sort());
    expect(rx.bad).toBe(0);
  });
});
