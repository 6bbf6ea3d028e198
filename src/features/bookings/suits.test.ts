import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { addDays } from './bookings.slots.ts';

const t = await testApp();

describe('interview suits', async () => {
  const centre = await t.centre('광명시일자리센터');
  const other = await t.centre('다른센터');
  const desk = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const seekerId = (await buildSeeker(t.db, centre.id)).id;
  const theirSeeker = (await buildSeeker(t.db, other.id)).id;
  const item = async (code: string, category: string, size: string, gender = 'm') =>
    expectStatus(await desk.post('/api/v1/suits', { code, category, gender, size }), 201);
  const jacket = await item('J-100-01', 'jacket', '100');
  const trousers = await item('T-32-01', 'trousers', '32');
  const jacket2 = await item('J-105-01', 'jacket', '105');
  const today = seoulToday();

  it('lends a jacket in size 100 with trousers, refuses it twice (409), sees it come back', async () => {
    expect(jacket).toMatchObject({ categoryName: '재킷', genderName: '남성', sizeBand: '100', out: false });
    expectStatus(
      await desk.post('/api/v1/suits', { code: 'J-100-01', category: 'jacket', gender: 'm', size: '100' }),
      409,
    );
    const avail = expectStatus(await desk.get('/api/v1/suits?available=true&category=jacket&size=100'), 200);
    expect(avail.items.map((i: { id: string }) => i.id)).toEqual([jacket.id]);
    const rental = expectStatus(
      await desk.post('/api/v1/suit-rentals', {
        seekerId,
        itemIds: [jacket.id, trousers.id],
        from: today,
        dueOn: addDays(today, 3),
      }),
      201,
    );
    expect(rental.items.map((i: { code: string }) => i.code).sort()).toEqual(['J-100-01', 'T-32-01']);
    const twice = expectStatus(
      await desk.post('/api/v1/suit-rentals', {
        seekerId,
        itemIds: [jacket.id],
        from: today,
        dueOn: addDays(today, 3),
      }),
      409,
    );
    expect(twice).toMatchObject({ code: 'suit.itemOut' });
    expect(twice.detail).toContain('J-100-01');
    expect(
      expectStatus(await desk.get('/api/v1/suits?available=true&category=jacket&size=100'), 200).total,
    ).toBe(0);
    const stock = expectStatus(await desk.get('/api/v1/suits/stock'), 200);
    expect(
      stock.items.find(
        (b: { category: string; band: string }) => b.category === 'jacket' && b.band === '100',
      ),
    ).toMatchObject({ total: 1, out: 1, free: 0 });
    expectStatus(await outsider.post(`/api/v1/suit-rentals/${rental.id}/return`, {}), 404);
    const back = expectStatus(await desk.post(`/api/v1/suit-rentals/${rental.id}/return`, {}), 200);
    expect(back.returnedOn).toBe(today);
    expectStatus(await desk.post(`/api/v1/suit-rentals/${rental.id}/return`, {}), 409);
    expect(
      expectStatus(await desk.get('/api/v1/suits?available=true&category=jacket&size=100'), 200).total,
    ).toBe(1);
  });

  it('lets one of 10 desks lending the same jacket at once succeed', async () => {
    const res = await Promise.all(
      Array.from({ length: 10 }, () =>
        desk.post('/api/v1/suit-rentals', {
          seekerId,
          itemIds: [jacket2.id],
          from: today,
          dueOn: addDays(today, 2),
        }),
      ),
    );
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
  });

  it('lists overdue rentals; refuses a bad period, another centre’s seeker and items', async () => {
    const shirt = await item('S-95-01', 'shirt', '95', 'f');
    const old = expectStatus(
      await desk.post('/api/v1/suit-rentals', {
        seekerId,
        itemIds: [shirt.id],
        from: addDays(today, -10),
        dueOn: addDays(today, -3),
      }),
      201,
    );
    const overdue = expectStatus(await desk.get('/api/v1/suit-rentals?overdue=true'), 200);
    expect(overdue.items.map((r: { id: string; overdue: boolean }) => [r.id, r.overdue])).toEqual([
      [old.id, true],
    ]);
    const bad = expectStatus(
      await desk.post('/api/v1/suit-rentals', {
        seekerId,
        itemIds: [trousers.id],
        from: today,
        dueOn: addDays(today, -1),
      }),
      400,
    );
    expect(bad.errors[0].field).toBe('dueOn');
    expectStatus(
      await desk.post('/api/v1/suit-rentals', {
        seekerId: theirSeeker,
        itemIds: [trousers.id],
        from: today,
        dueOn: today,
      }),
      404,
    );
    expectStatus(
      await outsider.post('/api/v1/suit-rentals', {
        seekerId: theirSeeker,
        itemIds: [trousers.id],
        from: today,
        dueOn: today,
      }),
      404,
    );
    expect(expectStatus(await outsider.get('/api/v1/suits'), 200).total).toBe(0);
  });
});
