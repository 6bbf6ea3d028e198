import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { verifyChain } from '../accounts/audit.service.ts';
import { insertSeeker, insertSeekers } from '../seekers/test-helpers.ts';
import { presentRejected, runImport } from './imports.service.ts';

// A database error inside one batch that validation could not foresee, provoked for real: a
// seeker deleted while the file streams in, and the same hire saved by someone else between
// the import's check and its insert.
const t = await testApp();
const { db } = t;
const centre = await t.centre('광주일자리센터', null, '29110');
const user = await t.user('counsellor', centre.id);
const actor: Actor = {
  userId: user.user.id,
  login: user.login,
  name: '상담사',
  role: 'counsellor',
  centreId: centre.id,
  employerId: null,
  seekerId: null,
  centreScope: [centre.id],
  via: 'session',
  sessionId: null,
};

const countFor = async (seekerIds: string[]) =>
  Number(
    (
      await db
        .selectFrom('employments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('seeker_id', 'in', seekerIds)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function until(what: string, ok: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** True while a backend of this test's database waits for a lock (the import's insert). */
const someoneWaits = async () =>
  Number(
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db)
    ).rows[0]!.n,
  ) > 0;

describe('a batch the database refuses', () => {
  it('partial: keeps every other row of a 1,500-row file when a seeker is deleted mid-file', async () => {
    const seekers = await insertSeekers(db, centre.id, 1500, 'GJ-');
    const gone = await insertSeeker(db, centre.id, { externalId: 'GJ-GONE' });
    const line = (i: number) =>
      `${i === 1200 ? 'GJ-GONE' : `GJ-${i}`},(주)빛고을정밀기계 광산구 제${i}공장,2026-02-${String(1 + (i % 28)).padStart(2, '0')},self\n`;
    let first = 'seekerExternalId,employerName,startDate,route\n';
    // The parser holds a chunk's last line until more text arrives: row 1,001 lets row 1,000 out.
    for (let i = 1; i <= 1001; i++) first += line(i);
    let second = '';
    for (let i = 1002; i <= 1500; i++) second += line(i);
    // The first chunk must pass the encoding sniffer (64 KB) on its own, or the wait below never ends.
    expect(Buffer.byteLength(first)).toBeGreaterThan(64 * 1024);

    let firstBatchWritten!: () => void;
    const written = new Promise<void>((r) => {
      firstBatchWritten = r;
    });
    async function* source() {
      yield first;
      // Row 1,200 was resolved from the centre's external ids when row 1 was read; the seeker
      // disappears (committed by another connection) before its batch is written.
      await Promise.race([
        written,
        new Promise((_, fail) =>
          setTimeout(() => fail(new Error('the first batch was never written')), 20_000),
        ),
      ]);
      await db.deleteFrom('seekers').where('id', '=', gone).execute();
      yield second;
    }
    const r = await runImport({
      db,
      dataKey: t.dataKey,
      actor,
      kind: 'employments',
      partial: true,
      source: source(),
      onRows: (n) => {
        if (n >= 1000) firstBatchWritten();
      },
    });
    expect(r.status).toBe('done');
    expect(r.rows).toBe(1500);
    expect(r.imported).toBe(1499);
    expect(presentRejected(r.rejected, 'ko')).toEqual([
      {
        row: 1200,
        errors: [
          {
            field: 'seekerId',
            message:
              '1200행이 가리키는 데이터(구직자·기업·공고 등)가 없거나 방금 삭제되어 저장하지 못했습니다.',
          },
        ],
      },
    ]);
    expect(await countFor(seekers)).toBe(1499);
    const history = await db
      .selectFrom('imports')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(history).toMatchObject({ status: 'done', imported: 1499, rejected: 1 });
    // Rows rolled back to their savepoint took their access-log rows with them: the chain holds.
    expect(await verifyChain(db)).toMatchObject({ ok: true, brokenAt: null });
  }, 60_000);

  /**
   * Imports eight rows while another connection holds an uncommitted employment equal to row 5:
   * the import's check cannot see it, its insert waits for it, and fails once it commits.
   */
  async function raceRowFive(partial: boolean) {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await insertSeeker(db, centre.id));
    const file = [
      'seekerId,employerName,startDate,route',
      ...ids.map((id, i) => `${id},상무지구 카페 ${i % 2 ? '본점' : '2호점'},2026-03-0${i + 1},self`),
    ].join('\n');
    const competitor = uuidv7();
    const other = await t.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO employments (id, seeker_id, centre_id, employer_name, start_date, route)
         VALUES ($1, $2, $3, '상무지구카페 2호점', '2026-03-05', 'self')`,
        [competitor, ids[4], centre.id],
      );
      const running = runImport({
        db,
        dataKey: t.dataKey,
        actor,
        kind: 'employments',
        partial,
        source: [file],
      });
      try {
        await until('the import to wait for the uncommitted row', someoneWaits);
      } finally {
        await other.query('COMMIT');
      }
      return { r: await running, ids, competitor };
    } finally {
      other.release();
    }
  }

  it('partial: a hire saved by someone else during the import refuses that row only', async () => {
    const { r, ids, competitor } = await raceRowFive(true);
    expect(r.status).toBe('done');
    expect(r.imported).toBe(7);
    expect(presentRejected(r.rejected, 'ko')).toEqual([
      {
        row: 5,
        errors: [
          {
            field: 'row',
            message: `5행은 이미 등록된 취업 기록(id: ${competitor})과 같은 취업(구직자·취업일·사업장)입니다.`,
          },
        ],
      },
    ]);
    expect(await countFor(ids)).toBe(8);
    expect(await countFor([ids[4]!])).toBe(1);
  }, 30_000);

  it('whole file: the same race refuses the file, names the row and saves nothing', async () => {
    const { r, ids } = await raceRowFive(false);
    expect(r.status).toBe('rejected');
    expect(r.imported).toBe(0);
    expect(r.rejected.map((x) => x.row)).toEqual([5]);
    expect(r.rejected[0]!.errors[0]!.key).toBe('import.duplicateExisting');
    // Only the other connection's record exists.
    expect(await countFor(ids)).toBe(1);
    expect(await verifyChain(db)).toMatchObject({ ok: true, brokenAt: null });
  }, 30_000);
});
