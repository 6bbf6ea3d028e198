import type { FastifyRequest } from 'fastify';
import { can } from '../../platform/access/policy.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { Csrf, ErrorSummary, formBody, Input, Select, str, Textarea } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, query, requirePermission, uuidParam } from '../../web/page.tsx';
import { createDepartment, listDepartments } from './departments.service.ts';
import {
  NEXT_REQUEST_STATUSES,
  nameOf,
  REQUEST_CATEGORIES,
  REQUEST_STATUSES,
  type RequestCategory,
  type RequestStatus,
} from './outreach.codes.ts';
import { companyFromText, failure, OutreachMenu } from './outreach.web.tsx';
import { MoveForm, RequestDetail } from './request-detail.tsx';
import { addRequestEvent, createRequest, getRequest, listRequests } from './requests.service.ts';
import './outreach.pages.messages.ts';

// The one-stop admin support board (/staff/outreach/requests): requests by department, soonest
// due first, overdue ones marked; routing a new one (its due date from the calendar), adding a
// department; one request's history and the form moving it on. The company's own page is in
// requests.portal.pages.tsx.

type Form = { values: Record<string, string>; errors: Record<string, string>; message?: string };
type Item = Awaited<ReturnType<typeof listRequests>>['items'][number];

const NO_ID = '00000000-0000-0000-0000-000000000000';
const uuidOr = (v: string) => (/^[0-9a-f-]{36}$/i.test(v) ? v : NO_ID);

async function boardItems(rc: ReturnType<typeof requestContext>, view: string): Promise<Item[]> {
  if (view === 'overdue') return (await listRequests(rc, { overdue: true, offset: 0, limit: 500 })).items;
  if (view === 'all') return (await listRequests(rc, { offset: 0, limit: 500 })).items;
  const [a, b] = await Promise.all(
    (['routed', 'in_progress'] as const).map((status) => listRequests(rc, { status, offset: 0, limit: 500 })),
  );
  return [...a.items, ...b.items].sort((x, y) => x.dueAt.localeCompare(y.dueAt));
}

