import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';

const t = await testApp();
const today = seoulToday();
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();

describe('institution requests: public form API, accept into a programme, copy a yearly request', async () => {
  const centre = await t.centre('강원도일자리센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const body = {
    centreId: centre.id,
    institutionName: '춘천기계공업고등학교',
    institutionKind: 'school',
    contactName: '김담임',
    contactPhone: '010-1234-5678',
    topic: '3학년 2일 취업캠프',
    preferredDates: [addDays(today, 30), addDays(today, 31)],
    headcount: 60,
  };
  /** A public submission from the address `ip` (the rate limit counts per address). */
  const submit = (payload: unknown, ip = '203.0.113.7') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/institution-requests',
      payload: payload as object,
      remoteAddress: ip,
    });

  it('takes a request without login, answers a reference number, keeps the phone encrypted', async () => {
    const r = expectStatus(await submit(body), 201);
    expect(r.referenceNo).toMatch(/^IR-\d{8}-[A-Z2-9]{6}$/);
    expect(r.statusName).toBe('접수');
    const row = await t.db
      .selectFrom('institution_requests')
      .select(['contact_phone_enc', 'source_hash'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.contact_phone_enc).not.toContain('1234');
    expect(row.source_hash).not.toContain('203.0.113.7');
    const seen = expectStatus(await staff.get(`/api/v1/institution-requests/${r.id}`), 200);
    expect(seen).toMatchObject({
      contactPhone: '010-1234-5678',
      institutionKindName: '학교',
      status: 'received',
    });
    expectStatus(await outsider.get(`/api/v1/institution-requests/${r.id}`), 404);
    expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/institution-requests' }), 401);
  });

  it('refuses bad input naming each field, nothing saved', async () => {
    const bad = expectStatus(
      await submit(
        {
          ...body,
          institutionName: '잘못된 요청',
          contactPhone: '12',
          preferredDates: [today, addDays(today, -3)],
        },
        '203.0.113.8',
      ),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'contactPhone',
      'preferredDates[0]',
      'preferredDates[1]',
    ]);
    const none = await t.db
      .selectFrom('institution_requests')
      .select('id')
      .where('institution_name', '=', '잘못된 요청')
      .execute();
    expect(none).toHaveLength(0);
  });

  it('limits one address to 5 requests an hour (429 with Retry-After), others still pass', async () => {
    for (let i = 0; i < 5; i++) expectStatus(await submit(body, '198.51.100.9'), 201);
    const res = await submit(body, '198.51.100.9');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json().code).toBe('institutionRequest.rateLimited');
    expectStatus(await submit(body, '198.51.100.10'), 201);
  });

  it('accepts a request into a programme of its own that counts outside participants; copies it a year on', async () => {
    const military = expectStatus(
      await submit(
        {
          ...body,
          institutionName: '제3보병사단',
          institutionKind: 'military',
          topic: '전역예정장병 취업상담',
          headcount: 40,
        },
        '203.0.113.20',
      ),
      201,
    );
    const day = addDays(today, 30);
    const accepted = expectStatus(
      await staff.post(`/api/v1/institution-requests/${military.id}/accept`, {
        format: 'offline',
        venue: '부대 강당',
        sessions: [{ startsAt: at(day, '14:00'), endsAt: at(day, '17:00') }],
      }),
      201,
    );
    expect(accepted.programme).toMatchObject({
      kind: 'pre_discharge',
      kindName: '전역예정장병 취업상담',
      capacity: 40,
      externalParticipants: 40,
      institutionRequestId: military.id,
      published: false,
    });
    expectStatus(
      await staff.post(`/api/v1/institution-requests/${military.id}/accept`, {
        format: 'offline',
        venue: 'x',
        sessions: [{ startsAt: at(day, '14:00'), endsAt: at(day, '17:00') }],
      }),
      409,
    );
    const list = expectStatus(await staff.get('/api/v1/institution-requests?status=accepted'), 200);
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([military.id]);
    expect(list.items[0].programmeId).toBe(accepted.programme.id);
    const copy = expectStatus(await staff.post(`/api/v1/institution-requests/${military.id}/copy`, {}), 201);
    expect(copy).toMatchObject({
      status: 'received',
      copiedFrom: military.id,
      headcount: 40,
      contactPhone: '010-1234-5678',
    });
    expect(copy.preferredDates[0]).toBe(`${Number(day.slice(0, 4)) + 1}${day.slice(4)}`);
    expect(copy.referenceNo).not.toBe(military.referenceNo);
    const declined = expectStatus(
      await staff.post(`/api/v1/institution-requests/${copy.id}/decline`, { reason: '일정 중복' }),
      200,
    );
    expect(declined.status).toBe('declined');
  });
});
