import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import {
  Check,
  CheckGroup,
  CheckLine,
  Csrf,
  ErrorSummary,
  Field,
  type FieldErrors,
  fieldErrors,
  fieldId,
  formBody,
  formValues,
  Input,
  list,
  Select,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission } from '../../web/page.tsx';
import { scopedCentreTree } from '../accounts/centres.service.ts';
import { EVENT_KINDS, type EventKind } from './events.codes.ts';
import { createEvent } from './events.service.ts';

// /staff/events/new: staff set up a hiring event of any kind — a job fair, a video-interview
// day, an online fair, a weekly series (its dates made from the weekdays chosen, holidays and
// closures skipped) or a hiring-hall day — with its place or link, capacity and publication,
// and land on its desk to add employers and open slots. An admin chooses the centre.

defineMessages({
  'evn.title': ['채용행사 만들기', 'Set up a hiring event'],
  'evn.new': ['채용행사 만들기', 'Set up a hiring event'],
  'evn.name': ['행사명', 'Title'],
  'evn.kind': ['행사 종류', 'Kind'],
  'evn.centre': ['운영 센터', 'Centre'],
  'evn.date': ['날짜', 'Day'],
  'evn.endDate': ['마지막 날(여러 날 행사)', 'Last day (events over several days)'],
  'evn.startTime': ['시작 시각', 'Starts at'],
  'evn.endTime': ['종료 시각', 'Ends at'],
  'evn.venue': ['장소(대면)', 'Venue (in person)'],
  'evn.onlineUrl': ['접속 주소(화상·온라인, https://)', 'Meeting link (video, online; https://)'],
  'evn.placeHint': ['장소나 접속 주소 중 하나는 꼭 적으세요.', 'Give a venue, a link, or both.'],
  'evn.capacity': ['구직자 정원(비우면 제한 없음)', 'Seeker places (empty: no limit)'],
  'evn.description': ['안내', 'Description'],
  'evn.published': ['바로 공개(/events에서 신청 가능)', 'Publish now (open for sign-up on /events)'],
  'evn.repeat': ['매주 반복(정기 행사)', 'Repeat weekly (a series)'],
  'evn.repeatHint': [
    '고른 요일마다 첫날부터 반복 마지막 날까지 한 회씩 만듭니다. 공휴일과 센터 휴무일은 빠집니다.',
    'One event on each chosen weekday up to the last day; holidays and closures are skipped.',
  ],
  'evn.weekdays': ['반복 요일', 'Weekdays'],
  'evn.until': ['반복 마지막 날', 'Repeat until'],
  'evn.create': ['만들기', 'Set it up'],
  'evn.badTime': ['시각을 00:00 형식으로 적으세요.', 'Write the time as 00:00.'],
  'evn.untilRequired': ['반복 마지막 날을 적으세요.', 'Give the last day of the series.'],
  'evn.capacityNumber': ['정원은 1 이상 100000 이하의 숫자로 적으세요.', 'Places: a number 1–100000.'],
});

const FIELDS = [
  'title',
  'kind',
  'centreId',
  'date',
  'endDate',
  'startTime',
  'endTime',
  'venue',
  'onlineUrl',
  'capacity',
  'description',
  'published',
  'until',
] as const;
type Values = Record<(typeof FIELDS)[number], string> & { weekdays: string[] };
const WEEKDAYS: [number, string, string][] = [
  [1, '월', 'Mon'],
  [2, '화', 'Tue'],
  [3, '수', 'Wed'],
  [4, '목', 'Thu'],
  [5, '금', 'Fri'],
  [6, '토', 'Sat'],
  [7, '일', 'Sun'],
];
const LABELS: Record<string, string> = {
  title: 'evn.name',
  kind: 'evn.kind',
  centreId: 'evn.centre',
  date: 'evn.date',
  endDate: 'evn.endDate',
  startTime: 'evn.startTime',
  endTime: 'evn.endTime',
  venue: 'evn.venue',
  onlineUrl: 'evn.onlineUrl',
  capacity: 'evn.capacity',
  weekdays: 'evn.weekdays',
  until: 'evn.until',
};

