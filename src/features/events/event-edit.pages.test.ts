import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildSeeker } from '../../../test/support/factories.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';

// The organiser's pages for changing an event (no API call by hand for the changes): the edit
// form keeps what was typed and names a too-small capacity on its field; the cancel, slot cancel
// and withdraw pages say who will be told, ask the reason, and answer on the desk.

const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const DAY = addDays(seoulToday(), 20);
const centre = await t.centre('남동구일자리센터');
const staff = await t.user('counsellor', centre.id);
const send = (path: string, body: Record<string, string>) =>
  staff.post(path, new URLSearchParams(body).toString(), form);
const employer = await buildEmployer(t.db, centre.id, { name: '남동금속' });
const seekers = await Promise.all([1, 2].map(() => buildSeeker(t.db, centre.id, { name: '한예약' })));

async function fair() {
  const e = expectStatus(
    await staff.post('/api/v1/events', {
      title: '남동 채용한마당',
      kind: 'job_fair',
      startsAt: at(DAY, '10:00'),
      endsAt: at(DAY, '15:00'),
      venue: '남동구청 1층',
      capacity: 5,
      published: true,
    }),
    201,
  ) as { id: string };
  expectStatus(await staff.post(`/api/v1/events/${e.id}/employers`, { employerId: employer.id }), 201);
  const slots = expectStatus(
    await staff.post(`/api/v1/events/${e.id}/slots`, {
      employerId: employer.id,
      from: at(DAY, '10:00'),
      to: at(DAY, '11:00'),
      minutes: 30,
    }),
    201,
  ).items as { id: string }[];
  for (const s of seekers) {
    expectStatus(await staff.post(`/api/v1/events/${e.id}/registrations`, { seekerId: s.id }), 201);
  }
  return { id: e.id, slots };
}
const values = {
  title: '남동 채용한마당',
  date: DAY,
  endDate: '',
  startTime: '10:00',
  endTime: '15:00',
  venue: '남동구청 1층',
  onlineUrl: '',
  capacity: '5',
  description: '',
  published: '1',
};

describe('the organiser changes an event from its pages', () => {
  it('edits the capacity: below the registered is named on 정원, a raise is saved and said on the desk', async () => {
    const e = await fair();
    const page = await staff.get(`/staff/events/${e.id}/edit`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('지금 참가 확정 2명 · 대기 0명 · 면접 예약 0건');
    expect(page.body).toMatch(/id="f-capacity"[^>]*value="5"/);
    const low = await send(`/staff/events/${e.id}/edit`, { ...values, capacity: '1', title: '새 이름' });
    expect(low.statusCode).toBe(400);
    expect(low.body).toContain(
      '구직자 정원(비우면 제한 없음): 정원은 현재 참가 확정 인원 2명보다 적게 줄일 수 없습니다.',
    );
    expect(low.body).toMatch(/id="f-capacity"[^>]*aria-invalid="true"/);
    expect(low.body).toMatch(/id="f-title"[^>]*value="새 이름"/);
    const ok = await send(`/staff/events/${e.id}/edit`, { ...values, capacity: '40' });
    expect(ok.statusCode).toBe(303);
    const desk = await staff.get(ok.headers.location as string);
    expect(desk.body).toContain('행사 정보를 저장했습니다.');
    expect(expectStatus(await staff.get(`/api/v1/events/${e.id}`), 200).capacity).toBe(40);
  });

  it('cancels the event with a reason after saying how many will be told', async () => {
    const e = await fair();
    const page = await staff.get(`/staff/events/${e.id}/cancel`);
    expect(page.body).toContain('참가 신청 2건과 면접 예약 0건이 모두 취소되고, 구직자와 참가 기업 1곳에');
    const empty = await send(`/staff/events/${e.id}/cancel`, { reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/id="f-reason"[^>]*aria-invalid="true"/);
    const done = await send(`/staff/events/${e.id}/cancel`, { reason: '태풍 예보' });
    expect(done.statusCode).toBe(303);
    const desk = await staff.get(done.headers.location as string);
    expect(desk.body).toContain(
      '행사를 취소했습니다. 참가 신청 2건·면접 예약 0건을 취소하고 3곳(명)에 안내했습니다.',
    );
    expect(desk.body).toContain('사유: 태풍 예보');
    expect(desk.body).not.toContain(`/staff/events/${e.id}/edit`);
    const pub = await t.app.inject({ method: 'GET', url: `/events/${e.id}` });
    expect(pub.body).toContain('이 채용행사는 취소되었습니다. 사유: 태풍 예보');
    expect(pub.body).not.toContain('참가 신청</button>');
  });

  it('removes a free slot from the desk, and cancels a booked one on its page naming the seeker', async () => {
    const e = await fair();
    expectStatus(
      await staff.post(`/api/v1/slots/${e.slots[1]!.id}/booking`, { seekerId: seekers[0]!.id }),
      201,
    );
    const desk = await staff.get(`/staff/events/${e.id}`);
    expect(desk.body).toContain(`action="/staff/events/${e.id}/slots/${e.slots[0]!.id}/delete"`);
    expect(desk.body).toContain(`href="/staff/events/${e.id}/slots/${e.slots[1]!.id}/cancel"`);
    expect(desk.body).not.toContain(`/slots/${e.slots[1]!.id}/delete`);
    const removed = await staff.post(`/staff/events/${e.id}/slots/${e.slots[0]!.id}/delete`, '', form);
    expect(removed.headers.location).toContain('slotRemoved=1');
    const page = await staff.get(`/staff/events/${e.id}/slots/${e.slots[1]!.id}/cancel`);
    expect(page.body).toContain('남동금속 · ');
    expect(page.body).toContain('한예약님의 예약이 취소되고');
    const done = await send(`/staff/events/${e.id}/slots/${e.slots[1]!.id}/cancel`, {
      reason: '면접관 교육',
    });
    expect(done.statusCode).toBe(303);
    expect((await staff.get(done.headers.location as string)).body).toContain(
      '면접 시간을 취소했습니다. 안내 1건을 보냈습니다.',
    );
    expect(expectStatus(await staff.get(`/api/v1/events/${e.id}/slots`), 200).items).toEqual([]);
  });

  it('withdraws an employer after saying what ends, and shows it withdrawn', async () => {
    const e = await fair();
    expectStatus(
      await staff.post(`/api/v1/slots/${e.slots[0]!.id}/booking`, { seekerId: seekers[1]!.id }),
      201,
    );
    const page = await staff.get(`/staff/events/${e.id}/employers/${employer.id}/withdraw`);
    expect(page.body).toContain('남동금속의 면접 시간 2개가 없어지고, 예약된 면접 1건은 취소되어');
    const done = await send(`/staff/events/${e.id}/employers/${employer.id}/withdraw`, {
      reason: '채용 완료',
    });
    expect(done.statusCode).toBe(303);
    const desk = await staff.get(done.headers.location as string);
    expect(desk.body).toContain('참가를 취소했습니다. 면접 예약 1건을 취소하고 면접 시간 2개를 없앴습니다.');
    expect(desk.body).toContain('참가 취소');
    expect((await staff.get(`/staff/events/${e.id}/employers/${employer.id}/withdraw`)).statusCode).toBe(404);
  });
});
