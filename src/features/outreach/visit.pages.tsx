import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { OccupationList, OccupationPicker, occupationFromPicker, occupationLabel } from '../../web/codes.tsx';
import { koDate } from '../../web/dates.ts';
import { Csrf, ErrorSummary, formBody, Input, Select, str, Textarea } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { num, pageOpts, query, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { listDepartments } from './departments.service.ts';
import {
  DIFFICULTY_CATEGORIES,
  type DifficultyCategory,
  nameOf,
  REQUEST_CATEGORIES,
  type RequestCategory,
  WAGE_TYPES,
  type WageType,
} from './outreach.codes.ts';
import { failure, OutreachMenu, seoulInstant } from './outreach.web.tsx';
import { createRequest, listRequests } from './requests.service.ts';
import { cancelVisit, getVisit, reportVisit } from './visits.service.ts';
import './outreach.pages.messages.ts';

// /staff/outreach/visits/{id}: one visit, and in the field on a phone its log form — survey,
// difficulties by category, jobs discovered (each a posting draft) — in one column, numeric
// keyboards where numbers go; the visit's admin requests and the form routing a new one to a
// department with its due date. Rows left empty are not saved; more rows by ?d=&j=.

type Form = { values: Record<string, string>; errors: Record<string, string>; message?: string };

const rows = (v: string | undefined, dflt: number) =>
  Math.min(20, Math.max(1, Number.parseInt(v ?? '', 10) || dflt));
const intOrNull = (v: string) =>
  /^\d{1,10}$/.test(v.replace(/,/g, '')) ? Number(v.replace(/,/g, '')) : null;

/** The log form's body as the service's input, rows with nothing typed left out. */
function reportInput(body: Record<string, string | string[]>, dRows: number, jRows: number) {
  const difficulties = Array.from({ length: dRows }, (_, i) => ({
    category: str(body, `difficulties.${i}.category`) as DifficultyCategory,
    description: str(body, `difficulties.${i}.description`),
  })).filter((d) => d.description);
  const jobsDiscovered = Array.from({ length: jRows }, (_, i) => {
    const p = `jobsDiscovered.${i}.`;
    const wageType = str(body, `${p}wageType`);
    return {
      title: str(body, `${p}title`),
      occupationCode: occupationFromPicker(str(body, `${p}occupationCode`), '2018') || '-',
      headcount: intOrNull(str(body, `${p}headcount`)) ?? 1,
      wageType: wageType in WAGE_TYPES ? (wageType as WageType) : null,
      wageMin: intOrNull(str(body, `${p}wageMin`)),
    };
  }).filter((j, i) => j.title || str(body, `jobsDiscovered.${i}.occupationCode`));
  const survey = {
    employees: intOrNull(str(body, 'employees')),
    hiringPlan: str(body, 'hiringPlan') || null,
    workEnvironment: str(body, 'workEnvironment') || null,
    workIntensity: str(body, 'workIntensity') || null,
    notes: str(body, 'notes') || null,
  };
  return { difficulties, jobsDiscovered, survey };
}

export function registerVisitPages(app: Server, ctx: AppContext) {
  async function visitPage(req: FastifyRequest, o: { notice?: string; log?: Form; route?: Form } = {}) {
    const L = req.lang;
    const id = uuidParam(req);
    const rc = requestContext(ctx.db, req);
    const v = await getVisit(rc, { id });
    const [requests, departments] = await Promise.all([
      listRequests(rc, { employerId: v.employerId, offset: 0, limit: 100 }),
      listDepartments(rc),
    ]);
    const mine = requests.items.filter((r) => r.visitId === v.id);
    const q = query(req);
    const values = o.log?.values ?? {};
    const errors = o.log?.errors ?? {};
    const dRows = rows(values.dRows ?? q.d, 3);
    const jRows = rows(values.jRows ?? q.j, 3);
    const f = (name: string, key: string) => ({
      lang: L,
      name,
      label: t(L, key),
      value: values[name],
      error: errors[name],
    });
    const rv = o.route?.values ?? {};
    const re = o.route?.errors ?? {};
    const now = seoul(new Date());
    return (
      <Layout req={req} title={`${v.employerName ?? ''} — ${t(L, 'op.visit')}`} nav="/staff/outreach">
        <OutreachMenu req={req} here="" />
        <h1>
          {v.employerName} <span class="tag">{v.statusName}</span>
        </h1>
        {o.notice ? <Notice kind="ok">{o.notice}</Notice> : null}
        <dl class="facts">
          <dt>{t(L, v.heldAt ? 'op.heldAt' : 'op.plannedAt')}</dt>
          <dd>{koDate(v.heldAt ?? v.plannedAt, L, true)}</dd>
          <dt>{t(L, 'op.team')}</dt>
          <dd>{v.team.map((m) => m.name ?? '').join(', ')}</dd>
          {v.purpose ? (
            <>
              <dt>{t(L, 'op.purpose')}</dt>
              <dd>{v.purpose}</dd>
            </>
          ) : null}
        </dl>
        <p>
          <a href={`/staff/employers/${v.employerId}`}>{v.employerName}</a>
        </p>
        {v.status === 'held' ? (
          <>
            <h2>{t(L, 'op.survey')}</h2>
            <dl class="facts">
              {(['employees', 'hiringPlan', 'workEnvironment', 'workIntensity', 'notes'] as const).map((k) =>
                v.survey?.[k] != null ? (
                  <>
                    <dt>{t(L, `op.${k}`)}</dt>
                    <dd>{String(v.survey[k])}</dd>
                  </>
                ) : null,
              )}
            </dl>
            <h2>{t(L, 'op.difficulties')}</h2>
            <ul id="difficulties">
              {v.difficulties.map((d) => (
                <li key={d.id}>
                  <span class="tag">{d.categoryName}</span> {d.description}
                </li>
              ))}
            </ul>
            <h2>{t(L, 'op.jobs')}</h2>
            <ul id="jobs">
              {v.jobsDiscovered.map((j) => (
                <li key={j.id}>
                  {j.title} ({occupationLabel(j.occupationCode, '2018', L)}) · {num(j.headcount)}명{' '}
                  <a href={`/staff/postings/${j.postingId}`}>{t(L, 'op.draft')}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {v.status === 'planned' ? (
          <section aria-labelledby="log-h">
            <h2 id="log-h">{t(L, 'op.logTitle')}</h2>
            <form method="post" action={`/staff/outreach/visits/${v.id}/report`} novalidate id="log-form">
              <Csrf token={req.csrfToken} />
              <input type="hidden" name="dRows" value={String(dRows)} />
              <input type="hidden" name="jRows" value={String(jRows)} />
              <ErrorSummary lang={L} message={o.log?.message} errors={errors} />
              <div class="grid">
                <Input
                  {...f('heldDate', 'op.date')}
                  type="date"
                  value={values.heldDate ?? seoulToday()}
                  required
                />
                <Input
                  {...f('heldTime', 'op.time')}
                  inputMode="numeric"
                  pattern="\d{2}:\d{2}"
                  value={values.heldTime ?? now.slice(11)}
                  required
                />
              </div>
              <fieldset>
                <legend>{t(L, 'op.survey')}</legend>
                <Input {...f('employees', 'op.employees')} inputMode="numeric" />
                <Input {...f('hiringPlan', 'op.hiringPlan')} maxLength={2000} />
                <Input {...f('workEnvironment', 'op.workEnvironment')} maxLength={2000} />
                <Input {...f('workIntensity', 'op.workIntensity')} maxLength={2000} />
                <Textarea {...f('notes', 'op.notes')} rows={2} maxLength={4000} />
              </fieldset>
              <p class="hint">{t(L, 'op.rowsHint')}</p>
              {Array.from({ length: dRows }, (_, i) => (
                <fieldset key={`d${i}`}>
                  <legend>{t(L, 'op.difficultyN', { n: i + 1 })}</legend>
                  <Select
                    {...f(`difficulties.${i}.category`, 'op.category')}
                    empty={false}
                    options={Object.keys(DIFFICULTY_CATEGORIES).map((k) => ({
                      value: k,
                      label: nameOf(DIFFICULTY_CATEGORIES, k, L),
                    }))}
                  />
                  <Textarea
                    {...f(`difficulties.${i}.description`, 'op.description')}
                    rows={2}
                    maxLength={2000}
                  />
                </fieldset>
              ))}
              <OccupationList id="occ-2018" edition="2018" lang={L} />
              {Array.from({ length: jRows }, (_, i) => {
                const p = `jobsDiscovered.${i}.`;
                return (
                  <fieldset key={`j${i}`}>
                    <legend>{t(L, 'op.jobN', { n: i + 1 })}</legend>
                    <Input {...f(`${p}title`, 'op.jobTitle')} maxLength={200} />
                    <OccupationPicker
                      {...f(`${p}occupationCode`, 'op.occupation')}
                      listId="occ-2018"
                      edition="2018"
                    />
                    <div class="grid">
                      <Input {...f(`${p}headcount`, 'op.headcount')} inputMode="numeric" />
                      <Select
                        {...f(`${p}wageType`, 'op.wageType')}
                        options={Object.keys(WAGE_TYPES).map((k) => ({
                          value: k,
                          label: nameOf(WAGE_TYPES, k, L),
                        }))}
                      />
                      <Input {...f(`${p}wageMin`, 'op.wageMin')} inputMode="numeric" />
                    </div>
                  </fieldset>
                );
              })}
              <p>
                <a href={`/staff/outreach/visits/${v.id}?d=${dRows + 2}&j=${jRows + 2}`}>
                  {t(L, 'op.moreRows')}
                </a>
              </p>
              <div class="actions">
                <button type="submit">{t(L, 'op.saveLog')}</button>
              </div>
            </form>
            <form method="post" action={`/staff/outreach/visits/${v.id}/cancel`} class="inline">
              <Csrf token={req.csrfToken} />
              <Input lang={L} name="reason" label={t(L, 'op.cancelReason')} maxLength={500} />
              <button type="submit" class="danger">
                {t(L, 'op.cancel')}
              </button>
            </form>
          </section>
        ) : null}
        <section aria-labelledby="req-h">
          <h2 id="req-h">{t(L, 'op.requestsOfVisit')}</h2>
          <ul id="visit-requests">
            {mine.map((r) => (
              <li key={r.id}>
                <a href={`/staff/outreach/requests/${r.id}`}>{r.description}</a> · {r.departmentName} ·{' '}
                {t(L, 'op.due')} {koDate(r.dueAt, L, true)} <span class="tag">{r.statusName}</span>
              </li>
            ))}
          </ul>
          {v.status !== 'cancelled' ? (
            departments.length === 0 ? (
              <p class="muted">{t(L, 'op.noDepartments')}</p>
            ) : (
              <form
                method="post"
                action={`/staff/outreach/visits/${v.id}/requests`}
                novalidate
                id="route-form"
              >
                <h3>{t(L, 'op.routeTitle')}</h3>
                <Csrf token={req.csrfToken} />
                <ErrorSummary lang={L} message={o.route?.message} errors={re} />
                <Select
                  lang={L}
                  name="category"
                  label={t(L, 'op.category')}
                  value={rv.category}
                  error={re.category}
                  empty={false}
                  options={Object.keys(REQUEST_CATEGORIES).map((k) => ({
                    value: k,
                    label: nameOf(REQUEST_CATEGORIES, k, L),
                  }))}
                />
                <Select
                  lang={L}
                  name="departmentId"
                  label={t(L, 'op.department')}
                  value={rv.departmentId}
                  error={re.departmentId}
                  required
                  options={departments.map((d) => ({ value: d.id, label: d.name }))}
                />
                <Textarea
                  lang={L}
                  name="description"
                  label={t(L, 'op.description')}
                  value={rv.description}
                  error={re.description}
                  rows={3}
                  maxLength={4000}
                  required
                />
                <button type="submit">{t(L, 'op.route')}</button>
              </form>
            )
          ) : null}
        </section>
      </Layout>
    );
  }

  app.get('/staff/outreach/visits/:id', pageOpts, async (req, reply) => {
    requirePermission(req, 'outreach.read');
    return renderPage(reply, await visitPage(req));
  });

  app.post('/staff/outreach/visits/:id/report', pageOpts, async (req, reply) => {
    requirePermission(req, 'outreach.write');
    const body = formBody(req);
    const values = Object.fromEntries(Object.keys(body).map((k) => [k, str(body, k)]));
    const dRows = rows(values.dRows, 3);
    const jRows = rows(values.jRows, 3);
    try {
      const heldAt = seoulInstant(values.heldDate ?? '', values.heldTime ?? '');
      if (!heldAt) {
        return renderPage(
          reply,
          await visitPage(req, { log: { values, errors: { heldTime: t(req.lang, 'field.invalid') } } }),
          400,
        );
      }
      const input = reportInput(body, dRows, jRows);
      const v = await reportVisit(
        { ...requestContext(ctx.db, req), dataKey: ctx.dataKey },
        { id: uuidParam(req), heldAt, ...input },
      );
      return renderPage(
        reply,
        await visitPage(req, { notice: t(req.lang, 'op.logged', { n: v.jobsDiscovered.length }) }),
      );
    } catch (err) {
      const e = failure(err, req.lang);
      const errors = { ...e.fields };
      if (errors.heldAt) errors.heldTime = errors.heldAt;
      return renderPage(reply, await visitPage(req, { log: { values, errors, message: e.text } }), e.status);
    }
  });

  app.post('/staff/outreach/visits/:id/cancel', pageOpts, async (req, reply) => {
    requirePermission(req, 'outreach.write');
    try {
      await cancelVisit(requestContext(ctx.db, req), {
        id: uuidParam(req),
        reason: str(formBody(req), 'reason'),
      });
      return renderPage(reply, await visitPage(req, { notice: t(req.lang, 'op.cancelled') }));
    } catch (err) {
      const e = failure(err, req.lang);
      return renderPage(
        reply,
        await visitPage(req, { log: { values: {}, errors: {}, message: e.text } }),
        e.status,
      );
    }
  });

  app.post('/staff/outreach/visits/:id/requests', pageOpts, async (req, reply) => {
    requirePermission(req, 'outreach.write');
    const body = formBody(req);
    const values = {
      category: str(body, 'category'),
      departmentId: str(body, 'departmentId'),
      description: str(body, 'description'),
    };
    const rc = requestContext(ctx.db, req);
    try {
      const v = await getVisit(rc, { id: uuidParam(req) });
      const r = await createRequest(rc, {
        employerId: v.employerId,
        visitId: v.id,
        category: (values.category in REQUEST_CATEGORIES ? values.category : 'inquiry') as RequestCategory,
        description: values.description,
        departmentId: /^[0-9a-f-]{36}$/i.test(values.departmentId)
          ? values.departmentId
          : '00000000-0000-0000-0000-000000000000',
      });
      const notice = t(req.lang, 'op.routed', {
        department: r.departmentName ?? '',
        due: koDate(r.dueAt, req.lang, true),
      });
      return renderPage(reply, await visitPage(req, { notice }));
    } catch (err) {
      const e = failure(err, req.lang);
      return renderPage(
        reply,
        await visitPage(req, { route: { values, errors: e.fields, message: e.text } }),
        e.status,
      );
    }
  });
}
