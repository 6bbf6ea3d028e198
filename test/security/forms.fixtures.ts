import {
  closeApplications,
  newMiddleAgedProgramme,
} from '../../src/features/publicjobs/publicjobs.test-helpers.ts';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { expectStatus, testApp } from '../support/app.ts';
import { buildEmployer, buildPosting, buildSeeker as buildSeekerRow } from '../support/factories.ts';

// The records the form check opens pages on: one of each kind, in one centre.

const t = await testApp();
const centre = await t.centre();
const staff = await t.user('counsellor', centre.id);
const seeker = expectStatus(await staff.post('/api/v1/seekers', buildSeeker()), 201) as { id: string };
expectStatus(await staff.post(`/api/v1/seekers/${seeker.id}/plan`, { goal: '3개월 안에 취업' }), 201);
expectStatus(await staff.post(`/api/v1/seekers/${seeker.id}/plan/steps`, { title: '이력서 작성' }), 201);
const employer = await buildEmployer(t.db, centre.id);
const posting = await buildPosting(t.db, centre.id, employer.id);
await buildPosting(t.db, centre.id, employer.id, { status: 'pending', title: '승인 대기 공고' });
expectStatus(await staff.post('/api/v1/referrals', { seekerId: seeker.id, postingId: posting.id }), 201);
// A hire 40 days ago: its 1-month follow-up is due on /staff/followups.
const hired = expectStatus(await staff.post('/api/v1/seekers', buildSeeker({ name: '사후관리' })), 201);
const started = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
expectStatus(
  await staff.post('/api/v1/employments', {
    seekerId: hired.id,
    employerName: '㈜사후',
    route: 'self',
    startDate: started,
  }),
  201,
);
const employerUser = await t.user('employer', centre.id, { employerId: employer.id });
const seekerUser = await t.user('seeker', centre.id, { seekerId: seeker.id });
// An appointment (issue 15): its week on /staff/calendar carries the cancel and feed forms, its
// edit page the move form (2030-01-07 is a Monday).
const appointment = expectStatus(
  await staff.post('/api/v1/appointments', {
    seekerId: seeker.id,
    channel: 'visit',
    startsAt: '2030-01-07T10:00',
    endsAt: '2030-01-07T11:00',
    allowClosedDay: true,
  }),
  201,
);
const templatesAdmin = await t.user('admin', null);
// Bookings (issue 19): a room open one hour a week (few forms to fuzz) with a seeker's booking,
// and a suit out on loan.
const room = expectStatus(
  await staff.post('/api/v1/resources', {
    name: '화상면접실',
    kind: 'video_room',
    slotMinutes: 60,
    openingHours: [{ weekday: ((new Date().getUTCDay() + 2) % 7) + 1, from: '09:00', to: '10:00' }],
  }),
  201,
);
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const inAWeek = new Date(Date.now() + 9 * 3_600_000 + 13 * 86_400_000).toISOString().slice(0, 10);
const freeSlots = expectStatus(
  await t.app.inject({
    method: 'GET',
    url: `/api/v1/resources/${room.id}/availability?from=${today}&to=${inAWeek}`,
  }),
  200,
);
expectStatus(
  await staff.post('/api/v1/bookings', {
    resourceId: room.id,
    startsAt: freeSlots.items[0].startsAt,
    seekerId: seeker.id,
  }),
  201,
);
const suit = expectStatus(
  await staff.post('/api/v1/suits', { code: 'J-1', category: 'jacket', gender: 'u', size: '100' }),
  201,
);
expectStatus(
  await staff.post('/api/v1/suit-rentals', {
    seekerId: seeker.id,
    itemIds: [suit.id],
    from: today,
    dueOn: inAWeek,
  }),
  201,
);
// A posting returned to its employer for changes (issue 15): its edit page resubmits it.
const returned = await buildPosting(t.db, centre.id, employer.id, { status: 'pending' });
expectStatus(
  await staff.post(`/api/v1/postings/${returned.id}/request-changes`, { reason: '근무 시간' }),
  200,
);

