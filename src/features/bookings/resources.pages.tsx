import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import {
  bindFields,
  Check,
  CheckGroup,
  CheckLine,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formBody,
  Input,
  list,
  Select,
  str,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { BOOKERS, type Booker, RESOURCE_KINDS, type ResourceKind, WEEKDAYS } from './bookings.codes.ts';
import { hoursText } from './bookings.page-text.ts';
import type { OpeningWindow } from './bookings.tables.ts';
import { createResource, resourceForStaff, resourcesOfActor, updateResource } from './resources.service.ts';

// /staff/bookings/resources: the centre's bookable resources, and the form that adds or changes
// one — name, kind, slot length, places per slot, approval, who may book, and weekly opening
// hours as up to two periods a weekday (a lunch break between them).

defineMessages({
  'rs.title': ['예약 자원 관리', 'Bookable resources'],
  'rs.new': ['새 자원 등록', 'Add a resource'],
  'rs.edit': ['자원 수정: {name}', 'Change: {name}'],
  'rs.name': ['이름', 'Name'],
  'rs.kind': ['종류', 'Kind'],
  'rs.slot': ['예약 단위(분)', 'Slot length (minutes)'],
  'rs.capacity': ['시간당 정원', 'Places per slot'],
  'rs.capacityHint': [
    '한 시간대에 동시에 받을 수 있는 인원. 줄이면 이미 더 많이 예약된 시간대가 있을 때 거절됩니다.',
    'People per slot. Lowering it is refused while a future slot holds more.',
  ],
  'rs.approval': ['센터 승인 후 확정 (노무사 상담 등)', 'Confirmed after the centre approves (attorney, …)'],
  'rs.bookers': ['예약할 수 있는 사람', 'Who may book'],
  'rs.hours': ['운영 시간', 'Opening hours'],
  'rs.hoursHint': [
    '요일마다 최대 두 구간(점심시간 제외 등). 비워 두면 그 요일은 쉽니다. 예: 10:00–12:00, 13:00–17:00',
    'Up to two periods a weekday (around lunch); leave empty when closed. E.g. 10:00–12:00, 13:00–17:00',
  ],
  'rs.period': ['{day} {n}구간 {edge}', '{day} period {n} {edge}'],
  'rs.from': ['시작', 'from'],
  'rs.to': ['종료', 'to'],
  'rs.description': ['안내문', 'Description'],
  'rs.active': ['예약 받기 (끄면 공개 목록에서 내려갑니다)', 'Taking bookings (off hides it)'],
  'rs.save': ['저장', 'Save'],
  'rs.saved': ['저장했습니다.', 'Saved.'],
  'rs.none': ['등록된 자원이 없습니다.', 'No resources yet.'],
  'rs.change': ['수정', 'Change'],
  'rs.back': ['예약 일정표', 'Day sheet'],
});

const PERIODS = [1, 2] as const;
const FIELDS = ['name', 'kind', 'slotMinutes', 'capacity', 'description'] as const;

/** The form's opening-hour cells (`h-<weekday>-<period>-from|to`) read into windows. */
function windowsOf(body: Record<string, string | string[]>): OpeningWindow[] {
  const out: OpeningWindow[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (const p of PERIODS) {
      const from = str(body, `h-${weekday}-${p}-from`);
      const to = str(body, `h-${weekday}-${p}-to`);
      if (from || to) out.push({ weekday, from, to });
    }
  }
  return out;
}

interface FormState {
  values: Record<string, string>;
  hours: OpeningWindow[];
  approval: boolean;
  active: boolean;
  bookers: string[];
  errors: FieldErrors;
  message?: string;
}

function ResourceForm({
  L,
  action,
  state,
  csrf,
}: {
  L: Lang;
  action: string;
  state: FormState;
  csrf: string | null | undefined;
}) {
  const field = bindFields(L, state.values, state.errors);
  const cell = (weekday: number, p: number) => state.hours.filter((w) => w.weekday === weekday)[p - 1];
  return (
    <form method="post" action={action}>
      <Csrf token={csrf} />
      <ErrorSummary lang={L} message={state.message} errors={state.errors} />
      <Input {...field('name', 'rs.name')} required maxLength={200} />
      <Select
        {...field('kind', 'rs.kind')}
        required
        empty={false}
        options={Object.entries(RESOURCE_KINDS).map(([k, v]) => ({ value: k, label: v[L === 'en' ? 1 : 0] }))}
      />
      <Input {...field('slotMinutes', 'rs.slot')} type="number" min={5} max={480} required />
      <Input
        {...field('capacity', 'rs.capacity')}
        type="number"
        min={1}
        max={500}
        required
        hint={t(L, 'rs.capacityHint')}
      />
      <CheckLine
        id="rs-approval"
        name="approvalRequired"
        value="1"
        checked={state.approval}
        label={t(L, 'rs.approval')}
      />
      <CheckGroup name="bookableBy" legend={t(L, 'rs.bookers')} error={state.errors.bookableBy}>
        {Object.entries(BOOKERS).map(([k, v]) => (
          <Check
            key={k}
            id={`rs-b-${k}`}
            name="bookableBy"
            value={k}
            checked={state.bookers.includes(k)}
            label={v[L === 'en' ? 1 : 0]}
          />
        ))}
      </CheckGroup>
      <fieldset
        id="f-openingHours"
        class={state.errors.openingHours ? 'form-group invalid' : 'form-group'}
        aria-describedby={state.errors.openingHours ? 'rs-hours-hint f-openingHours-error' : 'rs-hours-hint'}
      >
        <legend>{t(L, 'rs.hours')}</legend>
        <p class="form-hint" id="rs-hours-hint">
          {t(L, 'rs.hoursHint')}
        </p>
        {state.errors.openingHours ? (
          <p class="form-hint-invalid" id="f-openingHours-error">
            {state.errors.openingHours}
          </p>
        ) : null}
        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
          <div class="hours-row" key={d}>
            <strong>{WEEKDAYS[d]}</strong>
            {PERIODS.map((p) =>
              (['from', 'to'] as const).map((edge) => (
                <input
                  key={`${p}${edge}`}
                  type="time"
                  name={`h-${d}-${p}-${edge}`}
                  value={cell(d, p)?.[edge] ?? ''}
                  aria-label={t(L, 'rs.period', { day: WEEKDAYS[d] ?? '', n: p, edge: t(L, `rs.${edge}`) })}
                />
              )),
            )}
          </div>
        ))}
      </fieldset>
      <Textarea {...field('description', 'rs.description')} rows={3} maxLength={2000} />
      <CheckLine id="rs-active" name="active" value="1" checked={state.active} label={t(L, 'rs.active')} />
      <div class="actions">
        <button type="submit">{t(L, 'rs.save')}</button>
      </div>
    </form>
  );
}

