import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { recommendPostings } from '../features/matching/matching.service.ts';
import { getPosting } from '../features/postings/postings.service.ts';
import { describeReferrals, MoveForm, ReferralCard } from '../features/referrals/referrals.pages.tsx';
import { listReferrals } from '../features/referrals/referrals.service.ts';
import { can } from '../platform/access/policy.ts';
import type { AppContext } from '../platform/context.ts';
import { defineMessages, t } from '../platform/i18n/i18n.ts';
import { Csrf } from './forms.tsx';
import { Notice } from './layout.tsx';
import { query } from './page.tsx';

defineMessages({
  'sx.recs': ['추천 일자리 (근거 포함)', 'Recommended jobs (with reasons)'],
  'sx.referrals': ['알선 이력', 'Referrals'],
  'sx.score': ['적합도 {score}점', 'Match {score}'],
  'sx.none': ['추천할 일자리가 없습니다.', 'No recommendations.'],
  'sx.recsFailed': [
    '추천 일자리를 불러오지 못했습니다. 잠시 후 다시 시도하세요.',
    'The recommendations could not be loaded. Try again shortly.',
  ],
  'sx.noReferrals': ['알선 이력이 없습니다.', 'No referrals yet.'],
  'sx.referred': ['알선이 등록되었습니다.', 'The referral is recorded.'],
});

/** Recommendations with reasons (each with a refer button) and referrals, on a seeker's staff page. */
export async function seekerExtras(
  req: FastifyRequest,
  ctx: AppContext,
  seeker: { id: string; shared: boolean; status: string },
): Promise<VNode | null> {
  const actor = req.actor;
  if (!actor) return null;
  const L = req.lang;
  const refers = can(actor, 'referrals.write');
  // A section that cannot be loaded says so: an empty list would claim there is nothing to offer.
  let recsFailed = false;
  const recs = can(actor, 'matching.read')
    ? await recommendPostings(ctx.db, actor, seeker.id, { limit: 10, lang: L, ip: req.ip }).catch(
        (err: unknown) => {
          req.log.error({ err }, 'recommendations failed on the seeker page');
          recsFailed = true;
          return { items: [] };
        },
      )
    : { items: [] };
  const postings = await Promise.all(
    recs.items.map((r) => getPosting(ctx.db, actor, r.postingId).catch(() => null)),
  );
  const refs = can(actor, 'referrals.read')
    ? await listReferrals(ctx.db, actor, { seekerId: seeker.id, offset: 0, limit: 50 }, req.ip)
    : { items: [], total: 0 };
  const names = await describeReferrals(ctx, actor, req.ip, refs.items);
  const back = `/staff/seekers/${seeker.id}`;
  return (
    <div class="two">
      <section aria-labelledby="recs-h">
        <h2 id="recs-h">{t(L, 'sx.recs')}</h2>
        {recsFailed ? (
          <Notice kind="error">{t(L, 'sx.recsFailed')}</Notice>
        ) : recs.items.length === 0 ? (
          <p class="muted">{t(L, 'sx.none')}</p>
        ) : null}
        <ol class="cards">
          {recs.items.map((r, i) => {
            const p = postings[i];
            if (!p) return null;
            return (
              <li class="card" key={r.postingId}>
                <h3>
                  <a href={`/jobs/${p.id}`}>{p.title}</a>
                </h3>
                <p>
                  {p.employerName} · <strong>{t(L, 'sx.score', { score: Math.round(r.score) })}</strong>
                </p>
                <ul>
                  {r.reasons.map((x) => (
                    <li key={x.factor}>{x.detail}</li>
                  ))}
                </ul>
                {refers && !seeker.shared ? (
                  <form method="post" action="/staff/referrals">
                    <Csrf token={req.csrfToken} />
                    <input type="hidden" name="seekerId" value={seeker.id} />
                    <input type="hidden" name="postingId" value={p.id} />
                    <button type="submit" class="secondary">
                      {t(L, 'pr.refer')}
                      <span class="visually-hidden">: {p.title}</span>
                    </button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-labelledby="referrals-h" id="referrals">
        <h2 id="referrals-h">{t(L, 'sx.referrals')}</h2>
        {query(req).referred ? <Notice kind="ok">{t(L, 'sx.referred')}</Notice> : null}
        {refs.items.length === 0 ? <p class="muted">{t(L, 'sx.noReferrals')}</p> : null}
        <ul class="cards">
          {refs.items.map((r) => (
            <ReferralCard key={r.id} r={r} postingTitle={names.posting(r.postingId)} L={L}>
              {refers ? <MoveForm req={req} r={r} back={back} L={L} /> : null}
            </ReferralCard>
          ))}
        </ul>
      </section>
    </div>
  );
}
