import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';
import { addMonths } from './cohort.service.ts';

// Staff pages of programmes: setting a cohort up from a weekly pattern (holidays skipped), its
// desk page with places, the waiting list and who found work, and institution requests taken
// from the public form to a programme of their own.
const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const today = seoulToday();
const enc = (o: Record<string, string | string[]>) =>
  Object.entries(o)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${encodeURIComponent(x)}`))
    .join('&');

describe('programme staff pages', async () => {
  const centre = await t.centre('광명시일자리센터 사관학교');
  const staff = await t.user('counsellor', centre.id);

  it('sets up a 6-week cohort from a weekly pattern, skipping 삼일절, and lands on its desk', async () => {
    const page = await staff.get('/staff/programmes/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('교육과정(기수제)');
    const body = {
      title: '취업성공 사관학교',
      kind: 'course',
      cohort: '시험기',
      format: 'offline',
      venue: '광명시 평생학습원 3층 강의실',
      capacity: '20',
      waitlist: '1',
      holdHours: '48',
      completionMinAttendancePct: '80',
      firstDay: '2027-02-22',
      lastDay: '2027-04-02',
      weekdays: ['1', '3', '5'],
      startTime: '10:00',
      endTime: '13:00',
      targetGroups: ['youth'],
      published: '1',
    };
    const r = await staff.post('/staff/programmes/new', enc(body), form);
    expect(r.statusCode).toBe(303);
    const desk = await staff.get(r.headers.location as string);
    expect(desk.statusCode).toBe(200);
    // 6 weeks × Mon/Wed/Fri = 18 days, less 삼일절 (Mon 1 March 2027).
    expect(desk.body).toContain('회차 17개(공휴일·휴무일로 빠진 날 1일)');
    expect(desk.body).toContain('정원 20명');
    expect(desk.body).toContain('대기자 확정 기한 48시간');
    const id = (r.headers.location as string).split('/')[3]?.split('?')[0] as string;
    const p = expectStatus(await staff.get(`/api/v1/programmes/${id}`), 200);
    expect(p.sessions).toHaveLength(17);
    expect(p.sessions[0].startsAt).toBe(at('2027-02-22', '10:00'));
    expect(p.sessions.map((s: { startsAt: string }) => s.startsAt)).not.toContain(at('2027-03-01', '10:00'));
  });

  it('names each bad field of the form and saves nothing', async () => {
    const r = await staff.post(
      '/staff/programmes/new',
      enc({
        title: '잘못된 기수',
        kind: 'course',
        format: 'offline',
        venue: '',
        capacity: '0',
        completionMinAttendancePct: '120',
        firstDay: '2027-05-10',
        lastDay: '2027-05-01',
        startTime: '13:00',
        endTime: '10:00',
      }),
      form,
    );
    expect(r.statusCode).toBe(400);
    for (const text of [
      '1 이상이어야 합니다',
      '100 이하여야 합니다',
      '마지막 날은',
      '진행 요일을',
      '종료 시각은',
    ])
      expect(r.body).toContain(text);
    const list = expectStatus(await staff.get(`/api/v1/programmes?from=2027-04-01&to=2027-06-01`), 200);
    expect(list.items.map((x: { title: string }) => x.title)).not.toContain('잘못된 기수');
  });

  it('an admin with no centre chooses the centre; a missing or made-up choice is named and saves nothing', async () => {
    const admin = await t.user('admin', null);
    const page = await admin.get('/staff/programmes/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('운영 센터');
    expect(page.body).toMatch(new RegExp(`<option value="${centre.id}"[^>]*>[^<]*광명시일자리센터 사관학교`));
    // Staff of a centre file under their own: no picker.
    expect((await staff.get('/staff/programmes/new')).body).not.toContain('name="centreId"');
    const body = {
      title: '관리자 개설 특강',
      kind: 'lecture',
      format: 'offline',
      venue: '광명시 평생학습원 2층',
      capacity: '40',
      waitlist: '1',
      holdHours: '0',
      completionMinAttendancePct: '0',
      firstDay: '2027-06-07',
      lastDay: '2027-06-07',
      weekdays: ['1'],
      startTime: '14:00',
      endTime: '16:00',
    };
    for (const centreId of ['', '00000000-0000-4000-8000-000000000000', 'not-a-centre']) {
      const bad = await admin.post('/staff/programmes/new', enc({ ...body, centreId }), form);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('센터를 지정하세요');
      expect(bad.body).toContain('관리자 개설 특강');
    }
    const none = expectStatus(await admin.get('/api/v1/programmes?from=2027-06-01&to=2027-06-30'), 200);
    expect(none.items).toHaveLength(0);
    const ok = await admin.post('/staff/programmes/new', enc({ ...body, centreId: centre.id }), form);
    expect(ok.statusCode).toBe(303);
    const id = (ok.headers.location as string).split('/')[3]?.split('?')[0] as string;
    const p = expectStatus(await staff.get(`/api/v1/programmes/${id}`), 200);
    expect(p).toMatchObject({ centreId: centre.id, title: '관리자 개설 특강' });
    expect(p.sessions).toHaveLength(1);
  });

  it('shows places, the waiting list in order, a capacity raise, and who found work after completing', async () => {
    const names = ['김수료', '이수료', '박대기', '최대기'];
    const seekers = await Promise.all(names.map((name) => buildSeeker(t.db, centre.id, { name })));
    const first = addDays(today, -50);
    const p = expectStatus(
      await staff.post('/api/v1/programmes', {
        title: '취업성공 사관학교 지난 기수',
        kind: 'course',
        format: 'offline',
        venue: '센터 교육장',
        capacity: 2,
        sessions: [0, 7].map((d) => ({
          startsAt: at(addDays(first, d), '10:00'),
          endsAt: at(addDays(first, d), '13:00'),
        })),
        published: true,
      }),
      201,
    );
    // Staff enrol the four on the service level (the programme has ended for the portal).
    for (const s of seekers) {
      await t.db
        .insertInto('programme_enrolments')
        .values({
          id: crypto.randomUUID(),
          programme_id: p.id,
          centre_id: centre.id,
          seeker_id: s.id,
          status: seekers.indexOf(s) < 2 ? 'registered' : 'waitlisted',
          channel: 'staff',
          created_at: new Date(Date.now() + seekers.indexOf(s)),
        })
        .execute();
    }
    await t.db.updateTable('programmes').set({ taken: 2 }).where('id', '=', p.id).execute();
    for (const s of p.sessions) {
      expectStatus(
        await staff.put(`/api/v1/programmes/${p.id}/sessions/${s.id}/attendance`, [
          { seekerId: seekers[0]!.id, status: 'present' },
          { seekerId: seekers[1]!.id, status: 'absent' },
        ]),
        200,
      );
    }
    expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: seekers[0]!.id,
        employerName: '광명정밀(주)',
        startDate: addDays(today, -10),
        route: 'referral',
      }),
      201,
    );
    const desk = await staff.get(`/staff/programmes/${p.id}`);
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('대기자 명단(순서대로)');
    expect(desk.body.indexOf('박대기')).toBeLessThan(desk.body.indexOf('최대기'));
    expect(desk.body).toContain('수료 1명 중 1명 취업');
    expect(desk.body).toContain('광명정밀(주)');
    expect(desk.body).toContain('알선 취업');
    const employed = desk.body.slice(desk.body.indexOf('id="employed-h"'));
    expect(employed).toContain('김수료');
    expect(employed).not.toContain('이수료');
    // The programme has ended: a raise keeps the waiting list where it is (nobody moved up).
    const raised = await staff.post(`/staff/programmes/${p.id}/places`, 'capacity=3&holdHours=0', form);
    expect(raised.statusCode).toBe(200);
    expect(raised.body).toContain('정원을 3명으로 저장했습니다. 대기자 0명');
    const low = await staff.post(`/staff/programmes/${p.id}/places`, 'capacity=1&holdHours=0', form);
    expect(low.statusCode).toBe(400);
    expect(low.body).toContain('2명보다 적게 줄일 수 없습니다');
  });

  it('takes an institution request from the public form to its own programme, and copies it for next year', async () => {
    const day = addDays(today, 30);
    const receipt = expectStatus(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/institution-requests',
        payload: {
          centreId: centre.id,
          institutionName: '육군 제00사단 00연대',
          institutionKind: 'military',
          contactName: '김인사',
          contactPhone: '010-2345-6789',
          topic: '전역예정장병 취업상담',
          preferredDates: [day],
          headcount: 45,
        },
      }),
      201,
    );
    const list = await staff.get('/staff/programmes/requests?status=received');
    expect(list.body).toContain(receipt.referenceNo);
    expect(list.body).not.toContain('010-2345-6789');
    const detail = await staff.get(`/staff/programmes/requests/${receipt.id}`);
    expect(detail.body).toContain('010-2345-6789');
    expect(detail.body).toContain('전역예정장병 취업상담');
    const accepted = await staff.post(
      `/staff/programmes/requests/${receipt.id}/accept`,
      enc({
        title: '육군 제00사단 전역예정장병 취업상담',
        kind: 'pre_discharge',
        format: 'offline',
        venue: '제00사단 강당',
        capacity: '45',
        holdHours: '0',
        completionMinAttendancePct: '100',
        firstDay: day,
        lastDay: day,
        weekdays: ['1', '2', '3', '4', '5', '6', '7'],
        startTime: '13:00',
        endTime: '16:00',
      }),
      form,
    );
    expect(accepted.statusCode).toBe(303);
    const programmeId = (accepted.headers.location as string).split('/')[3]?.split('?')[0] as string;
    const p = expectStatus(await staff.get(`/api/v1/programmes/${programmeId}`), 200);
    expect(p).toMatchObject({
      institutionRequestId: receipt.id,
      externalParticipants: 45,
      kind: 'pre_discharge',
    });
    const again = await staff.post(
      `/staff/programmes/requests/${receipt.id}/accept`,
      enc({ title: 'x' }),
      form,
    );
    expect(again.statusCode).toBe(400);
    const copied = await staff.post(`/staff/programmes/requests/${receipt.id}/copy`, '', form);
    expect(copied.statusCode).toBe(303);
    const copy = await staff.get(copied.headers.location as string);
    expect(copy.body).toContain('지난 요청을 복사해 새로 접수했습니다');
    expect(copy.body).toContain(addMonths(day, 12).slice(0, 4));
  });

  it('adds months as PostgreSQL does (the day clamped to the month end)', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-12-15', 6)).toBe('2028-06-15');
    expect(addMonths('2027-07-31', 6)).toBe('2028-01-31');
  });
});
