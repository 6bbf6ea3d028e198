import type { FastifyRequest } from 'fastify';
import { t } from '../../platform/i18n/i18n.ts';
import {
  bindFields,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Input,
  keyOptions,
  Select,
  Textarea,
} from '../../web/forms.tsx';
import { seoul } from '../../web/page.tsx';
import type { listCounselling } from '../counselling/counselling.service.ts';
import type { getPlan } from '../counselling/plan.service.ts';
import './seekers.pages.messages.ts';
import { koDate } from '../../web/dates.ts';

// The casework blocks of a seeker's staff page (seeker-detail.pages.tsx).

const channels = ['visit', 'phone', 'online', 'mobile_desk', 'group'] as const;
const types = ['intake', 'guidance', 'referral', 'follow_up', 'intensive'] as const;

export type Counselling = Awaited<ReturnType<typeof listCounselling>>['items'][number];
export type Plan = Awaited<ReturnType<typeof getPlan>> | null;

/** Counselling records, newest first. */
export function Timeline({
  req,
  items,
  bookFor,
}: {
  req: FastifyRequest;
  items: Counselling[];
  /** The seeker id when the reader may book appointments: a next contact offers one. */
  bookFor?: string;
}) {
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
          {bookFor && c.nextContactAt && Date.parse(c.nextContactAt) > Date.now() ? (
            <p>
              <a
                href={`/staff/calendar/new?seekerId=${bookFor}&counsellingId=${c.id}&channel=${c.channel === 'group' ? 'visit' : c.channel}&startsAt=${encodeURIComponent(seoul(c.nextContactAt).replace(' ', 'T'))}&back=${encodeURIComponent(`/staff/seekers/${bookFor}`)}`}
              >
                {t(L, 'pa.bookNext')}
                <span class="visually-hidden">: {seoul(c.nextContactAt)}</span>
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The form adding a counselling record (swapped into #counselling). */
export function CounsellingForm({
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
  const field = bindFields(L, v, errors);
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
          {...field('channel', 'ps.channel', 'visit')}
          options={keyOptions(L, channels, 'ps.channel')}
          required
          empty={false}
        />
        <Select
          {...field('type', 'ps.type', 'guidance')}
          options={keyOptions(L, types, 'ps.type')}
          required
          empty={false}
        />
        <Input {...field('nextContactAt', 'ps.next')} type="datetime-local" />
      </div>
      <Input {...field('title', 'ps.title')} maxLength={200} />
      <Textarea {...field('notes', 'ps.notes')} required />
      <div class="actions">
        <button type="submit" data-key="c" data-key-label={t(L, 'ps.addCounselling')}>
          {t(L, 'ps.saveCounselling')}
        </button>
      </div>
    </form>
  );
}

/** The individual action plan: goal, steps to tick off and a form adding a step. */
export function PlanSection({
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
                    {t(L, 'ps.due')}: {koDate(s.dueDate, L)}
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
