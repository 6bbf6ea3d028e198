import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountActor } from '../../src/features/accounts/sessions.service.ts';
import { createEndpoint, emitWebhookEvent } from '../../src/features/webhooks/webhooks.service.ts';
import { expectStatus } from '../support/app.ts';
import {
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
  fair,
  hallRequest,
  offeredProgramme,
  openProgramme,
  outreachManager,
  outreachVisit,
  pjAnnounced,
  pjOpen,
  pjPlaced,
  posting,
  prospectCompany,
  receivedRequest,
  returned,
  room,
  seeker,
  seekerUser,
  slotFair,
  slotFairSlot,
  staff,
  t,
  templatesAdmin,
  type Who,
} from './forms.fixtures.ts';

// Issue 23 item 5 / issue 13: every staff and portal form answers bad values with a 400 HTML
// page or the form again with the error — never 500, never raw JSON. The forms are read from
// the pages themselves, so a form added later is fuzzed without editing this file, and a test
// fails when a page's POST route has no form reachable here.

const pages: [string, Who][] = [
  ['/institutions', null],
  [`/programmes/${comingProgramme.id}`, seekerUser],
  [`/programmes/${begunProgramme.id}`, seekerUser],
  [`/programmes/${openProgramme.id}`, seekerUser],
  [`/staff/programmes/${begunProgramme.id}`, staff],
  [`/staff/programmes/${enrolProgramme.id}?find=${enrolPhone}`, staff],
  [`/programmes/${offeredProgramme.id}`, seekerUser],
  ['/staff/programmes/new', staff],
  [`/staff/programmes/requests/${receivedRequest.id}`, staff],
  [`/staff/programmes/requests/${declinedRequest.id}`, staff],
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
  [`/events/${fair.id}/invitation`, seekerUser],
  [`/staff/events/${fair.id}`, staff],
  [`/staff/events/${fair.id}/matches`, staff],
  ['/staff/events/new', staff],
  [`/staff/events/${fair.id}/slots/new`, staff],
  [`/staff/events/${fair.id}/employers/new?q=${encodeURIComponent('양식점검후보기업')}`, staff],
  [`/staff/events/${editFair.id}/edit`, staff],
  [`/staff/events/${cancelFair.id}/cancel`, staff],
  [`/staff/events/${slotFair.id}/slots/${slotFairSlot.id}/cancel`, staff],
  [`/staff/events/${slotFair.id}/employers/${employer.id}/withdraw`, staff],
  [`/department/requests/${adminRequest.id}`, departmentUser],
  ['/staff/hiring-hall', staff],
  [`/staff/hiring-hall/${hallRequest.id}`, staff],
  ['/employer/hiring-hall', employerUser],
  [`/public-jobs/${pjOpen.id}`, seekerUser],
  [`/staff/public-jobs/${pjAnnounced}`, staff],
  [`/staff/public-jobs/${pjPlaced}`, staff],
  ['/staff/public-jobs/new', staff],
  [`/staff/public-jobs/${pjAnnounced}/rules`, staff],
  ['/staff/admin/templates', templatesAdmin],
  ['/staff/admin/users', templatesAdmin],
  ['/staff/admin/centres', templatesAdmin],
  [`/staff/admin/targets?centreId=${centre.id}&year=2027`, templatesAdmin],
  ['/staff/outreach?week=2030-01-07', staff],
  [`/staff/outreach/visits/${outreachVisit.id}?d=1&j=1`, staff],
  ['/staff/outreach/requests', outreachManager],
  [`/staff/employers/${prospectCompany.id}`, staff],
  [`/staff/outreach/requests/${adminRequest.id}`, staff],
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

// Every bad value once per form, each in a field the seed picks, and one field sent twice: a fixed
// number of requests per form, so the check's time grows with the forms and not with their fields
// (every field with every value took 88 s alone on a loaded machine). A form's picks depend only on
// the seed and the form, so a form added later leaves the others' cases as they were.
// ILTEO_FORMS_SEED picks other fields; ILTEO_FORMS_ALL=1 tries every field with every value.
const formsSeed = process.env.ILTEO_FORMS_SEED ?? '20261211';
const everyCase = process.env.ILTEO_FORMS_ALL === '1';

/** The form's fields (not _csrf) in an order fixed by the seed. */
function seededFields(form: Form): string[] {
  const rank = (name: string) =>
    createHash('sha256').update(`${formsSeed}\0${form.action}\0${name}`).digest('hex');
  const names = [...new Set(form.fields.map(([k]) => k).filter((k) => k !== '_csrf'))];
  return names
    .map((name) => ({ name, r: rank(name) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
    .map((x) => x.name);
}

/** [field, bad value, sent twice] cases of a form: bad.length + 1 of them, or every one. */
function casesOf(form: Form): [string, string, boolean][] {
  const names = seededFields(form);
  if (names.length === 0) return [];
  if (everyCase)
    return names.flatMap((n) => [
      ...bad.map((v): [string, string, boolean] => [n, v, false]),
      [n, bad[0]!, true],
    ]);
  return [
    ...bad.map((v, i): [string, string, boolean] => [names[i % names.length]!, v, false]),
    [names[bad.length % names.length]!, bad[0]!, true],
  ];
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

  it('answers bad values in every form with HTML below 500', async () => {
    const failures: string[] = [];
    for (const form of forms.filter((f) => f.action !== '/logout')) {
      for (const [name, value, twice] of casesOf(form)) {
        const others = form.fields.filter(([k]) => k !== name);
        const body = twice
          ? encode([...form.fields, [name, value]]) // the same name twice: a list where the form has one value
          : value.startsWith('%')
            ? encode(others, [name, value])
            : encode([...others, [name, value]]);
        const res = await post(form, body);
        const type = String(res.headers['content-type'] ?? '');
        if (res.statusCode >= 500 || (res.statusCode >= 400 && !type.startsWith('text/html'))) {
          failures.push(
            `${form.action} ${name}=${JSON.stringify(value.slice(0, 12))}${twice ? ' twice' : ''} → ${res.statusCode} ${type} (ILTEO_FORMS_SEED=${formsSeed})`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

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
