import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';

const t = await testApp();
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const seoulDay = (offset: number) =>
  new Date(Date.now() + 9 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe('mobile desks (찾아가는 취업상담실)', async () => {
  const centre = await t.centre('서구일자리센터', null, '28260');
  const staff = await t.user('counsellor', centre.id);
  const admin = await t.user('admin', null);
  const desk = expectStatus(
    await staff.post('/api/v1/desks', {
      place: '검암경서동 행정복지센터',
      address: '인천 서구 검암로 10',
      regionCode: '28260',
      startsAt: at('2027-02-22', '14:00'),
      endsAt: at('2027-02-22', '17:00'),
      capacity: 2,
      recurrence: { byWeekday: [1, 3], until: '2027-03-10' },
    }),
    201,
  );

  it('creates one session per rule date, skipping the holidays by name', () => {
    expect(desk.sessions.map((s: { date: string }) => s.date)).toEqual([
      '2027-02-22',
      '2027-02-24',
      '2027-03-03',
      '2027-03-08',
      '2027-03-10',
    ]);
    expect(desk.skipped.map((s: { date: string }) => s.date)).toEqual(['2027-03-01']);
    expect(desk.skipped[0].name).toMatch(/삼일절|3.1절/);
    expect(desk).toMatchObject({ opensAt: '14:00', closesAt: '17:00' });
  });

  it('takes days of the month, leaving weekends out unless the rule names them', async () => {
    const monthly = expectStatus(
      await staff.post('/api/v1/desks', {
        place: '가정동 주민센터',
        address: '인천 서구 가정로 1',
        regionCode: '28260',
        startsAt: at('2027-04-01', '10:00'),
        endsAt: at('2027-04-01', '12:00'),
        recurrence: { byMonthDays: [10, 24], until: '2027-05-31' },
      }),
      201,
    );
    // 2027-04-10 and 04-24 are Saturdays.
    expect(monthly.sessions.map((s: { date: string }) => s.date)).toEqual(['2027-05-10', '2027-05-24']);
    expect(monthly.skipped.map((s: { date: string }) => s.date)).toEqual(['2027-04-10', '2027-04-24']);
    const bad = expectStatus(
      await staff.post('/api/v1/desks', {
        place: ' ',
        address: '인천',
        regionCode: '28260',
        startsAt: at('2027-04-01', '10:00'),
        endsAt: at('2027-04-01', '09:00'),
        recurrence: { until: '2027-05-31' },
      }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'endsAt',
      'place',
      'recurrence',
    ]);
  });

  it('publishes the schedule (JSON, ICS) and cancels a session when a holiday is declared later', async () => {
    const list = expectStatus(
      await t.app.inject({ method: 'GET', url: '/api/v1/desks?from=2027-02-22&to=2027-03-10' }),
      200,
    );
    expect(list.items.filter((s: { deskId: string }) => s.deskId === desk.id)).toHaveLength(5);
    expectStatus(await admin.post('/api/v1/holidays', { date: '2027-03-03', name: '임시공휴일' }), 201);
    const after = expectStatus(
      await t.app.inject({ method: 'GET', url: '/api/v1/desks?from=2027-03-03&to=2027-03-03' }),
      200,
    );
    expect(after.items[0]).toMatchObject({
      status: 'cancelled',
      cancelReason: '휴일(임시공휴일)로 운영하지 않습니다.',
    });
    const ics = await t.app.inject({ method: 'GET', url: '/api/v1/desks.ics?from=2027-02-22&to=2027-03-10' });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('\r\nBEGIN:VEVENT\r\n');
    expect(ics.body).toContain(`DTSTART:20270222T050000Z`);
    expect(ics.body.match(/STATUS:CANCELLED/g)).toHaveLength(1);
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(5);
  });

  it('shows the coming sessions on the public /desks page', async () => {
    // The next weekday: a desk is not set up on a weekend unless its rule names it.
    let n = 1;
    while ([0, 6].includes(new Date(`${seoulDay(n)}T00:00:00Z`).getUTCDay())) n++;
    const tomorrow = seoulDay(n);
    expectStatus(
      await staff.post('/api/v1/desks', {
        place: '석남시장 상인회 사무실',
        address: '인천 서구 석남로 5',
        regionCode: '28260',
        startsAt: at(tomorrow, '14:00'),
        endsAt: at(tomorrow, '17:00'),
      }),
      201,
    );
    const page = await t.app.inject({ method: 'GET', url: '/desks' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('찾아가는 취업상담실');
    expect(page.body).toContain('/api/v1/desks.ics');
    expect(page.body).toContain('석남시장 상인회 사무실');
  });

  it('records counselling and registrations at a session with channel mobile_desk', async () => {
    const [first] = expectStatus(
      await t.app.inject({ method: 'GET', url: '/api/v1/desks?from=2027-02-22&to=2027-02-22' }),
      200,
    ).items;
    const seeker = await buildSeeker(t.db, centre.id);
    const ok = expectStatus(
      await staff.post(`/api/v1/seekers/${seeker.id}/counselling`, {
        at: new Date().toISOString(),
        channel: 'mobile_desk',
        type: 'guidance',
        notes: '상담실에서 이력서 상담',
        deskSessionId: first.id,
      }),
      201,
    );
    expect(ok.deskSessionId).toBe(first.id);
    const wrong = expectStatus(
      await staff.post(`/api/v1/seekers/${seeker.id}/counselling`, {
        at: new Date().toISOString(),
        channel: 'visit',
        type: 'guidance',
        notes: '상담',
        deskSessionId: first.id,
      }),
      400,
    );
    expect(wrong.errors[0].field).toBe('channel');
    const registered = expectStatus(
      await staff.post('/api/v1/seekers', {
        name: '박상담',
        birthDate: '1975-05-05',
        phone: '010-5555-1234',
        regionCode: '28275',
        educationLevel: '03',
        desired: { occupations: ['5611'] },
        deskSessionId: first.id,
      }),
      201,
    );
    expect(registered).toMatchObject({ channel: 'mobile_desk', deskSessionId: first.id });
  });

  it('imports counselling held at a session from CSV with its deskSessionId column', async () => {
    const [first] = expectStatus(
      await t.app.inject({ method: 'GET', url: '/api/v1/desks?from=2027-02-24&to=2027-02-24' }),
      200,
    ).items;
    const seeker = await buildSeeker(t.db, centre.id);
    const elsewhere = await t.centre('다른구일자리센터', null, '11140');
    const theirs = expectStatus(
      await (await t.user('counsellor', elsewhere.id)).post('/api/v1/desks', {
        place: '소공동 주민센터',
        address: '서울 중구 소공로 1',
        regionCode: '11140',
        startsAt: at('2027-02-23', '14:00'),
        endsAt: at('2027-02-23', '17:00'),
        recurrence: { byMonthDays: [23], until: '2027-02-23' },
      }),
      201,
    ).sessions[0];
    const csv = [
      'seekerId,at,channel,type,notes,deskSessionId',
      `${seeker.id},2026-03-02T14:30:00+09:00,mobile_desk,guidance,상담실에서 이력서 상담,${first.id}`,
      `${seeker.id},2026-03-02T15:00:00+09:00,visit,guidance,방문 상담,${first.id}`,
      `${seeker.id},2026-03-02T15:30:00+09:00,mobile_desk,guidance,다른 센터 상담실,${theirs.id}`,
      `${seeker.id},2026-03-02T16:00:00+09:00,phone,follow_up,전화 상담,`,
    ].join('\n');
    const res = expectStatus(
      await staff.post('/api/v1/imports/counselling?partial=true', csv, {
        'content-type': 'text/csv; charset=utf-8',
      }),
      200,
    );
    expect(res.imported).toBe(2);
    expect(
      res.rejected.map((r: { row: number; errors: { field: string }[] }) => [r.row, r.errors[0]?.field]),
    ).toEqual([
      [2, 'channel'],
      [3, 'deskSessionId'],
    ]);
    const list = expectStatus(await staff.get(`/api/v1/seekers/${seeker.id}/counselling`), 200).items;
    expect(
      list.map((c: { channel: string; deskSessionId: string | null }) => [c.channel, c.deskSessionId]).sort(),
    ).toEqual([
      ['mobile_desk', first.id],
      ['phone', null],
    ]);
  });

  it('shortens a desk, cancelling the sessions after the new end', async () => {
    const changed = expectStatus(await staff.patch(`/api/v1/desks/${desk.id}`, { until: '2027-03-05' }), 200);
    expect(changed.recurrence.until).toBe('2027-03-05');
    const rows = await t.db
      .selectFrom('desk_sessions')
      .select(['date', 'status'])
      .where('desk_id', '=', desk.id)
      .where('date', '>', '2027-03-05')
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });
});
