import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectStatus } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { notifyTestbed } from '../../../test/support/notify-receiver.ts';
import { encryptField } from '../../platform/crypto/fields.ts';
import { OutboxPermanentError } from '../../platform/outbox/outbox.registry.ts';
import { makeProviders, notificationHandler } from './notifications.send.ts';
import { notify } from './notifications.service.ts';

const bed = await notifyTestbed();
const { t, centre, received, seeker, rowsFor, drained } = bed;
const counsellor = await t.user('counsellor', centre.id);
const admin = await t.user('admin', null);
const employer = await buildEmployer(t.db, centre.id, { name: '한빛요양원' });
const posting = await buildPosting(t.db, centre.id, employer.id, { title: '요양보호사 모집' });

beforeEach(async () => {
  bed.fail = () => 0;
  // Informational notices wait for 08:00 at night; these tests send at any hour of the day.
  for (const key of ['referral_created', 'referral_result', 'event_invitation'])
    expectStatus(await admin.patch(`/api/v1/notification-templates/${key}`, { urgent: true }), 200);
});

describe('notifications', () => {
  it('a referral sends its seeker one message through the local receiver, with the idempotency key', async () => {
    const s = await seeker();
    const r = expectStatus(
      await counsellor.post('/api/v1/referrals', { seekerId: s.id, postingId: posting.id }),
      201,
    );
    await drained();
    const mine = received.filter(
      (x) => x.body.to === '01012345678' && x.body.text.includes('요양보호사 모집'),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body.channel).toBe('lms'); // the text is past 90 bytes
    expect(mine[0]!.body.text).toContain('김일터님, 한빛요양원 "요양보호사 모집" 채용에 알선되었습니다');
    expect(mine[0]!.body.text).toContain('중구고용센터');
    const [row] = await rowsFor(s.id);
    expect(row).toMatchObject({
      status: 'sent',
      channel: 'lms',
      provider: 'http',
      template_key: 'referral_created',
    });
    expect(mine[0]!.key).toBe(`notification:${row!.id}`);
    // the API lists it, the seeker sees the text
    const list = expectStatus(await counsellor.get(`/api/v1/notifications?recipientId=${s.id}`), 200);
    expect(list.items).toEqual([
      expect.objectContaining({
        id: row!.id,
        status: 'sent',
        channel: 'lms',
        templateKey: 'referral_created',
      }),
    ]);
    const me = await t.user('seeker', null, { seekerId: s.id });
    const own = expectStatus(await me.get('/api/v1/me/notifications'), 200);
    expect(own.items[0].text).toContain('김일터님');
    const page = await me.get('/me/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('김일터님');

    // the result: one more message, none for the move to screening
    expectStatus(await counsellor.post(`/api/v1/referrals/${r.id}/status`, { status: 'screening' }), 200);
    expectStatus(await counsellor.post(`/api/v1/referrals/${r.id}/status`, { status: 'rejected' }), 200);
    await drained();
    const rows = await rowsFor(s.id);
    expect(rows.map((x) => [x.template_key, x.status])).toEqual([
      ['referral_created', 'sent'],
      ['referral_result', 'sent'],
    ]);
    expect(
      received.some((x) => x.body.to === '01012345678' && x.body.text.includes('알선 결과: 불합격')),
    ).toBe(true);
  });

  it('a rolled-back change sends nothing', async () => {
    const s = await seeker('박롤백', '010-1111-0009');
    await expect(
      t.db.transaction().execute(async (tx) => {
        await notify(tx, {
          templateKey: 'referral_result',
          recipient: { kind: 'seeker', id: s.id },
          centreId: centre.id,
          variables: { company: 'a', posting: 'b', result: 'c', centre: 'd' },
          source: 'test',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await drained();
    expect(await rowsFor(s.id)).toHaveLength(0);
    expect(received.filter((x) => x.body.to === '01011110009')).toHaveLength(0);
  });

  it('uses 알림톡 for an approved template and falls back to SMS/LMS when it fails', async () => {
    expectStatus(
      await admin.patch('/api/v1/notification-templates/referral_created', {
        alimtalkTemplateId: 'KA01TP-TEST',
      }),
      200,
    );
    const a = await seeker('이알림', '010-2222-0001');
    expectStatus(await counsellor.post('/api/v1/referrals', { seekerId: a.id, postingId: posting.id }), 201);
    await drained();
    expect(received.filter((x) => x.body.to === '01022220001').map((x) => x.body.channel)).toEqual([
      'alimtalk',
    ]);

    bed.fail = (b) => (b.channel === 'alimtalk' ? 400 : 0);
    const b = await seeker('최대체', '010-2222-0002');
    expectStatus(await counsellor.post('/api/v1/referrals', { seekerId: b.id, postingId: posting.id }), 201);
    await drained();
    expect(received.filter((x) => x.body.to === '01022220002').map((x) => x.body.channel)).toEqual(['lms']);
    const [row] = await rowsFor(b.id);
    expect(row).toMatchObject({ status: 'sent', channel: 'lms', fallback_from: 'alimtalk' });

    // a changed body is no longer the approved one: SMS/LMS until approved again
    const changed = expectStatus(
      await admin.patch('/api/v1/notification-templates/referral_created', {
        body: '[일터] #{name}님, #{company} "#{posting}"에 알선되었습니다. 문의: #{centre}',
      }),
      200,
    );
    expect(changed).toMatchObject({ alimtalkTemplateId: 'KA01TP-TEST', alimtalkActive: false });
    const c = await seeker('정변경', '010-2222-0003');
    expectStatus(await counsellor.post('/api/v1/referrals', { seekerId: c.id, postingId: posting.id }), 201);
    await drained();
    expect(received.filter((x) => x.body.to === '01022220003').map((x) => x.body.channel)).toEqual(['sms']);
  });

  it('sends nothing after the seeker opts out, also for a message written before the opt-out', async () => {
    const s = await seeker('한거부', '010-3333-0001');
    const prefs = expectStatus(
      await counsellor.put(`/api/v1/seekers/${s.id}/notification-preferences`, {
        sms: false,
        alimtalk: false,
        email: false,
      }),
      200,
    );
    expect(prefs).toMatchObject({ sms: false, source: 'staff' });
    expectStatus(await counsellor.post('/api/v1/referrals', { seekerId: s.id, postingId: posting.id }), 201);
    await drained();
    expect((await rowsFor(s.id)).map((r) => [r.status, r.error])).toEqual([
      ['suppressed', 'notification.optedOut'],
    ]);

    // written while allowed, opted out before the worker sent it
    const u = await seeker('오늦음', '010-3333-0002');
    await bed.worker.stop(1000); // the message waits in the outbox while the seeker opts out
    {
      await t.db.transaction().execute((tx) =>
        notify(tx, {
          templateKey: 'referral_result',
          recipient: { kind: 'seeker', id: u.id },
          centreId: centre.id,
          variables: {
            company: '한빛요양원',
            posting: '요양보호사 모집',
            result: '채용 확정',
            centre: '중구고용센터',
          },
          source: 'test',
          urgent: true,
        }),
      );
      const me = await t.user('seeker', null, { seekerId: u.id });
      expectStatus(
        await me.put('/api/v1/me/notification-preferences', { sms: false, alimtalk: false, email: true }),
        200,
      );
      bed.restartWorker();
      await bed.worker.idle();
    }
    const [row] = await rowsFor(u.id);
    expect(row).toMatchObject({ status: 'suppressed', error: 'notification.noContact' });
    expect(received.filter((x) => x.body.to === '01033330002')).toHaveLength(0);
    const log = await t.db
      .selectFrom('notification_preference_log')
      .selectAll()
      .where('recipient_id', '=', u.id)
      .execute();
    expect(log).toEqual([
      expect.objectContaining({
        source: 'self',
        preferences: expect.objectContaining({ sms: false, email: true }),
      }),
    ]);
  });

  it('advertising goes only with the opt-in, framed with (광고), the sender and a free opt-out', async () => {
    const s = await seeker('윤광고', '010-4444-0001');
    const invite = (tx: typeof t.db) =>
      notify(tx, {
        templateKey: 'event_invitation',
        recipient: { kind: 'seeker', id: s.id },
        centreId: centre.id,
        variables: { event: '중구 채용박람회', at: '12월 10일 14:00', place: '중구청 대강당' },
        source: 'test',
      });
    await invite(t.db);
    const me = await t.user('seeker', null, { seekerId: s.id });
    expectStatus(
      await me.put('/api/v1/me/notification-preferences', {
        sms: true,
        alimtalk: true,
        email: true,
        adOptIn: true,
        adNightOptIn: true,
      }),
      200,
    );
    await invite(t.db);
    await drained();
    const rows = await rowsFor(s.id);
    expect(rows.map((r) => r.status)).toEqual(['suppressed', 'sent']);
    const [sent] = received.filter((x) => x.body.to === '01044440001');
    expect(sent!.body.text.startsWith('(광고)일터 중구고용센터\n')).toBe(true);
    expect(sent!.body.text).toMatch(/무료수신거부 .+$/);
    expect(sent!.body.channel).toBe('lms');
  });

  it('a message written at 20:55 (Seoul) waits until 08:00 the next morning', async () => {
    const s = await seeker('서저녁', '010-5555-0001');
    const at = new Date('2026-12-07T20:55:00+09:00');
    await t.db.transaction().execute((tx) =>
      notify(tx, {
        templateKey: 'referral_interview',
        recipient: { kind: 'seeker', id: s.id },
        centreId: centre.id,
        variables: { company: 'a', posting: 'b', interviewAt: 'c', place: 'd', centre: 'e' },
        source: 'test',
        at,
      }),
    );
    const [row] = await rowsFor(s.id);
    expect(row!.not_before.toISOString()).toBe('2026-12-07T23:00:00.000Z');
    const out = await t.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', '=', `notification:${row!.id}`)
      .executeTakeFirstOrThrow();
    expect(out.not_before.toISOString()).toBe('2026-12-07T23:00:00.000Z');
  });

  it('a failing provider: retried later, final on a refusal, or sent by the fallback provider', async () => {
    const s = await seeker('장실패', '010-7777-0001');
    // The message is written and its outbox row cancelled in one transaction, so the testbed's
    // running worker never sees it and the handler below is the only one to send it.
    const msgOf = async () => {
      const id = await t.db.transaction().execute(async (trx) => {
        const written = await notify(trx, {
          templateKey: 'referral_result',
          recipient: { kind: 'seeker', id: s.id },
          centreId: centre.id,
          variables: { company: 'a', posting: 'b', result: 'c', centre: 'd' },
          source: 'test',
        });
        await trx
          .updateTable('outbox')
          .set({ status: 'cancelled' })
          .where('idempotency_key', '=', `notification:${written}`)
          .execute();
        return written;
      });
      return {
        id: `o-${id}`,
        kind: 'notification',
        idempotencyKey: `notification:${id}`,
        payload: { notificationId: id },
        centreId: centre.id,
        attempt: 1,
        maxAttempts: 8,
        notBefore: new Date(),
        createdAt: new Date(),
      };
    };
    const cfg = t.config.notify;
    const log = pino({ level: 'silent' });
    const ctx = { db: t.db, signal: new AbortController().signal };
    const only = notificationHandler({ key: t.dataKey, cfg, providers: makeProviders(cfg, log) });
    const withLog = notificationHandler({
      key: t.dataKey,
      cfg,
      providers: makeProviders({ ...cfg, fallbackProvider: 'log' }, log),
    });

    bed.fail = () => 503;
    const a = await msgOf();
    await expect(only(a, ctx)).rejects.toThrow('http 503');
    expect(
      await t.db
        .selectFrom('notifications')
        .select(['status', 'error', 'attempts'])
        .where('id', '=', String(a.payload.notificationId))
        .executeTakeFirst(),
    ).toEqual({ status: 'queued', error: 'http 503: refused', attempts: 1 });

    bed.fail = () => 400;
    const b = await msgOf();
    await expect(only(b, ctx)).rejects.toBeInstanceOf(OutboxPermanentError);
    expect(
      await t.db
        .selectFrom('notifications')
        .select('status')
        .where('id', '=', String(b.payload.notificationId))
        .executeTakeFirst(),
    ).toEqual({ status: 'failed' });

    bed.fail = () => 503;
    const c = await msgOf();
    await withLog(c, ctx);
    expect(
      await t.db
        .selectFrom('notifications')
        .select(['status', 'provider'])
        .where('id', '=', String(c.payload.notificationId))
        .executeTakeFirst(),
    ).toEqual({ status: 'sent', provider: 'log' });
    // a second delivery of a sent message (after a crash) sends nothing more
    bed.fail = () => 0;
    const before = received.length;
    await withLog(c, ctx);
    expect(received.length).toBe(before);
  });

  it('templates: listed for staff, edited by admins only, with known fields only', async () => {
    const list = expectStatus(await counsellor.get('/api/v1/notification-templates'), 200);
    expect(list.items.map((x: { key: string }) => x.key)).toContain('posting_approved');
    expectStatus(
      await counsellor.patch('/api/v1/notification-templates/referral_result', { urgent: false }),
      403,
    );
    const bad = expectStatus(
      await admin.patch('/api/v1/notification-templates/referral_result', { body: '#{name}님 #{phone}' }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['body']);
    expectStatus(
      await admin.patch('/api/v1/notification-templates/event_invitation', { alimtalkTemplateId: 'X' }),
      400,
    );
    const page = await admin.get('/staff/admin/templates');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('알선 안내');
    const outbox = await counsellor.get('/staff/admin/outbox');
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).toContain('발송 완료');
  });

  it('an approved posting tells its employer', async () => {
    await t.db
      .updateTable('employers')
      .set({
        contacts_enc: encryptField(t.dataKey, JSON.stringify([{ name: '담당자', phone: '010-6666-0001' }])),
      })
      .where('id', '=', employer.id)
      .execute();
    expectStatus(await admin.patch('/api/v1/notification-templates/posting_approved', { urgent: true }), 200);
    const p = await buildPosting(t.db, centre.id, employer.id, { title: '간호조무사', status: 'pending' });
    expectStatus(await counsellor.post(`/api/v1/postings/${p.id}/approve`), 200);
    await drained();
    const got = received.filter((x) => x.body.to === '01066660001');
    expect(got).toHaveLength(1);
    expect(got[0]!.body.text).toContain('"간호조무사"이(가) 승인되어');
  });
});
