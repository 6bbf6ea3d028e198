import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import {
  Check,
  CheckGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formBody,
  formValues,
  Input,
  list,
  Select,
  str,
} from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, query, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { listEmployers } from '../employers/employers.service.ts';
import { listPostings } from '../postings/postings.service.ts';
import { addEventEmployer, approveEmployer, listEventEmployers } from './event-employers.service.ts';
import { seoulAt, TimeInput } from './event-new.pages.tsx';
import { getEvent } from './events.service.ts';
import { seoulDate } from './events.time.ts';
import { createSlots } from './interviews.service.ts';

// Setting up an event at its desk: the employers taking part (found by name or 사업자등록번호,
// entered with the postings they recruit for and a booth; applications approved) and their
// interview slots, opened in runs of N minutes with a meeting link for video interviews.

defineMessages({
  'evs.employers': ['참가 기업', 'Employers'],
  'evs.add': ['참가 기업 추가', 'Add an employer'],
  'evs.openSlots': ['면접 시간 열기', 'Open interview slots'],
  'evs.booth': ['부스·면접실', 'Booth or room'],
  'evs.postings': ['참가 공고', 'Postings'],
  'evs.status': ['상태', 'Status'],
  'evs.slotCount': ['면접 시간', 'Slots'],
  'evs.slotsOf': ['{n}개(빈 시간 {free})', '{n} ({free} free)'],
  'evs.approve': ['참가 승인', 'Approve'],
  'evs.none': ['참가 기업이 없습니다. 기업을 추가하세요.', 'No employer yet: add one.'],
  'evs.find': ['기업명 또는 사업자등록번호', 'Company name or business number'],
  'evs.findGo': ['기업 찾기', 'Find'],
  'evs.noMatch': ['“{q}”에 해당하는 기업이 없습니다.', 'No company matches “{q}”.'],
  'evs.postingsOf': ['{name}의 게시 중인 공고', 'Open postings of {name}'],
  'evs.noPostings': ['게시 중인 공고가 없습니다(공고 없이 참가할 수 있습니다).', 'No open posting.'],
  'evs.enter': ['참가 등록', 'Enter'],
  'evs.already': ['참가 중', 'Taking part'],
  'evs.employer': ['기업', 'Employer'],
  'evs.date': ['날짜', 'Day'],
  'evs.from': ['첫 면접 시작', 'First slot starts'],
  'evs.to': ['마지막 면접 종료', 'Last slot ends'],
  'evs.minutes': ['면접 한 건의 길이(분)', 'Length of one interview (minutes)'],
  'evs.meetingUrl': ['화상면접 링크(https://, 화상면접일 때)', 'Meeting link (https://, for video)'],
  'evs.open': ['면접 시간 만들기', 'Open the slots'],
  'evs.noApproved': ['승인된 참가 기업이 없습니다. 먼저 기업을 추가하세요.', 'Approve an employer first.'],
  'evs.minutesNumber': ['면접 길이는 5분에서 240분 사이로 적으세요.', 'Length: 5 to 240 minutes.'],
  'evs.created': [
    '채용행사를 만들었습니다(회차 {n}개). 참가 기업을 추가하고 면접 시간을 여세요.',
    'Event set up ({n} dates). Add employers and open slots.',
  ],
  'evs.skipped': ['공휴일·휴무일로 빠진 날: {days}', 'Skipped closed days: {days}'],
  'evs.added': ['참가 기업을 등록했습니다.', 'Employer entered.'],
  'evs.opened': ['면접 시간 {n}개를 열었습니다.', '{n} slots opened.'],
});

type Employers = Awaited<ReturnType<typeof listEventEmployers>>;
type Slot = { employerId: string; taken: boolean };

