import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../platform/access/policy.ts';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { codeName, regionOptions } from '../../web/codes.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  Input,
  Select,
  str,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { isPartial, pageNo, pageOpts, query, requirePermission, seoul } from '../../web/page.tsx';
import { seekerExtras } from '../../web/seeker-extras.tsx';
import { formErrorName, type ProfileForm, profileFromForm, SeekerFields } from '../../web/seeker-form.tsx';
import { createCounselling, listCounselling } from '../counselling/counselling.service.ts';
import { addStep, getPlan, savePlan, updateStep } from '../counselling/plan.service.ts';
import type { SeekerCreate, SeekerListQuery } from './seekers.schema.ts';
import { createSeeker, getSeeker, listSeekers } from './seekers.service.ts';

defineMessages({
  'ps.list': ['구직자', 'Job seekers'],
  'ps.new': ['구직자 등록', 'Register a job seeker'],
  'ps.q': ['이름·키워드·자격증', 'Name, keyword or certificate'],
  'ps.status': ['상태', 'Status'],
  'ps.care': ['관리 구분', 'Care'],
  'ps.region': ['지역', 'Region'],
  'ps.all': ['전체', 'All'],
  'ps.status.active': ['구직 중', 'Active'],
  'ps.status.employed': ['취업', 'Employed'],
  'ps.status.on_hold': ['보류', 'On hold'],
  'ps.status.closed': ['종료', 'Closed'],
  'ps.care.general': ['일반', 'General'],
  'ps.care.intensive': ['집중관리', 'Intensive'],
  'ps.regNo': ['구직번호', 'Registration no.'],
  'ps.name': ['이름', 'Name'],
  'ps.occupation': ['희망 직종', 'Desired occupation'],
  'ps.registeredAt': ['등록일', 'Registered'],
  'ps.created': ['구직자가 등록되었습니다. 구직번호 {no}', 'The job seeker is registered: no. {no}'],
  'ps.profile': ['기본 정보', 'Profile'],
  'ps.birthDate': ['생년월일', 'Date of birth'],
  'ps.phone': ['연락처', 'Phone'],
  'ps.education': ['학력', 'Education'],
  'ps.certificates': ['자격증', 'Certificates'],
  'ps.shared': [
    '다른 센터 구직자 (동의에 따른 열람, 읽기 전용)',
    'Seeker of another centre (shared by consent, read-only)',
  ],
  'ps.timeline': ['상담 이력', 'Counselling timeline'],
  'ps.addCounselling': ['상담 기록 추가', 'Add a counselling record'],
  'ps.at': ['상담 일시', 'Date and time'],
  'ps.channel': ['방식', 'Channel'],
  'ps.type': ['유형', 'Type'],
  'ps.title': ['제목', 'Title'],
  'ps.notes': ['상담 내용', 'Notes'],
  'ps.next': ['다음 연락 예정', 'Next contact'],
  'ps.noCounselling': ['상담 기록이 없습니다.', 'No counselling yet.'],
  'ps.channel.visit': ['방문', 'Visit'],
  'ps.channel.phone': ['전화', 'Phone'],
  'ps.channel.online': ['온라인', 'Online'],
  'ps.channel.mobile_desk': ['찾아가는 상담실', 'Mobile desk'],
  'ps.channel.group': ['집단상담', 'Group'],
  'ps.type.intake': ['초기상담', 'Intake'],
  'ps.type.guidance': ['진로·취업 상담', 'Guidance'],
  'ps.type.referral': ['알선 상담', 'Referral'],
  'ps.type.follow_up': ['사후관리', 'Follow-up'],
  'ps.type.intensive': ['집중상담', 'Intensive'],
  'ps.plan': ['개인별 취업활동계획(IAP)', 'Individual action plan (IAP)'],
  'ps.goal': ['목표', 'Goal'],
  'ps.saveGoal': ['목표 저장', 'Save goal'],
  'ps.step': ['단계', 'Step'],
  'ps.due': ['기한', 'Due date'],
  'ps.addStep': ['단계 추가', 'Add step'],
  'ps.saveCounselling': ['상담 기록 저장', 'Save counselling record'],
  'ps.done': ['완료', 'Done'],
  'ps.markDone': ['완료로 표시', 'Mark done'],
  'ps.markOpen': ['완료 취소', 'Mark not done'],
  'ps.overdue': ['기한 지남', 'Overdue'],
  'ps.noPlan': ['아직 계획이 없습니다. 목표를 입력해 시작하세요.', 'No plan yet. Enter a goal to start one.'],
});

