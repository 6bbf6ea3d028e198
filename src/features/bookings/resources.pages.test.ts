import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { addDays, seoulInstant } from './bookings.slots.ts';

const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** A form body: opening hours as the page's `h-<weekday>-<period>-from|to` cells. */
function body(fields: Record<string, string | string[]>, hours: [number, string, string][] = []) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  const seen = new Map<number, number>();
  for (const [d, from, to] of hours) {
    const n = (seen.get(d) ?? 0) + 1;
    seen.set(d, n);
    p.append(`h-${d}-${n}-from`, from);
    p.append(`h-${d}-${n}-to`, to);
  }
  return p.toString();
}

describe('resource pages and PATCH /resources/{id}', async () => {
  const centre = await t.centre('광명시일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const other = await t.user('counsellor', (await t.centre('다른센터')).id);

  it('adds a resource from the form (two periods a day), lists it, and changes it', async () => {
    const add = await staff.post(
      '/staff/bookings/resources/new',
      body(
        {
          name: '노무사 상담소',
          kind: 'attorney',
          slotMinutes: '30',
          capacity: '1',
          approvalRequired: '1',
          bookableBy: ['seeker', 'employer'],
          active: '1',
        },
        [
          [3, '10:00', '12:00'],
          [3, '13:00', '17:00'],
        ],
      ),
      form,
    );
    expect(add.statusCode).toBe(303);
    const list = await staff.get('/staff/bookings/resources');
    expect(list.body).toContain('노무사 상담소');
    expect(list.body).toContain('수 10:00–12:00, 수 13:00–17:00');
    const api = expectStatus(await staff.get('/api/v1/resources?kind=attorney'), 200);
    const r = api.items.find((x: { name: string }) => x.name === '노무사 상담소');
    expect(r).toMatchObject({ approvalRequired: true, bookableBy: ['seeker', 'employer'], capacity: 1 });
    const edit = await staff.get(`/staff/bookings/resources/${r.id}`);
    expect(edit.body).toContain('value="13:00"');
    const changed = await staff.post(
      `/staff/bookings/resources/${r.id}`,
      body(
        {
          name: '노무사 상담소',
          kind: 'attorney',
          slotMinutes: '60',
          capacity: '2',
          bookableBy: 'seeker',
          active: '1',
        },
        [[4, '14:00', '18:00']],
      ),
      form,
    );
    expect(changed.statusCode).toBe(303);
    const after = expectStatus(await staff.get(`/api/v1/resources?kind=attorney`), 200).items[0];
    expect(after).toMatchObject({
      slotMinutes: 60,
      capacity: 2,
      approvalRequired: false,
      bookableBy: ['seeker'],
      openingHours: [{ weekday: 4, from: '14:00', to: '18:00' }],
    });
    // Another centre's staff cannot open or change it.
    expect((await other.get(`/staff/bookings/resources/${r.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/v1/resources/${r.id}`, { name: '탈취' })).statusCode).toBe(404);
  });

  it('answers a bad form with 400 naming the fields, and saves nothing', async () => {
    const res = await staff.post(
      '/staff/bookings/resources/new',
      body(
        { name: '화상면접실', kind: 'video_room', slotMinutes: '0', capacity: '1', bookableBy: 'seeker' },
        [[2, '17:00', '10:00']],
      ),
      form,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('5에서 480 사이의 정수로 입력하세요');
    expect(res.body).toContain('운영 시간은 요일(1–7)과');
    const api = expectStatus(await staff.get('/api/v1/resources?kind=video_room'), 200);
    expect(api.items).toHaveLength(0);
  });

  it('refuses to lower the capacity below a future slot’s bookings (409), and takes off a resource', async () => {
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '24:00' }));
    const room = expectStatus(
      await staff.post('/api/v1/resources', {
        name: '회의실',
        kind: 'meeting_room',
        slotMinutes: 60,
        capacity: 3,
        openingHours: allDay,
      }),
      201,
    );
    let day = addDays(seoulToday(), 3);
    while ((await closedDays({ db: t.db }, { centreId: centre.id, from: day, to: day })).length)
      day = addDays(day, 1);
    const at = seoulInstant(day, 10 * 60).toISOString();
    for (let i = 0; i < 2; i++) {
      const s = await buildSeeker(t.db, centre.id);
      expectStatus(
        await staff.post('/api/v1/bookings', { resourceId: room.id, startsAt: at, seekerId: s.id }),
        201,
      );
    }
    const lower = await staff.patch(`/api/v1/resources/${room.id}`, { capacity: 1 });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().code).toBe('booking.capacityBelowTaken');
    expect(
      expectStatus(await staff.patch(`/api/v1/resources/${room.id}`, { capacity: 2 }), 200).capacity,
    ).toBe(2);
    // The slot now holds its 2 of 2: a third booker is refused by the slot's new capacity.
    const s3 = await buildSeeker(t.db, centre.id);
    const full = await staff.post('/api/v1/bookings', { resourceId: room.id, startsAt: at, seekerId: s3.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('booking.full');
    expectStatus(await staff.patch(`/api/v1/resources/${room.id}`, { active: false }), 200);
    expect((await t.app.inject({ method: 'GET', url: '/bookings' })).body).not.toContain('회의실');
    expect((await staff.get('/staff/bookings/resources')).body).toContain('회의실');
  });
});
