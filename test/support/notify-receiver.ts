import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import { blindIndex, encryptField } from '../../src/platform/crypto/fields.ts';
import { normalisePhone } from '../../src/platform/domain/validate.ts';
import { type OutboxWorker, startOutboxWorker } from '../../src/platform/outbox/outbox.worker.ts';
import { testApp } from './app.ts';
import { buildSeeker } from './factories.ts';

/** What the local receiver of the `http` notification provider got. */
export interface Received {
  key: string | undefined;
  body: { id: string; channel: string; to: string; text: string; subject: string | null; alimtalk?: unknown };
}

/**
 * A test app whose notifications go through the `http` provider to a local receiver, with an
 * outbox worker for kind 'notification'. `fail` decides an HTTP status for a message (0: accept);
 * `restartWorker` starts a fresh worker after a test stopped it.
 */
export async function notifyTestbed(env: Record<string, string> = {}) {
  const received: Received[] = [];
  const receiver = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      const body = JSON.parse(data) as Received['body'];
      const status = bed.fail(body);
      if (status) {
        res.writeHead(status).end('refused');
        return;
      }
      received.push({ key: req.headers['idempotency-key'] as string | undefined, body });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messageId: `m-${received.length}` }));
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));
  const port = (receiver.address() as AddressInfo).port;
  const t = await testApp({
    ILTEO_NOTIFY_PROVIDER: 'http',
    ILTEO_NOTIFY_URL: `http://127.0.0.1:${port}/send`,
    ...env,
  });
  const centre = await t.centre('중구고용센터');
  const bed = {
    t,
    centre,
    received,
    fail: ((_b: Received['body']) => 0) as (b: Received['body']) => number,
    worker: startOutboxWorker(t.db, { kinds: ['notification'], idleMs: 50 }) as OutboxWorker,
    restartWorker() {
      bed.worker = startOutboxWorker(t.db, { kinds: ['notification'], idleMs: 50 });
    },
    drained: () => bed.worker.idle(),
    /** What the receiver got for a phone number (digits). */
    to: (digits: string) => received.filter((x) => x.body.to === digits),
    /** A seeker of the centre with this phone (null: an unreadable one) and e-mail. */
    async seeker(name = '김일터', phone: string | null = '010-1234-5678', email: string | null = null) {
      const s = await buildSeeker(t.db, centre.id, { name });
      await t.db
        .updateTable('seekers')
        .set({
          phone_enc: phone ? encryptField(t.dataKey, phone)! : 'x',
          ...(phone ? { phone_bi: blindIndex(t.dataKey, normalisePhone(phone) ?? phone) } : {}),
          email_enc: encryptField(t.dataKey, email),
        })
        .where('id', '=', s.id)
        .execute();
      return s;
    },
    rowsFor: (recipientId: string) =>
      t.db
        .selectFrom('notifications')
        .selectAll()
        .where('recipient_id', '=', recipientId)
        .orderBy('id')
        .execute(),
  };
  afterAll(() => bed.worker.stop(1000));
  return bed;
}