export function registerRequestPages(app: Server, ctx: AppContext) {
  async function boardPage(req: FastifyRequest, o: { notice?: string; route?: Form; dept?: Form } = {}) {
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const view = ['overdue', 'all'].includes(query(req).view ?? '') ? (query(req).view as string) : 'open';
    const [items, departments] = await Promise.all([boardItems(rc, view), listDepartments(rc)]);
    const byDept = new Map<string, Item[]>();
    for (const r of items)
      byDept.set(r.departmentName ?? '', [...(byDept.get(r.departmentName ?? '') ?? []), r]);
    const rv = o.route?.values ?? {};
    const re = o.route?.errors ?? {};
    const dv = o.dept?.values ?? {};
    const de = o.dept?.errors ?? {};
    return (
      <Layout req={req} title={t(L, 'op.board')} nav="/staff/outreach">
        <h1>{t(L, 'op.board')}</h1>
        <OutreachMenu req={req} here="/staff/outreach/requests" />
        <p>{t(L, 'op.boardIntro')}</p>
        {o.notice ? <Notice kind="ok">{o.notice}</Notice> : null}
        <nav class="pager" aria-label={t(L, 'op.board')}>
          {(['open', 'overdue', 'all'] as const).map((k) => (
            <a
              key={k}
              href={`/staff/outreach/requests?view=${k}`}
              aria-current={k === view ? 'page' : undefined}
            >
              {t(L, `op.filter.${k}`)}
            </a>
          ))}
        </nav>
        {items.length === 0 ? <p class="muted">{t(L, 'op.noRequests')}</p> : null}
        {[...byDept.entries()].map(([dept, list]) => (
          <section key={dept} aria-label={dept}>
            <h2>
              {dept} <span class="muted">({list.length})</span>
            </h2>
            <StackTable
              lang={L}
              columns={['op.due', 'op.company', 'op.category', 'op.description', 'op.status']}
            >
              {list.map((r) => (
                <tr key={r.id}>
                  <td data-label={t(L, 'op.due')}>
                    {koDate(r.dueAt, L, true)}{' '}
                    {r.overdue ? <span class="tag bad">{t(L, 'op.overdue')}</span> : null}
                  </td>
                  <td data-label={t(L, 'op.company')}>
                    <a href={`/staff/employers/${r.employerId}`}>{r.employerName}</a>
                  </td>
                  <td data-label={t(L, 'op.category')}>{r.categoryName}</td>
                  <td data-label={t(L, 'op.description')}>
                    <a href={`/staff/outreach/requests/${r.id}`}>{r.description}</a>
                  </td>
                  <td data-label={t(L, 'op.status')}>{r.statusName}</td>
                </tr>
              ))}
            </StackTable>
          </section>
        ))}
        <div class="two">
          <section aria-labelledby="new-h">
            <h2 id="new-h">{t(L, 'op.newRequest')}</h2>
            {departments.length === 0 ? <p class="muted">{t(L, 'op.noDepartments')}</p> : null}
            <form method="post" action="/staff/outreach/requests" novalidate>
              <Csrf token={req.csrfToken} />
              <ErrorSummary lang={L} message={o.route?.message} errors={re} />
              <Input
                lang={L}
                name="company"
                label={t(L, 'op.company')}
                value={rv.company}
                error={re.company}
                required
              />
              <Select
                lang={L}
                name="category"
                label={t(L, 'op.category')}
                value={rv.category}
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
          </section>
          {can(req.actor, 'departments.manage') ? (
            <section aria-labelledby="dept-h">
              <h2 id="dept-h">{t(L, 'op.addDepartment')}</h2>
              <ul>
                {departments.map((d) => (
                  <li key={d.id}>
                    {d.name} {d.phone ? <span class="muted">{d.phone}</span> : null}
                  </li>
                ))}
              </ul>
              <form method="post" action="/staff/outreach/departments" novalidate>
                <Csrf token={req.csrfToken} />
                <ErrorSummary lang={L} message={o.dept?.message} errors={de} />
                <Input
                  lang={L}
                  name="name"
                  label={t(L, 'op.departmentName')}
                  value={dv.name}
                  error={de.name}
                  required
                  maxLength={100}
                />
                <Input
                  lang={L}
                  name="phone"
                  label={t(L, 'op.departmentPhone')}
                  type="tel"
                  value={dv.phone}
                  error={de.phone}
                  maxLength={30}
                />
                <button type="submit" class="secondary">
                  {t(L, 'op.addDepartment')}
                </button>
              </form>
            </section>
          ) : null}
        </div>
      </Layout>
    );
  }

  app.get('/staff/outreach/requests', pageOpts, async (req, reply) => {
    requirePermission(req, 'outreach.read');
    return renderPage(reply, await boardPage(req));
  });

  app.post('/staff/outreach/requests', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'outreach.write');
    const body = formBody(req);
    const values = Object.fromEntries(
      ['company', 'category', 'departmentId', 'description'].map((k) => [k, str(body, k)]),
    );
    const rc = requestContext(ctx.db, req);
    try {
      const company = await companyFromText(ctx.db, values.company ?? '', actor.centreId, 'company');
      const r = await createRequest(rc, {
        employerId: company.id,
        category: ((values.category ?? '') in REQUEST_CATEGORIES
          ? values.category
          : 'inquiry') as RequestCategory,
        description: values.description ?? '',
        departmentId: uuidOr(values.departmentId ?? ''),
      });
      const notice = t(req.lang, 'op.routed', {
        department: r.departmentName ?? '',
        due: koDate(r.dueAt, req.lang, true),
      });
      return renderPage(reply, await boardPage(req, { notice }));
    } catch (err) {
      const e = failure(err, req.lang);
      return renderPage(
        reply,
        await boardPage(req, { route: { values, errors: e.fields, message: e.text } }),
        e.status,
      );
    }
  });

  app.post('/staff/outreach/departments', pageOpts, async (req, reply) => {
    requirePermission(req, 'departments.manage');
    const body = formBody(req);
    const values = { name: str(body, 'name'), phone: str(body, 'phone') };
    try {
      const d = await createDepartment(requestContext(ctx.db, req), {
        name: values.name,
        phone: values.phone || null,
      });
      return renderPage(
        reply,
        await boardPage(req, { notice: t(req.lang, 'op.departmentAdded', { name: d.name }) }),
      );
    } catch (err) {
      const e = failure(err, req.lang);
      return renderPage(
        reply,
        await boardPage(req, { dept: { values, errors: e.fields, message: e.text } }),
        e.status,
      );
    }
  });

  async function requestPage(req: FastifyRequest, o: { notice?: string; move?: Form } = {}) {
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const r = await getRequest(rc, { id: uuidParam(req) });
    const departments = await listDepartments(rc);
    const next = NEXT_REQUEST_STATUSES[r.status as RequestStatus];
    return (
      <Layout req={req} title={t(L, 'op.board')} nav="/staff/outreach">
        <p>
          <a href="/staff/outreach/requests">{t(L, 'op.backBoard')}</a>
        </p>
        <RequestDetail r={r} L={L} notice={o.notice} withDepartment />
        {next.length === 0 ? (
          <p class="muted">{t(L, 'op.closedAlready')}</p>
        ) : can(req.actor, 'outreach.write') ? (
          <MoveForm
            action={`/staff/outreach/requests/${r.id}/events`}
            next={next}
            L={L}
            csrf={req.csrfToken}
            state={o.move}
          >
            <Select
              lang={L}
              name="departmentId"
              label={t(L, 'op.reroute')}
              value={o.move?.values.departmentId}
              error={o.move?.errors.departmentId}
              options={departments
                .filter((d) => d.id !== r.departmentId)
                .map((d) => ({ value: d.id, label: d.name }))}
            />
          </MoveForm>
        ) : null}
      </Layout>
    );
  }

  app.get('/staff/outreach/requests/:id', pageOpts, async (req, reply) => {
    requirePermission(req, 'outreach.read');
    return renderPage(reply, await requestPage(req));
  });

  app.post('/staff/outreach/requests/:id/events', pageOpts, async (req, reply) => {
    requirePermission(req, 'outreach.write');
    const body = formBody(req);
    const values = {
      status: str(body, 'status'),
      note: str(body, 'note'),
      departmentId: str(body, 'departmentId'),
    };
    try {
      const status = (values.status in REQUEST_STATUSES ? values.status : 'in_progress') as RequestStatus;
      const r = await addRequestEvent(requestContext(ctx.db, req), {
        id: uuidParam(req),
        status,
        note: values.note,
        departmentId: values.departmentId ? uuidOr(values.departmentId) : null,
      });
      return renderPage(
        reply,
        await requestPage(req, { notice: t(req.lang, 'op.moved', { status: r.statusName }) }),
      );
    } catch (err) {
      const e = failure(err, req.lang);
      return renderPage(
        reply,
        await requestPage(req, { move: { values, errors: e.fields, message: e.text } }),
        e.status,
      );
    }
  });
}