const statuses = ['active', 'employed', 'on_hold', 'closed'] as const;
const channels = ['visit', 'phone', 'online', 'mobile_desk', 'group'] as const;
const types = ['intake', 'guidance', 'referral', 'follow_up', 'intensive'] as const;

function NewSeekerPage({
  req,
  v,
  errors,
  message,
}: {
  req: FastifyRequest;
  v: ProfileForm;
  errors: FieldErrors;
  message?: string;
}) {
  const L = req.lang;
  return (
    <Layout req={req} title={t(L, 'ps.new')} nav="/staff/seekers">
      <h1>{t(L, 'ps.new')}</h1>
      <ErrorSummary lang={L} message={message} errors={errors} />
      <form method="post" action="/staff/seekers/new" novalidate>
        <Csrf token={req.csrfToken} />
        <SeekerFields lang={L} v={v} errors={errors} />
        <div class="actions">
          <button type="submit">{t(L, 'web.form.save')}</button>
          <a href="/staff/seekers">{t(L, 'ps.list')}</a>
        </div>
      </form>
    </Layout>
  );
}

type Counselling = Awaited<ReturnType<typeof listCounselling>>['items'][number];
type Plan = Awaited<ReturnType<typeof getPlan>> | null;

function Timeline({ req, items }: { req: FastifyRequest; items: Counselling[] }) {
  const L = req.lang;
  if (!items.length) return <p class="muted">{t(L, 'ps.noCounselling')}</p>;
  return (
    <ol class="timeline">
      {items.map((c) => (
        <li key={c.id}>
          <h3>
            {seoul(c.at)} · {t(L, `ps.channel.${c.channel}`)} · {t(L, `ps.type.${c.type}`)}
            {c.title ? ` · ${c.title}` : ''}
          </h3>
          <p>{c.notes}</p>
          <p class="muted">
            {c.counsellorName}
            {c.nextContactAt ? ` · ${t(L, 'ps.next')}: ${seoul(c.nextContactAt)}` : ''}
          </p>
        </li>
      ))}
    </ol>
  );
}

function CounsellingForm({
  req,
  id,
  v,
  errors,
}: {
  req: FastifyRequest;
  id: string;
  v: Record<string, string>;
  errors: FieldErrors;
}) {
  const L = req.lang;
  const opts = (keys: readonly string[], prefix: string) =>
    keys.map((k) => ({ value: k, label: t(L, `${prefix}.${k}`) }));
  return (
    <form
      method="post"
      action={`/staff/seekers/${id}/counselling`}
      id="counselling-form"
      data-swap="#counselling"
    >
      <h3>{t(L, 'ps.addCounselling')}</h3>
      <Csrf token={req.csrfToken} />
      <ErrorSummary lang={L} errors={errors} />
      <div class="grid">
        <Input
          lang={L}
          name="at"
          type="datetime-local"
          label={t(L, 'ps.at')}
          value={v.at ?? seoul(new Date()).replace(' ', 'T')}
          error={errors.at}
          required
        />
        <Select
          lang={L}
          name="channel"
          label={t(L, 'ps.channel')}
          options={opts(channels, 'ps.channel')}
          value={v.channel ?? 'visit'}
          error={errors.channel}
          required
          empty={false}
        />
        <Select
          lang={L}
          name="type"
          label={t(L, 'ps.type')}
          options={opts(types, 'ps.type')}
          value={v.type ?? 'guidance'}
          error={errors.type}
          required
          empty={false}
        />
        <Input
          lang={L}
          name="nextContactAt"
          type="datetime-local"
          label={t(L, 'ps.next')}
          value={v.nextContactAt}
          error={errors.nextContactAt}
        />
      </div>
      <Input
        lang={L}
        name="title"
        label={t(L, 'ps.title')}
        value={v.title}
        error={errors.title}
        maxLength={200}
      />
      <Textarea
        lang={L}
        name="notes"
        label={t(L, 'ps.notes')}
        value={v.notes}
        error={errors.notes}
        required
      />
      <div class="actions">
        <button type="submit" data-key="c" data-key-label={t(L, 'ps.addCounselling')}>
          {t(L, 'ps.saveCounselling')}
        </button>
      </div>
    </form>
  );
}

