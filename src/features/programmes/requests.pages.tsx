import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formBody,
  str,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageNo, pageOpts, pageWindow, query, requirePermission, uuidParam } from '../../web/page.tsx';
import { TabNav } from '../../web/tabs.tsx';
import {
  blankProgramme,
  ProgrammeFields,
  type ProgrammeValues,
  programmeFromForm,
  readProgrammeForm,
} from './programme-form.tsx';
import { formErrors } from './programme-new.pages.tsx';
import { KIND_FOR_INSTITUTION, REQUEST_STATUSES, type RequestStatus } from './programmes.codes.ts';
import {
  acceptRequest,
  copyRequest,
  declineRequest,
  getRequest,
  listRequests,
  type RequestView,
} from './requests.service.ts';

// The staff side of institution requests: /staff/programmes/requests (the centre's requests,
// newest first, by status) and /staff/programmes/requests/{id} (the request with its contact —
// access-logged —, accepted into a programme with its own sessions and roster, declined with a
// reason, or copied for next year).

defineMessages({
  'pgr.title': ['기관 요청', 'Institution requests'],
  'pgr.all': ['전체', 'All'],
  'pgr.none': ['요청이 없습니다.', 'No requests.'],
  'pgr.col.ref': ['접수 번호', 'Reference'],
  'pgr.col.institution': ['기관', 'Institution'],
  'pgr.col.topic': ['요청 내용', 'Topic'],
  'pgr.col.dates': ['희망일', 'Preferred dates'],
  'pgr.col.headcount': ['인원', 'Headcount'],
  'pgr.col.status': ['상태', 'Status'],
  'pgr.col.received': ['접수일', 'Received'],
  'pgr.back': ['기관 요청 목록', 'All requests'],
  'pgr.contact': ['담당자', 'Contact'],
  'pgr.message': ['전달 사항', 'Message'],
  'pgr.copiedFrom': ['지난 요청에서 복사', 'Copied from an earlier request'],
  'pgr.accept': ['수락하고 프로그램 개설', 'Accept and set up the programme'],
  'pgr.acceptHint': [
    '참여자 중 구직 등록이 없는 분은 인원만 셉니다(예상 인원이 기본값). 회차·출석·만족도는 프로그램 화면에서 관리합니다.',
    'Participants who are not registered seekers are counted only (the headcount by default).',
  ],
  'pgr.decline': ['반려', 'Decline'],
  'pgr.reason': ['반려 사유', 'Reason'],
  'pgr.declined': ['요청을 반려했습니다.', 'The request is declined.'],
  'pgr.programme': ['개설된 프로그램 보기', 'Open its programme'],
  'pgr.copy': ['내년에도 같은 요청으로 접수(복사)', 'Copy for next year'],
  'pgr.copied': ['지난 요청을 복사해 새로 접수했습니다.', 'Copied as a new request.'],
});

const STATUSES = Object.keys(REQUEST_STATUSES) as RequestStatus[];