/** The desk's employers section: who takes part, their postings and slots, approval. */
export function DeskEmployers(p: {
  L: Lang;
  eventId: string;
  csrf: string | null | undefined;
  employers: Employers;
  slots: Slot[];
  /** False for a cancelled event: nothing is added, approved or withdrawn any more. */
  open?: boolean;
}) {
  const { L, eventId } = p;
  return (
    <section aria-labelledby="evs-employers">
      <h2 id="evs-employers">{t(L, 'evs.employers')}</h2>
      {p.open === false ? null : (
        <p>
          <a href={`/staff/events/${eventId}/employers/new`}>{t(L, 'evs.add')}</a>
          {' · '}
          <a href={`/staff/events/${eventId}/slots/new`}>{t(L, 'evs.openSlots')}</a>
        </p>
      )}
      {p.employers.length === 0 ? <p>{t(L, 'evs.none')}</p> : null}
      <StackTable
        lang={L}
        columns={['evs.employer', 'evs.booth', 'evs.postings', 'evs.slotCount', 'evs.status']}
      >
        {p.employers.map((x) => {
          const mine = p.slots.filter((s) => s.employerId === x.employerId);
          return (
            <tr key={x.employerId}>
              <td data-label={t(L, 'evs.employer')}>{x.employerName}</td>
              <td data-label={t(L, 'evs.booth')}>{x.booth ?? ''}</td>
              <td data-label={t(L, 'evs.postings')}>{x.postingIds.length}</td>
              <td data-label={t(L, 'evs.slotCount')}>
                {t(L, 'evs.slotsOf', { n: mine.length, free: mine.filter((s) => !s.taken).length })}
              </td>
              <td data-label={t(L, 'evs.status')}>
                {x.statusName}
                {p.open !== false && x.status !== 'withdrawn' ? (
                  <>
                    {' '}
                    <a
                      href={`/staff/events/${eventId}/employers/${x.employerId}/withdraw`}
                      aria-label={t(L, 'esc.withdrawOf', { name: x.employerName ?? '' })}
                    >
                      {t(L, 'esc.withdraw')}
                    </a>
                  </>
                ) : null}
                {p.open !== false && x.status === 'applied' ? (
                  <form
                    method="post"
                    action={`/staff/events/${eventId}/employers/${x.employerId}/approve`}
                    class="inline"
                  >
                    <Csrf token={p.csrf} /> <button type="submit">{t(L, 'evs.approve')}</button>
                  </form>
                ) : null}
              </td>
            </tr>
          );
        })}
      </StackTable>
    </section>
  );
}

/** The desk's notices after a set-up step (query flags set by the redirects below). */
export function setupNotice(L: Lang, q: Record<string, string>): string | null {
  if (q.created) {
    const made = t(L, 'evs.created', { n: q.created });
    return q.skipped ? `${made} ${t(L, 'evs.skipped', { days: q.skipped.slice(0, 300) })}` : made;
  }
  if (q.added) return t(L, 'evs.added');
  if (q.opened) return t(L, 'evs.opened', { n: q.opened });
  return null;
}

/** A problem for the form: field problems as they are, a not-found or conflict as the form's message. */
function problemOf(err: unknown, L: Lang) {
  if (err instanceof DomainError && err.code === 'not_found') return { form: t(L, err.key), fields: {} };
  return fieldErrors(err, L);
}

const SLOT_FIELDS = ['employerId', 'date', 'from', 'to', 'minutes', 'meetingUrl'] as const;

