import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../platform/access/policy.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { type MessageKey, t } from '../../platform/i18n/i18n.ts';
import { CodeTags, codeName } from '../../web/codes.tsx';
import { type FieldErrors, fieldErrors, formValues, str } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { NextAppointments } from '../../web/next-appointment.tsx';
import { isPartial, pageOpts, query, requirePermission, uuidParam } from '../../web/page.tsx';
import { SeekerExtras } from '../../web/seeker-extras.tsx';
import { createCounselling } from '../counselling/counselling.service.ts';
import { addStep, savePlan, updateStep } from '../counselling/plan.service.ts';
import { CounsellingForm, PlanSection, Timeline } from './seeker-casework.tsx';
import { StatusSection } from './seeker-status.tsx';
import { noDesired } from './seekers.presenter.ts';
import './seekers.pages.messages.ts';
import { occupationName } from '../../codes/occupations.ts';
import { koDate } from '../../web/dates.ts';
import { loadSeekerPage } from './seeker-page.service.ts';
import { changeStatus, type SeekerStatus } from './status.service.ts';

/**
 * A seeker's staff page: profile, status with its history, action plan, recommendations,
 * referrals and counselling.
 */
export function registerSeekerDetailPages(app: Server, ctx: AppContext): void {
  async function detail(
    req: FastifyRequest,
    reply: FastifyReply,
    state: {
      counselling?: Record<string, string>;
      cErrors?: FieldErrors;
      pErrors?: FieldErrors;
      statusForm?: Record<string, string>;
      sErrors?: FieldErrors;
      status?: number;
    },
  ) {
    const actor = requirePermission(req, 'seekers.read');
    const L = req.lang;
    const id = uuidParam(req);
    const page = await loadSeekerPage(requestContext(ctx.db, req), {
      id,
      dataKey: ctx.dataKey,
      onError: (err) => req.log.error({ err }, 'a section of the seeker page failed'),
    });
    const s = page.seeker;
    const writes = can(actor, 'counselling.write') && page.full;
    const books = page.appointments.state !== 'hidden';
    const failed = (key: MessageKey) => <Notice kind="error">{t(L, key)}</Notice>;
    return renderPage(
      reply,
      <Layout req={req} title={s.name ?? s.registrationNo} nav="/staff/seekers">
        <h1>
          {s.name ?? t(L, 'ps.withheld')} <span class="muted">({s.registrationNo})</span>
        </h1>
        {query(req).created ? (
          <Notice kind="ok">{t(L, 'ps.created', { no: s.registrationNo })}</Notice>
        ) : null}
        {s.shared ? <Notice kind="info">{t(L, 'ps.shared')}</Notice> : null}
        <p>
          <span class="tag strong">{t(L, `ps.status.${s.status}`)}</span>
          {s.care === 'intensive' ? <span class="tag bad">{t(L, 'ps.care.intensive')}</span> : null}
          <CodeTags set="target-groups" codes={s.targetGroups} lang={L} />
        </p>
        <p class="actions">
          <a class="button secondary" href={`/staff/seekers/${id}/card`}>
            {t(L, 'sc.print')}
          </a>
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
              <dd>
                {(s.desired ?? noDesired).occupations
                  .map((o) => occupationName(o, (s.desired ?? noDesired).occupationEdition))
                  .join(', ')}
              </dd>
              {s.certificates.length ? (
                <>
                  <dt>{t(L, 'ps.certificates')}</dt>
                  <dd>{s.certificates.join(', ')}</dd>
                </>
              ) : null}
              <dt>{t(L, 'ps.registeredAt')}</dt>
              <dd>{koDate(s.registeredAt, L)}</dd>
            </dl>
          </section>
          {page.plan.state === 'ok' ? (
            <PlanSection req={req} id={id} plan={page.plan.value} errors={state.pErrors ?? {}} />
          ) : page.plan.state === 'failed' ? (
            <section id="plan">{failed('ps.planFailed')}</section>
          ) : null}
        </div>
        {page.history.state === 'failed' ? <section id="status">{failed('ps.historyFailed')}</section> : null}
        {page.history.state === 'ok' ? (
          <StatusSection
            req={req}
            id={id}
            status={s.status}
            history={page.history.value}
            v={state.statusForm ?? {}}
            errors={state.sErrors ?? {}}
            changed={!state.sErrors && query(req).statusChanged === '1'}
          />
        ) : null}
        {page.appointments.state === 'ok' ? (
          <NextAppointments req={req} seekerId={id} items={page.appointments.value} canBook={books} />
        ) : page.appointments.state === 'failed' ? (
          <section id="appointments">{failed('ps.appointmentsFailed')}</section>
        ) : null}
        <SeekerExtras req={req} page={page} />
        {page.timeline.state === 'hidden' ? null : (
          <section id="counselling" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{t(L, 'ps.timeline')}</h2>
            {writes ? (
              <CounsellingForm req={req} id={id} v={state.counselling ?? {}} errors={state.cErrors ?? {}} />
            ) : null}
            {page.timeline.state === 'ok' ? (
              <Timeline req={req} items={page.timeline.value} bookFor={books ? id : undefined} />
            ) : (
              failed('ps.timelineFailed')
            )}
          </section>
        )}
      </Layout>,
      state.status ?? 200,
    );
  }

  app.get('/staff/seekers/:id', pageOpts, async (req, reply) => detail(req, reply, {}));

  app.post('/staff/seekers/:id/counselling', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'counselling.write');
    const id = (req.params as { id: string }).id;
    const v = formValues((req.body ?? {}) as Record<string, string>, [
      'at',
      'channel',
      'type',
      'title',
      'notes',
      'nextContactAt',
    ]);
    try {
      await createCounselling(
        { db: ctx.db, actor, ip: req.ip, lang: req.lang },
        {
          seekerId: id,
          input: {
            ...v,
            channel: v.channel as never,
            type: v.type as never,
            title: v.title || null,
            nextContactAt: v.nextContactAt || null,
          },
        },
      );
      // app.js swaps the fragment from this answer; a redirect could be upgraded to https by CSP.
      if (isPartial(req)) return detail(req, reply, {});
      return reply.redirect(`/staff/seekers/${id}#counselling`, 303);
    } catch (err) {
      return detail(req, reply, {
        counselling: v,
        cErrors: fieldErrors(err, req.lang).fields,
        status: 400,
      });
    }
  });

  app.post('/staff/seekers/:id/status', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'seekers.write');
    const id = uuidParam(req);
    const v = formValues((req.body ?? {}) as Record<string, string>, ['status', 'reason']);
    try {
      await changeStatus(
        { db: ctx.db, actor, ip: req.ip, lang: req.lang },
        { seekerId: id, status: v.status as SeekerStatus, reason: v.reason, dataKey: ctx.dataKey },
      );
      return reply.redirect(`/staff/seekers/${id}?statusChanged=1#status`, 303);
    } catch (err) {
      const { fields } = fieldErrors(err, req.lang);
      const code = err instanceof DomainError && err.code === 'conflict' ? 409 : 400;
      return detail(req, reply, { statusForm: v, sErrors: fields, status: code });
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
      if (isPartial(req)) return detail(req, reply, {});
      return reply.redirect(`/staff/seekers/${id}#plan`, 303);
    } catch (err) {
      return detail(req, reply, { pErrors: fieldErrors(err, req.lang).fields, status: 400 });
    }
  }
  app.post('/staff/seekers/:id/plan', pageOpts, (req, reply) =>
    planAction(req, reply, (id, b) =>
      savePlan(requestContext(ctx.db, req), { seekerId: id, goal: str(b, 'goal') }),
    ),
  );
  app.post('/staff/seekers/:id/plan/steps', pageOpts, (req, reply) =>
    planAction(req, reply, (id, b) => {
      if (!str(b, 'stepTitle'))
        throw new DomainError('validation', 'error.validation', {}, [
          { field: 'stepTitle', key: 'field.required' },
        ]);
      return addStep(requestContext(ctx.db, req), {
        seekerId: id,
        step: { title: str(b, 'stepTitle'), dueDate: str(b, 'dueDate') || null },
      });
    }),
  );
  app.post('/staff/seekers/:id/plan/steps/:step', pageOpts, (req, reply) =>
    planAction(req, reply, (id, b) =>
      updateStep(requestContext(ctx.db, req), {
        seekerId: id,
        stepId: (req.params as { step: string }).step,
        patch: { done: str(b, 'done') === 'true' },
      }),
    ),
  );
}
