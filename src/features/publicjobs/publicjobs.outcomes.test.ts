import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { addDays, closeApplications, newMiddleAgedProgramme, waitUntil } from './publicjobs.test-helpers.ts';

const t = await testApp();

// What follows a draw: each ranked applicant is told the result when it is published (through
// the notifications feature), and a placement that ends in a private job records that job as an
// employment (through the employments feature).
describe('public job results told and private jobs recorded', async () => {
  const centre = await t.centre('광명시일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const body = newMiddleAgedProgramme({ quota: 2, name: '신중년 결과 안내 시험' });
  const programme = expectStatus(await staff.post('/api/v1/public-jobs', body), 201);
  const base = `/api/v1/public-jobs/${programme.id}`;
  const seekers: string[] = [];
  let drawn: { id: string; selected: string[]; waitlist: string[]; orderNos: number[] };

  it('tells the selected and the waiting list, in order, when the result is published — not before', async () => {
    for (let i = 0; i < 5; i++) {
      const s = await buildSeeker(t.db, centre.id, { birth_date: `196${5 + i}-05-01` });
      seekers.push(s.id);
      expectStatus(
        await staff.post(`${base}/applications`, {
          seekerId: s.id,
          householdSize: 1,
          monthlyIncome: i === 4 ? 9_000_000 : 1_000_000, // the fifth is over the income cap
          property: 0,
        }),
        201,
      );
    }
    await closeApplications(t.db, programme.id);
    const soon = new Date(Date.now() + 1200).toISOString();
    expectStatus(
      await staff.post(`${base}/announcements`, { seedSource: '로또 6/45 제1204회', seedsAvailableAt: soon }),
      201,
    );
    await waitUntil(soon);
    drawn = expectStatus(
      await staff.post(`${base}/draws`, { seedSources: [[2, 13, 21, 30, 37, 44], [9]] }),
      201,
    );
    const told = () =>
      t.db
        .selectFrom('notifications')
        .select(['recipient_id', 'template_key', 'variables', 'status'])
        .where('source', 'in', ['public_job.selected', 'public_job.waitlisted'])
        .where('centre_id', '=', centre.id)
        .execute();
    expect(await told()).toHaveLength(0);
    expectStatus(await staff.post(`${base}/draws/${drawn.id}/publish`), 200);
    const messages = await told();
    expect(messages).toHaveLength(4);
    const apps = await t.db
      .selectFrom('public_job_applications')
      .select(['id', 'seeker_id', 'application_no'])
      .where('programme_id', '=', programme.id)
      .execute();
    const seekerOf = new Map(apps.map((a) => [a.id, a]));
    const byRecipient = new Map(messages.map((m) => [m.recipient_id, m]));
    for (const id of drawn.selected) {
      const a = seekerOf.get(id)!;
      expect(byRecipient.get(a.seeker_id)).toMatchObject({
        template_key: 'public_job_selected',
        variables: { programme: body.name, applicationNo: String(a.application_no) },
      });
    }
    drawn.waitlist.forEach((id, i) => {
      const a = seekerOf.get(id)!;
      expect(byRecipient.get(a.seeker_id)).toMatchObject({
        template_key: 'public_job_waitlisted',
        variables: { position: String(i + 1), applicationNo: String(a.application_no) },
      });
    });
    // The one over the income cap was never a candidate and is not told a result.
    const ineligible = apps.find((a) => !drawn.selected.includes(a.id) && !drawn.waitlist.includes(a.id))!;
    expect(byRecipient.has(ineligible.seeker_id)).toBe(false);
    // Queued for the outbox worker (or held for the quiet hours), never suppressed.
    for (const m of messages) expect(['queued', 'deferred']).toContain(m.status);
  });

  it('records the private job a placement ends in as an employment; without its employer nothing is saved', async () => {
    const p = expectStatus(
      await staff.post(`${base}/placements`, {
        applicationId: drawn.selected[0],
        worksite: '광명시청 민원실',
        startsOn: body.startsOn,
      }),
      201,
    );
    const endsOn = addDays(body.startsOn, 45);
    const missing = expectStatus(
      await staff.post(`${base}/placements/${p.id}/end`, { endsOn, outcome: 'private_job' }),
      400,
    );
    expect(missing.errors.map((e: { field: string }) => e.field)).toEqual(['privateEmployer']);
    expect(missing.errors[0].message).toContain('기업명');
    const early = expectStatus(
      await staff.post(`${base}/placements/${p.id}/end`, {
        endsOn,
        outcome: 'private_job',
        privateEmployer: '(주)광명정밀',
        privateStartsOn: addDays(body.startsOn, -1),
      }),
      400,
    );
    expect(early.errors[0].field).toBe('privateStartsOn');
    const open = expectStatus(await staff.get(`${base}/placements`), 200);
    expect(open.items[0]).toMatchObject({ outcome: null, privateEmploymentId: null });
    const ended = expectStatus(
      await staff.post(`${base}/placements/${p.id}/end`, {
        endsOn,
        outcome: 'private_job',
        privateEmployer: '(주)광명정밀',
      }),
      200,
    );
    expect(ended.privateEmploymentId).toMatch(/^[0-9a-f-]{36}$/);
    const jobs = await t.db
      .selectFrom('employments')
      .select(['id', 'route', 'employer_name', 'start_date'])
      .where('seeker_id', '=', ended.seekerId)
      .orderBy('start_date')
      .execute();
    expect(jobs.map((j) => [j.route, j.employer_name, String(j.start_date).slice(0, 10)])).toEqual([
      ['public_job', '광명시청 민원실', body.startsOn],
      ['self', '(주)광명정밀', addDays(endsOn, 1)],
    ]);
    expect(jobs[1]?.id).toBe(ended.privateEmploymentId);
    const followups = await t.db
      .selectFrom('retention_followups')
      .select('months')
      .where('employment_id', '=', ended.privateEmploymentId)
      .execute();
    expect(followups.map((f) => f.months).sort()).toEqual([1, 3, 6]);
    // Completed or dropped placements record no private job.
    const q = expectStatus(
      await staff.post(`${base}/placements`, {
        applicationId: drawn.selected[1],
        worksite: '철산도서관',
        startsOn: body.startsOn,
      }),
      201,
    );
    const done = expectStatus(
      await staff.post(`${base}/placements/${q.id}/end`, {
        endsOn: body.endsOn,
        outcome: 'completed',
        privateEmployer: '무시됨',
      }),
      200,
    );
    expect(done).toMatchObject({ privateEmployer: null, privateEmploymentId: null });
  });
});
