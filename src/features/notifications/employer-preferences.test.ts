import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer } from '../../../test/support/factories.ts';
import { notify } from './notifications.service.ts';

// A company's notification choices, like a seeker's: set by the company itself (source self)
// or by staff of a centre that serves it (source staff), through the employers feature's rule.

const t = await testApp();
const centre = await t.centre('성남고용센터');
const other = await t.centre('다른고용센터');
const employer = await buildEmployer(t.db, centre.id, { name: '㈜알림설정' });
const company = await t.user('employer', null, { employerId: employer.id });
const staff = await t.user('counsellor', centre.id);
const stranger = await t.user('counsellor', other.id);
const url = `/api/v1/employers/${employer.id}/notification-preferences`;
const off = { sms: false, alimtalk: false, email: false };

describe('employer notification preferences', () => {
  it('the company and its centre record choices with their source; others may not', async () => {
    expect(expectStatus(await company.get(url), 200)).toMatchObject({ sms: true, source: null });
    expect(expectStatus(await company.put(url, { ...off, sms: true }), 200)).toMatchObject({
      sms: true,
      alimtalk: false,
      source: 'self',
    });
    expect(expectStatus(await staff.put(url, off), 200)).toMatchObject({ sms: false, source: 'staff' });
    expect(expectStatus(await stranger.put(url, { ...off, sms: true }), 403).code).toBe('employer.notServed');
    const elsewhere = await buildEmployer(t.db, other.id);
    expect((await company.get(`/api/v1/employers/${elsewhere.id}/notification-preferences`)).statusCode).toBe(
      404,
    );
    const log = await t.db
      .selectFrom('notification_preference_log')
      .select('source')
      .where('recipient_id', '=', employer.id)
      .orderBy('at')
      .execute();
    expect(log.map((l) => l.source)).toEqual(['self', 'staff']);
  });

  it('a company that turned every channel off is sent nothing', async () => {
    const id = await notify(t.db, {
      templateKey: 'posting_approved',
      recipient: { kind: 'employer', id: employer.id },
      centreId: centre.id,
      variables: { company: '㈜알림설정', posting: '사무원 모집', centre: '성남고용센터' },
      source: 'test',
    });
    const row = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'suppressed', error: 'notification.optedOut' });
  });

  it('the company chooses channels and opts out on /me/notifications, and sees what it was sent', async () => {
    const page = await company.get('/me/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('회사의 모든 계정이 같은 설정을 씁니다');
    expect((await company.get('/employer')).body).toContain('href="/me/notifications"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const saved = await company.post(
      '/me/notifications',
      `_csrf=${encodeURIComponent(csrf)}&alimtalk=1&adOptIn=1`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(saved.statusCode).toBe(303);
    expect(expectStatus(await company.get('/api/v1/me/notification-preferences'), 200)).toMatchObject({
      sms: false,
      alimtalk: true,
      email: false,
      adOptIn: true,
      adNightOptIn: false,
      source: 'self',
    });
    // Opting out of everything: a new message is recorded suppressed, never queued.
    await company.post('/me/notifications', `_csrf=${encodeURIComponent(csrf)}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    const after = expectStatus(await company.get('/api/v1/me/notification-preferences'), 200);
    expect(after).toMatchObject({
      sms: false,
      alimtalk: false,
      email: false,
      adOptIn: false,
      source: 'self',
    });
    const id = await notify(t.db, {
      templateKey: 'posting_approved',
      recipient: { kind: 'employer', id: employer.id },
      centreId: centre.id,
      variables: { company: '㈜알림설정', posting: '경리 모집', centre: '성남고용센터' },
      source: 'test',
    });
    const mine = expectStatus(await company.get('/api/v1/me/notifications'), 200);
    expect(mine.items.map((n: { id: string }) => n.id)).toContain(id);
    expect(mine.items.find((n: { id: string }) => n.id === id)).toMatchObject({ status: 'suppressed' });
    expect((await company.get('/me/notifications')).body).toContain('발송 안 함');
    // Staff have no /me/notifications of their own.
    expect((await staff.get('/me/notifications')).statusCode).toBe(403);
  });
});
