import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { verifyChain } from '../../features/accounts/audit.service.ts';
import { uuidv7 } from '../ids.ts';
import { type AccessEntry, recordAccesses } from './access-log.ts';

const t = await testApp();

function views(n: number, centreId: string | null): AccessEntry[] {
  return Array.from({ length: n }, () => ({
    actor: null,
    ip: '127.0.0.1',
    action: 'view' as const,
    subjectType: 'seeker',
    subjectId: uuidv7(),
    centreId,
  }));
}

async function rowsFor(subjectIds: string[]) {
  return t.db.selectFrom('access_log').select('subject_id').where('subject_id', 'in', subjectIds).execute();
}

describe('access-log group commit outside a transaction', async () => {
  const a = await t.centre('가센터');
  const b = await t.centre('나센터');

  it('writes the rows of concurrent requests in fewer statements, every row once, each chain intact', async () => {
    const statements: string[] = [];
    const orig = pg.Client.prototype.query;
    const spy = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as string | { text?: string };
      const text = typeof q === 'string' ? q : q?.text;
      if (text && /^\s*insert into "?access_log"? /i.test(text)) statements.push(text);
      return (orig as (...a: unknown[]) => unknown).apply(this, args);
    };
    (pg.Client.prototype as unknown as { query: typeof spy }).query = spy;
    const requests = Array.from({ length: 40 }, (_, i) => views(20, i % 3 === 0 ? b.id : a.id));
    try {
      await Promise.all(requests.map((r) => recordAccesses(t.db, r)));
    } finally {
      (pg.Client.prototype as unknown as { query: typeof orig }).query = orig;
    }
    const ids = requests.flat().map((e) => e.subjectId);
    expect(await rowsFor(ids)).toHaveLength(800);
    // The first request goes alone; the others queued behind it share statements.
    expect(statements.length).toBeGreaterThanOrEqual(2);
    expect(statements.length).toBeLessThan(40);
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, brokenAt: null });
  });

  it('fails only the request whose row the database refuses', async () => {
    const good = views(5, a.id);
    const bad: AccessEntry[] = [{ ...views(1, a.id)[0]!, action: 'peek' as AccessEntry['action'] }];
    const late = views(5, b.id);
    const results = await Promise.allSettled([
      recordAccesses(t.db, views(1, a.id)), // runs alone; the next three share a statement
      recordAccesses(t.db, good),
      recordAccesses(t.db, bad), // an action the check constraint refuses
      recordAccesses(t.db, late),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await rowsFor(good.map((e) => e.subjectId))).toHaveLength(5);
    expect(await rowsFor(late.map((e) => e.subjectId))).toHaveLength(5);
    expect(await rowsFor(bad.map((e) => e.subjectId))).toHaveLength(0);
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, brokenAt: null });
  });

  it('writes inside the caller’s transaction when given one, and rolls back with it', async () => {
    const entries = views(3, a.id);
    await expect(
      t.db.transaction().execute(async (tx) => {
        await recordAccesses(tx, entries);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await rowsFor(entries.map((e) => e.subjectId))).toHaveLength(0);
  });
});
