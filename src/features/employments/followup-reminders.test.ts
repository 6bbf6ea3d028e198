import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';
import { seoulToday } from './employments.service.ts';
import { noticeDueFollowups } from './followup-reminders.ts';

const t = await testApp();
const centre = await t.centre('사후관리알림센터');
const staff = await t.user('counsellor', centre.id);
const colleague = await t.user('counsellor', centre.id);

async function hire(by: typeof staff, name: string) {
  const s = expectStatus(
    await by.post('/api/v1/seekers', buildSeeker({ name, birthDate: '1991-02-03' })),
    201,
  );
  expectStatus(
    await by.post('/api/v1/employments', {
      seekerId: s.id,
      employerName: '㈜알림회사',
      route: 'self',
      startDate: seoulToday(),
    }),
    201,
  );
  return s.id as string;
}

describe('follow-ups due today', () => {
  it('tell each staff member who recorded the hires their number, once a day', async () => {
    const mine = [await hire(staff, '오늘하나'), await hire(staff, '오늘둘')];
    const theirs = await hire(colleague, '내일것');
    // the 1-month checks of mine fall due today; the colleague's stays in a month
    await t.db
      .updateTable('retention_followups')
      .set({ due_date: seoulToday() })
      .where('seeker_id', 'in', mine)
      .where('months', '=', 1)
      .execute();
    expect(await noticeDueFollowups(t.db)).toBe(1);
    expect(await noticeDueFollowups(t.db)).toBe(0);
    const rows = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('template_key', '=', 'followup_due')
      .execute();
    expect(rows).toHaveLength(1);
    const staffId = (
      await t.db.selectFrom('users').select('id').where('login', '=', staff.login).executeTakeFirstOrThrow()
    ).id;
    expect(rows[0]).toMatchObject({
      recipient_kind: 'user',
      recipient_id: staffId,
      centre_id: centre.id,
      dedupe_key: `followup_due:${staffId}:${seoulToday()}`,
    });
    expect(rows[0]!.variables).toEqual({ count: '2' });
    expect(theirs).toBeTruthy();
  });
});
