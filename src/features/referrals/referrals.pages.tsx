import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { Csrf, Input, keyOptions, Select } from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { SearchForm, StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, pageWindow, requirePermission, seoul } from '../../web/page.tsx';
import { userNames } from '../accounts/user-lookups.service.ts';
import { getPostingsNamedBy } from '../postings/postings.service.ts';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { registerReferralStatusPages } from './referral-status.pages.tsx';
import {
  createReferral,
  listReferrals,
  REFERRAL_STATUSES,
  referralCreators,
  TRANSITIONS,
} from './referrals.service.ts';
import type { ReferralStatus } from './referrals.tables.ts';

defineMessages({
  'pr.board': ['알선 현황', 'Referral board'],
  'pr.status.referred': ['알선', 'Referred'],
  'pr.status.screening': ['서류 전형', 'Screening'],
  'pr.status.interview': ['면접', 'Interview'],
  'pr.status.hired': ['채용', 'Hired'],
  'pr.status.rejected': ['불합격', 'Rejected'],
  'pr.status.no_show': ['면접 불참', 'No-show'],
  'pr.status.withdrawn': ['취소', 'Withdrawn'],
  'pr.move': ['상태 변경', 'Change status'],
  'pr.moveTo': ['다음 상태', 'New status'],
  'pr.moved': ['알선 상태가 변경되었습니다.', 'The referral status is changed.'],
  'pr.created': ['알선이 등록되었습니다.', 'The referral is recorded.'],
  'pr.refer': ['알선하기', 'Refer'],
  'pr.none': ['없음', 'None'],
  'pr.since': ['등록', 'Since'],
  'pr.filter.status': ['상태', 'Status'],
  'pr.filter.counsellor': ['알선 상담사', 'Referred by'],
  'pr.filter.from': ['알선일 (부터)', 'Referred from'],
  'pr.filter.to': ['알선일 (까지)', 'Referred until'],
  'pr.filter.all': ['전체', 'All'],
  'pr.count': ['{total}건', '{total} referrals'],
  'pr.empty': [
    '조건에 맞는 알선이 없습니다. 조건을 넓히거나 구직자 화면에서 알선하세요.',
    "No referrals match. Widen the filters, or refer from a seeker's page.",
  ],
  'pr.col.seeker': ['구직자', 'Seeker'],
  'pr.col.posting': ['구인공고 · 기업', 'Posting · company'],
  'pr.col.status': ['진행 상태', 'Status'],
  'pr.col.created': ['알선일', 'Referred on'],
  'pr.col.by': ['상담사', 'Counsellor'],
  'pr.col.actions': ['처리', 'Actions'],
  'pr.hiddenSeeker': ['(볼 수 없는 구직자)', '(seeker not visible)'],
  'pr.interviewOn': ['면접 {at}', 'Interview {at}'],
  'pr.letter': ['알선장 인쇄', 'Print referral letter'],
  'pr.changedOn': ['변경', 'Changed'],
});

type Referral = Awaited<ReturnType<typeof listReferrals>>['items'][number];

