import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { insertSeeker } from '../seekers/test-helpers.ts';
import { markInterruptedImports } from './imports.service.ts';

const t = await testApp();
const child = fileURLToPath(new URL('./crash-child.fixture.ts', import.meta.url));

// SECURITY.md 17: kill -9 during a bulk import → nothing of it is in the database, and the
// run shows as interrupted after a restart.
describe('crash during an import', () => {
  it('leaves no rows after kill -9 and marks the run interrupted', async () => {
    const centre = await t.centre();
    const seeker = await insertSeeker(t.db, centre.id);
    const proc = spawn(process.execPath, ['--import', 'tsx', child, t.url, seeker, '50000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      proc.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /rows (\d+)\n(?![\s\S]*rows)/.exec(out);
        if (m && Number(m[1]) >= 7000) {
          proc.kill('SIGKILL');
          resolve(Number(m[1]));
        }
      });
      proc.on('exit', () => reject(new Error(`child ended before the kill: ${out.slice(-200)}`)));
    });
    await new Promise((r) => proc.on('exit', r));
    expect(killedAt).toBeGreaterThanOrEqual(7000);
    expect(out).not.toContain('finished');

    // The server notices the dead socket and rolls the transaction back.
    const hist = await t.db
      .selectFrom('imports')
      .selectAll()
      .where('kind', '=', 'counselling')
      .executeTakeFirstOrThrow();
    expect(hist.status).toBe('running');
    let marked = 0;
    for (let i = 0; i < 50 && marked === 0; i++) {
      marked = await markInterruptedImports(t.db);
      if (!marked) await new Promise((r) => setTimeout(r, 100));
    }
    expect(marked).toBe(1);
    const after = await t.db
      .selectFrom('imports')
      .select('status')
      .where('id', '=', hist.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('interrupted');
    const n = await t.db
      .selectFrom('counselling')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seeker_id', '=', seeker)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    const logs = await t.db
      .selectFrom('access_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_id', '=', seeker)
      .executeTakeFirstOrThrow();
    expect(Number(logs.n)).toBe(0);
  }, 60_000);

  it('does not mark a live import as interrupted', async () => {
    const centre = await t.centre();
    const seeker = await insertSeeker(t.db, centre.id);
    const proc = spawn(process.execPath, ['--import', 'tsx', child, t.url, seeker, '6000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let checked = -1;
    proc.stdout.on('data', async (b: Buffer) => {
      out += b.toString();
      if (checked === -1 && /rows 5000/.test(out)) {
        checked = -2;
        checked = await markInterruptedImports(t.db);
      }
    });
    await new Promise((r) => proc.on('exit', r));
    expect(out).toContain('finished');
    expect(checked).toBe(0);
    const n = await t.db
      .selectFrom('counselling')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seeker_id', '=', seeker)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(6000);
  }, 60_000);
});
