import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { insertSeeker } from '../seekers/test-helpers.ts';

// Hires imported from a CSV file bring what a hire recorded through the API brings: the
// seeker's status employed with a history row, and the 1/3/6-month retention follow-ups.

const t = await testApp();
const centre = await t.centre('부산진구일자리센터', null, '26230');
const staff = await t.user('counsellor', centre.id);
const csv = { 'content-type': 'text/csv; charset=utf-8' };

type Followup = { employmentId: string; seekerId: string; months: number; dueDate: string };

async function followupsOf(seekerId: string): Promise<Followup[]> {
  const all: Followup[] = [];
  for (let page = 1; ; page++) {
    const r = expectStatus(await staff.get(`/api/v1/followups?pageSize=100&page=${page}`), 200);
    all.push(...r.items);
    if (page * 100 >= r.total) break;
  }
  return all
    .filter((f) => f.seekerId === seekerId)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.months - b.months);
}

const historyOf = async (seekerId: string) =>
  expectStatus(await staff.get(`/api/v1/seekers/${seekerId}/status-history`), 200).items as {
    fromStatus: string | null;
    toStatus: string;
    reason: string;
    changedBy: string;
  }[];

const setStatus = (id: string, status: 'on_hold' | 'employed' | 'closed') =>
  t.db.updateTable('seekers').set({ status }).where('id', '=', id).execute();

describe('imported employments', () => {
  it('create the 1/3/6-month follow-ups and the status history, as POST /employments does', async () => {
    const active = await insertSeeker(t.db, centre.id, { externalId: 'BS-1' });
    const onHold = await insertSeeker(t.db, centre.id, { externalId: 'BS-2' });
    const employed = await insertSeeker(t.db, centre.id, { externalId: 'BS-3' });
    const byApi = await insertSeeker(t.db, centre.id);
    await setStatus(onHold, 'on_hold');
    await setStatus(employed, 'employed');

    const file = [
      'seekerExternalId,employerName,startDate,route,employmentType,wageType,wage',
      'BS-1,㈜서면정밀,2026-01-31,self,10,M,2300000',
      'BS-2,해운대요양원,2026-03-02,event,11,H,10030',
      'BS-3,부산항물류(주),2026-02-16,public_job,,,',
      // A second hire of the same seeker in the same file: its own follow-ups, one status change.
      'BS-1,동래식품,2026-04-01,self,,,',
    ].join('\n');
    const r = expectStatus(await staff.post('/api/v1/imports/employments', file, csv), 200);
    expect(r).toMatchObject({ imported: 4, rejected: [] });

    const f = await followupsOf(active);
    expect(f.map((x) => [x.months, x.dueDate])).toEqual([
      [1, '2026-02-28'], // 31 January + 1 month: the month's last day
      [3, '2026-04-30'],
      [1, '2026-05-01'],
      [3, '2026-07-01'],
      [6, '2026-07-31'],
      [6, '2026-10-01'],
    ]);
    expect(new Set(f.map((x) => x.employmentId)).size).toBe(2);
    expect((await followupsOf(onHold)).map((x) => x.dueDate)).toEqual([
      '2026-04-02',
      '2026-06-02',
      '2026-09-02',
    ]);
    expect(await followupsOf(employed)).toHaveLength(3);

    // The same hire recorded through the API gives the same follow-ups and the same history.
    expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: byApi,
        employerName: '해운대요양원',
        startDate: '2026-03-02',
        route: 'event',
      }),
      201,
    );
    expect((await followupsOf(byApi)).map((x) => [x.months, x.dueDate])).toEqual(
      (await followupsOf(onHold)).map((x) => [x.months, x.dueDate]),
    );
    const viaApi = await historyOf(byApi);
    const viaImport = await historyOf(onHold);
    expect(viaImport).toMatchObject([
      { fromStatus: 'on_hold', toStatus: 'employed', reason: 'employment:event', changedBy: staff.user.id },
    ]);
    expect(viaApi).toMatchObject([
      { fromStatus: 'active', toStatus: 'employed', reason: 'employment:event' },
    ]);

    expect(await historyOf(active)).toMatchObject([
      { fromStatus: 'active', toStatus: 'employed', reason: 'employment:self' },
    ]);
    // Already employed: no change, no history row.
    expect(await historyOf(employed)).toEqual([]);

    const statuses = await t.db
      .selectFrom('seekers')
      .select(['id', 'status', 'status_changed_by'])
      .where('id', 'in', [active, onHold, employed])
      .execute();
    expect(statuses.every((s) => s.status === 'employed')).toBe(true);
    expect(statuses.find((s) => s.id === active)?.status_changed_by).toBe(staff.user.id);
  });

  it('treat a closed record as POST /employments does and write nothing of a refused file', async () => {
    const closed = await insertSeeker(t.db, centre.id, { externalId: 'BS-9' });
    const other = await insertSeeker(t.db, centre.id, { externalId: 'BS-10' });
    await setStatus(closed, 'closed');

    // A whole-file import with one bad row: no employment, no follow-up, no status change.
    const bad = [
      'seekerExternalId,employerName,startDate,route',
      'BS-10,사상구청,2026-05-04,public_job',
      'BS-9,사상구청,2026-05-04,bus',
    ].join('\n');
    const refused = expectStatus(await staff.post('/api/v1/imports/employments', bad, csv), 400);
    expect(refused.imported).toBe(0);
    expect(await followupsOf(other)).toEqual([]);
    expect(await historyOf(other)).toEqual([]);

    const good = bad.replace(',bus', ',public_job');
    expectStatus(await staff.post('/api/v1/imports/employments', good, csv), 200);
    expect(await historyOf(closed)).toMatchObject([
      { fromStatus: 'closed', toStatus: 'employed', reason: 'employment:public_job' },
    ]);
    expect(await followupsOf(closed)).toHaveLength(3);
    expect(await followupsOf(other)).toHaveLength(3);
  });
});
