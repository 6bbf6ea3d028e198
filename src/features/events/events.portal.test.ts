import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer } from '../../../test/support/factories.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';

// The desk finds the person in front of it among an event's registrations by phone (whole or
// its last four digits) or by name, through the seekers feature's lookup and its access rules.
const t = await testApp();
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();

describe('check-in desk lookup by phone or name', async () => {
  const centre = await t.centre('광명일자리센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const kim = expectStatus(
    await staff.post('/api/v1/seekers', buildSeeker({ name: '김입장', phone: '010-4821-7356' })),
    201,
  );
  const lee = expectStatus(
    await staff.post('/api/v1/seekers', buildSeeker({ name: '이대기', phone: '010-9055-1302' })),
    201,
  );
  const fair = expectStatus(
    await staff.post('/api/v1/events', {
      title: '금요채용마당',
      kind: 'weekly_fair',
      startsAt: at('2027-03-19', '14:00'),
      endsAt: at('2027-03-19', '16:00'),
      venue: '광명 고용복지+센터 3층',
      published: true,
    }),
    201,
  );
  const regKim = expectStatus(
    await staff.post(`/api/v1/events/${fair.id}/registrations`, { seekerId: kim.id }),
    201,
  );
  expectStatus(await staff.post(`/api/v1/events/${fair.id}/registrations`, { seekerId: lee.id }), 201);
  const find = async (q: string) =>
    expectStatus(
      await staff.get(`/api/v1/events/${fair.id}/registrations?q=${encodeURIComponent(q)}`),
      200,
    ).items.map((r: { seekerId: string }) => r.seekerId);

  it('finds a registration by the whole phone in any form, its last four digits, or the name', async () => {
    expect(await find('010-4821-7356')).toEqual([kim.id]);
    expect(await find('01048217356')).toEqual([kim.id]);
    expect(await find('7356')).toEqual([kim.id]);
    expect(await find('1302')).toEqual([lee.id]);
    expect(await find('김입장')).toEqual([kim.id]);
    expect(await find('0000')).toEqual([]);
    const all = expectStatus(await staff.get(`/api/v1/events/${fair.id}/registrations`), 200);
    expect(all.items).toHaveLength(2);
    expect((await outsider.get(`/api/v1/events/${fair.id}/registrations?q=7356`)).statusCode).toBe(404);
  });

  it('shows the desk only the matching registration and checks it in from there', async () => {
    const page = await staff.get(`/staff/events/${fair.id}?q=7356`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('김입장');
    expect(page.body).not.toContain('이대기');
    expect(page.body).toContain(`value="${regKim.id}"`);
    const none = await staff.get(`/staff/events/${fair.id}?q=0000`);
    expect(none.body).toContain('“0000”에 해당하는 참가 신청이 없습니다.');
    const res = await staff.post(`/staff/events/${fair.id}/check-in`, `rid=${regKim.id}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.headers.location).toContain('done=1');
    const after = expectStatus(await staff.get(`/api/v1/events/${fair.id}/registrations?q=7356`), 200);
    expect(after.items[0].checkedInAt).not.toBeNull();
  });
});

describe("the employer's own slots in the portal", async () => {
  const centre = await t.centre('인천서구일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const mine = await buildEmployer(t.db, centre.id, { name: '서구정밀' });
  const rival = await buildEmployer(t.db, centre.id, { name: '청라기계' });
  const boss = await t.user('employer', centre.id, { employerId: mine.id });
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const fair = expectStatus(
    await staff.post('/api/v1/events', {
      title: '서구 채용한마당',
      kind: 'job_fair',
      startsAt: at(day, '10:00'),
      endsAt: at(day, '12:00'),
      venue: '서구문화회관',
      published: true,
    }),
    201,
  );
  for (const e of [mine, rival]) {
    expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers`, { employerId: e.id, booth: 'A-1' }),
      201,
    );
    expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: e.id,
        from: at(day, '10:00'),
        to: at(day, '11:00'),
        minutes: 30,
      }),
      201,
    );
  }
  const seeker = expectStatus(await staff.post('/api/v1/seekers', buildSeeker({ name: '홍길동' })), 201);
  const slots = expectStatus(await staff.get(`/api/v1/events/${fair.id}/slots`), 200).items as {
    id: string;
    employerId: string;
  }[];
  const ours = slots.filter((s) => s.employerId === mine.id);
  const theirs = slots.find((s) => s.employerId === rival.id) as { id: string };
  const booking = expectStatus(
    await staff.post(`/api/v1/slots/${ours[0]?.id}/booking`, { seekerId: seeker.id }),
    201,
  );
  expectStatus(
    await staff.post(`/api/v1/bookings/interviews/${booking.id}/result`, { result: 'passed_first' }),
    200,
  );

  it('lists only its own slots, the booker masked, with the result; the view is access-logged', async () => {
    const got = expectStatus(await boss.get('/api/v1/employer/event-slots'), 200).items;
    expect(got.map((s: { slotId: string }) => s.slotId).sort()).toEqual(ours.map((s) => s.id).sort());
    expect(got.map((s: { slotId: string }) => s.slotId)).not.toContain(theirs.id);
    expect(got[0]).toMatchObject({
      eventTitle: '서구 채용한마당',
      place: '서구문화회관 A-1',
      taken: true,
      seekerName: '홍*동',
      resultName: '1차 합격',
    });
    expect(got[1]).toMatchObject({ taken: false, seekerName: null });
    const logged = await t.db
      .selectFrom('access_log')
      .select('subject_id')
      .where('subject_id', '=', seeker.id)
      .where('actor_login', '=', boss.login)
      .execute();
    expect(logged.length).toBeGreaterThan(0);
  });

  it('shows them on /employer/events; staff and seekers are refused the API', async () => {
    const page = await boss.get('/employer/events');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('서구 채용한마당');
    expect(page.body).toContain('홍*동');
    expect(page.body).not.toContain('홍길동');
    expect(page.body).toContain('1차 합격');
    expect((await boss.get('/employer')).body).toContain('/employer/events');
    expect((await staff.get('/api/v1/employer/event-slots')).statusCode).toBe(404);
  });
});