// A hiring event (issue 17): a free slot to book and a booked one with its result form, a
// registration to check in.
const eventDay = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const fair = expectStatus(
  await staff.post('/api/v1/events', {
    title: '양식 점검 채용박람회',
    kind: 'job_fair',
    startsAt: `${eventDay}T01:00:00Z`,
    endsAt: `${eventDay}T08:00:00Z`,
    venue: '센터 강당',
    published: true,
  }),
  201,
);
expectStatus(
  await staff.post(`/api/v1/events/${fair.id}/employers`, {
    employerId: employer.id,
    postingIds: [posting.id],
  }),
  201,
);
// Pre-event matching lists the seeker for the posting once the matching index has it (LISTEN).
for (let end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
  const m = expectStatus(await staff.get(`/api/v1/events/${fair.id}/matches`), 200);
  if (m.items[0]?.candidates.length) break;
}
const fairSlots = expectStatus(
  await staff.post(`/api/v1/events/${fair.id}/slots`, {
    employerId: employer.id,
    from: `${eventDay}T01:00:00Z`,
    to: `${eventDay}T02:00:00Z`,
    minutes: 30,
  }),
  201,
);
expectStatus(
  await staff.post(`/api/v1/slots/${fairSlots.items[0].id}/booking`, { seekerId: seeker.id }),
  201,
);
expectStatus(await staff.post(`/api/v1/events/${fair.id}/registrations`, { seekerId: seeker.id }), 201);
// The seeker invited to the fair and accepting (the invitation page's answer and booking forms).
expectStatus(
  await staff.post(`/api/v1/events/${fair.id}/invitations`, { seekerId: seeker.id, postingId: posting.id }),
  201,
);
expectStatus(
  await seekerUser.post(`/api/v1/events/${fair.id}/invitation/answer`, { response: 'accepted' }),
  200,
);
// Changing events after set-up, each on an event of its own (a post may cancel it): the edit
// form, the cancel form, a booked slot's cancel form and its company's withdraw form.
const hour = (hhmm: string) => `${eventDay}T${hhmm}:00Z`;
const changeBody = { kind: 'job_fair', venue: '강당', startsAt: hour('05:00'), endsAt: hour('08:00') };
const changed = async (title: string) =>
  expectStatus(await staff.post('/api/v1/events', { ...changeBody, title }), 201) as { id: string };
const [editFair, cancelFair, slotFair] = [
  await changed('수정'),
  await changed('취소'),
  await changed('면접'),
];
expectStatus(await staff.post(`/api/v1/events/${slotFair.id}/employers`, { employerId: employer.id }), 201);
const slotRun = { employerId: employer.id, from: hour('05:00'), to: hour('05:30'), minutes: 30 };
const slotFairSlot = expectStatus(await staff.post(`/api/v1/events/${slotFair.id}/slots`, slotRun), 201)
  .items[0];
const slotSeeker = await buildSeekerRow(t.db, centre.id);
expectStatus(await staff.post(`/api/v1/slots/${slotFairSlot.id}/booking`, { seekerId: slotSeeker.id }), 201);
// A permanent hiring hall request (상설채용관) waiting to be scheduled (its schedule form).
const hallRequest = expectStatus(
  await staff.post('/api/v1/hiring-hall/requests', {
    employerId: employer.id,
    postingId: posting.id,
    preferredDates: [eventDay],
  }),
  201,
);

