import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { Csrf } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, query, requirePermission, safeNext, seoul } from '../../web/page.tsx';
import { describeReferrals } from '../../web/referral-card.tsx';
import {
  changeStatus,
  createReferral,
  listReferrals,
  REFERRAL_STATUSES,
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

/** /staff/referrals: the pipeline by status, with status changes; POST to refer a seeker. */
export function registerReferralPages(app: Server, ctx: AppContext): void {
  app.get('/staff/referrals', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'referrals.write');
    const L = req.lang;
    const columns = await Promise.all(
      REFERRAL_STATUSES.map(async (status) => ({
        status,
        ...(await listReferrals(requestContext(ctx.db, req), { status, offset: 0, limit: 20 })),
      })),
    );
    const names = await describeReferrals(
      ctx,
      actor,
      req.ip,
      columns.flatMap((c) => c.items),
    );
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pr.board')}>
        <h1>{t(L, 'pr.board')}</h1>
        {query(req).moved ? <Notice kind="ok">{t(L, 'pr.moved')}</Notice> : null}
        <div class="board">
          {columns.map((c) => (
            <section key={c.status} aria-labelledby={`col-${c.status}`}>
              <h2 id={`col-${c.status}`}>
                {t(L, `pr.status.${c.status}`)} ({c.total})
              </h2>
              {c.items.length === 0 ? <p class="muted">{t(L, 'pr.none')}</p> : null}
              <ul class="cards">
                {c.items.map((r) => (
                  <li class="card" key={r.id}>
                    <h3>
                      <a href={`/staff/seekers/${r.seekerId}`}>{names.seeker(r.seekerId)}</a>
                    </h3>
                    <p>
                      <a href={`/jobs/${r.postingId}`}>{names.posting(r.postingId)}</a>
                    </p>
                    <p class="muted">
                      {t(L, 'pr.since')}: {seoul(r.createdAt)}
                    </p>
                    <MoveForm req={req} r={r} back="/staff/referrals" L={L} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
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

  app.post('/staff/referrals/:id/status', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'referrals.write');
    const b = (req.body ?? {}) as Record<string, string>;
    const status = String(b.status ?? '') as ReferralStatus;
    if (!(REFERRAL_STATUSES as readonly string[]).includes(status))
      throw new DomainError('validation', 'error.validation');
    await changeStatus(ctx.db, { kind: 'user', actor, ip: req.ip }, (req.params as { id: string }).id, {
      status,
    });
    const back = safeNext(b.back, '/staff/referrals');
    return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}moved=1`, 303);
  });
}
