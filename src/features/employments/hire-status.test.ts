import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';
import { recordEmployments } from './employments.service.ts';

// A hire changes the seeker's status through the seekers feature (status.service.ts), with the
// rules a counsellor's change follows: the new reason replaces the old, one history row.

const t = await testApp();
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

async function onHoldSeeker() {
  const centre = await t.centre();
  const c = await t.user('counsellor', centre.id);
  const s = expectStatus(await c.post('/api/v1/seekers', buildSeeker()), 201);
  expectStatus(
    await c.post(`/api/v1/seekers/${s.id}/status`, { status: 'on_hold', reason: '건강 문제로 휴식' }),
    200,
  );
  return { c, s, centre };
}

const history = (c: Awaited<ReturnType<typeof onHoldSeeker>>['c'], id: string) =>
  c.get(`/api/v1/seekers/${id}/status-history`).then((r) => expectStatus(r, 200).items);

describe('a hire moves the seeker through the status rules', () => {
  it('on hold with a reason, then hired: employed with the hire as the reason, one history row', async () => {
    const { c, s } = await onHoldSeeker();
    expectStatus(
      await c.post('/api/v1/employments', {
        seekerId: s.id,
        employerName: '한빛정밀',
        startDate: today,
        route: 'self',
      }),
      201,
    );
    const after = expectStatus(await c.get(`/api/v1/seekers/${s.id}`), 200);
    expect(after.status).toBe('employed');
    expect(after.statusReason).toBe('employment:self');
    const h = await history(c, s.id);
    expect(h).toHaveLength(2);
    expect(h[0]).toMatchObject({ fromStatus: 'on_hold', toStatus: 'employed', reason: 'employment:self' });
    expect(h[1]).toMatchObject({ toStatus: 'on_hold', reason: '건강 문제로 휴식' });
  });

  it('the set-based twin (CSV import) applies the same rules, once per seeker', async () => {
    const { c, s, centre } = await onHoldSeeker();
    const hire = {
      seekerId: s.id,
      centreId: centre.id,
      employerId: null,
      employerName: '가온물류',
      startDate: today,
      route: 'self' as const,
      createdBy: null,
    };
    const r = await t.db
      .transaction()
      .execute((tx) => recordEmployments(tx, [hire, { ...hire, employerName: '다온식품' }]));
    expect(r.employed).toEqual([{ seekerId: s.id, centreId: centre.id }]);
    const after = expectStatus(await c.get(`/api/v1/seekers/${s.id}`), 200);
    expect(after).toMatchObject({ status: 'employed', statusReason: 'employment:self' });
    const h = await history(c, s.id);
    expect(h.filter((x: { toStatus: string }) => x.toStatus === 'employed')).toHaveLength(1);
    // A later hire of an employed seeker is not a status move: no new history row.
    await t.db
      .transaction()
      .execute((tx) => recordEmployments(tx, [{ ...hire, employerName: '라온', startDate: '2026-01-02' }]));
    expect(await history(c, s.id)).toHaveLength(2);
  });
});
