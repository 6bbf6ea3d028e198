import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../../test/support/factories.ts';

// A pre-matched seeker's side: the invitation answered (accepting registers), the interview
// plan with a proposed free time at the inviting company that overlaps nothing booked, booking
// it from the invitation page, and the desk's printable plans.
const t = await testApp();
const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+09:00`).toISOString();
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('invitation answer and interview plan', async () => {
  const centre = await t.centre('인천서구일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const a = await buildEmployer(t.db, centre.id, { name: '가나전자' });
  const b = await buildEmployer(t.db, centre.id, { name: '다라식품' });
  const pa = await buildPosting(t.db, centre.id, a.id, { title: '전자조립원' });
  const pb = await buildPosting(t.db, centre.id, b.id, { title: '식품포장원' });
  const seekerRow = await buildSeeker(t.db, centre.id, { name: '윤초대' });
  const seeker = await t.user('seeker', null, { seekerId: seekerRow.id });
  const otherRow = await buildSeeker(t.db, centre.id, { name: '남모름' });
  const other = await t.user('seeker', null, { seekerId: otherRow.id });
  const fair = expectStatus(
    await staff.post('/api/v1/events', {
      title: '금요채용마당',
      kind: 'weekly_fair',
      startsAt: at('14:00'),
      endsAt: at('16:00'),
      venue: '고용복지+센터 3층',
      published: true,
    }),
    201,
  );
  const slots: Record<string, { id: string; startsAt: string }[]> = {};
  for (const [e, p, booth] of [
    [a, pa, 'A-1'],
    [b, pb, 'B-2'],
  ] as const) {
    expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers`, {
        employerId: e.id,
        postingIds: [p.id],
        booth,
      }),
      201,
    );
    slots[e.id] = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: e.id,
        from: at('14:00'),
        to: at('15:00'),
        minutes: 20,
      }),
      201,
    ).items;
  }
  expectStatus(
    await staff.post(`/api/v1/events/${fair.id}/invitations`, { seekerId: seekerRow.id, postingId: pa.id }),
    201,
  );

  it('only the invited seeker sees the invitation; accepting registers once, declining keeps it', async () => {
    expectStatus(await other.get(`/api/v1/events/${fair.id}/invitation`), 404);
    const inv = expectStatus(await seeker.get(`/api/v1/events/${fair.id}/invitation`), 200);
    expect(inv).toMatchObject({
      employerName: '가나전자',
      postingTitle: '전자조립원',
      booth: 'A-1',
      response: null,
    });
    const yes = expectStatus(
      await seeker.post(`/api/v1/events/${fair.id}/invitation/answer`, { response: 'accepted' }),
      200,
    );
    expect(yes).toMatchObject({ response: 'accepted', responseName: '참가 수락', registered: 'registered' });
    const no = expectStatus(
      await seeker.post(`/api/v1/events/${fair.id}/invitation/answer`, { response: 'declined' }),
      200,
    );
    expect(no.response).toBe('declined');
    const again = expectStatus(
      await seeker.post(`/api/v1/events/${fair.id}/invitation/answer`, { response: 'accepted' }),
      200,
    );
    expect(again.registered).toBe('registered');
    const regs = await t.db
      .selectFrom('event_registrations')
      .select('status')
      .where('event_id', '=', fair.id)
      .where('seeker_id', '=', seekerRow.id)
      .execute();
    expect(regs).toEqual([{ status: 'registered' }]);
    const bad = await seeker.post(`/api/v1/events/${fair.id}/invitation/answer`, { response: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await other.post(`/api/v1/events/${fair.id}/invitation/answer`, { response: 'accepted' })).statusCode,
    ).toBe(404);
  });

  it('plans: a booking elsewhere, a proposal at the inviting company that does not overlap it', async () => {
    // The seeker books 다라식품 at 14:00 first; the proposal at 가나전자 must then be 14:20.
    expectStatus(await seeker.post(`/api/v1/slots/${slots[b.id]?.[0]?.id}/booking`, {}), 201);
    const plan = expectStatus(await seeker.get(`/api/v1/events/${fair.id}/plan`), 200);
    expect(plan.interviews).toMatchObject([
      { employerName: '다라식품', booth: 'B-2', postings: ['식품포장원'] },
    ]);
    expect(plan.proposals).toEqual([
      expect.objectContaining({
        employerName: '가나전자',
        slotId: slots[a.id]?.[1]?.id,
        startsAt: at('14:20'),
      }),
    ]);
    // The invitation page books it; the plan then holds both, in time order, and proposes nothing.
    const page = await seeker.get(`/events/${fair.id}/invitation`);
    expect(page.body).toContain('가나전자 면접 시간 고르기');
    const booked = await seeker.post(
      `/events/${fair.id}/invitation/book`,
      `slotId=${slots[a.id]?.[1]?.id}`,
      form,
    );
    expect(booked.statusCode).toBe(303);
    expect(booked.headers.location).toBe(`/events/${fair.id}/plan?booked=1`);
    const after = expectStatus(await seeker.get(`/api/v1/events/${fair.id}/plan`), 200);
    expect(after.interviews.map((i: { employerName: string }) => i.employerName)).toEqual([
      '다라식품',
      '가나전자',
    ]);
    expect(after.proposals).toEqual([]);
    const mine = await seeker.get(`/events/${fair.id}/plan`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('A-1');
    // Someone with no invitation cannot use the invitation page to book (404, nothing booked).
    const taken = await other.post(
      `/events/${fair.id}/invitation/book`,
      `slotId=${slots[a.id]?.[1]?.id}`,
      form,
    );
    expect(taken.statusCode).toBe(404);
  });

  it('staff read any plan and print the desk sheet with names; the seeker API refuses others', async () => {
    const plan = expectStatus(
      await staff.get(`/api/v1/events/${fair.id}/plan?seekerId=${seekerRow.id}`),
      200,
    );
    expect(plan.interviews).toHaveLength(2);
    const sheet = await staff.get(`/staff/events/${fair.id}/plans`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('윤초대');
    expect(sheet.body).toContain('가나전자 · A-1');
    expect((await seeker.get(`/staff/events/${fair.id}/plans`)).statusCode).toBe(403);
    const own = expectStatus(await other.get(`/api/v1/events/${fair.id}/plan?seekerId=${seekerRow.id}`), 200);
    expect(own.seekerId).toBe(otherRow.id);
    expect(own.interviews).toEqual([]);
  });
});