export function registerRequestPages(app: Server, ctx: AppContext) {
  const rc = (req: FastifyRequest) => ({ ...requestContext(ctx.db, req), dataKey: ctx.dataKey });

  app.get('/staff/programmes/requests', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    const L = req.lang;
    const q = query(req);
    const status = STATUSES.includes(q.status as RequestStatus) ? (q.status as RequestStatus) : undefined;
    const page = pageNo(req);
    const { items, total } = await listRequests(rc(req), { status, ...pageWindow(page) });
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pgr.title')} nav="/staff/programmes">
        <h1>{t(L, 'pgr.title')}</h1>
        <TabNav
          label={t(L, 'pgr.col.status')}
          tabs={[
            { href: '/staff/programmes/requests', text: t(L, 'pgr.all') },
            ...STATUSES.map((s) => ({
              href: `/staff/programmes/requests?status=${s}`,
              text: REQUEST_STATUSES[s][L === 'en' ? 1 : 0],
            })),
          ]}
          current={status ? `/staff/programmes/requests?status=${status}` : '/staff/programmes/requests'}
        />
        {items.length === 0 ? <p>{t(L, 'pgr.none')}</p> : null}
        <StackTable
          lang={L}
          columns={[
            'pgr.col.ref',
            'pgr.col.institution',
            'pgr.col.topic',
            'pgr.col.dates',
            'pgr.col.headcount',
            'pgr.col.status',
            'pgr.col.received',
          ]}
        >
          {items.map((r) => (
            <tr key={r.id}>
              <td data-label={t(L, 'pgr.col.ref')}>
                <a href={`/staff/programmes/requests/${r.id}`}>{r.referenceNo}</a>
              </td>
              <td data-label={t(L, 'pgr.col.institution')}>
                {r.institutionName} <span class="tag">{r.institutionKindName}</span>
              </td>
              <td data-label={t(L, 'pgr.col.topic')}>{r.topic}</td>
              <td data-label={t(L, 'pgr.col.dates')}>
                {r.preferredDates.map((d) => koDate(d, L)).join(', ')}
              </td>
              <td data-label={t(L, 'pgr.col.headcount')}>{r.headcount}</td>
              <td data-label={t(L, 'pgr.col.status')}>{r.statusName}</td>
              <td data-label={t(L, 'pgr.col.received')}>{koDate(r.createdAt, L)}</td>
            </tr>
          ))}
        </StackTable>
        <Pager req={req} page={page} pageSize={20} total={total} />
      </Layout>,
    );
  });

  /** The accept form's values for a request: its institution, topic, headcount and first preferred day. */
  function fromRequest(r: RequestView): ProgrammeValues {
    return blankProgramme({
      title: `${r.institutionName} ${r.topic}`.slice(0, 200),
      kind: KIND_FOR_INSTITUTION[r.institutionKind as keyof typeof KIND_FOR_INSTITUTION],
      capacity: String(r.headcount),
      holdHours: '0',
      waitlist: '',
      firstDay: r.preferredDates[0] ?? '',
      lastDay: r.preferredDates[0] ?? '',
      weekdays: ['1', '2', '3', '4', '5', '6', '7'],
      startTime: '10:00',
      endTime: '12:00',
    });
  }

  async function detail(
    req: FastifyRequest,
    reply: FastifyReply,
    o: {
      v?: ProgrammeValues;
      problem?: { form: string; fields: FieldErrors };
      notice?: string;
      status?: number;
    } = {},
  ) {
    const L = req.lang;
    const r = await getRequest(rc(req), { id: uuidParam(req) });
    const e = o.problem ? formErrors(o.problem.fields) : {};
    return renderPage(
      reply,
      <Layout req={req} title={`${r.referenceNo} — ${t(L, 'pgr.title')}`} nav="/staff/programmes">
        <p>
          <a href="/staff/programmes/requests">← {t(L, 'pgr.back')}</a>
        </p>
        <h1>
          {r.institutionName} <span class="tag">{r.institutionKindName}</span>{' '}
          <span class="tag">{r.statusName}</span>
        </h1>
        {o.notice ? <Notice kind="ok">{o.notice}</Notice> : null}
        <dl>
          <dt>{t(L, 'pgr.col.ref')}</dt>
          <dd>{r.referenceNo}</dd>
          <dt>{t(L, 'pgr.col.topic')}</dt>
          <dd>{r.topic}</dd>
          <dt>{t(L, 'pgr.col.dates')}</dt>
          <dd>{r.preferredDates.map((d) => koDate(d, L)).join(', ')}</dd>
          <dt>{t(L, 'pgr.col.headcount')}</dt>
          <dd>{r.headcount}</dd>
          <dt>{t(L, 'pgr.contact')}</dt>
          <dd>
            {r.contactName} · <a href={`tel:${r.contactPhone}`}>{r.contactPhone}</a>
            {r.contactEmail ? ` · ${r.contactEmail}` : ''}
          </dd>
          {r.message ? (
            <>
              <dt>{t(L, 'pgr.message')}</dt>
              <dd>{r.message}</dd>
            </>
          ) : null}
          {r.declineReason ? (
            <>
              <dt>{t(L, 'pgr.reason')}</dt>
              <dd>{r.declineReason}</dd>
            </>
          ) : null}
          {r.copiedFrom ? (
            <>
              <dt>{t(L, 'pgr.copiedFrom')}</dt>
              <dd>
                <a href={`/staff/programmes/requests/${r.copiedFrom}`}>{t(L, 'pgr.copiedFrom')}</a>
              </dd>
            </>
          ) : null}
        </dl>
        {r.programmeId ? (
          <p>
            <a href={`/staff/programmes/${r.programmeId}`}>{t(L, 'pgr.programme')}</a>
          </p>
        ) : null}
        {r.status === 'received' ? (
          <>
            <h2>{t(L, 'pgr.accept')}</h2>
            <p class="hint">{t(L, 'pgr.acceptHint')}</p>
            {o.problem ? <ErrorSummary lang={L} message={o.problem.form} errors={e} /> : null}
            <form method="post" action={`/staff/programmes/requests/${r.id}/accept`} id="accept-form">
              <Csrf token={req.csrfToken} />
              <ProgrammeFields L={L} v={o.v ?? fromRequest(r)} e={e} />
              <button type="submit">{t(L, 'pgr.accept')}</button>
            </form>
            <h2>{t(L, 'pgr.decline')}</h2>
            <form method="post" action={`/staff/programmes/requests/${r.id}/decline`} id="decline-form">
              <Csrf token={req.csrfToken} />
              <Textarea
                lang={L}
                name="reason"
                label={t(L, 'pgr.reason')}
                required
                maxLength={1000}
                rows={2}
              />
              <button type="submit" class="secondary">
                {t(L, 'pgr.decline')}
              </button>
            </form>
          </>
        ) : (
          <form method="post" action={`/staff/programmes/requests/${r.id}/copy`} class="inline">
            <Csrf token={req.csrfToken} />
            <button type="submit" class="secondary">
              {t(L, 'pgr.copy')}
            </button>
          </form>
        )}
      </Layout>,
      o.status ?? 200,
    );
  }

  app.get('/staff/programmes/requests/:id', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    return detail(req, reply, query(req).copied ? { notice: t(req.lang, 'pgr.copied') } : {});
  });

  app.post('/staff/programmes/requests/:id/accept', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    const v = readProgrammeForm(formBody(req));
    try {
      const r = await getRequest(rc(req), { id: uuidParam(req) });
      const { input, skipped } = await programmeFromForm(ctx.db, r.centreId, v);
      const out = await acceptRequest(requestContext(ctx.db, req), { ...input, id: r.id });
      return reply.redirect(`/staff/programmes/${out.programme.id}?created=${skipped.length}`, 303);
    } catch (err) {
      const problem = fieldErrors(err, req.lang);
      return detail(req, reply, { v, problem, status: 400 });
    }
  });

  app.post('/staff/programmes/requests/:id/decline', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    try {
      await declineRequest(requestContext(ctx.db, req), {
        id: uuidParam(req),
        reason: str(formBody(req), 'reason'),
      });
      return detail(req, reply, { notice: t(req.lang, 'pgr.declined') });
    } catch (err) {
      const problem = fieldErrors(err, req.lang);
      const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
      return detail(req, reply, { problem, status });
    }
  });

  app.post('/staff/programmes/requests/:id/copy', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    try {
      const copy = await copyRequest(rc(req), { id: uuidParam(req) });
      return reply.redirect(`/staff/programmes/requests/${copy.id}?copied=1`, 303);
    } catch (err) {
      return detail(req, reply, { problem: fieldErrors(err, req.lang), status: 400 });
    }
  });
}