/** A problem's field as the form names it (the service speaks of instants and a recurrence). */
function formField(field: string): string {
  if (field === 'startsAt') return 'startTime';
  if (field === 'endsAt') return 'endTime';
  if (field === 'recurrence.until') return 'until';
  if (field.startsWith('recurrence')) return 'weekdays';
  return field;
}

/** "2027-03-19" + "14:00" as the instant in Seoul, or null when either is not well formed. */
export function seoulAt(date: string, hhmm: string): string | null {
  if (!isRealDate(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) return null;
  return new Date(`${date}T${hhmm}:00+09:00`).toISOString();
}

/** The posted form as the events service's input, or 400 naming every field that is wrong. */
function eventFromForm(v: Values, centreId: string | null, admin: boolean) {
  const problems: FieldProblem[] = [];
  if (admin && !centreId) problems.push({ field: 'centreId', key: 'event.centreRequired' });
  if (!v.title) problems.push({ field: 'title', key: 'field.required' });
  if (!(v.kind in EVENT_KINDS)) problems.push({ field: 'kind', key: 'field.required' });
  if (!isRealDate(v.date)) problems.push({ field: 'date', key: v.date ? 'field.date' : 'field.required' });
  if (v.endDate && !isRealDate(v.endDate)) problems.push({ field: 'endDate', key: 'field.date' });
  const startsAt = seoulAt(v.date, v.startTime);
  const endsAt = seoulAt(v.endDate || v.date, v.endTime);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.startTime))
    problems.push({ field: 'startTime', key: 'evn.badTime' });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.endTime)) problems.push({ field: 'endTime', key: 'evn.badTime' });
  const capacity = v.capacity ? Number(v.capacity) : null;
  if (capacity !== null && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= 100000)) {
    problems.push({ field: 'capacity', key: 'evn.capacityNumber' });
  }
  const weekdays = v.weekdays.map(Number).filter((n) => n >= 1 && n <= 7);
  if (weekdays.length && !v.until) problems.push({ field: 'until', key: 'evn.untilRequired' });
  if (problems.length || !startsAt || !endsAt) throw invalid(problems);
  return {
    title: v.title,
    kind: v.kind as EventKind,
    startsAt,
    endsAt,
    venue: v.venue || null,
    onlineUrl: v.onlineUrl || null,
    capacity,
    description: v.description || null,
    published: v.published === '1',
    recurrence: weekdays.length ? { byWeekday: weekdays, until: v.until } : null,
    ...(admin && centreId ? { centreId } : {}),
  };
}

type Centres = { id: string; name: string; depth: number }[];

