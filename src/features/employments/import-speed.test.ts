import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { runImport } from '../imports/imports.service.ts';
import { insertSeekers } from '../seekers/test-helpers.ts';

// Employment-import throughput with everything a hire brings (status history, follow-ups).
// Small in the normal run; ILTEO_IMPORT_ROWS=10000 measures the size the brief names.
const rows = Number(process.env.ILTEO_IMPORT_ROWS ?? 2000);
const t = await testApp();

describe('employment import speed', () => {
  it(`imports ${rows} employments named by external id in one transaction`, async () => {
    const centre = await t.centre();
    const user = await t.user('counsellor', centre.id);
    await insertSeekers(t.db, centre.id, rows, 'EMP-');
    const employers = ['㈜한빛정밀', '대성물류(주)', '새봄요양원', '우리식품', '동해건설(주)'];
    const lines = ['seekerExternalId,employerName,startDate,route,employmentType,wageType,wage'];
    for (let i = 1; i <= rows; i++) {
      lines.push(
        `EMP-${i},${employers[i % employers.length]},2026-0${1 + (i % 9)}-1${i % 10},${i % 4 ? 'self' : 'event'},10,M,${2_100_000 + (i % 50) * 10_000}`,
      );
    }
    const actor = {
      ...user.user,
      userId: user.user.id,
      login: user.login,
      name: '상담사',
      role: 'counsellor' as const,
      employerId: null,
      seekerId: null,
      centreScope: [centre.id],
      via: 'session' as const,
      sessionId: null,
    };
    const started = performance.now();
    const r = await runImport({
      db: t.db,
      dataKey: t.dataKey,
      actor,
      kind: 'employments',
      source: [Buffer.from(`${lines.join('\n')}\n`)],
    });
    const secs = (performance.now() - started) / 1000;
    expect(r.rejected).toEqual([]);
    expect(r.imported).toBe(rows);
    const count = async (table: 'retention_followups' | 'seeker_status_history') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('centre_id', '=', centre.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('retention_followups')).toBe(rows * 3);
    expect(await count('seeker_status_history')).toBe(rows);
    process.stdout.write(
      `${JSON.stringify({ bench: 'import-employments', rows, seconds: Number(secs.toFixed(2)), rowsPerSec: Math.round(rows / secs) })}\n`,
    );
  }, 300_000);
});
