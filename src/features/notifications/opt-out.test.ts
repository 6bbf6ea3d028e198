import { describe, expect, it } from 'vitest';
import { expectStatus } from '../../../test/support/app.ts';
import { notifyTestbed } from '../../../test/support/notify-receiver.ts';
import { notify } from './notifications.service.ts';
import { optOutToken, readOptOutToken } from './opt-out.ts';
import { readPreferences, writePreferences } from './preferences.ts';

// Opting out without signing in: the one-click link every advertising message carries, and a
// reply or 080 call the provider reports (정보통신망법 제50조④).

const bed = await notifyTestbed({
  ILTEO_PUBLIC_URL: 'https://ilteo.example.kr',
  ILTEO_NOTIFY_SENDER: '0801234567',
  ILTEO_NOTIFY_INBOUND_SECRET: 'inbound-test-secret',
});
const { t, centre } = bed;

async function adSeeker(name: string, phone: string) {
  const s = await bed.seeker(name, phone);
  await writePreferences(
    t.db,
    { kind: 'seeker', id: s.id, centreId: centre.id },
    { adOptIn: true, adNightOptIn: true },
    'self',
    null,
  );
  return s;
}
const send = (seekerId: string, templateKey = 'event_invitation') =>
  notify(t.db, {
    templateKey,
    recipient: { kind: 'seeker', id: seekerId },
    centreId: centre.id,
    variables:
      templateKey === 'event_invitation'
        ? { event: '중구 채용박람회', at: '12월 10일 14:00', place: '중구청 대강당' }
        : { company: '한빛', posting: '요양보호사', result: '합격', centre: '중구' },
    source: 'test',
    urgent: true,
  });
const inbound = (body: unknown, secret: string | null = 'inbound-test-secret') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/notifications/inbound',
    payload: body as object,
    headers: secret ? { 'x-ilteo-inbound-secret': secret } : {},
  });

describe('opt-out by link', () => {
  it('an advertising message carries its 080 number and a link that refuses in one click, recorded as link', async () => {
    const s = await adSeeker('한링크', '010-8100-0001');
    await send(s.id);
    await bed.drained();
    const [sent] = bed.to('01081000001');
    const token = optOutToken(t.dataKey, 'seeker', s.id)!;
    expect(sent!.body.text).toMatch(
      /무료수신거부 0801234567 \(수신거부\) https:\/\/ilteo\.example\.kr\/u\/\S+$/,
    );
    expect(sent!.body.text.endsWith(`/u/${token}`)).toBe(true);
    expect(readOptOutToken(t.dataKey, token)).toEqual({ kind: 'seeker', id: s.id });

    const page = await t.app.inject({ method: 'GET', url: `/u/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('수신 거부');
    const done = await t.app.inject({
      method: 'POST',
      url: `/u/${token}`,
      payload: 'x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.statusCode).toBe(200);
    expect(await readPreferences(t.db, 'seeker', s.id)).toMatchObject({
      adOptIn: false,
      adNightOptIn: false,
      sms: true,
      source: 'link',
    });
    await send(s.id);
    await send(s.id, 'referral_result'); // informational still goes
    await bed.drained();
    const rows = await bed.rowsFor(s.id);
    expect(rows.map((r) => [r.template_key, r.status, r.error])).toEqual([
      ['event_invitation', 'sent', null],
      ['event_invitation', 'suppressed', 'notification.noAdOptIn'],
      ['referral_result', 'sent', null],
    ]);
  });

  it('refuses everything when asked, and answers 404 to a forged or altered token', async () => {
    const s = await adSeeker('전거부', '010-8100-0002');
    const token = optOutToken(t.dataKey, 'seeker', s.id)!;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await t.app.inject({ method: 'GET', url: `/u/${forged}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/u/${forged}`, payload: 'everything=1', headers: form }))
        .statusCode,
    ).toBe(404);
    expect(await readPreferences(t.db, 'seeker', s.id)).toMatchObject({ adOptIn: true });
    const r = await t.app.inject({
      method: 'POST',
      url: `/u/${token}`,
      payload: 'everything=1',
      headers: form,
    });
    expect(r.statusCode).toBe(200);
    expect(await readPreferences(t.db, 'seeker', s.id)).toMatchObject({
      adOptIn: false,
      sms: false,
      alimtalk: false,
      email: false,
      source: 'link',
    });
  });
});

describe('opt-out by reply or 080', () => {
  it('needs the provider secret, reads refusals only, and withdraws the advertising consent of that number', async () => {
    const s = await adSeeker('최회신', '010-8100-0003');
    expect((await inbound({ from: '010-8100-0003', text: '수신거부' }, null)).statusCode).toBe(401);
    expect((await inbound({ from: '010-8100-0003', text: '수신거부' }, 'wrong')).statusCode).toBe(401);
    expect(expectStatus(await inbound({ from: '01081000003', text: '네 감사합니다' }), 200)).toEqual({
      refusal: false,
      optedOut: 0,
    });
    expect(await readPreferences(t.db, 'seeker', s.id)).toMatchObject({ adOptIn: true });
    expect(expectStatus(await inbound({ from: '01081000003', text: '광고 수신 거부합니다' }), 200)).toEqual({
      refusal: true,
      optedOut: 1,
    });
    expect(await readPreferences(t.db, 'seeker', s.id)).toMatchObject({ adOptIn: false, source: 'reply' });
    const o = await adSeeker('080거부', '010-8100-0004');
    expect(expectStatus(await inbound({ from: '+82 10-8100-0004', via: '080' }), 200).optedOut).toBe(1);
    expect(await readPreferences(t.db, 'seeker', o.id)).toMatchObject({ adOptIn: false, source: 'reply' });
    const log = await t.db
      .selectFrom('notification_preference_log')
      .select(['source'])
      .where('recipient_id', '=', o.id)
      .orderBy('at')
      .execute();
    expect(log.map((l) => l.source)).toEqual(['self', 'reply']);
  });
});
