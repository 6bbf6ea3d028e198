import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';
import { sendSessionReminders } from './programmes.reminders.ts';

const t = await testApp();

/** An instant of a Seoul date and time "HH:MM". */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const today = seoulToday();
/** `n` daily sessions 10:00–12:00 from the Seoul date `first`. */
const sessions = (first: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    startsAt: at(addDays(first, i), '10:00'),
    endsAt: at(addDays(first, i), '12:00'),
  }));

describe('programmes: sessions, enrolment with a waiting list, attendance, completion, survey', async () => {
  const centre = await t.centre('광명일자리센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const seekers = await Promise.all(
    ['김하나', '이두리', '박세나', '최네리', '정다섯'].map(async (name) => {
      const id = (await buildSeeker(t.db, centre.id, { name })).id;
      return { id, client: await t.user('seeker', null, { seekerId: id }) };
    }),
  );
  const [a, b, c, d, e] = seekers as [
    (typeof seekers)[0],
    (typeof seekers)[0],
    (typeof seekers)[0],
    (typeof seekers)[0],
    (typeof seekers)[0],
  ];
  const online = expectStatus(
    await staff.post('/api/v1/programmes', {
      title: '행동유형 특성을 통한 나와 타인 이해하기',
      kind: 'lecture',
      format: 'online',
      onlineUrl: 'https://zoom.example.test/j/123',
      capacity: 2,
      sessions: sessions(addDays(today, 10), 1),
      targetGroups: ['youth'],
      published: true,
    }),
    201,
  );

  it('creates a programme with its sessions and Korean names, and hides the link from the public', async () => {
    expect(online).toMatchObject({
      kindName: '취업특강',
      formatName: '온라인(화상)',
      placesLeft: 2,
      waitlist: true,
    });
    expect(online.targetGroupNames).toEqual(['청년']);
    expect(online.sessions).toHaveLength(1);
    const pub = expectStatus(
      await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${online.id}` }),
      200,
    );
    expect(pub.onlineUrl).toBeNull();
    const list = expectStatus(
      await t.app.inject({ method: 'GET', url: `/api/v1/programmes?from=${today}&to=${addDays(today, 30)}` }),
      200,
    );
    expect(list.items.map((p: { id: string }) => p.id)).toContain(online.id);
    expect(list.items.find((p: { id: string }) => p.id === online.id).onlineUrl).toBeNull();
  });

  it('refuses bad input with 400 naming each field, nothing saved; seekers cannot set one up', async () => {
    const bad = expectStatus(
      await staff.post('/api/v1/programmes', {
        title: '잘못된 과정',
        kind: 'course',
        format: 'offline',
        capacity: 10,
        sessions: [
          { startsAt: at('2027-03-02', '10:00'), endsAt: at('2027-03-02', '09:00') },
          { startsAt: at('2027-03-03', '10:00'), endsAt: at('2027-03-03', '12:00') },
          { startsAt: at('2027-03-03', '11:00'), endsAt: at('2027-03-03', '13:00') },
        ],
        targetGroups: ['nobody'],
      }),
      400,
    );
    expect(bad.code).toBeDefined();
    expect(bad.errors.map((x: { field: string }) => x.field).sort()).toEqual([
      'sessions[0].endsAt',
      'sessions[2].startsAt',
      'targetGroups[0]',
      'venue',
    ]);
    expect(bad.errors.find((x: { field: string }) => x.field === 'venue').message).toMatch(/장소/);
    const none = await t.db
      .selectFrom('programmes')
      .select('id')
      .where('title', '=', '잘못된 과정')
      .execute();
    expect(none).toHaveLength(0);
    expectStatus(
      await a.client.post('/api/v1/programmes', {
        title: 'x',
        kind: 'lecture',
        format: 'offline',
        venue: 'x',
        capacity: 1,
        sessions: sessions(addDays(today, 3), 1),
      }),
      403,
    );
  });

  it('fills up, then puts people on the waiting list in order; a cancellation promotes the first', async () => {
    const ea = expectStatus(await a.client.post(`/api/v1/programmes/${online.id}/enrolments`, {}), 201);
    const eb = expectStatus(
      await staff.post(`/api/v1/programmes/${online.id}/enrolments`, { seekerId: b.id }),
      201,
    );
    const ec = expectStatus(await c.client.post(`/api/v1/programmes/${online.id}/enrolments`, {}), 201);
    const ed = expectStatus(await d.client.post(`/api/v1/programmes/${online.id}/enrolments`, {}), 201);
    expect([ea.status, eb.status, ec.status, ed.status]).toEqual([
      'registered',
      'registered',
      'waitlisted',
      'waitlisted',
    ]);
    expect([ea.channel, eb.channel]).toEqual(['portal', 'staff']);
    expect([ec.waitingPosition, ed.waitingPosition]).toEqual([1, 2]);
    expect(ec.statusName).toBe('대기');
    const dup = expectStatus(await a.client.post(`/api/v1/programmes/${online.id}/enrolments`, {}), 409);
    expect(dup.code).toBe('enrolment.duplicate');
    // Only a confirmed participant sees the link.
    expect(expectStatus(await a.client.get(`/api/v1/programmes/${online.id}`), 200).onlineUrl).toBe(
      'https://zoom.example.test/j/123',
    );
    expect(expectStatus(await c.client.get(`/api/v1/programmes/${online.id}`), 200).onlineUrl).toBeNull();
    // Another seeker cannot cancel someone else's enrolment.
    expectStatus(await c.client.post(`/api/v1/enrolments/${ea.id}/cancel`), 404);
    const cancelled = expectStatus(await a.client.post(`/api/v1/enrolments/${ea.id}/cancel`), 200);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.promoted).toMatchObject({ id: ec.id, seekerId: c.id, status: 'registered' });
    expect(expectStatus(await c.client.get(`/api/v1/programmes/${online.id}`), 200).onlineUrl).toBe(
      'https://zoom.example.test/j/123',
    );
    expectStatus(await a.client.post(`/api/v1/enrolments/${ea.id}/cancel`), 409);
    const notes = await t.db
      .selectFrom('notifications')
      .select(['template_key', 'recipient_id'])
      .where('recipient_id', 'in', [a.id, b.id, c.id, d.id])
      .execute();
    const keys = notes.map((n) => `${n.template_key}:${n.recipient_id}`).sort();
    expect(keys).toEqual(
      [
        `programme_enrolled:${a.id}`,
        `programme_enrolled:${b.id}`,
        `programme_waitlisted:${c.id}`,
        `programme_promoted:${c.id}`,
        `programme_waitlisted:${d.id}`,
      ].sort(),
    );
    // A waiting seeker who cancels frees nothing: no one is promoted, the places stay taken.
    const dc = expectStatus(await d.client.post(`/api/v1/enrolments/${ed.id}/cancel`), 200);
    expect(dc.promoted).toBeNull();
    const summary = expectStatus(await staff.get(`/api/v1/programmes/${online.id}/summary`), 200);
    expect(summary).toMatchObject({ enrolled: 2, waitlisted: 0 });
    expectStatus(await outsider.get(`/api/v1/programmes/${online.id}/summary`), 404);
    expectStatus(await a.client.get(`/api/v1/programmes/${online.id}/summary`), 403);
  });

  it('refuses a full programme without a waiting list and an ended one', async () => {
    const small = expectStatus(
      await staff.post('/api/v1/programmes', {
        title: '노동법 교실',
        kind: 'lecture',
        format: 'offline',
        venue: '센터 교육장',
        capacity: 1,
        waitlist: false,
        sessions: sessions(addDays(today, 5), 1),
        published: true,
      }),
      201,
    );
    expectStatus(await a.client.post(`/api/v1/programmes/${small.id}/enrolments`, {}), 201);
    expect(expectStatus(await b.client.post(`/api/v1/programmes/${small.id}/enrolments`, {}), 409).code).toBe(
      'programme.full',
    );
    const past = expectStatus(
      await staff.post('/api/v1/programmes', {
        title: '지난 특강',
        kind: 'lecture',
        format: 'offline',
        venue: '센터',
        capacity: 5,
        sessions: sessions(addDays(today, -20), 1),
        published: true,
      }),
      201,
    );
    expect(expectStatus(await a.client.post(`/api/v1/programmes/${past.id}/enrolments`, {}), 409).code).toBe(
      'programme.ended',
    );
  });

  it('completes by the attendance rule (excused not counted against), takes the survey once, finds work', async () => {
    const first = addDays(today, -40);
    const course = expectStatus(
      await staff.post('/api/v1/programmes', {
        title: '취업성공 사관학교',
        kind: 'course',
        cohort: '12기',
        format: 'offline',
        venue: '광명시민회관 3층',
        capacity: 10,
        sessions: sessions(first, 5),
        completionMinAttendancePct: 80,
        published: true,
      }),
      201,
    );
    // Enrolled by a counsellor before the course (the programme has ended now, so staff insert
    // the enrolments the way they were made then: through the service with an earlier `now`).
    const { enrol } = await import('./enrolments.service.ts');
    const ctx = {
      db: t.db,
      actor: {
        userId: staff.user.id,
        login: staff.login,
        name: '상담사',
        role: 'counsellor' as const,
        centreId: centre.id,
        employerId: null,
        seekerId: null,
        centreScope: [centre.id],
        via: 'session' as const,
        sessionId: null,
      },
      ip: null,
      lang: 'ko' as const,
    };
    const before = new Date(Date.parse(course.startsAt) - 86_400_000);
    for (const s of [a, b, c, d]) await enrol(ctx, { programmeId: course.id, seekerId: s.id, now: before });
    const ids = course.sessions.map((s: { id: string }) => s.id) as string[];
    const put = (sessionId: string, marks: { seekerId: string; status: string }[]) =>
      staff.put(`/api/v1/programmes/${course.id}/sessions/${sessionId}/attendance`, marks);
    // a: 4 present, 1 absent → 80 % → completed. b: 3 present, 1 excused, 1 absent → 3/4 = 75 %.
    // c: 3 present (one late), 2 excused → 3/3 → completed. d: never marked.
    const plan: Record<string, string[]> = {
      [a.id]: ['present', 'present', 'present', 'present', 'absent'],
      [b.id]: ['present', 'present', 'present', 'excused', 'absent'],
      [c.id]: ['present', 'late', 'excused', 'present', 'excused'],
    };
    for (const [i, sid] of ids.entries()) {
      expectStatus(
        await put(
          sid,
          Object.entries(plan).map(([seekerId, marks]) => ({ seekerId, status: marks[i] as string })),
        ),
        200,
      );
    }
    const wrong = expectStatus(await put(ids[0] as string, [{ seekerId: e.id, status: 'present' }]), 400);
    expect(wrong.errors[0]).toMatchObject({ field: '[0].seekerId' });
    expectStatus(await put(online.sessions[0].id, [{ seekerId: b.id, status: 'present' }]), 404);
    const future = expectStatus(
      await staff.put(`/api/v1/programmes/${online.id}/sessions/${online.sessions[0].id}/attendance`, [
        { seekerId: b.id, status: 'present' },
      ]),
      409,
    );
    expect(future.code).toBe('attendance.future');
    const roster = expectStatus(await staff.get(`/api/v1/programmes/${course.id}/enrolments`), 200);
    const bySeeker = new Map(roster.items.map((r: { seekerId: string }) => [r.seekerId, r]));
    expect(bySeeker.get(a.id)).toMatchObject({ seekerName: '김하나', attended: 4, completed: true });
    expect(bySeeker.get(b.id)).toMatchObject({ attended: 3, excused: 1, completed: false });
    expect(bySeeker.get(c.id)).toMatchObject({ attended: 3, excused: 2, completed: true });
    expect(bySeeker.get(d.id)).toMatchObject({ attended: 0, completed: false });
    expect((bySeeker.get(c.id) as { attendance: { statusName: string }[] }).attendance[1]?.statusName).toBe(
      '지각',
    );

    // The survey: once per participant; not for someone who was not enrolled.
    expectStatus(
      await a.client.post(`/api/v1/programmes/${course.id}/survey`, { score: 5, comment: '좋았어요' }),
      201,
    );
    const again = expectStatus(
      await a.client.post(`/api/v1/programmes/${course.id}/survey`, { score: 1 }),
      409,
    );
    expect(again.code).toBe('survey.duplicate');
    expectStatus(await b.client.post(`/api/v1/programmes/${course.id}/survey`, { score: 4 }), 201);
    expectStatus(await b.client.post(`/api/v1/programmes/${course.id}/survey`, { score: 9 }), 400);
    expect(
      expectStatus(await e.client.post(`/api/v1/programmes/${course.id}/survey`, { score: 3 }), 409).code,
    ).toBe('survey.notEnrolled');
    const results = expectStatus(await staff.get(`/api/v1/programmes/${course.id}/survey`), 200);
    expect(results).toMatchObject({ answers: 2, mean: 4.5 });
    expect(results.comments).toEqual([{ comment: '좋았어요', score: 5 }]);

    // a found work a month after the course, c before it began (not counted), b after (not completed).
    const lastDay = addDays(first, 4);
    for (const [seekerId, startDate] of [
      [a.id, addDays(lastDay, 30)],
      [c.id, addDays(first, -30)],
      [b.id, addDays(lastDay, 10)],
    ] as const) {
      expectStatus(
        await staff.post('/api/v1/employments', {
          seekerId,
          employerName: '광명물산',
          startDate,
          route: 'self',
        }),
        201,
      );
    }
    const summary = expectStatus(await staff.get(`/api/v1/programmes/${course.id}/summary`), 200);
    expect(summary).toEqual({
      programmeId: course.id,
      enrolled: 4,
      waitlisted: 0,
      offered: 0,
      attendanceRate: Math.round((10 * 1000) / 12) / 10,
      completed: 2,
      satisfaction: 4.5,
      surveyAnswers: 2,
      employedWithin6Months: 1,
      externalParticipants: 0,
      externalCompleted: 0,
    });
    const outcomes = expectStatus(
      await staff.get(`/api/v1/programmes/outcomes?from=${addDays(today, -60)}&to=${today}`),
      200,
    );
    expect(outcomes.items.find((o: { id: string }) => o.id === course.id)).toMatchObject({
      cohort: '12기',
      completed: 2,
      employedWithin6Months: 1,
    });
    // The report framework counts the same: programmes ending in the period, by the same rule.
    const kpi = expectStatus(
      await staff.get(`/api/v1/reports/kpi?centreId=${centre.id}&from=${lastDay}&to=${lastDay}`),
      200,
    );
    expect(kpi.figures).toMatchObject({
      programmeParticipants: 4,
      programmeCompletions: 2,
      programmeEmployed6m: 1,
      programmeExternalParticipants: 0,
    });
    const dayBefore = expectStatus(
      await staff.get(
        `/api/v1/reports/kpi?centreId=${centre.id}&from=${addDays(lastDay, -1)}&to=${addDays(lastDay, -1)}`,
      ),
      200,
    );
    expect(dayBefore.figures.programmeParticipants).toBe(0);
  });

  it('reminds confirmed participants the day before a session, once', async () => {
    const now = new Date(Date.parse(online.sessions[0].startsAt) - 86_400_000);
    const sent = await sendSessionReminders(t.db, now);
    expect(sent).toBe(2);
    expect(await sendSessionReminders(t.db, now)).toBe(0);
    const rows = await t.db
      .selectFrom('notifications')
      .select('recipient_id')
      .where('template_key', '=', 'programme_session_reminder')
      .execute();
    expect(rows.map((r) => r.recipient_id).sort()).toEqual([b.id, c.id].sort());
  });
});
