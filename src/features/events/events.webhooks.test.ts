import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { createEndpoint } from '../webhooks/webhooks.service.ts';

// A published hiring event is announced as `event.published` to the endpoints of its centre,
// in the transaction of the change, once (publishing again sends nothing).
const t = await testApp();
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();

describe('event.published', async () => {
  const centre = await t.centre('광명시일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const admin = await t.user('admin', null);
  const ctx = {
    db: t.db,
    ip: null,
    lang: 'ko' as const,
    actor: {
      userId: admin.user.id,
      login: admin.login,
      name: '관리자',
      role: 'admin' as const,
      centreId: null,
      employerId: null,
      seekerId: null,
      centreScope: null,
      via: 'session' as const,
      sessionId: null,
    },
  };
  await createEndpoint(
    ctx,
    { url: 'http://127.0.0.1:9/hook', events: ['event.published'], centreId: centre.id },
    { dataKey: t.dataKey, allowPrivate: true },
  );
  const announced = async (id: string) =>
    (
      await t.db
        .selectFrom('webhook_events')
        .select('id')
        .where('type', '=', 'event.published')
        .where('subject_id', '=', id)
        .execute()
    ).length;

  it('announces an event created published, and one published later, once each', async () => {
    const body = {
      title: '온라인 채용박람회',
      kind: 'online_fair',
      startsAt: at('2027-04-06', '10:00'),
      endsAt: at('2027-04-06', '17:00'),
      onlineUrl: 'https://fair.example.test/2027',
    };
    const live = expectStatus(await staff.post('/api/v1/events', { ...body, published: true }), 201);
    expect(await announced(live.id)).toBe(1);
    const draft = expectStatus(await staff.post('/api/v1/events', body), 201);
    expect(await announced(draft.id)).toBe(0);
    expectStatus(await staff.post(`/api/v1/events/${draft.id}/publish`), 200);
    expectStatus(await staff.post(`/api/v1/events/${draft.id}/publish`), 200);
    expect(await announced(draft.id)).toBe(1);
  });
});
