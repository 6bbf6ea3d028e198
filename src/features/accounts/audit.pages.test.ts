import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import { uuidv7 } from '../../platform/ids.ts';

const t = await testApp();
const centre = await t.centre('강릉시 일자리센터', null, '51150');
const manager = await t.user('manager', centre.id);

describe('/staff/admin/audit', () => {
  it('lists the month’s downloads with their reasons, in Korean', async () => {
    await recordAccess(t.db, {
      actor: null,
      ip: '127.0.0.1',
      action: 'download',
      subjectType: 'report',
      subjectId: uuidv7(),
      centreId: centre.id,
      reason: '시청 월간 보고',
    });
    expect((await manager.get('/staff/admin')).body).toContain('href="/staff/admin/audit"');
    const page = (await manager.get('/staff/admin/audit')).body;
    expect(page).toContain('시청 월간 보고');
    expect(page).toContain('내려받기');
    expect(page).toContain('성과 보고서');
    expect(page).not.toContain('>download<');
    expect((await manager.get('/staff/admin/audit?month=2020-01')).body).toContain(
      '해당하는 기록이 없습니다',
    );
  });
});
