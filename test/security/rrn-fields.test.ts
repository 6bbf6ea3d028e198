import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { expectStatus, testApp } from '../support/app.ts';

// SECURITY.md 10, issue 23 item 4: a 주민등록번호 typed into any free-text field is masked on
// save, whatever its dash and digit width, and the answer warns about the field.

const t = await testApp();
const centre = await t.centre();
const manager = await t.user('manager', centre.id);

// Full-width digits with a full-width hyphen, an en dash, a dot: forms the probe found unmasked.
const forms = ['９００１０１－１２３４５６７', '900101–1234567', '900101.1234567'];
let k = 0;
/** Free text with an RRN in one of the forms, and what must be stored instead. */
const withRrn = (label: string) => `${label} ${forms[k++ % forms.length]} 확인`;
const masked = (label: string) => `${label} 900101-1****** 확인`;

/** Every free text the database holds, so nothing unmasked can hide in a column. */
async function noRrnStored() {
  const { rows } = await sql<{ t: string | null }>`
    SELECT goal AS t FROM action_plans UNION ALL SELECT title FROM action_plan_steps
    UNION ALL SELECT reason FROM seeker_status_history UNION ALL SELECT status_reason FROM seekers
    UNION ALL SELECT note FROM referrals UNION ALL SELECT note FROM referral_events
    UNION ALL SELECT title || ' ' || duties FROM postings UNION ALL SELECT note FROM privacy_requests
    UNION ALL SELECT notes FROM employers UNION ALL SELECT employer_name FROM employments
    UNION ALL SELECT title || ' ' || notes FROM counselling UNION ALL SELECT note FROM retention_followups`.execute(
    t.db,
  );
  expect(rows.filter((r) => r.t).length).toBeGreaterThan(10);
  expect(rows.map((r) => r.t ?? '').join('\n')).not.toMatch(/1234567|１２３４５６７/);
}

function expectWarned(body: { warnings?: { field: string; message: string }[] }, fields: string[]) {
  expect(body.warnings?.map((w) => w.field)).toEqual(fields);
  for (const w of body.warnings ?? []) expect(w.message).toContain('주민등록번호');
}

describe('every free-text field masks a 주민등록번호 on save and warns', () => {
  it('plan, status, counselling, referral, follow-up, employment, posting, employer, privacy', async () => {
    const seeker = expectStatus(await manager.post('/api/v1/seekers', buildSeeker()), 201);
    const sid = seeker.id as string;

    const plan = expectStatus(
      await manager.post(`/api/v1/seekers/${sid}/plan`, { goal: withRrn('목표') }),
      201,
    );
    expect(plan.goal).toBe(masked('목표'));
    expectWarned(plan, ['goal']);
    const step = expectStatus(
      await manager.post(`/api/v1/seekers/${sid}/plan/steps`, { title: withRrn('단계') }),
      201,
    );
    expect(step.title).toBe(masked('단계'));
    expectWarned(step, ['title']);
    const edited = expectStatus(
      await manager.patch(`/api/v1/seekers/${sid}/plan/steps/${step.id}`, { title: withRrn('수정') }),
      200,
    );
    expect(edited.title).toBe(masked('수정'));
    expectWarned(edited, ['title']);

    const counselling = expectStatus(
      await manager.post(`/api/v1/seekers/${sid}/counselling`, {
        at: '2026-01-05T10:00:00+09:00',
        channel: 'visit',
        type: 'intake',
        title: withRrn('제목'),
        notes: withRrn('메모'),
      }),
      201,
    );
    expect([counselling.title, counselling.notes]).toEqual([masked('제목'), masked('메모')]);

    const held = expectStatus(
      await manager.post(`/api/v1/seekers/${sid}/status`, { status: 'on_hold', reason: withRrn('사유') }),
      200,
    );
    expect(held.statusReason).toBe(masked('사유'));
    expectWarned(held, ['reason']);
    expectStatus(
      await manager.post(`/api/v1/seekers/${sid}/status`, { status: 'active', reason: '재개' }),
      200,
    );

    const biz = withBizRegCheckDigit('210819999');
    const employer = expectStatus(
      await manager.post('/api/v1/employers', {
        name: '(주)한빛정밀',
        bizRegNo: biz,
        regionCode: '11140',
        notes: withRrn('비고'),
        contacts: [{ name: withRrn('담당'), phone: '010-1234-5678' }],
      }),
      201,
    );
    expect(employer.notes).toBe(masked('비고'));
    expect(employer.contacts[0].name).toBe(masked('담당'));
    expectWarned(employer, ['notes', 'contacts[0].name']);
    const patched = expectStatus(
      await manager.patch(`/api/v1/employers/${employer.id}`, { notes: withRrn('비고2') }),
      200,
    );
    expectWarned(patched, ['notes']);

    const in30 = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const posting = expectStatus(
      await manager.post('/api/v1/postings', {
        employerId: employer.id,
        title: withRrn('모집'),
        occupationCode: '5501',
        duties: withRrn('업무'),
        headcount: 1,
        employmentType: '10',
        wageType: 'H',
        wageMin: 10320,
        regionCode: '11140',
        educationMin: '00',
        career: { type: 'Z' },
        closesAt: in30,
      }),
      201,
    );
    expect([posting.title, posting.duties]).toEqual([masked('모집'), masked('업무')]);
    expectWarned(posting, ['title', 'duties']);
    const postingEdit = expectStatus(
      await manager.patch(`/api/v1/postings/${posting.id}`, { duties: withRrn('업무2') }),
      200,
    );
    expectWarned(postingEdit, ['duties']);

    const referral = expectStatus(
      await manager.post('/api/v1/referrals', {
        seekerId: sid,
        postingId: posting.id,
        note: withRrn('알선'),
      }),
      201,
    );
    expect(referral.note).toBe(masked('알선'));
    expectWarned(referral, ['note']);
    const moved = expectStatus(
      await manager.post(`/api/v1/referrals/${referral.id}/status`, {
        status: 'screening',
        note: withRrn('전형'),
      }),
      200,
    );
    expectWarned(moved, ['note']);

    const hire = expectStatus(
      await manager.post('/api/v1/employments', {
        seekerId: sid,
        employerName: withRrn('카페'),
        route: 'self',
        startDate: '2026-02-01',
      }),
      201,
    );
    expect(hire.employerName).toBe(masked('카페'));
    expectWarned(hire, ['employerName']);
    const followups = expectStatus(await manager.get(`/api/v1/followups?seekerId=${sid}`), 200).items as {
      id: string;
    }[];
    const done = expectStatus(
      await manager.post(`/api/v1/followups/${followups[0]!.id}`, {
        result: 'employed',
        note: withRrn('근속'),
      }),
      200,
    );
    expect(done.note).toBe(masked('근속'));
    expectWarned(done, ['note']);

    const request = expectStatus(
      await manager.post('/api/v1/privacy/requests', {
        seekerId: sid,
        kind: 'access',
        note: withRrn('요청'),
      }),
      201,
    );
    expect(request.note).toBe(masked('요청'));
    expectWarned(request, ['note']);

    await noRrnStored();
  });

  it('warns in the request language', async () => {
    const seeker = expectStatus(await manager.post('/api/v1/seekers', buildSeeker()), 201);
    const res = await manager.post(
      `/api/v1/seekers/${seeker.id}/plan`,
      { goal: withRrn('goal') },
      { 'accept-language': 'en' },
    );
    expect(expectStatus(res, 201).warnings[0].message).toMatch(/resident registration number/);
  });
});
