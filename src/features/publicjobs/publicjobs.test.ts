import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { addDays, closeApplications, newMiddleAgedProgramme, waitUntil } from './publicjobs.test-helpers.ts';
import { rfc3797OrderReference } from './rfc3797.reference.ts';
import { keyStringOf } from './rfc3797.ts';
import { candidateListText, sha256Hex } from './selection.ts';

const t = await testApp();

/** A birth date making the person `age` (만) on `day`. */
const bornFor = (age: number, day: string) => `${Number(day.slice(0, 4)) - age - 1}-12-31`;

describe('public job programmes: the 신중년 scenario of issue 20', async () => {
  const centre = await t.centre('광명시일자리센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const body = newMiddleAgedProgramme();
  const programme = expectStatus(await staff.post('/api/v1/public-jobs', body), 201);
  const base = `/api/v1/public-jobs/${programme.id}`;

  it('refuses a wage below that year’s minimum wage, naming the field in Korean, nothing saved', async () => {
    const bad = expectStatus(
      await staff.post('/api/v1/public-jobs', { ...body, name: '최저임금 미달 사업', hourlyWage: 10_000 }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['hourlyWage']);
    expect(bad.errors[0].message).toMatch(/최저임금/);
    const none = await t.db
      .selectFrom('public_job_programmes')
      .select('id')
      .where('name', '=', '최저임금 미달 사업')
      .execute();
    expect(none).toHaveLength(0);
    expect(programme).toMatchObject({ ruleVersion: 1, kindName: '신중년 일자리', applicationsOpen: true });
    const pub = expectStatus(
      await t.app.inject({ method: 'GET', url: '/api/v1/public-jobs?open=true' }),
      200,
    );
    expect(pub.items.map((p: { id: string }) => p.id)).toContain(programme.id);
  });

  // 300 applicants: ages 45–69, incomes around the cap, some excluded by a flag.
  const applications: { id: string; applicationNo: number; eligible: boolean }[] = [];
  it('answers 300 applications at once, eligible or not, with each reason in Korean', async () => {
    const seekers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        buildSeeker(t.db, centre.id, { birth_date: bornFor(45 + (i % 25), body.startsOn) }),
      ),
    );
    for (const [i, seeker] of seekers.entries()) {
      const flags = i % 17 === 0 ? ['unemployment_benefit'] : i % 5 === 0 ? ['disabled'] : [];
      const a = expectStatus(
        await staff.post(`${base}/applications`, {
          seekerId: seeker.id,
          householdSize: 1 + (i % 4),
          monthlyIncome: i % 11 === 0 ? 9_000_000 : 1_500_000 + i * 1000,
          property: i % 23 === 0 ? 500_000_000 : 100_000_000,
          flags,
        }),
        201,
      );
      applications.push(a);
      expect(a.applicationNo).toBe(i + 1);
      expect(a.ruleVersion).toBe(1);
      expect(a.channelName).toBe('상담사 접수');
    }
    const young = applications[0] as unknown as {
      eligible: boolean;
      reasons: { code: string; met: boolean; text: string }[];
    };
    // i = 0: age 45, 9,000,000 income, 5억 property, unemployment benefit.
    expect(young.eligible).toBe(false);
    const failed = young.reasons.filter((r) => !r.met).map((r) => r.code);
    expect(failed).toEqual(['age', 'income', 'property', 'exclude.unemployment_benefit']);
    expect(young.reasons.find((r) => r.code === 'age')?.text).toBe(
      '나이 만 45세: 기준 만 50~64세에 해당하지 않음',
    );
    expect(young.reasons.find((r) => r.code === 'income')?.text).toMatch(
      /기준중위소득 100% \([\d,]+원\) 초과/,
    );
    const fine = applications[6] as unknown as {
      eligible: boolean;
      score: number;
      reasons: { met: boolean }[];
    };
    expect(fine.eligible).toBe(true); // age 51, income 1,506,000 for 3 persons
    expect(fine.reasons.every((r) => r.met)).toBe(true);
    const disabled = applications[10] as unknown as { score: number; reasons: { code: string }[] };
    expect(disabled.score).toBe(5);
    expect(disabled.reasons.map((r) => r.code)).toContain('points.disabled');
    const eligible = applications.filter((a) => a.eligible).length;
    expect(eligible).toBeGreaterThan(100);
    expect(eligible).toBeLessThan(300);
  }, 180_000);

  it('keeps past decisions when the rules change (new version) and the database refuses rewriting them', async () => {
    const changed = expectStatus(
      await staff.put(`${base}/eligibility`, {
        eligibility: { ...body.eligibility, minAge: 55 },
        scoring: body.scoring,
        ruleSource: '변경 공고',
      }),
      200,
    );
    expect(changed.ruleVersion).toBe(2);
    const late = await buildSeeker(t.db, centre.id, { birth_date: bornFor(52, body.startsOn) });
    const a = expectStatus(
      await staff.post(`${base}/applications`, {
        seekerId: late.id,
        householdSize: 1,
        monthlyIncome: 0,
        property: 0,
      }),
      201,
    );
    expect(a).toMatchObject({ ruleVersion: 2, eligible: false, applicationNo: 301 });
    const list = expectStatus(await staff.get(`${base}/applications`), 200);
    expect(list.items.filter((x: { ruleVersion: number }) => x.ruleVersion === 1)).toHaveLength(300);
    await expect(
      t.db.updateTable('public_job_applications').set({ eligible: true }).where('id', '=', a.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db
        .updateTable('public_job_rule_sets')
        .set({ source: 'x' })
        .where('programme_id', '=', programme.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    const detail = expectStatus(await t.app.inject({ method: 'GET', url: base }), 200);
    expect(detail.ruleVersions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expectStatus(await outsider.get(`${base}/applications`), 404);
    // A second application of the same seeker is refused.
    expectStatus(
      await staff.post(`${base}/applications`, {
        seekerId: late.id,
        householdSize: 1,
        monthlyIncome: 0,
        property: 0,
      }),
      409,
    );
  });

  let drawn: { id: string; orderNos: number[]; selectedNos: number[]; keyString: string; selected: string[] };
  it('freezes the candidates, draws 40 by RFC 3797 once the announced numbers exist, and anyone can recompute it', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const announce = {
      seedSource: '동행복권 로또 6/45 제1203회 당첨번호(6개)와 보너스 번호',
      seedsAvailableAt: soon,
    };
    expectStatus(await staff.post(`${base}/announcements`, announce), 409); // window still open
    await closeApplications(t.db, programme.id);
    const past = expectStatus(
      await staff.post(`${base}/announcements`, {
        ...announce,
        seedsAvailableAt: new Date(Date.now() - 1000).toISOString(),
      }),
      400,
    );
    expect(past.errors[0].field).toBe('seedsAvailableAt');
    const a = expectStatus(await staff.post(`${base}/announcements`, announce), 201);
    const eligibleNos = applications.filter((x) => x.eligible).map((x) => x.applicationNo);
    expect(a.candidateNos).toEqual(eligibleNos);
    expect(a.inputSha256).toBe(sha256Hex(candidateListText(a.candidateNos, a.candidateScores)));
    const seeds = [[1203], [3, 11, 19, 25, 38, 42], [7]];
    expectStatus(await staff.post(`${base}/draws`, { seedSources: seeds }), 409); // numbers not out yet
    const before = expectStatus(await t.app.inject({ method: 'GET', url: `${base}/results` }), 200);
    expect(before.announcement.inputSha256).toBe(a.inputSha256);
    expect(before.result).toBeNull();
    await waitUntil(soon);
    drawn = expectStatus(await staff.post(`${base}/draws`, { seedSources: seeds }), 201);
    expect(drawn.keyString).toBe('1203./3.11.19.25.38.42./7./');
    expect(drawn.selectedNos).toHaveLength(40);
    // The citizen's recomputation: the published list and key, the RFC's plain algorithm.
    const order = rfc3797OrderReference(keyStringOf(seeds), a.candidateNos.length).map(
      (i) => a.candidateNos[i],
    );
    expect(drawn.orderNos).toEqual(order);
    expect(drawn.selectedNos).toEqual(order.slice(0, 40));
    // A re-run is a new record with the same answer; the first stays; the table refuses edits.
    const again = expectStatus(await staff.post(`${base}/draws`, { seedSources: seeds }), 201);
    expect(again).toMatchObject({ runNo: 2, rerun: true, orderNos: drawn.orderNos });
    const runs = expectStatus(await staff.get(`${base}/draws`), 200);
    expect(runs.items.map((d: { runNo: number }) => d.runNo)).toEqual([1, 2]);
    await expect(
      t.db.deleteFrom('public_job_draws').where('programme_id', '=', programme.id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('publishes results as a separate step, application numbers only', async () => {
    const hidden = expectStatus(await t.app.inject({ method: 'GET', url: `${base}/results` }), 200);
    expect(hidden.result).toBeNull();
    const pub = expectStatus(await staff.post(`${base}/draws/${drawn.id}/publish`), 200);
    expect(pub.published).toBe(true);
    expectStatus(await staff.post(`${base}/draws/${drawn.id}/publish`), 409);
    const res = await t.app.inject({ method: 'GET', url: `${base}/results` });
    const shown = expectStatus(res, 200);
    expect(shown.result.selectedNos).toEqual(drawn.selectedNos);
    for (const a of applications) expect(res.body).not.toContain(a.id);
    expect(res.body).not.toMatch(/seekerId/);
  });

  it('places the selected at worksites as public_job employments, ends one in a private job', async () => {
    const [first, second] = drawn.selected as [string, string];
    const notSelected = applications.find((x) => !x.eligible) as { id: string };
    const refused = await staff.post(`${base}/placements`, {
      applicationId: notSelected.id,
      worksite: '광명시청 민원실',
      startsOn: body.startsOn,
    });
    expectStatus(refused, 409);
    const bad = expectStatus(
      await staff.post(`${base}/placements`, {
        applicationId: first,
        worksite: '광명시청',
        startsOn: addDays(body.endsOn, 1),
      }),
      400,
    );
    expect(bad.errors[0].field).toBe('startsOn');
    const p = expectStatus(
      await staff.post(`${base}/placements`, {
        applicationId: first,
        worksite: '광명시청 민원실',
        startsOn: body.startsOn,
      }),
      201,
    );
    const emp = await t.db
      .selectFrom('employments')
      .selectAll()
      .where('id', '=', p.employmentId)
      .executeTakeFirstOrThrow();
    expect(emp).toMatchObject({
      route: 'public_job',
      employer_name: '광명시청 민원실',
      wage: 10_700,
      wage_type: 'H',
    });
    expectStatus(
      await staff.post(`${base}/placements`, {
        applicationId: first,
        worksite: 'x',
        startsOn: body.startsOn,
      }),
      409,
    );
    expectStatus(
      await staff.post(`${base}/placements`, {
        applicationId: second,
        worksite: '철산도서관',
        startsOn: body.startsOn,
      }),
      201,
    );
    const ended = expectStatus(
      await staff.post(`${base}/placements/${p.id}/end`, {
        endsOn: addDays(body.startsOn, 60),
        outcome: 'private_job',
        privateEmployer: '(주)광명물류',
      }),
      200,
    );
    expect(ended).toMatchObject({ outcome: 'private_job', outcomeName: '민간일자리 취업' });
    expectStatus(
      await staff.post(`${base}/placements/${p.id}/end`, {
        endsOn: addDays(body.startsOn, 61),
        outcome: 'completed',
      }),
      409,
    );
    const list = expectStatus(await staff.get(`${base}/placements`), 200);
    expect(list.items).toHaveLength(2);
  });

  it('takes a seeker’s own application on the portal and flags a repeat participant', async () => {
    const next = expectStatus(
      await staff.post('/api/v1/public-jobs', {
        ...body,
        name: '2차 신중년 일자리',
        selection: 'score_then_lottery',
      }),
      201,
    );
    const [placedApp] = drawn.selected as [string];
    const placed = await t.db
      .selectFrom('public_job_applications')
      .select('seeker_id')
      .where('id', '=', placedApp)
      .executeTakeFirstOrThrow();
    const again = expectStatus(
      await staff.post(`/api/v1/public-jobs/${next.id}/applications`, {
        seekerId: placed.seeker_id,
        householdSize: 1,
        monthlyIncome: 0,
        property: 0,
      }),
      201,
    );
    expect(again.repeatParticipation).toBe(true);
    expect(again.reasons.map((r: { code: string }) => r.code)).toContain('repeat');
    const seekerId = (await buildSeeker(t.db, centre.id, { birth_date: bornFor(58, body.startsOn) })).id;
    const seeker = await t.user('seeker', null, { seekerId });
    const mine = expectStatus(
      await seeker.post(`/api/v1/public-jobs/${next.id}/applications`, {
        householdSize: 2,
        monthlyIncome: 2_000_000,
        property: 50_000_000,
        flags: ['single_parent'],
      }),
      201,
    );
    expect(mine).toMatchObject({
      channel: 'portal',
      eligible: true,
      score: 3,
      seekerId,
      repeatParticipation: false,
    });
    expectStatus(await seeker.get(`/api/v1/public-jobs/${next.id}/applications`), 403);
  });
  it('counts applicants, eligible, selected, placed and moved to private jobs in the report framework', async () => {
    const manager = await t.user('manager', centre.id);
    const q = new URLSearchParams({
      centreId: centre.id,
      from: addDays(body.applyFrom, -1),
      to: addDays(body.endsOn, 1),
    });
    const report = expectStatus(await manager.get(`/api/v1/reports/kpi?${q}`), 200);
    const eligible = applications.filter((a) => a.eligible).length;
    // 301 + 2 applications to the second programme (both eligible); the late one was not.
    expect(report.figures).toMatchObject({
      publicJobApplicants: 303,
      publicJobEligible: eligible + 2,
      publicJobSelected: 40,
      publicJobPlaced: 2,
      publicJobMovedToPrivate: 1,
    });
    const elsewhere = await t.user('manager', other.id);
    const none = expectStatus(
      await elsewhere.get(
        `/api/v1/reports/kpi?${new URLSearchParams({ from: q.get('from') as string, to: q.get('to') as string })}`,
      ),
      200,
    );
    expect(none.figures.publicJobApplicants).toBe(0);
  });
});

describe('public job placements never pass the quota', async () => {
  it('lets one of two concurrent placements through for the last place', async () => {
    const centre = await t.centre('경계센터');
    const staff = await t.user('counsellor', centre.id);
    const body = newMiddleAgedProgramme({
      name: '정원 1명 사업',
      quota: 1,
      eligibility: { excludeFlags: [] },
    });
    const p = expectStatus(await staff.post('/api/v1/public-jobs', body), 201);
    const base = `/api/v1/public-jobs/${p.id}`;
    for (let i = 0; i < 3; i++) {
      const s = await buildSeeker(t.db, centre.id);
      expectStatus(
        await staff.post(`${base}/applications`, {
          seekerId: s.id,
          householdSize: 1,
          monthlyIncome: 0,
          property: 0,
        }),
        201,
      );
    }
    await closeApplications(t.db, p.id);
    const soon = new Date(Date.now() + 1200).toISOString();
    expectStatus(
      await staff.post(`${base}/announcements`, { seedSource: '로또 6/45 제1204회', seedsAvailableAt: soon }),
      201,
    );
    await waitUntil(soon);
    const d = expectStatus(await staff.post(`${base}/draws`, { seedSources: [[1, 2, 3, 4, 5, 6]] }), 201);
    expectStatus(await staff.post(`${base}/draws/${d.id}/publish`), 200);
    const [a, b] = d.order as [string, string];
    const results = await Promise.all(
      [a, b].map((applicationId) =>
        staff.post(`${base}/placements`, {
          applicationId,
          worksite: '시청',
          startsOn: body.startsOn as string,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
