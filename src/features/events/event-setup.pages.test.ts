import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildPosting } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { addDays, isoWeekday } from './events.time.ts';

// Staff set up an event from pages (no API call by hand): /staff/events/new for every kind and
// a weekly series, then at the desk the employers with their postings and their slots. Wrong
// input is named on its field in Korean and saves nothing.
const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const post =
  (c: { post: (p: string, b: string, h: Record<string, string>) => Promise<unknown> }) =>
  (path: string, body: Record<string, string | string[]>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) for (const x of [v].flat()) p.append(k, x);
    return c.post(path, p.toString(), form) as Promise<{
      statusCode: number;
      body: string;
      headers: Record<string, string>;
    }>;
  };

describe('setting up an event from the staff pages', async () => {
  const centre = await t.centre('인천서구일자리센터', null, '28260');
  const staff = await t.user('counsellor', centre.id);
  const manager = await t.user('manager', centre.id);
  const send = post(staff);
  const count = async (table: 'hiring_events' | 'event_slots' | 'event_employers') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  let friday = addDays(seoulToday(), 7);
  while (isoWeekday(friday) !== 5) friday = addDays(friday, 1);
  const base = {
    title: '금요채용마당',
    kind: 'weekly_fair',
    date: friday,
    startTime: '14:00',
    endTime: '17:00',
    venue: '인천서부고용복지+센터 2층',
    capacity: '50',
    published: '1',
  };

  it('names each wrong field in Korean and saves nothing', async () => {
    expect((await staff.get('/staff/events/new')).statusCode).toBe(200);
    const res = await send('/staff/events/new', {
      ...base,
      title: '',
      endTime: '25:00',
      venue: '',
      capacity: '0',
      weekdays: ['5'],
    });
    expect(res.statusCode).toBe(400);
    for (const text of [
      '행사명: 필수 항목입니다.',
      '종료 시각: 시각을 00:00 형식으로 적으세요.',
      '구직자 정원(비우면 제한 없음): 정원은 1 이상',
      '반복 마지막 날: 반복 마지막 날을 적으세요.',
    ]) {
      expect(res.body).toContain(text);
    }
    const noPlace = await send('/staff/events/new', { ...base, venue: '', endTime: '13:00' });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.body).toMatch(/id="f-venue"[^>]*aria-invalid="true"/);
    expect(noPlace.body).toMatch(/id="f-endTime"[^>]*aria-invalid="true"/);
    expect(await count('hiring_events')).toBe(0);
  });

  it('makes a weekly series on Fridays without the closed days, and one event of each kind', async () => {
    const until = addDays(friday, 63);
    const res = await send('/staff/events/new', { ...base, weekdays: ['5'], until });
    expect(res.statusCode).toBe(303);
    const closed = new Set(
      (await closedDays({ db: t.db }, { centreId: centre.id, from: friday, to: until })).map((c) => c.date),
    );
    const fridays = Array.from({ length: 10 }, (_, i) => addDays(friday, 7 * i));
    const open = fridays.filter((d) => !closed.has(d));
    expect(res.headers.location).toContain(`created=${open.length}`);
    expect(await count('hiring_events')).toBe(open.length);
    const desk = await staff.get(res.headers.location as string);
    expect(desk.body).toContain(`채용행사를 만들었습니다(회차 ${open.length}개)`);
    for (const kind of ['job_fair', 'video_interview_day', 'online_fair', 'hiring_hall']) {
      const online = kind === 'online_fair' || kind === 'video_interview_day';
      const one = await send('/staff/events/new', {
        ...base,
        kind,
        title: `행사 ${kind}`,
        venue: online ? '' : '서구문화회관',
        onlineUrl: online ? 'https://meet.example.kr/room-1' : '',
        published: '',
      });
      expect(one.statusCode).toBe(303);
      const id = /\/staff\/events\/([0-9a-f-]{36})/.exec(one.headers.location as string)?.[1];
      const ev = expectStatus(await staff.get(`/api/v1/events/${id}`), 200);
      expect(ev).toMatchObject({ kind, published: false, capacity: 50 });
    }
  });

  it('adds employers with postings at the desk and opens their slots; mistakes change nothing', async () => {
    const made = await send('/staff/events/new', { ...base, title: '금요채용마당 단독', published: '1' });
    const id = /\/staff\/events\/([0-9a-f-]{36})/.exec(made.headers.location as string)?.[1] as string;
    const company = expectStatus(
      await manager.post('/api/v1/employers', {
        name: '서구정밀',
        bizRegNo: withBizRegCheckDigit('137810001'),
        regionCode: '28275',
      }),
      201,
    ) as { id: string };
    const posting = await buildPosting(t.db, centre.id, company.id, { title: '정밀가공 생산직' });
    const found = await staff.get(`/staff/events/${id}/employers/new?q=${encodeURIComponent('서구정밀')}`);
    expect(found.body).toContain('정밀가공 생산직');
    const added = await send(`/staff/events/${id}/employers/new`, {
      employerId: company.id,
      postingIds: [posting.id],
      [`booth-${company.id}`]: '부스 1',
    });
    expect(added.statusCode).toBe(303);
    const again = await send(`/staff/events/${id}/employers/new`, { employerId: company.id });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('이미 참가 신청한 기업입니다.');
    expect(await count('event_employers')).toBe(1);
    const before = await count('event_slots');
    const wrong = await send(`/staff/events/${id}/slots/new`, {
      employerId: company.id,
      date: friday,
      from: '13:00',
      to: '15:00',
      minutes: '3',
      meetingUrl: 'http://insecure',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('면접 한 건의 길이(분): 면접 길이는 5분에서 240분 사이로 적으세요.');
    const outside = await send(`/staff/events/${id}/slots/new`, {
      employerId: company.id,
      date: friday,
      from: '13:00',
      to: '15:00',
      minutes: '20',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('첫 면접 시작: 면접 시간은 행사 시간 안에 있어야 합니다.');
    expect(await count('event_slots')).toBe(before);
    const opened = await send(`/staff/events/${id}/slots/new`, {
      employerId: company.id,
      date: friday,
      from: '14:00',
      to: '15:00',
      minutes: '20',
      meetingUrl: '',
    });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toContain('opened=3');
    const desk = await staff.get(`/staff/events/${id}`);
    expect(desk.body).toContain('서구정밀');
    expect(desk.body).toContain('3개(빈 시간 3)');
    const slots = expectStatus(await staff.get(`/api/v1/events/${id}/slots?free=true`), 200);
    expect(slots.items).toHaveLength(3);
  });
});