/** A required 24-hour time box (hh:mm), labelled and wired to its error like the other controls. */
export function TimeInput(p: { lang: Lang; name: string; label: string; value: string; error?: string }) {
  const id = fieldId(p.name);
  return (
    <Field name={p.name} label={p.label} lang={p.lang} error={p.error} required>
      <input
        type="time"
        id={id}
        name={p.name}
        value={p.value}
        required
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-error` : undefined}
      />
    </Field>
  );
}

function EventForm({ L, v, e, centres }: { L: Lang; v: Values; e: FieldErrors; centres: Centres }) {
  const en = L === 'en' ? 1 : 0;
  const f = (name: (typeof FIELDS)[number]) => ({
    lang: L,
    name,
    label: t(L, LABELS[name] ?? name),
    value: v[name],
    error: e[name],
  });
  const days = new Set(v.weekdays);
  return (
    <>
      {centres.length ? (
        <Select
          {...f('centreId')}
          required
          options={centres.map((c) => ({ value: c.id, label: `${'· '.repeat(c.depth)}${c.name}` }))}
        />
      ) : null}
      <Input {...f('title')} required maxLength={200} />
      <Select
        {...f('kind')}
        empty={false}
        options={Object.entries(EVENT_KINDS).map(([k, n]) => ({ value: k, label: n[en] }))}
      />
      <div class="grid">
        <Input {...f('date')} type="date" required />
        <TimeInput {...f('startTime')} />
        <TimeInput {...f('endTime')} />
        <Input {...f('endDate')} type="date" />
      </div>
      <p class="hint">{t(L, 'evn.placeHint')}</p>
      <Input {...f('venue')} maxLength={300} />
      <Input {...f('onlineUrl')} type="url" maxLength={500} />
      <Input {...f('capacity')} type="number" inputMode="numeric" min={1} max={100000} />
      <Textarea {...f('description')} label={t(L, 'evn.description')} maxLength={4000} rows={3} />
      <CheckLine
        id={fieldId('published')}
        name="published"
        value="1"
        checked={v.published === '1'}
        label={t(L, 'evn.published')}
      />
      <fieldset>
        <legend>{t(L, 'evn.repeat')}</legend>
        <p class="hint">{t(L, 'evn.repeatHint')}</p>
        <CheckGroup name="weekdays" legend={t(L, 'evn.weekdays')} error={e.weekdays}>
          {WEEKDAYS.map(([n, ko, enName]) => (
            <Check
              key={String(n)}
              id={fieldId(`weekdays.${n}`)}
              name="weekdays"
              value={String(n)}
              checked={days.has(String(n))}
              label={en ? enName : ko}
            />
          ))}
        </CheckGroup>
        <Input {...f('until')} type="date" />
      </fieldset>
    </>
  );
}

export function registerEventNewPages(app: Server, ctx: AppContext) {
  async function centreChoices(actor: Actor): Promise<Centres> {
    return actor.centreScope === null ? scopedCentreTree(ctx.db, actor) : [];
  }

  function page(
    req: FastifyRequest,
    reply: FastifyReply,
    v: Values,
    centres: Centres,
    problem?: { form: string; fields: FieldErrors },
  ) {
    const L = req.lang;
    const e: FieldErrors = {};
    for (const [k, msg] of Object.entries(problem?.fields ?? {})) e[formField(k)] ??= msg;
    const labels = Object.fromEntries(Object.entries(LABELS).map(([k, key]) => [k, t(L, key)]));
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'evn.title')} nav="/staff">
        <p>
          <a href="/staff/events">← {t(L, 'evd.title')}</a>
        </p>
        <h1>{t(L, 'evn.title')}</h1>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={e} labels={labels} /> : null}
        <form method="post" action="/staff/events/new" id="event-form">
          <Csrf token={req.csrfToken} />
          <EventForm L={L} v={v} e={e} centres={centres} />
          <button type="submit">{t(L, 'evn.create')}</button>
        </form>
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/events/new', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'events.manage');
    const v = { ...formValues({}, FIELDS), kind: 'job_fair', startTime: '14:00', endTime: '17:00' };
    return page(
      req,
      reply,
      { ...v, centreId: actor.centreId ?? '', weekdays: [] },
      await centreChoices(actor),
    );
  });

  app.post('/staff/events/new', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'events.manage');
    const body = formBody(req);
    const v: Values = { ...formValues(body, FIELDS), weekdays: list(body, 'weekdays') };
    const centres = await centreChoices(actor);
    const centreId = centres.length ? (centres.find((c) => c.id === v.centreId)?.id ?? null) : actor.centreId;
    try {
      const input = eventFromForm(v, centreId, centres.length > 0);
      const made = await createEvent(requestContext(ctx.db, req), input);
      const q = new URLSearchParams({
        created: String(made.occurrences.length),
        skipped: made.skipped.map((s) => `${s.date} ${s.name}`).join(', '),
      });
      return reply.redirect(`/staff/events/${made.id}?${q}`, 303);
    } catch (err) {
      return page(req, reply, v, centres, fieldErrors(err, req.lang));
    }
  });
}