/** What the form posted, as the service takes it. */
function inputOf(body: Record<string, string | string[]>) {
  const kind = str(body, 'kind');
  return {
    name: str(body, 'name'),
    kind: (kind in RESOURCE_KINDS ? kind : 'meeting_room') as ResourceKind,
    slotMinutes: Number(str(body, 'slotMinutes')) || 0,
    capacity: Number(str(body, 'capacity')) || 0,
    openingHours: windowsOf(body),
    approvalRequired: str(body, 'approvalRequired') === '1',
    bookableBy: list(body, 'bookableBy').filter((b): b is Booker => b in BOOKERS),
    description: str(body, 'description') || null,
    active: str(body, 'active') === '1',
  };
}

export function registerResourcePages(app: Server, ctx: AppContext) {
  async function listPage(req: FastifyRequest, reply: FastifyReply) {
    const { L, q } = pageGuard(req, 'bookings.manage');
    const resources = await resourcesOfActor(requestContext(ctx.db, req), { withInactive: true });
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'rs.title')} nav="/staff">
        <h1>{t(L, 'rs.title')}</h1>
        {q.saved ? <Notice kind="ok">{t(L, 'rs.saved')}</Notice> : null}
        <p>
          <a href="/staff/bookings/resources/new">{t(L, 'rs.new')}</a> ·{' '}
          <a href="/staff/bookings">{t(L, 'rs.back')}</a>
        </p>
        {resources.length === 0 ? <p>{t(L, 'rs.none')}</p> : null}
        <StackTable lang={L} columns={['rs.name', 'rs.kind', 'rs.hours', 'rs.capacity', 'rs.change']}>
          {resources.map((r) => (
            <tr key={r.id}>
              <td data-label={t(L, 'rs.name')}>{r.name}</td>
              <td data-label={t(L, 'rs.kind')}>{r.kindName}</td>
              <td data-label={t(L, 'rs.hours')}>{hoursText(r)}</td>
              <td data-label={t(L, 'rs.capacity')}>{r.capacity}</td>
              <td data-label={t(L, 'rs.change')}>
                <a href={`/staff/bookings/resources/${r.id}`} aria-label={`${t(L, 'rs.change')} ${r.name}`}>
                  {t(L, 'rs.change')}
                </a>
              </td>
            </tr>
          ))}
        </StackTable>
      </Layout>,
    );
  }

  function formPage(req: FastifyRequest, title: string, action: string, state: FormState) {
    const L = req.lang;
    return (
      <Layout req={req} title={title} nav="/staff">
        <p>
          <a href="/staff/bookings/resources">← {t(L, 'rs.title')}</a>
        </p>
        <h1>{title}</h1>
        <ResourceForm L={L} action={action} state={state} csrf={req.csrfToken} />
      </Layout>
    );
  }

  const failed = (req: FastifyRequest, err: unknown, body: Record<string, string | string[]>): FormState => {
    const e = fieldErrors(err, req.lang);
    const input = inputOf(body);
    const values: Record<string, string> = {};
    for (const k of FIELDS) values[k] = str(body, k);
    return {
      values,
      hours: input.openingHours,
      approval: input.approvalRequired,
      active: input.active,
      bookers: input.bookableBy,
      errors: e.fields,
      message: e.form,
    };
  };
  const statusOf = (err: unknown) => ((err as { code?: string }).code === 'conflict' ? 409 : 400);

  app.get('/staff/bookings/resources', pageOpts, listPage);
  app.get('/staff/bookings/resources/new', pageOpts, async (req, reply) => {
    const { L } = pageGuard(req, 'bookings.manage');
    const state: FormState = {
      values: { kind: 'ai_interview', slotMinutes: '30', capacity: '1' },
      hours: [2, 3, 4, 5].flatMap((weekday) => [{ weekday, from: '10:00', to: '17:00' }]),
      approval: false,
      active: true,
      bookers: ['seeker', 'staff'],
      errors: {},
    };
    return renderPage(reply, formPage(req, t(L, 'rs.new'), '/staff/bookings/resources/new', state));
  });
  app.post('/staff/bookings/resources/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'bookings.manage');
    const body = formBody(req);
    try {
      const { active: _a, ...input } = inputOf(body);
      await createResource(requestContext(ctx.db, req), input);
    } catch (err) {
      const page = formPage(
        req,
        t(req.lang, 'rs.new'),
        '/staff/bookings/resources/new',
        failed(req, err, body),
      );
      return renderPage(reply, page, statusOf(err));
    }
    return reply.redirect('/staff/bookings/resources?saved=1', 303);
  });
  app.get('/staff/bookings/resources/:id', pageOpts, async (req, reply) => {
    const { L } = pageGuard(req, 'bookings.manage');
    const r = await resourceForStaff(requestContext(ctx.db, req), { id: uuidParam(req) });
    const state: FormState = {
      values: {
        name: r.name,
        kind: r.kind,
        slotMinutes: String(r.slotMinutes),
        capacity: String(r.capacity),
        description: r.description ?? '',
      },
      hours: r.openingHours,
      approval: r.approvalRequired,
      active: r.active,
      bookers: r.bookableBy,
      errors: {},
    };
    return renderPage(
      reply,
      formPage(req, t(L, 'rs.edit', { name: r.name }), `/staff/bookings/resources/${r.id}`, state),
    );
  });
  app.post('/staff/bookings/resources/:id', pageOpts, async (req, reply) => {
    requirePermission(req, 'bookings.manage');
    const id = uuidParam(req);
    const body = formBody(req);
    try {
      await updateResource(requestContext(ctx.db, req), { id, ...inputOf(body) });
    } catch (err) {
      const title = t(req.lang, 'rs.edit', { name: str(body, 'name') });
      return renderPage(
        reply,
        formPage(req, title, `/staff/bookings/resources/${id}`, failed(req, err, body)),
        statusOf(err),
      );
    }
    return reply.redirect('/staff/bookings/resources?saved=1', 303);
  });
}
