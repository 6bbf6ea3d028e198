import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { formBody, str } from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, query, requirePermission, uuidParam } from '../../web/page.tsx';
import { NEXT_REQUEST_STATUSES, type RequestStatus } from './outreach.codes.ts';
import { failure } from './outreach.web.tsx';
import { MoveForm, RequestDetail } from './request-detail.tsx';
import { addRequestEvent, getRequest, listRequests } from './requests.service.ts';
import './outreach.pages.messages.ts';

// A 부서 담당자's pages (/department/requests): the one-stop admin support requests routed to the
// account's own department, soonest due first, and one request with its history and the form
// taking it up or answering it. The service decides what the account sees (its department's
// requests, nothing else); these pages only show it.

defineMessages({
  'od.title': ['우리 부서 행정지원 요청', 'Admin support requests for my department'],
  'od.intro': [
    '일자리 발굴단이 기업 방문에서 받아 우리 부서로 배정한 요청입니다. 처리 기한 안에 회신해 주세요. 회신 내용은 기업에 보여집니다.',
    'Requests the outreach team took on company visits and routed to your department. Answer them by the due date; the company reads the answer.',
  ],
  'od.filter.open': ['처리할 요청', 'To handle'],
  'od.filter.all': ['전체', 'All'],
  'od.none': ['배정된 요청이 없습니다.', 'No requests are routed to your department.'],
  'od.back': ['← 우리 부서 요청 목록', '← Requests for my department'],
  'od.answerHint': [
    '처리 중으로 바꾸거나, 회신 내용을 적어 회신 완료로 바꾸세요. 종결과 다른 부서로의 이관은 발굴단이 합니다.',
    'Take it up, or write the answer and mark it answered. Closing and routing elsewhere are done by the outreach team.',
  ],
});

/** The moves a department account is offered: those of the request's state it may make. */
const DEPARTMENT_MOVES: readonly RequestStatus[] = ['in_progress', 'answered'];

type Form = { values: Record<string, string>; errors: Record<string, string>; message?: string };

export function registerDepartmentRequestPages(app: Server, ctx: AppContext) {
  app.get('/department/requests', pageOpts, async (req, reply) => {
    requirePermission(req, 'requests.department');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const view = query(req).view === 'all' ? 'all' : 'open';
    const items =
      view === 'all'
        ? (await listRequests(rc, { offset: 0, limit: 500 })).items
        : (
            await Promise.all(
              (['routed', 'in_progress'] as const).map((status) =>
                listRequests(rc, { status, offset: 0, limit: 500 }),
              ),
            )
          )
            .flatMap((r) => r.items)
            .sort((x, y) => x.dueAt.localeCompare(y.dueAt));
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'od.title')} nav="/department/requests">
        <h1>{t(L, 'od.title')}</h1>
        <p>{t(L, 'od.intro')}</p>
        <nav class="pager" aria-label={t(L, 'od.title')}>
          {(['open', 'all'] as const).map((k) => (
            <a key={k} href={`/department/requests?view=${k}`} aria-current={k === view ? 'page' : undefined}>
              {t(L, `od.filter.${k}`)}
            </a>
          ))}
        </nav>
        {items.length === 0 ? <p class="muted">{t(L, 'od.none')}</p> : null}
        <StackTable lang={L} columns={['op.due', 'op.company', 'op.category', 'op.description', 'op.status']}>
          {items.map((r) => (
            <tr key={r.id}>
              <td data-label={t(L, 'op.due')}>
                {koDate(r.dueAt, L, true)}{' '}
                {r.overdue ? <span class="tag bad">{t(L, 'op.overdue')}</span> : null}
              </td>
              <td data-label={t(L, 'op.company')}>{r.employerName}</td>
              <td data-label={t(L, 'op.category')}>{r.categoryName}</td>
              <td data-label={t(L, 'op.description')}>
                <a href={`/department/requests/${r.id}`}>{r.description}</a>
              </td>
              <td data-label={t(L, 'op.status')}>{r.statusName}</td>
            </tr>
          ))}
        </StackTable>
      </Layout>,
    );
  });

  async function requestPage(req: FastifyRequest, o: { notice?: string; move?: Form } = {}) {
    const L = req.lang;
    const r = await getRequest(requestContext(ctx.db, req), { id: uuidParam(req) });
    const next = NEXT_REQUEST_STATUSES[r.status as RequestStatus].filter((s) => DEPARTMENT_MOVES.includes(s));
    return (
      <Layout req={req} title={t(L, 'od.title')} nav="/department/requests">
        <p>
          <a href="/department/requests">{t(L, 'od.back')}</a>
        </p>
        <RequestDetail r={r} L={L} notice={o.notice} />
        {next.length > 0 ? (
          <MoveForm
            action={`/department/requests/${r.id}/events`}
            next={next}
            L={L}
            csrf={req.csrfToken}
            state={o.move}
            hint={t(L, 'od.answerHint')}
            noteRows={4}
          />
        ) : null}
      </Layout>
    );
  }

  app.get('/department/requests/:id', pageOpts, async (req, reply) => {
    requirePermission(req, 'requests.department');
    return renderPage(reply, await requestPage(req));
  });

  app.post('/department/requests/:id/events', pageOpts, async (req, reply) => {
    requirePermission(req, 'requests.department');
    const body = formBody(req);
    const values = { status: str(body, 'status'), note: str(body, 'note') };
    try {
      const status = (
        DEPARTMENT_MOVES.includes(values.status as RequestStatus) ? values.status : 'in_progress'
      ) as RequestStatus;
      const r = await addRequestEvent(requestContext(ctx.db, req), {
        id: uuidParam(req),
        status,
        note: values.note,
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
