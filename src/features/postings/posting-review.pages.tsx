import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { codeName } from '../../web/codes.tsx';
import { koDate } from '../../web/dates.ts';
import { Csrf, fieldErrors, Select, str, Textarea } from '../../web/forms.tsx';
import { isStaff, Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { RegionFilter, SearchForm, SearchInput, StackTable } from '../../web/lists.tsx';
import { num, pageGuard, pageOpts, pageWindow, requirePermission, uuidParam } from '../../web/page.tsx';
import { PostingSummary } from '../../web/posting-summary.tsx';
import { approvePosting, reviewPosting } from './posting-status.service.ts';
import { listPostings, type PostingStatusFilter } from './postings.search.ts';
import type { getPosting } from './postings.service.ts';

// /staff/postings (issue 15): the list opens on what needs a counsellor's action — postings
// waiting for approval (resubmitted ones marked) and those returned to their employer — with
// approve, reject and return-for-changes, each refusal with a reason the employer is shown.
// Other statuses are one filter away; "expired in 2024" is no longer the first screen.

defineMessages({
  'prv.title': ['구인공고 관리', 'Postings'],
  'prv.lead': [
    '처음에는 처리할 공고(승인 대기, 재제출, 보완 요청 중)를 보여 줍니다. 다른 공고는 상태를 골라 찾으세요.',
    'Opens on what needs action (waiting, resubmitted, returned). Pick a status to see the others.',
  ],
  'prv.view': ['상태', 'Status'],
  'prv.view.action': ['처리할 공고', 'Needs action'],
  'prv.view.all': ['전체', 'All'],
  'prv.q': ['검색어', 'Keywords'],
  'prv.region': ['근무 지역', 'Work region'],
  'prv.anyRegion': ['전체 지역', 'Any region'],
  'prv.count': ['{total}건', '{total}'],
  'prv.emptyAction': [
    '지금 처리할 공고가 없습니다. 기업이 공고를 신청하면 여기에 나타납니다. 모집 중인 공고를 보려면 상태에서 "모집 중"을 고르세요.',
    'Nothing needs action now. Employers’ new postings appear here; pick “Open” to see the postings recruiting now.',
  ],
  'prv.empty': [
    '조건에 맞는 공고가 없습니다. 검색어나 지역을 지우고 다시 찾아보세요.',
    'No posting matches. Clear the keywords or region and search again.',
  ],
  'prv.submitted': ['신청일', 'Submitted'],
  'prv.resubmitted': ['재제출', 'Resubmitted'],
  'prv.resubmittedOn': ['{date}에 고쳐서 다시 제출함', 'Resubmitted on {date}'],
  'prv.previousReason': ['이전 보완 요청 사유', 'Earlier request'],
  'prv.waitingEmployer': [
    '{date}에 보완을 요청했습니다. 기업이 고쳐서 다시 제출하면 승인 대기로 돌아옵니다.',
    'Returned on {date}; it comes back here when the employer resubmits it.',
  ],
  'prv.reason': ['사유', 'Reason'],
  'prv.reasonHint': [
    '반려하거나 보완을 요청할 때 적습니다. 기업 담당자에게 이 글 그대로 전달됩니다.',
    'Needed to reject or return; the employer is shown it as written.',
  ],
  'prv.approve': ['승인', 'Approve'],
  'prv.reject': ['반려', 'Reject'],
  'prv.return': ['보완 요청', 'Request changes'],
  'prv.done.approved': ['공고가 승인되어 게시되었습니다.', 'The posting is approved and published.'],
  'prv.done.rejected': [
    '공고를 반려했습니다. 기업에 사유를 알렸습니다.',
    'The posting is rejected; the employer has been told why.',
  ],
  'prv.done.returned': [
    '보완을 요청했습니다. 기업에 사유를 알렸습니다.',
    'Changes requested; the employer has been told why.',
  ],
  'prv.company': ['회사', 'Company'],
  'prv.postingTitle': ['공고 제목', 'Title'],
  'prv.status': ['상태', 'Status'],
  'prv.closes': ['마감일', 'Closes'],
});

type Posting = Awaited<ReturnType<typeof getPosting>>;

const VIEWS = [
  'action',
  'pending',
  'returned',
  'rejected',
  'open',
  'closed',
  'filled',
  'expired',
  'all',
] as const;
type View = (typeof VIEWS)[number];

/** A posting's status in Korean (the postings pages' names). */
const postingStatusName = (status: string, L: Lang): string => t(L, `pp.status.${status}`);

function viewOptions(L: Lang) {
  return VIEWS.map((v) => ({
    value: v,
    label: v === 'action' || v === 'all' ? t(L, `prv.view.${v}`) : postingStatusName(v, L),
  }));
}

interface Refusal {
  id: string;
  message: string;
  reason: string;
}

function ReviewCard({
  p,
  L,
  req,
  canDecide,
  refusal,
  first,
}: {
  p: Posting;
  L: Lang;
  req: FastifyRequest;
  canDecide: boolean;
  refusal?: Refusal;
  first: boolean;
}) {
  return (
    <li class="card" id={`p-${p.id}`}>
      <PostingSummary p={p} L={L} />
      <p>
        <span class="tag strong">{postingStatusName(p.status, L)}</span>
        {p.resubmittedAt ? <span class="tag">{t(L, 'prv.resubmitted')}</span> : null}
        <span class="tag">{codeName('occupations', p.occupationCode, L)}</span>
      </p>
      <p class="muted">
        {t(L, 'prv.submitted')}: {koDate(p.createdAt, L)}
        {p.resubmittedAt ? ` · ${t(L, 'prv.resubmittedOn', { date: koDate(p.resubmittedAt, L) })}` : ''}
      </p>
      {p.lastReturnReason ? (
        <p>
          {t(L, 'prv.previousReason')}: {p.lastReturnReason}
        </p>
      ) : null}
      {p.status === 'returned' && p.review ? (
        <p>
          {t(L, 'prv.waitingEmployer', { date: koDate(p.review.at, L) })}
          <br />
          {t(L, 'prv.reason')}: {p.review.reason}
        </p>
      ) : null}
      {canDecide && p.status === 'pending' ? (
        <div class="review-actions">
          <form method="post" action={`/staff/postings/${p.id}/approve`}>
            <Csrf token={req.csrfToken} />
            <button type="submit" data-key={first ? 'a' : undefined} data-key-label={t(L, 'prv.approve')}>
              {t(L, 'prv.approve')}
              <span class="visually-hidden">: {p.title}</span>
            </button>
          </form>
          <form method="post" action={`/staff/postings/${p.id}/review`} novalidate>
            <Csrf token={req.csrfToken} />
            <Textarea
              lang={L}
              name="reason"
              id={`reason-${p.id}`}
              label={
                <>
                  {t(L, 'prv.reason')}
                  <span class="visually-hidden">: {p.title}</span>
                </>
              }
              hint={t(L, 'prv.reasonHint')}
              error={refusal?.message}
              value={refusal?.reason}
              rows={2}
              maxLength={1000}
            />
            <div class="actions">
              <button type="submit" name="decision" value="returned" class="secondary">
                {t(L, 'prv.return')}
                <span class="visually-hidden">: {p.title}</span>
              </button>
              <button type="submit" name="decision" value="rejected" class="secondary">
                {t(L, 'prv.reject')}
                <span class="visually-hidden">: {p.title}</span>
              </button>
            </div>
          </form>
        </div>
      ) : null}
    </li>
  );
}

/** Registers /staff/postings and its approve and review actions. */
export function registerPostingReviewPages(app: Server, ctx: AppContext): void {
  async function listPage(req: FastifyRequest, actor: Actor, refusal?: Refusal) {
    const { L, q, page } = pageGuard(req, 'postings.read');
    const view: View = (VIEWS as readonly string[]).includes(q.status ?? '') ? (q.status as View) : 'action';
    const region = /^\d{2}(\d{3})?$/.test(q.regionCode ?? '') ? q.regionCode : undefined;
    const r = await listPostings(ctx.db, actor, {
      q: q.q?.trim().slice(0, 200) || undefined,
      status: view === 'all' ? undefined : (view as PostingStatusFilter),
      regionCode: region,
      ...pageWindow(page),
    });
    const items = r.items as Posting[];
    const asCards = view === 'action' || view === 'pending' || view === 'returned';
    const canDecide = actor.role !== 'outreach';
    const done = ['approved', 'rejected', 'returned'].includes(q.done ?? '') ? q.done : undefined;
    return (
      <Layout req={req} title={t(L, 'prv.title')} nav="/staff/postings">
        <h1>{t(L, 'prv.title')}</h1>
        <p class="muted">{t(L, 'prv.lead')}</p>
        {done ? <Notice kind="ok">{t(L, `prv.done.${done}`)}</Notice> : null}
        {refusal ? <Notice kind="error">{refusal.message}</Notice> : null}
        <SearchForm lang={L} action="/staff/postings">
          <Select
            lang={L}
            name="status"
            label={t(L, 'prv.view')}
            empty={false}
            value={view}
            options={viewOptions(L)}
          />
          <SearchInput lang={L} label={t(L, 'prv.q')} value={q.q} />
          <RegionFilter lang={L} label={t(L, 'prv.region')} empty={t(L, 'prv.anyRegion')} value={region} />
        </SearchForm>
        <p role="status">
          {viewOptions(L).find((o) => o.value === view)?.label}: {t(L, 'prv.count', { total: num(r.total) })}
        </p>
        {items.length === 0 ? (
          <p class="empty">{t(L, view === 'action' ? 'prv.emptyAction' : 'prv.empty')}</p>
        ) : asCards ? (
          <ul class="cards">
            {items.map((p, i) => (
              <ReviewCard
                key={p.id}
                p={p}
                L={L}
                req={req}
                canDecide={canDecide}
                refusal={refusal?.id === p.id ? refusal : undefined}
                first={i === 0}
              />
            ))}
          </ul>
        ) : (
          <StackTable
            lang={L}
            columns={['prv.postingTitle', 'prv.company', 'prv.region', 'prv.status', 'prv.closes']}
          >
            {items.map((p) => (
              <tr key={p.id}>
                <td data-label={t(L, 'prv.postingTitle')}>
                  <a href={`/staff/postings/${p.id}`}>{p.title}</a>
                </td>
                <td data-label={t(L, 'prv.company')}>{p.employerName}</td>
                <td data-label={t(L, 'prv.region')}>{codeName('regions', p.regionCode, L)}</td>
                <td data-label={t(L, 'prv.status')}>{postingStatusName(p.status, L)}</td>
                <td data-label={t(L, 'prv.closes')}>{koDate(p.closesAt, L)}</td>
              </tr>
            ))}
          </StackTable>
        )}
        <Pager req={req} page={page} pageSize={20} total={r.total} />
      </Layout>
    );
  }

  app.get('/staff/postings', pageOpts, async (req, reply) => {
    const { actor } = pageGuard(req, 'postings.read');
    if (!isStaff(actor)) return reply.redirect('/employer', 303);
    return renderPage(reply, await listPage(req, actor));
  });

  app.post('/staff/postings/:id/approve', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'postings.approve');
    await approvePosting(ctx.db, actor, uuidParam(req));
    return reply.redirect('/staff/postings?done=approved', 303);
  });

  app.post('/staff/postings/:id/review', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'postings.approve');
    const id = uuidParam(req);
    const body = (req.body ?? {}) as Record<string, string>;
    const decision = str(body, 'decision') === 'rejected' ? 'rejected' : 'returned';
    const reason = str(body, 'reason');
    try {
      await reviewPosting(ctx.db, actor, id, decision, reason);
      return reply.redirect(`/staff/postings?done=${decision}`, 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const refusal = { id, message: e.fields.reason ?? e.form, reason };
      return renderPage(reply, await listPage(req, actor, refusal), 400);
    }
  });
}
