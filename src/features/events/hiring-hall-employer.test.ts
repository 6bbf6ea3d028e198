import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { addDays } from '../bookings/bookings.slots.ts';

// The company's request form at /employer/hiring-hall has three preferred-day boxes. Any of them
// may be left blank (a company with only a third choice filled in is still heard); a problem is
// shown on the box that caused it, and a day written in two boxes is refused, nothing saved.
const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('hiring hall request form: the preferred-day boxes', async () => {
  const centre = await t.centre('인천서구일자리센터');
  const employer = await buildEmployer(t.db, centre.id, { name: '서구포장' });
  const company = await t.user('employer', null, { employerId: employer.id });
  const posting = await buildPosting(t.db, centre.id, employer.id, { title: '포장 작업원' });
  const d1 = addDays(seoulToday(), 5);
  const d2 = addDays(seoulToday(), 9);
  const send = (boxes: { date1?: string; date2?: string; date3?: string }) =>
    company.post(
      '/employer/hiring-hall',
      new URLSearchParams({
        postingId: posting.id,
        date1: boxes.date1 ?? '',
        date2: boxes.date2 ?? '',
        date3: boxes.date3 ?? '',
        headcount: '2',
        note: '',
      }).toString(),
      form,
    );
  const requests = async () =>
    expectStatus(await company.get('/api/v1/hiring-hall/requests'), 200).items as {
      preferredDates: string[];
    }[];
  /** The message shown on one box, or null when that box is not marked invalid. */
  const boxError = (html: string, box: string) => {
    if (!new RegExp(`id="f-${box}"[^>]*aria-invalid="true"`).test(html)) return null;
    return new RegExp(`id="f-${box}-error"[^>]*>([^<]*)<`).exec(html)?.[1] ?? '';
  };

  it('takes day 1 and day 3 with day 2 blank, and day 3 alone', async () => {
    const a = await send({ date1: d1, date3: d2 });
    expect(a.statusCode).toBe(303);
    expect(a.headers.location).toBe('/employer/hiring-hall?sent=1');
    const b = await send({ date3: d1 });
    expect(b.statusCode).toBe(303);
    const c = await send({ date2: d2, date3: d1 });
    expect(c.statusCode).toBe(303);
    expect((await requests()).map((r) => r.preferredDates).sort()).toEqual([[d1, d2], [d1], [d1, d2]].sort());
  });

  it('shows a bad day 3 on box 3 when box 2 is blank, keeping what was typed', async () => {
    const before = (await requests()).length;
    const res = await send({ date1: d1, date3: '2020-01-01' });
    expect(res.statusCode).toBe(400);
    expect(boxError(res.body, 'date3')).toContain('희망일은 오늘 이후여야 합니다');
    expect(boxError(res.body, 'date2')).toBeNull();
    expect(boxError(res.body, 'date1')).toBeNull();
    expect(res.body).toContain(`value="${d1}"`);
    expect(res.body).toContain('value="2020-01-01"');
    expect(await requests()).toHaveLength(before);
  });

  it('refuses the same day in two boxes at the second one, and all boxes blank at box 1', async () => {
    const before = (await requests()).length;
    const twice = await send({ date1: d1, date3: d1 });
    expect(twice.statusCode).toBe(400);
    expect(boxError(twice.body, 'date3')).toContain('같은 날을 두 번 적었습니다');
    expect(boxError(twice.body, 'date1')).toBeNull();
    const twiceLater = await send({ date2: d2, date3: d2 });
    expect(boxError(twiceLater.body, 'date3')).toContain('같은 날을 두 번');
    const none = await send({});
    expect(none.statusCode).toBe(400);
    expect(boxError(none.body, 'date1')).toContain('희망일을 하나 이상 적으세요');
    expect(await requests()).toHaveLength(before);
  });

  it('refuses a repeated day through the API too, naming its place', async () => {
    const res = expectStatus(
      await company.post('/api/v1/hiring-hall/requests', {
        employerId: employer.id,
        postingId: posting.id,
        preferredDates: [d2, d1, d2],
      }),
      400,
    );
    expect(res.errors).toEqual([
      expect.objectContaining({ field: 'preferredDates[2]', message: expect.stringContaining('두 번') }),
    ]);
  });
});