// Public job programmes (issue 20): one open for applications (the seeker's apply form), one
// with its inputs announced and a run drawn (announce again, draw, publish), one published with
// a placement (place, end). Selection by score: no announced numbers to wait for.
const pjBase = newMiddleAgedProgramme({ selection: 'score', quota: 2, eligibility: {} });
const pjOpen = expectStatus(await staff.post('/api/v1/public-jobs', pjBase), 201);
async function pjDrawn(publish: boolean) {
  const pj = expectStatus(await staff.post('/api/v1/public-jobs', pjBase), 201);
  const url = `/api/v1/public-jobs/${pj.id}`;
  for (const name of ['공공가', '공공나', '공공다']) {
    const s = await buildSeekerRow(t.db, centre.id, { name });
    expectStatus(
      await staff.post(`${url}/applications`, {
        seekerId: s.id,
        householdSize: 1,
        monthlyIncome: 0,
        property: 0,
      }),
      201,
    );
  }
  await closeApplications(t.db, pj.id);
  const seedsAvailableAt = new Date(Date.now() + 3_600_000).toISOString();
  expectStatus(
    await staff.post(`${url}/announcements`, { seedSource: '로또 6/45 제1300회', seedsAvailableAt }),
    201,
  );
  const run = expectStatus(await staff.post(`${url}/draws`, {}), 201);
  if (publish) {
    expectStatus(await staff.post(`${url}/draws/${run.id}/publish`), 200);
    const placement = { applicationId: run.selected[0], worksite: '시청', startsOn: pjBase.startsOn };
    expectStatus(await staff.post(`${url}/placements`, placement), 201);
  }
  return pj.id as string;
}
const pjAnnounced = await pjDrawn(false);
const pjPlaced = await pjDrawn(true);

export type Who = typeof staff | null;
// Programmes: one coming with the seeker enrolled (its cancel button), one begun with the
// seeker enrolled (the survey and the staff's attendance form), one coming to sign up for.
const programmeAt = (days: number, hh: number) =>
  new Date(Date.now() + days * 86_400_000 + hh * 3_600_000).toISOString();
const newProgramme = async (title: string, days: number[]) =>
  expectStatus(
    await staff.post('/api/v1/programmes', {
      title,
      kind: 'lecture',
      format: 'offline',
      venue: '센터 교육장',
      capacity: 5,
      published: true,
      sessions: days.map((d) => ({ startsAt: programmeAt(d, 0), endsAt: programmeAt(d, 1) })),
    }),
    201,
  ) as { id: string };
const comingProgramme = await newProgramme('양식 점검 특강', [20]);
const begunProgramme = await newProgramme('양식 점검 과정', [-1, 20]);
const openProgramme = await newProgramme('양식 점검 신청', [25]);
for (const p of [comingProgramme, begunProgramme]) {
  expectStatus(await staff.post(`/api/v1/programmes/${p.id}/enrolments`, { seekerId: seeker.id }), 201);
}
// A place held for the seeker (its confirm form): a one-place programme with a hold window,
// another person's place cancelled while the seeker waits.
const offeredProgramme = await newProgramme('양식 점검 대기', [22]);
expectStatus(
  await staff.patch(`/api/v1/programmes/${offeredProgramme.id}`, { capacity: 1, holdHours: 48 }),
  200,
);
const before = await buildSeekerRow(t.db, centre.id);
const placeTaken = expectStatus(
  await staff.post(`/api/v1/programmes/${offeredProgramme.id}/enrolments`, { seekerId: before.id }),
  201,
);
expectStatus(
  await staff.post(`/api/v1/programmes/${offeredProgramme.id}/enrolments`, { seekerId: seeker.id }),
  201,
);
expectStatus(await staff.post(`/api/v1/enrolments/${placeTaken.id}/cancel`, {}), 200);
// A programme a counsellor enrols someone into from its desk (the search box's enrol button),
// with a seeker of its own so the other programmes' forms are not changed by the posts.
const enrolProgramme = await newProgramme('양식 점검 등록', [26]);
const enrolPhone = '010-7310-4452';
expectStatus(await staff.post('/api/v1/seekers', buildSeeker({ name: '등록후보', phone: enrolPhone })), 201);
// Institution requests: one received (accept and decline forms), one declined (copy form).
const institutionRequest = async (name: string) =>
  expectStatus(
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/institution-requests',
      payload: {
        centreId: centre.id,
        institutionName: name,
        institutionKind: 'school',
        contactName: '김담임',
        contactPhone: '031-123-4567',
        topic: '2일 취업캠프',
        preferredDates: ['2030-05-14'],
        headcount: 60,
      },
    }),
    201,
  ) as { id: string };
