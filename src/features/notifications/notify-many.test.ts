import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { OUTBOX_CHANNEL } from '../../platform/outbox/outbox.ts';
import { notifyMany } from './notifications.service.ts';
import { writePreferences } from './preferences.ts';

// notifyMany writes a batch in one statement (notifications, their outbox rows, the NOTIFY):
// what each input becomes, row by row.

const t = await testApp();
const centre = await t.centre('중구고용센터');
const variables = { company: '한빛요양원', posting: '요양보호사 모집', result: '채용 확정', centre: '중구' };
const message = (seekerId: string, more: { dedupeKey?: string; at?: Date } = {}) => ({
  templateKey: 'referral_result',
  recipient: { kind: 'seeker' as const, id: seekerId },
  centreId: centre.id,
  variables,
  source: 'test',
  ...more,
});
const outboxOf = (ids: string[]) =>
  t.db
    .selectFrom('outbox')
    .selectAll()
    .where(
      'idempotency_key',
      'in',
      ids.map((id) => `notification:${id}`),
    )
    .execute();

describe('notifyMany', () => {
  it('writes each message with its outbox row; a repeated dedupe key writes neither, a suppressed one no outbox row', async () => {
    const a = await buildSeeker(t.db, centre.id);
    const off = await buildSeeker(t.db, centre.id);
    const later = await buildSeeker(t.db, centre.id);
    await t.db
      .transaction()
      .execute((tx) =>
        writePreferences(
          tx,
          { kind: 'seeker', id: off.id, centreId: centre.id },
          { sms: false, alimtalk: false, email: false },
          'staff',
          null,
        ),
      );
    const tomorrow = new Date(Date.now() + 86_400_000);
    const key = `test:${a.id}`;
    const ids = await t.db
      .transaction()
      .execute((tx) =>
        notifyMany(tx, [
          message(a.id, { dedupeKey: key }),
          message(a.id, { dedupeKey: key }),
          message(off.id),
          message(later.id, { at: tomorrow }),
        ]),
      );
    expect(ids.map((id) => typeof id)).toEqual(['string', 'object', 'string', 'string']);
    expect(ids[1]).toBeNull();
    const [first, , suppressed, deferred] = ids as string[];

    const rows = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', 'in', [first!, suppressed!, deferred!])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first!)).toMatchObject({
      recipient_id: a.id,
      dedupe_key: key,
      source: 'test',
      variables,
    });
    expect(byId.get(suppressed!)).toMatchObject({ status: 'suppressed', error: 'notification.optedOut' });
    expect(byId.get(deferred!)).toMatchObject({ status: 'deferred', error: null });
    expect(byId.get(deferred!)!.not_before.getTime()).toBeGreaterThanOrEqual(tomorrow.getTime());

    const messages = await outboxOf([first!, suppressed!, deferred!]);
    expect(messages.map((m) => m.idempotency_key).sort()).toEqual(
      [`notification:${first}`, `notification:${deferred}`].sort(),
    );
    for (const m of messages) {
      const n = byId.get(m.payload.notificationId as string)!;
      expect(m).toMatchObject({
        kind: 'notification',
        payload: { notificationId: n.id },
        centre_id: centre.id,
        status: 'pending',
        attempts: 0,
        max_attempts: 8,
      });
      expect(m.not_before).toEqual(n.not_before);
      expect(m.next_attempt_at).toEqual(n.not_before);
    }

    // The key again, in a later transaction: nothing new.
    const again = await t.db
      .transaction()
      .execute((tx) => notifyMany(tx, [message(a.id, { dedupeKey: key })]));
    expect(again).toEqual([null]);
    const mine = await t.db.selectFrom('notifications').select('id').where('dedupe_key', '=', key).execute();
    expect(mine.map((r) => r.id)).toEqual([first]);
  });

  it('wakes a listening worker when its transaction commits', async () => {
    const listener = new pg.Client({ connectionString: t.url });
    listener.on('error', () => undefined);
    await listener.connect();
    try {
      const woken: string[] = [];
      listener.on('notification', (n) => woken.push(n.channel));
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
      const s = await buildSeeker(t.db, centre.id);
      await t.db.transaction().execute((tx) => notifyMany(tx, [message(s.id)]));
      const end = Date.now() + 60_000;
      while (woken.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(woken).toContain(OUTBOX_CHANNEL);
    } finally {
      await listener.end();
    }
  });
});