export function registerDeskSetupPages(app: Server, ctx: AppContext) {
  async function employersPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    problem?: { form: string; fields: FieldErrors },
    tried?: string,
  ) {
    const actor = requirePermission(req, 'events.manage');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const q = (query(req).q ?? '').trim().slice(0, 100);
    const [e, taking] = await Promise.all([getEvent(rc, { id }), listEventEmployers(rc, { eventId: id })]);
    const found = q ? (await listEmployers(ctx.db, actor, { q, offset: 0, limit: 10 })).items : [];
    const postings = await Promise.all(
      found.map((x) =>
        listPostings(ctx.db, actor, { employerId: x.id, status: 'open', offset: 0, limit: 20 }).then(
          (r) => r.items,
        ),
      ),
    );
    const inEvent = new Set(taking.map((x) => x.employerId));
    const errors: FieldErrors = {};
    for (const [k, msg] of Object.entries(problem?.fields ?? {})) {
      errors[k.replace(/\.\d+$/, '')] ??= msg;
    }
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'evs.add')} — ${e.title}`} nav="/staff">
        <p>
          <a href={`/staff/events/${id}`}>← {e.title}</a>
        </p>
        <h1>{t(L, 'evs.add')}</h1>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={{}} /> : null}
        <form method="get" action={`/staff/events/${id}/employers/new`} class="inline">
          <label for="evs-q">{t(L, 'evs.find')}</label>{' '}
          <input id="evs-q" name="q" type="search" maxlength={100} value={q} required />{' '}
          <button type="submit">{t(L, 'evs.findGo')}</button>
        </form>
        {q && found.length === 0 ? <p>{t(L, 'evs.noMatch', { q })}</p> : null}
        {found.map((x, i) => (
          <section class="card" key={x.id} aria-labelledby={`evs-c-${x.id}`}>
            <h2 id={`evs-c-${x.id}`}>{x.name}</h2>
            {inEvent.has(x.id) ? (
              <p>{t(L, 'evs.already')}</p>
            ) : (
              <form method="post" action={`/staff/events/${id}/employers/new?q=${encodeURIComponent(q)}`}>
                <Csrf token={req.csrfToken} />
                <input type="hidden" name="employerId" value={x.id} />
                <CheckGroup
                  name="postingIds"
                  id={`evs-p-${x.id}`}
                  legend={t(L, 'evs.postingsOf', { name: x.name })}
                  hint={(postings[i] ?? []).length === 0 ? t(L, 'evs.noPostings') : undefined}
                  error={tried === x.id ? errors.postingIds : undefined}
                >
                  {(postings[i] ?? []).map((p) => (
                    <Check
                      key={p.id}
                      id={`evs-p-${x.id}-${p.id}`}
                      name="postingIds"
                      value={p.id}
                      checked
                      label={p.title}
                    />
                  ))}
                </CheckGroup>
                <Input lang={L} name={`booth-${x.id}`} label={t(L, 'evs.booth')} maxLength={100} />
                <button type="submit">{t(L, 'evs.enter')}</button>
              </form>
            )}
          </section>
        ))}
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/events/:id/employers/new', pageOpts, async (req, reply) =>
    employersPage(req, reply, uuidParam(req)),
  );

  app.post('/staff/events/:id/employers/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const body = formBody(req);
    const employerId = str(body, 'employerId');
    try {
      if (!/^[0-9a-f-]{36}$/i.test(employerId))
        throw invalid([{ field: 'employerId', key: 'field.invalid' }]);
      await addEventEmployer(requestContext(ctx.db, req), {
        eventId: id,
        employerId,
        postingIds: list(body, 'postingIds').filter((p) => /^[0-9a-f-]{36}$/i.test(p)),
        booth: str(body, `booth-${employerId}`) || null,
      });
      return reply.redirect(`/staff/events/${id}?added=1#evs-employers`, 303);
    } catch (err) {
      return employersPage(req, reply, id, problemOf(err, req.lang), employerId);
    }
  });

  app.post('/staff/events/:id/employers/:employerId/approve', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const employerId = uuidParam(req, 'employerId');
    try {
      await approveEmployer(requestContext(ctx.db, req), { eventId: id, employerId });
      return reply.redirect(`/staff/events/${id}?done=1#evs-employers`, 303);
    } catch (err) {
      const e = problemOf(err, req.lang);
      return reply.redirect(`/staff/events/${id}?error=${encodeURIComponent(e.form)}`, 303);
    }
  });

  async function slotsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    v: Record<(typeof SLOT_FIELDS)[number], string> | null,
    problem?: { form: string; fields: FieldErrors },
  ) {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const [e, employers] = await Promise.all([getEvent(rc, { id }), listEventEmployers(rc, { eventId: id })]);
    const approved = employers.filter((x) => x.status === 'approved');
    const values = v ?? {
      employerId: '',
      date: seoulDate(new Date(e.startsAt)),
      from: seoul(e.startsAt).slice(11),
      to: seoul(e.endsAt).slice(11),
      minutes: '30',
      meetingUrl: e.onlineUrl ?? '',
    };
    const errors: FieldErrors = {};
    for (const [k, msg] of Object.entries(problem?.fields ?? {})) {
      errors[k === 'startsAt' ? 'from' : k === 'endsAt' ? 'to' : k] ??= msg;
    }
    const labels = Object.fromEntries(
      SLOT_FIELDS.map((k) => [k, t(L, `evs.${k === 'employerId' ? 'employer' : k}`)]),
    );
    const f = (name: (typeof SLOT_FIELDS)[number]) => ({
      lang: L,
      name,
      label: labels[name] ?? name,
      value: values[name],
      error: errors[name],
    });
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'evs.openSlots')} — ${e.title}`} nav="/staff">
        <p>
          <a href={`/staff/events/${id}`}>← {e.title}</a>
        </p>
        <h1>{t(L, 'evs.openSlots')}</h1>
        <p>
          {e.title} · {seoul(e.startsAt)}–{seoul(e.endsAt).slice(11)}
        </p>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={errors} labels={labels} /> : null}
        {approved.length === 0 ? (
          <p>{t(L, 'evs.noApproved')}</p>
        ) : (
          <form method="post" action={`/staff/events/${id}/slots/new`}>
            <Csrf token={req.csrfToken} />
            <Select
              {...f('employerId')}
              required
              options={approved.map((x) => ({
                value: x.employerId,
                label: `${x.employerName ?? ''}${x.booth ? ` (${x.booth})` : ''}`,
              }))}
            />
            <div class="grid">
              <Input {...f('date')} type="date" required />
              <TimeInput {...f('from')} value={values.from} />
              <TimeInput {...f('to')} value={values.to} />
              <Input {...f('minutes')} type="number" inputMode="numeric" min={5} max={240} required />
            </div>
            <Input {...f('meetingUrl')} type="url" maxLength={500} />
            <button type="submit">{t(L, 'evs.open')}</button>
          </form>
        )}
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/events/:id/slots/new', pageOpts, async (req, reply) =>
    slotsPage(req, reply, uuidParam(req), null),
  );

  app.post('/staff/events/:id/slots/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const v = formValues(formBody(req), SLOT_FIELDS);
    try {
      const problems: FieldProblem[] = [];
      if (!/^[0-9a-f-]{36}$/i.test(v.employerId))
        problems.push({ field: 'employerId', key: 'field.required' });
      const from = seoulAt(v.date, v.from);
      const to = seoulAt(v.date, v.to);
      if (!from)
        problems.push({ field: v.date ? 'from' : 'date', key: v.date ? 'evn.badTime' : 'field.required' });
      if (!to) problems.push({ field: 'to', key: 'evn.badTime' });
      const minutes = Number(v.minutes);
      if (!(Number.isInteger(minutes) && minutes >= 5 && minutes <= 240)) {
        problems.push({ field: 'minutes', key: 'evs.minutesNumber' });
      }
      if (problems.length || !from || !to) throw invalid(problems);
      const made = await createSlots(requestContext(ctx.db, req), {
        eventId: id,
        employerId: v.employerId,
        from,
        to,
        minutes,
        meetingUrl: v.meetingUrl || null,
      });
      return reply.redirect(`/staff/events/${id}?opened=${made.length}#evs-employers`, 303);
    } catch (err) {
      return slotsPage(req, reply, id, v, problemOf(err, req.lang));
    }
  });
}
