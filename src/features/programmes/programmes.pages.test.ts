import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';

const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const today = seoulToday();

describe('programme pages', async () => {
  const centre = await t.centre('광명시일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const people = await Promise.all(
    ['김첫째', '이둘째'].map(async (name) => {
      const id = (await buildSeeker(t.db, centre.id, { name })).id;
      return { id, client: await t.user('seeker', null, { seekerId: id }) };
    }),
  );
  const [first, second] = people as [(typeof people)[0], (typeof people)[0]];
  const lecture = expectStatus(
    await staff.post('/api/v1/programmes', {
      title: '온라인 취업특강: 면접 전략',
      kind: 'lecture',
      format: 'online',
      onlineUrl: 'https://zoom.example.test/j/777',
      capacity: 1,
      sessions: [{ startsAt: at(addDays(today, 7), '19:00'), endsAt: at(addDays(today, 7), '21:00') }],
      published: true,
    }),
    201,
  );

  it('lists and shows a programme publicly; a seeker signs up, the next waits, a cancellation promotes', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/programmes' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('온라인 취업특강: 면접 전략');
    expect(list.body).toContain('취업특강');
    const anon = await t.app.inject({ method: 'GET', url: `/programmes/${lecture.id}` });
    expect(anon.body).toContain('로그인하면 신청할 수 있습니다');
    expect(anon.body).not.toContain('zoom.example.test');
    const signed = await first.client.post(`/programmes/${lecture.id}/enrol`, '', form);
    expect(signed.statusCode).toBe(200);
    expect(signed.body).toContain('참가 확정');
    expect(signed.body).toContain('https://zoom.example.test/j/777');
    const waiting = await second.client.post(`/programmes/${lecture.id}/enrol`, '', form);
    expect(waiting.body).toContain('대기 1번');
    expect(waiting.body).not.toContain('zoom.example.test');
    const again = await second.client.post(`/programmes/${lecture.id}/enrol`, '', form);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('이미 이 프로그램에 신청했습니다');
    const enrolmentId = /name="enrolmentId" value="([^"]+)"/.exec(signed.body)?.[1] as string;
    const cancelled = await first.client.post(
      `/programmes/${lecture.id}/cancel`,
      `enrolmentId=${enrolmentId}`,
      form,
    );
    expect(cancelled.body).toContain('신청을 취소했습니다');
    const mine = await second.client.get('/me/programmes');
    expect(mine.body).toContain('참가 확정');
    expect(mine.body).toContain('https://zoom.example.test/j/777');
  });

  it('gives staff a desk: attendance by session with radio groups, outcomes and the roster', async () => {
    const first2 = addDays(today, -3);
    const course = expectStatus(
      await staff.post('/api/v1/programmes', {
        title: '집단상담 경력단절여성 3기',
        kind: 'group_counselling',
        format: 'offline',
        venue: '센터 상담실',
        capacity: 10,
        sessions: [
          { startsAt: at(first2, '10:00'), endsAt: at(first2, '12:00') },
          { startsAt: at(addDays(today, 3), '10:00'), endsAt: at(addDays(today, 3), '12:00') },
        ],
        published: true,
      }),
      201,
    );
    expectStatus(await staff.post(`/api/v1/programmes/${course.id}/enrolments`, { seekerId: first.id }), 201);
    const desk = await staff.get(`/staff/programmes/${course.id}`);
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('<legend>김첫째</legend>');
    expect(desk.body).toContain(`name="m_${first.id}"`);
    const session = course.sessions[0].id;
    const saved = await staff.post(
      `/staff/programmes/${course.id}/attendance`,
      `sessionId=${session}&m_${first.id}=late`,
      form,
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('1명의 출석을 저장했습니다');
    expect(saved.body).toMatch(new RegExp(`name="m_${first.id}" value="late" checked`));
    const list = await staff.get('/staff/programmes');
    expect(list.body).toContain('집단상담 경력단절여성 3기');
    expect((await first.client.get(`/staff/programmes/${course.id}`)).statusCode).toBe(403);
  });

  it('takes an institution request on the public form with a token, and shows its reference number', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/institutions' });
    expect(page.statusCode).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const cookie = page.cookies.find((c) => c.name === 'ilteo_form')?.value as string;
    const body = new URLSearchParams({
      _csrf: token,
      centreId: centre.id,
      institutionName: '광명고등학교',
      institutionKind: 'school',
      contactName: '박선생',
      contactPhone: '02-123-4567',
      topic: '2일 취업캠프',
      preferredDates: addDays(today, 40),
      headcount: '30',
    }).toString();
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/institutions',
      payload: body.replace(/_csrf=[^&]+&/, ''),
      headers: form,
    });
    expect(noToken.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/institutions',
      payload: body,
      headers: form,
      cookies: { ilteo_form: cookie },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.body).toMatch(/접수 번호: IR-\d{8}-[A-Z2-9]{6}/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/institutions',
      payload: body.replace('02-123-4567', '12'),
      headers: form,
      cookies: { ilteo_form: cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('한국 전화번호 형식이 아닙니다');
    expect(bad.body).toContain('value="광명고등학교"');
  });
});
