import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { insertSeekers } from '../seekers/test-helpers.ts';
import { runImport } from './imports.service.ts';

// Import throughput on a generated file. Kept small in the normal run; set
// ILTEO_IMPORT_ROWS=56065 to measure the seed-002 size (56,065 seekers, one record each).
const rows = Number(process.env.ILTEO_IMPORT_ROWS ?? 3000);
const t = await testApp();

describe('import speed', () => {
  it(`imports ${rows} counselling rows named by external id in one transaction`, async () => {
    const centre = await t.centre();
    const user = await t.user('counsellor', centre.id);
    await insertSeekers(t.db, centre.id, rows);
    const lines = ['seekerExternalId,at,channel,type,title,notes,nextContactAt'];
    for (let i = 1; i <= rows; i++) {
      lines.push(
        `EXT-${i},2026-0${1 + (i % 9)}-1${i % 10} 1${i % 8}:00,${i % 3 ? 'visit' : 'phone'},guidance,취업상담,"희망 직종 상담 및 이력서 첨삭, 회차 ${i}",`,
      );
    }
    const file = Buffer.from(`${lines.join('\n')}\n`);
    const chunks: Buffer[] = [];
    for (let o = 0; o < file.length; o += 64 * 1024) chunks.push(file.subarray(o, o + 64 * 1024));
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
    const r = await runImport({ db: t.db, dataKey: t.dataKey, actor, kind: 'counselling', source: chunks });
    const secs = (performance.now() - started) / 1000;
    expect(r.rejected).toEqual([]);
    expect(r.imported).toBe(rows);
    const n = await t.db
      .selectFrom('counselling')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('centre_id', '=', centre.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(rows);
    process.stdout.write(
      `${JSON.stringify({ bench: 'import-counselling', rows, bytes: file.length, seconds: Number(secs.toFixed(2)), rowsPerSec: Math.round(rows / secs) })}\n`,
    );
  }, 300_000);
});