function PlanSection({
  req,
  id,
  plan,
  errors,
}: {
  req: FastifyRequest;
  id: string;
  plan: Plan;
  errors: FieldErrors;
}) {
  const L = req.lang;
  return (
    <section id="plan" aria-labelledby="plan-h">
      <h2 id="plan-h">{t(L, 'ps.plan')}</h2>
      <ErrorSummary lang={L} errors={errors} />
      {!plan ? <p class="muted">{t(L, 'ps.noPlan')}</p> : null}
      <form method="post" action={`/staff/seekers/${id}/plan`} data-swap="#plan">
        <Csrf token={req.csrfToken} />
        <Input lang={L} name="goal" label={t(L, 'ps.goal')} value={plan?.goal} error={errors.goal} required />
        <button type="submit" class="secondary">
          {t(L, 'ps.saveGoal')}
        </button>
      </form>
      {plan ? (
        <>
          <ul class="cards">
            {plan.steps.map((s) => (
              <li class="card" key={s.id}>
                <p>
                  <strong>{s.title}</strong>
                  {s.done ? <span class="tag strong">{t(L, 'ps.done')}</span> : null}
                  {s.overdue ? <span class="tag bad">{t(L, 'ps.overdue')}</span> : null}
                </p>
                {s.dueDate ? (
                  <p class="muted">
                    {t(L, 'ps.due')}: {s.dueDate}
                  </p>
                ) : null}
                <form method="post" action={`/staff/seekers/${id}/plan/steps/${s.id}`} data-swap="#plan">
                  <Csrf token={req.csrfToken} />
                  <input type="hidden" name="done" value={s.done ? 'false' : 'true'} />
                  <button type="submit" class="secondary">
                    {t(L, s.done ? 'ps.markOpen' : 'ps.markDone')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action={`/staff/seekers/${id}/plan/steps`} data-swap="#plan">
            <Csrf token={req.csrfToken} />
            <div class="grid">
              <Input lang={L} name="stepTitle" label={t(L, 'ps.step')} error={errors.stepTitle} required />
              <Input lang={L} name="dueDate" type="date" label={t(L, 'ps.due')} error={errors.dueDate} />
            </div>
            <button type="submit" class="secondary">
              {t(L, 'ps.addStep')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

/** Staff pages of job seekers: list with filters, registration, detail with casework. */
export function registerSeekerPages(app: Server, ctx: AppContext): void {
  app.get('/staff/seekers', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'seekers.read');
    const L = req.lang;
    const q = query(req);
    const filters: SeekerListQuery = { page: pageNo(req), pageSize: 20 };
    if (q.q) filters.q = q.q.slice(0, 200);
    if ((statuses as readonly string[]).includes(q.status ?? ''))
      filters.status = q.status as SeekerListQuery['status'];
    if (q.care === 'general' || q.care === 'intensive') filters.care = q.care;
    if (/^\d{2,5}$/.test(q.regionCode ?? '')) filters.regionCode = q.regionCode;
    const r = await listSeekers(ctx.db, ctx.dataKey, actor, filters, req.ip);
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'ps.list')}>
        <h1>{t(L, 'ps.list')}</h1>
        {can(actor, 'seekers.write') ? (
          <p>
            <a class="button" href="/staff/seekers/new" data-key="n" aria-keyshortcuts="n">
              {t(L, 'ps.new')} <kbd>n</kbd>
            </a>
          </p>
        ) : null}
        <form method="get" action="/staff/seekers" class="search">
          <Input lang={L} name="q" type="search" label={t(L, 'ps.q')} value={q.q} />
          <Select
            lang={L}
            name="status"
            label={t(L, 'ps.status')}
            empty={t(L, 'ps.all')}
            value={q.status}
            options={statuses.map((s) => ({ value: s, label: t(L, `ps.status.${s}`) }))}
          />
          <Select
            lang={L}
            name="care"
            label={t(L, 'ps.care')}
            empty={t(L, 'ps.all')}
            value={q.care}
            options={['general', 'intensive'].map((s) => ({ value: s, label: t(L, `ps.care.${s}`) }))}
          />
          <Select
            lang={L}
            name="regionCode"
            label={t(L, 'ps.region')}
            empty={t(L, 'ps.all')}
            value={q.regionCode}
            options={regionOptions(L)}
          />
          <div class="actions">
            <button type="submit">{t(L, 'web.form.search')}</button>
          </div>
        </form>
        {r.items.length === 0 ? (
          <p>{t(L, 'web.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  {['ps.regNo', 'ps.name', 'ps.status', 'ps.occupation', 'ps.region', 'ps.registeredAt'].map(
                    (k) => (
                      <th scope="col" key={k}>
                        {t(L, k)}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody>
                {r.items.map((s) => (
                  <tr key={s.id}>
                    <td data-label={t(L, 'ps.regNo')}>{s.registrationNo}</td>
                    <td data-label={t(L, 'ps.name')}>
                      <a href={`/staff/seekers/${s.id}`}>{s.name}</a>
                      {s.care === 'intensive' ? (
                        <span class="tag bad">{t(L, 'ps.care.intensive')}</span>
                      ) : null}
                    </td>
                    <td data-label={t(L, 'ps.status')}>{t(L, `ps.status.${s.status}`)}</td>
                    <td data-label={t(L, 'ps.occupation')}>
                      {s.desired.occupations.map((o) => codeName('occupations', o, L)).join(', ')}
                    </td>
                    <td data-label={t(L, 'ps.region')}>{codeName('regions', s.regionCode, L)}</td>
                    <td data-label={t(L, 'ps.registeredAt')}>{s.registeredAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager req={req} page={r.page} pageSize={r.pageSize} total={r.total} />
      </Layout>,
    );
  });

  app.get('/staff/seekers/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'seekers.write');
    return renderPage(reply, <NewSeekerPage req={req} v={{}} errors={{}} />);
  });

  app.post('/staff/seekers/new', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'seekers.write');
    const body = (req.body ?? {}) as ProfileForm;
    try {
      const r = await createSeeker(ctx.db, ctx.dataKey, actor, profileFromForm(body) as SeekerCreate, {
        ip: req.ip,
      });
      return reply.redirect(`/staff/seekers/${r.seeker.id}?created=1`, 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(
        reply,
        <NewSeekerPage req={req} v={body} errors={formErrorName(e.fields)} message={e.form} />,
        400,
      );
    }
  });

  async function detail(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: {
      counselling?: Record<string, string>;
      cErrors?: FieldErrors;
      pErrors?: FieldErrors;
      status?: number;
    },
  ) {
    const actor = requirePermission(req, 'seekers.read');
    const L = req.lang;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('not_found', 'error.notFound');
    const s = await getSeeker(ctx.db, ctx.dataKey, actor, id, req.ip);
    const counsels = can(actor, 'counselling.read') && !s.shared;
    const timeline = counsels
      ? await listCounselling(ctx.db, actor, id, { offset: 0, limit: 50, ip: req.ip })
      : null;
    const plan = counsels
      ? await getPlan(ctx.db, actor, id, req.ip).catch((e) => {
          if (e instanceof DomainError && e.code === 'not_found') return null;
          throw e;
        })
      : null;
    const writes = can(actor, 'counselling.write') && !s.shared;
    const extras = await seekerExtras(req, ctx, s);
    return renderPage(
      reply,
      <Layout req={req} title={s.name} nav="/staff/seekers">
        <h1>
          {s.name} <span class="muted">({s.registrationNo})</span>
        </h1>
        {query(req).created ? (
          <Notice kind="ok">{t(L, 'ps.created', { no: s.registrationNo })}</Notice>
        ) : null}
        {s.shared ? <Notice kind="info">{t(L, 'ps.shared')}</Notice> : null}
        <p>
          <span class="tag strong">{t(L, `ps.status.${s.status}`)}</span>
          {s.care === 'intensive' ? <span class="tag bad">{t(L, 'ps.care.intensive')}</span> : null}
          {s.targetGroups.map((g) => (
            <span class="tag" key={g}>
              {codeName('target-groups', g, L)}
            </span>
          ))}
        </p>
        <div class="two">
          <section aria-labelledby="profile-h">
            <h2 id="profile-h">{t(L, 'ps.profile')}</h2>
            <dl class="facts">
              <dt>{t(L, 'ps.birthDate')}</dt>
              <dd>{s.birthDate}</dd>
              {s.phone ? (
                <>
                  <dt>{t(L, 'ps.phone')}</dt>
                  <dd>{s.phone}</dd>
                </>
              ) : null}
              <dt>{t(L, 'ps.region')}</dt>
              <dd>{codeName('regions', s.regionCode, L)}</dd>
              <dt>{t(L, 'ps.education')}</dt>
              <dd>{codeName('education', s.educationLevel, L)}</dd>
              <dt>{t(L, 'ps.occupation')}</dt>
              <dd>{s.desired.occupations.map((o) => codeName('occupations', o, L)).join(', ')}</dd>
              {s.certificates.length ? (
                <>
                  <dt>{t(L, 'ps.certificates')}</dt>
                  <dd>{s.certificates.join(', ')}</dd>
                </>
              ) : null}
              <dt>{t(L, 'ps.registeredAt')}</dt>
              <dd>{s.registeredAt}</dd>
            </dl>
          </section>
          {counsels ? <PlanSection req={req} id={id} plan={plan} errors={state.pErrors ?? {}} /> : null}
        </div>
        {extras}
        {timeline ? (
          <section id="counselling" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{t(L, 'ps.timeline')}</h2>
            {writes ? (
              <CounsellingForm req={req} id={id} v={state.counselling ?? {}} errors={state.cErrors ?? {}} />
            ) : null}
            <Timeline req={req} items={timeline.items} />
          </section>
        ) : null}
      </Layout>,
      state.status ?? 200,
    );
  }

  app.get('/staff/seekers/:id', pageOpts, async (req, reply) =>
    detail(req, reply, (req.params as { id: string }).id, {}),
  );

  app.post('/staff/seekers/:id/counselling', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'counselling.write');
    const id = (req.params as { id: string }).id;
    const b = (req.body ?? {}) as Record<string, string>;
    const v = {
      at: str(b, 'at'),
      channel: str(b, 'channel'),
      type: str(b, 'type'),
      title: str(b, 'title'),
      notes: str(b, 'notes'),
      nextContactAt: str(b, 'nextContactAt'),
    };
    try {
      await createCounselling(
        ctx.db,
        actor,
        id,
        {
          ...v,
          channel: v.channel as never,
          type: v.type as never,
          title: v.title || null,
          nextContactAt: v.nextContactAt || null,
        },
        { ip: req.ip, lang: req.lang },
      );
      // app.js swaps the fragment from this answer; a redirect could be upgraded to https by CSP.
      if (isPartial(req)) return detail(req, reply, id, {});
      return reply.redirect(`/staff/seekers/${id}#counselling`, 303);
    } catch (err) {
      return detail(req, reply, id, {
        counselling: v,
        cErrors: fieldErrors(err, req.lang).fields,
        status: 400,
      });
    }
  });

  async function planAction(
    req: FastifyRequest,
    reply: FastifyReply,
    run: (id: string, b: Record<string, string>) => Promise<unknown>,
  ) {
    requirePermission(req, 'counselling.write');
    const id = (req.params as { id: string }).id;
    try {
      await run(id, (req.body ?? {}) as Record<string, string>);
      if (isPartial(req)) return detail(req, reply, id, {});
      return reply.redirect(`/staff/seekers/${id}#plan`, 303);
    } catch (err) {
      return detail(req, reply, id, { pErrors: fieldErrors(err, req.lang).fields, status: 400 });
    }
  }
  app.post('/staff/seekers/:id/plan', pageOpts, (req, reply) =>
    planAction(req, reply, (id, b) => savePlan(ctx.db, req.actor!, id, str(b, 'goal'), req.ip)),
  );
  app.post('/staff/seekers/:id/plan/steps', pageOpts, (req, reply) =>
    planAction(req, reply, (id, b) => {
      if (!str(b, 'stepTitle'))
        throw new DomainError('validation', 'error.validation', {}, [
          { field: 'stepTitle', key: 'field.required' },
        ]);
      return addStep(
        ctx.db,
        req.actor!,
        id,
        { title: str(b, 'stepTitle'), dueDate: str(b, 'dueDate') || null },
        req.ip,
      );
    }),
  );
  app.post('/staff/seekers/:id/plan/steps/:step', pageOpts, (req, reply) =>
    planAction(req, reply, (id, b) =>
      updateStep(
        ctx.db,
        req.actor!,
        id,
        (req.params as { step: string }).step,
        { done: str(b, 'done') === 'true' },
        req.ip,
      ),
    ),
  );
}
