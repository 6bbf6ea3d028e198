import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildSeeker } from '../../../test/support/factories.ts';

// Outreach visits (planned, logged, discovered jobs as posting drafts), hiring agreements with
// `filled` derived from hires, and the report. Admin support requests are in requests.test.ts.

const t = await testApp();

const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

describe('outreach: visits, discovered jobs, hiring agreements', async () => {
  const centre = await t.centre('중구일자리센터');
  const other = await t.centre('다른구센터', null, '26110');
  const officer = await t.user('outreach', centre.id);
  const counsellor = await t.user('counsellor', centre.id);
  const outsider = await t.user('outreach', other.id);
  const known = await buildEmployer(t.db, centre.id, { name: '명동호텔' });

  it('plans a visit to an unregistered company, registering it as a prospect with the visit', async () => {
    const visit = expectStatus(
      await officer.post('/api/v1/outreach/visits', {
        employer: {
          name: '을지로인쇄',
          bizRegNo: '220-81-62517',
          regionCode: '11140',
          address: '서울 중구 을지로 100',
          contacts: [{ name: '김대표', phone: '010-1234-5678' }],
        },
        plannedAt: '2026-12-15T10:00:00+09:00',
        teamUserIds: [officer.user.id, counsellor.user.id],
        purpose: '채용 수요 조사',
      }),
      201,
    );
    expect(visit.status).toBe('planned');
    expect(visit.statusName).toBe('방문 예정');
    const employer = expectStatus(await officer.get(`/api/v1/employers/${visit.employerId}`), 200);
    expect(employer.prospect).toBe(true);
    expect(employer.contacts[0].phone).toBe('010-1234-5678');
    const stored = await t.db
      .selectFrom('employers')
      .select('contacts_enc')
      .where('id', '=', visit.employerId)
      .executeTakeFirstOrThrow();
    expect(stored.contacts_enc).not.toContain('010-1234-5678');
    // Neither both nor none; a team member of another centre is refused; nothing saved.
    const bad = expectStatus(
      await officer.post('/api/v1/outreach/visits', {
        plannedAt: '2026-12-15T10:00:00+09:00',
        teamUserIds: [outsider.user.id],
      }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['employerId', 'teamUserIds.0']);
    const dup = expectStatus(
      await officer.post('/api/v1/outreach/visits', {
        employer: { name: '같은번호', bizRegNo: '2208162517', regionCode: '11140' },
        plannedAt: '2026-12-16T10:00:00+09:00',
      }),
      409,
    );
    expect(dup.existingId).toBe(visit.employerId);
  });

  it('logs a visit with two difficulties and three discovered jobs as posting drafts a counsellor opens', async () => {
    const planned = expectStatus(
      await officer.post('/api/v1/outreach/visits', { employerId: known.id, plannedAt: ago(3) }),
      201,
    );
    const report = {
      heldAt: ago(2),
      survey: {
        employees: 42,
        workEnvironment: '주 5일, 교대 근무',
        workIntensity: '보통',
        hiringPlan: '상반기 5명',
      },
      difficulties: [
        { category: 'workforce', description: '야간 객실 정비 인력 부족' },
        { category: 'permits', description: '증축 인허가 절차 문의' },
      ],
      jobsDiscovered: [
        { title: '객실 정비원', occupationCode: '5611', headcount: 3, wageType: 'M', wageMin: 2_300_000 },
        { title: '프런트 데스크', occupationCode: '0291', headcount: 1 },
        { title: '조리사', occupationCode: '5312', headcount: 2, employmentType: '10' },
      ],
    };
    const logged = expectStatus(
      await officer.post(`/api/v1/outreach/visits/${planned.id}/report`, report),
      200,
    );
    expect(logged.status).toBe('held');
    expect(logged.difficulties.map((d: { categoryName: string }) => d.categoryName)).toEqual([
      '인력 수급',
      '인허가·행정',
    ]);
    expect(logged.jobsDiscovered).toHaveLength(3);
    const drafts = await t.db
      .selectFrom('postings')
      .select(['id', 'status', 'source', 'headcount', 'centre_id'])
      .where(
        'id',
        'in',
        logged.jobsDiscovered.map((j: { postingId: string }) => j.postingId),
      )
      .execute();
    expect(drafts.map((d) => [d.status, d.source])).toEqual(Array(3).fill(['draft', 'outreach']));
    // Reported once only.
    const again = expectStatus(
      await officer.post(`/api/v1/outreach/visits/${planned.id}/report`, report),
      409,
    );
    expect(again.code).toBe('visit.notPlanned');
    // A draft opens only once it is complete: duties first.
    const draftId = logged.jobsDiscovered[0].postingId;
    const incomplete = expectStatus(await counsellor.post(`/api/v1/postings/${draftId}/approve`), 400);
    expect(incomplete.errors.map((e: { field: string }) => e.field)).toContain('duties');
    expectStatus(await counsellor.patch(`/api/v1/postings/${draftId}`, { duties: '객실 청소와 정비' }), 200);
    const opened = expectStatus(await counsellor.post(`/api/v1/postings/${draftId}/approve`), 200);
    expect(opened.status).toBe('open');
    // Listed, and hidden from another centre.
    const list = expectStatus(await officer.get(`/api/v1/outreach/visits?employerId=${known.id}`), 200);
    expect(list.items[0]).toMatchObject({ id: planned.id, jobsHeadcount: 6, difficultyCount: 2 });
    expectStatus(await outsider.get(`/api/v1/outreach/visits/${planned.id}`), 404);
    expect(expectStatus(await outsider.get('/api/v1/outreach/visits'), 200).total).toBe(0);
  });

  it('refuses a bad report naming the fields, nothing saved', async () => {
    const planned = expectStatus(
      await officer.post('/api/v1/outreach/visits', { employerId: known.id, plannedAt: ago(1) }),
      201,
    );
    const bad = expectStatus(
      await officer.post(`/api/v1/outreach/visits/${planned.id}/report`, {
        heldAt: ago(1),
        difficulties: [{ category: 'funding', description: '  ' }],
        jobsDiscovered: [{ title: '용접공', occupationCode: '99', headcount: 1 }],
      }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'difficulties.0.description',
      'jobsDiscovered.0.occupationCode',
    ]);
    const v = expectStatus(await officer.get(`/api/v1/outreach/visits/${planned.id}`), 200);
    expect(v).toMatchObject({ status: 'planned', difficulties: [], jobsDiscovered: [] });
  });

  it('derives filled from hires of residents at the employer within the agreement', async () => {
    const agreement = expectStatus(
      await officer.post('/api/v1/outreach/agreements', {
        employerId: known.id,
        signedOn: '2026-03-02',
        validFrom: '2026-03-02',
        validTo: '2026-12-31',
        pledged: 5,
        occupations: ['5611'],
      }),
      201,
    );
    expect(agreement).toMatchObject({ pledged: 5, filled: 0, residentRegion: '11140' });
    const hire = async (region: string, startDate: string) => {
      const s = await buildSeeker(t.db, centre.id, { region_code: region });
      expectStatus(
        await counsellor.post('/api/v1/employments', {
          seekerId: s.id,
          employerId: known.id,
          startDate,
          route: 'self',
        }),
        201,
      );
    };
    await hire('11140', '2026-04-01'); // resident, in the period
    await hire('11140', '2026-11-30'); // resident, in the period
    await hire('26110', '2026-05-01'); // not a resident
    await hire('11140', '2026-02-01'); // before the agreement
    const read = expectStatus(await officer.get(`/api/v1/outreach/agreements/${agreement.id}`), 200);
    expect(read.filled).toBe(2);
    const inForce = expectStatus(await officer.get('/api/v1/outreach/agreements?validOn=2026-06-01'), 200);
    expect(inForce.items.map((a: { id: string }) => a.id)).toEqual([agreement.id]);
    expectStatus(await outsider.get(`/api/v1/outreach/agreements/${agreement.id}`), 404);
    const bad = expectStatus(
      await officer.post('/api/v1/outreach/agreements', {
        employerId: known.id,
        signedOn: '2026-03-02',
        validFrom: '2026-03-02',
        validTo: '2026-01-01',
        pledged: 1,
      }),
      400,
    );
    expect(bad.errors[0].field).toBe('validTo');
  });

  it('reports visits, jobs discovered and agreements against the year’s targets, with the year before', async () => {
    const manager = await t.user('manager', centre.id);
    expectStatus(
      await manager.put(`/api/v1/reports/targets/${centre.id}/2026`, {
        targets: { companyVisits: 100, jobsDiscovered: 1000, agreementsSigned: 20 },
      }),
      200,
    );
    const r = expectStatus(
      await manager.get(`/api/v1/reports/kpi?centreId=${centre.id}&from=2026-01-01&to=2026-12-31`),
      200,
    );
    expect(r.figures).toMatchObject({
      companyVisits: 1,
      companiesVisited: 1,
      jobsDiscovered: 6,
      agreementsSigned: 1,
      pledgedPositions: 5,
      filledPositions: 2,
    });
    expect(r.previousYear.companyVisits).toBe(0);
    expect(r.targets.jobsDiscovered).toEqual({ target: 1000, actual: 6, progress: 0.6 });
    expect(r.definitions.map((d: { id: string }) => d.id)).toContain('filledPositions');
    const other = expectStatus(
      await (await t.user('manager', (await t.centre('빈센터')).id)).get(
        '/api/v1/reports/kpi?from=2026-01-01&to=2026-12-31',
      ),
      200,
    );
    expect(other.figures.companyVisits).toBe(0);
  });
});