/** The status change form of one referral (the next statuses the pipeline allows). */
export function MoveForm({ req, r, back, L }: { req: FastifyRequest; r: Referral; back: string; L: Lang }) {
  const next = TRANSITIONS[r.status as ReferralStatus] ?? [];
  if (!next.length) return null;
  const id = `move-${r.id}`;
  return (
    <form method="post" action={`/staff/referrals/${r.id}/status`} class="actions">
      <Csrf token={req.csrfToken} />
      <input type="hidden" name="back" value={back} />
      <label for={id} class="visually-hidden">
        {t(L, 'pr.moveTo')}
      </label>
      <select id={id} name="status">
        {next.map((s) => (
          <option key={s} value={s}>
            {t(L, `pr.status.${s}`)}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {t(L, 'pr.move')}
      </button>
    </form>
  );
}

/** Where a referral's posting opens for staff: its staff page, reached through the referral. */
export function staffPostingHref(r: { id: string; postingId: string }): string {
  return `/staff/postings/${r.postingId}?referral=${r.id}`;
}

const PAGE = 20;

/**
 * /staff/referrals: the referrals of the actor's centres as one table (cards on a phone), newest
 * first, filtered by status, counsellor and period, 20 a page; each row moves on, prints its
 * 알선장 and opens the seeker's and the posting's staff pages. POST to refer a seeker.
 */
export function registerReferralPages(app: Server, ctx: AppContext): void {
  app.get('/staff/referrals', pageOpts, async (req, reply) => {
    const { actor, L, q, page } = pageGuard(req, 'referrals.write');
    const status = (REFERRAL_STATUSES as readonly string[]).includes(q.status ?? '')
      ? (q.status as ReferralStatus)
      : undefined;
    const createdBy = /^[0-9a-f-]{36}$/i.test(q.counsellorId ?? '') ? q.counsellorId : undefined;
    const day = (v: string | undefined) => (v && isRealDate(v) ? v : undefined);
    const from = day(q.from);
    const to = day(q.to);
    const r = await listReferrals(requestContext(ctx.db, req), {
      status,
      createdBy,
      from,
      to,
      ...pageWindow(page, PAGE),
    });
    const [seekers, postings, creators] = await Promise.all([
      seekerLabels(requestContext(ctx.db, req), { ids: r.items.map((x) => x.seekerId) }),
      getPostingsNamedBy(
        ctx.db,
        r.items.map((x) => x.postingId),
      ),
      referralCreators(ctx.db, actor),
    ]);
    const names = await userNames(ctx.db, [...creators, ...r.items.map((x) => x.createdBy)]);
    const back = req.url;
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pr.board')}>
        <h1>{t(L, 'pr.board')}</h1>
        {q.moved ? <Notice kind="ok">{t(L, 'pr.moved')}</Notice> : null}
        <SearchForm lang={L} action="/staff/referrals">
          <Select
            lang={L}
            name="status"
            label={t(L, 'pr.filter.status')}
            empty={t(L, 'pr.filter.all')}
            value={status}
            options={keyOptions(L, REFERRAL_STATUSES, 'pr.status')}
          />
          <Select
            lang={L}
            name="counsellorId"
            label={t(L, 'pr.filter.counsellor')}
            empty={t(L, 'pr.filter.all')}
            value={createdBy}
            options={creators.map((u) => ({ value: u, label: names.get(u) ?? u }))}
          />
          <Input lang={L} name="from" type="date" label={t(L, 'pr.filter.from')} value={from} />
          <Input lang={L} name="to" type="date" label={t(L, 'pr.filter.to')} value={to} />
        </SearchForm>
        <p aria-live="polite">{t(L, 'pr.count', { total: r.total })}</p>
        {r.items.length === 0 ? (
          <p>{t(L, 'pr.empty')}</p>
        ) : (
          <StackTable
            lang={L}
            columns={[
              'pr.col.seeker',
              'pr.col.posting',
              'pr.col.status',
              'pr.col.created',
              'pr.col.by',
              'pr.col.actions',
            ]}
          >
            {r.items.map((x) => {
              const s = seekers.get(x.seekerId);
              const p = postings.get(x.postingId);
              return (
                <tr key={x.id}>
                  <td data-label={t(L, 'pr.col.seeker')}>
                    {s ? (
                      <>
                        <a href={`/staff/seekers/${x.seekerId}`}>{s.name}</a>
                        <br />
                        <span class="muted">{s.birthDate}</span>
                      </>
                    ) : (
                      t(L, 'pr.hiddenSeeker')
                    )}
                  </td>
                  <td data-label={t(L, 'pr.col.posting')}>
                    {p ? <a href={staffPostingHref(x)}>{p.title}</a> : '—'}
                    {p ? (
                      <>
                        <br />
                        <span class="muted">{p.employerName}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t(L, 'pr.col.status')}>
                    <span class="tag strong">{t(L, `pr.status.${x.status}`)}</span>
                    {x.interviewAt ? (
                      <>
                        <br />
                        {t(L, 'pr.interviewOn', { at: seoul(x.interviewAt) })}
                        {x.interviewPlace ? ` · ${x.interviewPlace}` : ''}
                      </>
                    ) : null}
                  </td>
                  <td data-label={t(L, 'pr.col.created')}>{seoul(x.createdAt, false)}</td>
                  <td data-label={t(L, 'pr.col.by')}>{x.createdBy ? (names.get(x.createdBy) ?? '') : ''}</td>
                  <td data-label={t(L, 'pr.col.actions')}>
                    <MoveForm req={req} r={x} back={back} L={L} />
                    {s ? (
                      <a href={`/staff/referrals/${x.id}/letter`}>
                        {t(L, 'pr.letter')}
                        <span class="visually-hidden">: {s.name}</span>
                      </a>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </StackTable>
        )}
        <Pager req={req} page={page} pageSize={PAGE} total={r.total} />
      </Layout>,
    );
  });

  app.post('/staff/referrals', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'referrals.write');
    const b = (req.body ?? {}) as Record<string, string>;
    const seekerId = String(b.seekerId ?? '');
    await createReferral(
      { db: ctx.db, actor, ip: req.ip, lang: req.lang },
      { seekerId, postingId: String(b.postingId ?? '') },
    );
    return reply.redirect(`/staff/seekers/${seekerId}?referred=1#referrals`, 303);
  });

  registerReferralStatusPages(app, ctx);
}
