import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { updatePosting } from './postings.service.ts';

// An employer's edit is decided on the status it read: a pending posting's edit stays pending,
// an open one's goes back to pending. When a counsellor approves (or refuses) in between, the
// edit must not be written: otherwise the employer's unreviewed text would be open, riding on
// the approval of the text before it. The approval is made to land exactly in that gap.

const t = await testApp();
const centre = await t.centre('원주일자리센터', null, '51130');
const counsellor = await t.user('counsellor', centre.id);
const employer = await buildEmployer(t.db, centre.id);
const employerUser = await t.user('employer', null, { employerId: employer.id });
const employerActor: Actor = {
  userId: employerUser.user.id,
  login: employerUser.login,
  name: '기업 담당자',
  role: 'employer',
  centreId: null,
  employerId: employer.id,
  seekerId: null,
  centreScope: [],
  via: 'session',
  sessionId: null,
};

/** The database, but `between` runs once when the service opens its transaction. */
function withGap(between: () => Promise<void>): Db {
  return new Proxy(t.db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => ({
          execute: async (fn: Parameters<ReturnType<Db['transaction']>['execute']>[0]) => {
            await between();
            return target.transaction().execute(fn);
          },
        });
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

describe('an employer’s edit racing the counsellor’s decision', () => {
  it('is refused with 409 naming the new status when an approval lands in between; nothing of it is written', async () => {
    const posting = await buildPosting(t.db, centre.id, employer.id, {
      status: 'pending',
      title: '포장 보조',
    });
    const db = withGap(async () => {
      expectStatus(await counsellor.post(`/api/v1/postings/${posting.id}/approve`, {}), 200);
    });
    await expect(
      updatePosting(db, employerActor, posting.id, { title: '포장 보조 (야간 추가)' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      key: 'posting.changedMeanwhile',
      params: { status: 'open' },
    });
    const row = await t.db
      .selectFrom('postings')
      .select(['status', 'title'])
      .where('id', '=', posting.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'open', title: '포장 보조' });
    // Read again, the edit of the open posting goes back for approval as it should.
    const again = await updatePosting(t.db, employerActor, posting.id, { title: '포장 보조 (야간 추가)' });
    expect(again.status).toBe('pending');
  });

  it('still saves an edit when nothing came in between', async () => {
    const posting = await buildPosting(t.db, centre.id, employer.id, {
      status: 'pending',
      title: '물류 상하차',
    });
    const saved = await updatePosting(
      withGap(async () => {}),
      employerActor,
      posting.id,
      { title: '물류 상하차 보조' },
    );
    expect(saved).toMatchObject({ status: 'pending', title: '물류 상하차 보조' });
  });
});