const receivedRequest = await institutionRequest('양식점검고등학교');
const declinedRequest = await institutionRequest('양식점검공업고등학교');
expectStatus(
  await staff.post(`/api/v1/institution-requests/${declinedRequest.id}/decline`, { reason: '일정 불가' }),
  200,
);

// Outreach (issue 16): a planned visit (its log, cancel and route forms), a department and a
// request routed to it (its move form); a manager sees the department form on the board.
const outreachManager = await t.user('manager', centre.id);
const department = expectStatus(
  await outreachManager.post('/api/v1/departments', { name: '건축과', phone: '02-3396-5000' }),
  201,
);
// A company outreach found that has no account yet: its page offers the 가입 코드 form.
const prospectCompany = await buildEmployer(t.db, centre.id, { name: '발굴예비기업' });
await t.db.updateTable('employers').set({ prospect: true }).where('id', '=', prospectCompany.id).execute();
const outreachVisit = expectStatus(
  await staff.post('/api/v1/outreach/visits', {
    employerId: employer.id,
    plannedAt: '2030-01-08T10:00:00+09:00',
  }),
  201,
) as { id: string };
const adminRequest = expectStatus(
  await staff.post('/api/v1/outreach/requests', {
    employerId: employer.id,
    category: 'permit',
    description: '간판 설치 허가 문의',
    departmentId: department.id,
  }),
  201,
) as { id: string };

// Event set-up (issue 17): a company that applied to the fair by itself (the desk's approve
// button), and one the add-employer page finds by name.
const applicant = expectStatus(
  await staff.post('/api/v1/employers', {
    name: '양식점검신청기업',
    bizRegNo: withBizRegCheckDigit('220810001'),
    regionCode: '11140',
  }),
  201,
) as { id: string };
const applicantUser = await t.user('employer', centre.id, { employerId: applicant.id });
expectStatus(
  await applicantUser.post(`/api/v1/events/${fair.id}/employers`, { employerId: applicant.id }),
  201,
);
expectStatus(
  await staff.post('/api/v1/employers', {
    name: '양식점검후보기업',
    bizRegNo: withBizRegCheckDigit('220810002'),
    regionCode: '11140',
  }),
  201,
);
// A 부서 담당자 of 건축과 (issue 16): the request routed to it carries its answer form.
expectStatus(
  await outreachManager.post('/api/v1/users', {
    login: 'forms.building',
    password: 'building-pass-9',
    name: '건축과 담당자',
    role: 'department',
    departmentId: department.id,
  }),
  201,
);
const departmentUser: Who = {
  ...(await t.as('forms.building', 'building-pass-9')),
  login: 'forms.building',
  password: 'building-pass-9',
  totpSecret: null,
};

export {
  adminRequest,
  appointment,
  begunProgramme,
  cancelFair,
  centre,
  comingProgramme,
  declinedRequest,
  departmentUser,
  editFair,
  employer,
  employerUser,
  enrolPhone,
  enrolProgramme,
  eventDay,
  fair,
  fairSlots,
  freeSlots,
  hallRequest,
  hired,
  inAWeek,
  newProgramme,
  offeredProgramme,
  openProgramme,
  outreachManager,
  outreachVisit,
  pjAnnounced,
  pjBase,
  pjDrawn,
  pjOpen,
  pjPlaced,
  posting,
  programmeAt,
  prospectCompany,
  receivedRequest,
  returned,
  room,
  seeker,
  seekerUser,
  slotFair,
  slotFairSlot,
  staff,
  started,
  suit,
  t,
  templatesAdmin,
  today,
};
