import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountActor } from '../../src/features/accounts/sessions.service.ts';
import {
  closeApplications,
  newMiddleAgedProgramme,
} from '../../src/features/publicjobs/publicjobs.test-helpers.ts';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { createEndpoint, emitWebhookEvent } from '../../src/features/webhooks/webhooks.service.ts';
import { expectStatus, testApp } from '../support/app.ts';
import { buildEmployer, buildPosting, buildSeeker as buildSeekerRow } from '../support/factories.ts';

// Issue 23 item 5 / issue 13: every staff and portal form answers bad values with a 400 HTML
// page or the form again with the error — never 500, never raw JSON. The forms are read from
// the pages themselves, so a form added later is fuzzed without editing this file, and a test
// fails when a page's POST route has no form reachable here.

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

type Who = typeof staff | null;
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
const pages: [string, Who][] = [
  ['/institutions', null],
  [`/programmes/${comingProgramme.id}`, seekerUser],
  [`/programmes/${begunProgramme.id}`, seekerUser],
  [`/programmes/${openProgramme.id}`, seekerUser],
  [`/staff/programmes/${begunProgramme.id}`, staff],
  ['/staff/seekers/new', staff],
  [`/staff/seekers/${seeker.id}`, staff],
  ['/staff/referrals', staff],
  ['/staff/postings', staff],
  ['/staff/followups', staff],
  ['/staff/calendar?week=2030-01-07', staff],
  [`/staff/calendar/new?seekerId=${seeker.id}`, staff],
  [`/staff/calendar/${appointment.id}/edit`, staff],
  ['/account/totp', staff],
  ['/employer', employerUser],
  [`/employer/postings/${returned.id}/edit`, employerUser],
  ['/me', seekerUser],
  ['/me/notifications', seekerUser],
  [`/bookings?resourceId=${room.id}`, seekerUser],
  ['/me/bookings', seekerUser],
  ['/staff/bookings', staff],
  ['/staff/suits', staff],
  ['/staff/bookings/resources/new', staff],
  [`/staff/bookings/resources/${room.id}`, staff],
  [`/events/${fair.id}`, seekerUser],
  [`/staff/events/${fair.id}`, staff],
  [`/staff/events/${fair.id}/matches`, staff],
  [`/public-jobs/${pjOpen.id}`, seekerUser],
  [`/staff/public-jobs/${pjAnnounced}`, staff],
  [`/staff/public-jobs/${pjPlaced}`, staff],
  ['/staff/admin/templates', templatesAdmin],
  ['/staff/admin/users', templatesAdmin],
  ['/staff/admin/centres', templatesAdmin],
  [`/staff/admin/targets?centreId=${centre.id}&year=2027`, templatesAdmin],
  ['/login', null],
  ['/register', null],
  ['/employer/signup', null],
];

interface Form {
  action: string;
  fields: [string, string][];
  who: Who;
  cookies: Record<string, string>;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The POST forms of a page with each control's current (or first offered) value. */
function formsOf(html: string, who: Who, cookies: Record<string, string> = {}): Form[] {
  const out: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = decode(/action="([^"]*)"/.exec(attrs)?.[1] ?? '');
    const fields: [string, string][] = [];
    for (const c of m[2]!.matchAll(/<(input|select|textarea)\b([^>]*)>([\s\S]*?<\/select>)?/g)) {
      const name = /name="([^"]+)"/.exec(c[2]!)?.[1];
      if (!name) continue;
      let value = decode(/value="([^"]*)"/.exec(c[2]!)?.[1] ?? '');
      if (c[1] === 'select') value = /<option value="([^"]+)"/.exec(c[3] ?? '')?.[1] ?? '';
      fields.push([name, value || 'x']);
    }
    out.push({ action: action.split('#')[0]!, fields, who, cookies });
  }
  return out;
}

const forms: Form[] = [];
const cookiesOf = (res: { cookies: { name: string; value: string }[] }) =>
  Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
for (const [url, who] of pages) {
  const res = who ? await who.get(url) : await t.app.inject({ method: 'GET', url });
  expect(res.statusCode, url).toBe(200);
  forms.push(...formsOf(res.body, who, cookiesOf(res)));
}
// Forms that only a step before shows: the second-factor step of a login, and the
// confirmation of a second-factor enrolment (by a user of its own, so nothing else changes).
{
  const admin = await t.user('admin', null);
  const login = await t.app.inject({ method: 'GET', url: '/login' });
  const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
  const cookies = cookiesOf(login);
  const step = await t.app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, login: admin.login, password: admin.password }).toString(),
    cookies,
  });
  expect(step.statusCode).toBe(303);
  const all = { ...cookies, ...cookiesOf(step) };
  const code = await t.app.inject({ method: 'GET', url: '/login/code', cookies: all });
  forms.push(...formsOf(code.body, null, all));
  const enrolling = await t.user('counsellor', centre.id);
  const enrol = await enrolling.post('/account/totp', '', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  forms.push(...formsOf(enrol.body, enrolling).filter((f) => f.action === '/account/totp/confirm'));
  // Partner keys (admins): the issue form and, once a partner exists, its revoke button.
  expectStatus(
    await admin.post('/api/v1/partners', {
      name: '양식 점검 기관',
      centreId: centre.id,
      scopes: ['postings:read'],
    }),
    201,
  );
  const partners = await admin.get('/staff/admin/partners');
  expect(partners.statusCode).toBe(200);
  forms.push(...formsOf(partners.body, admin));
  // Webhooks: an endpoint with a failed delivery (its replay button) and a disabled one (enable).
  const adminCtx = {
    db: t.db,
    actor: (await accountActor(t.db, admin.user.id))!,
    ip: null,
    lang: 'ko' as const,
  };
  const hooks = { dataKey: t.dataKey, allowPrivate: true };
  const ep = await createEndpoint(
    adminCtx,
    { url: 'http://127.0.0.1:9/h', events: ['posting.created'], centreId: centre.id },
    hooks,
  );
  const off = await createEndpoint(
    adminCtx,
    { url: 'http://127.0.0.1:9/off', events: ['posting.updated'], centreId: centre.id },
    hooks,
  );
  await t.db
    .transaction()
    .execute((tx) =>
      emitWebhookEvent(tx, { type: 'posting.created', subjectId: posting.id, centreId: centre.id }),
    );
  await t.db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed' })
    .where('endpoint_id', '=', ep.id)
    .execute();
  await t.db.updateTable('webhook_endpoints').set({ status: 'disabled' }).where('id', '=', off.id).execute();
  for (const url of ['/staff/admin/webhooks', `/staff/admin/webhooks/${ep.id}`]) {
    const res = await admin.get(url);
    expect(res.statusCode, url).toBe(200);
    forms.push(...formsOf(res.body, admin));
  }
}

/** Values a form post can carry that no control offers. */
const bad = ['a\u0000b', '%ED%A0%80', 'zz-unknown', '9999-99-99', 'x'.repeat(20_000)];

function encode(fields: [string, string][], raw?: [string, string]): string {
  const parts = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  // An already percent-encoded value goes as it is (an encoded lone surrogate).
  if (raw) parts.push(`${encodeURIComponent(raw[0])}=${raw[1]}`);
  return parts.join('&');
}

async function post(form: Form, body: string) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (form.who) return form.who.post(form.action, body, headers);
  return t.app.inject({
    method: 'POST',
    url: form.action,
    payload: body,
    headers,
    cookies: form.cookies,
  });
}

describe('staff and portal forms with bad values', () => {
  it('finds a form for every page POST route', () => {
    const sources = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.tsx'),
    );
    const routes = sources.flatMap((f) =>
      [...readFileSync(join('src', f), 'utf8').matchAll(/app\.post\('(\/[^']*)'/g)].map((m) => m[1]!),
    );
    const actions = forms.map((f) => f.action);
    const unreached = routes
      .filter((r) => r !== '/logout')
      .filter((r) => {
        const re = new RegExp(`^${r.replace(/:\w+/g, '[^/]+')}$`);
        return !actions.some((a) => re.test(a.split('?')[0]!));
      });
    expect(unreached).toEqual([]);
  });

  it('answers every bad value of every field with HTML below 500', async () => {
    const failures: string[] = [];
    for (const form of forms.filter((f) => f.action !== '/logout')) {
      for (const [name] of form.fields) {
        if (name === '_csrf') continue;
        for (const value of bad) {
          const others = form.fields.filter(([k]) => k !== name);
          const body = value.startsWith('%')
            ? encode(others, [name, value])
            : encode([...others, [name, value]]);
          // The same name twice: a list where the form has one value.
          const twice = value === bad[0] ? [encode([...form.fields, [name, value]])] : [];
          for (const b of [body, ...twice]) {
            const res = await post(form, b);
            const type = String(res.headers['content-type'] ?? '');
            if (res.statusCode >= 500 || (res.statusCode >= 400 && !type.startsWith('text/html'))) {
              failures.push(
                `${form.action} ${name}=${JSON.stringify(value.slice(0, 12))} → ${res.statusCode} ${type}`,
              );
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('an unknown counselling channel or type re-renders the form with the error', async () => {
    const body = new URLSearchParams({
      at: '2026-01-05T10:00',
      channel: 'carrier-pigeon',
      type: 'intake',
      notes: '상담 내용',
    }).toString();
    const res = await staff.post(`/staff/seekers/${seeker.id}/counselling`, body, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('허용되지 않는 값입니다');
  });

  it('NUL in a form field is a 400 page naming the field', async () => {
    const res = await staff.post(`/staff/seekers/${seeker.id}/status`, 'status=on_hold&reason=a%00b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('reason');
    expect(res.body).toContain('저장할 수 없는 문자');
  });
});
