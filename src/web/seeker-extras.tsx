import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { MoveForm } from '../features/referrals/referrals.pages.tsx';
import type { SeekerPage } from '../features/seekers/seeker-page.service.ts';
import { can } from '../platform/access/policy.ts';
import { defineMessages, t } from '../platform/i18n/i18n.ts';
import { Csrf } from './forms.tsx';
import { Notice } from './layout.tsx';
import { query } from './page.tsx';
import { ReferralCard } from './referral-card.tsx';

defineMessages({
  'sx.recs': ['추천 일자리 (근거 포함)', 'Recommended jobs (with reasons)'],
  'sx.referrals': ['알선 이력', 'Referrals'],
  'sx.score': ['적합도 {score}점', 'Match {score}'],
  'sx.none': ['추천할 일자리가 없습니다.', 'No recommendations.'],
  'sx.recsFailed': [
    '추천 일자리를 불러오지 못했습니다. 잠시 후 다시 시도하세요.',
    'The recommendations could not be loaded. Try again shortly.',
  ],
  'sx.referralsFailed': [
    '알선 이력을 불러오지 못했습니다. 잠시 후 다시 시도하세요.',
    'The referrals could not be loaded. Try again shortly.',
  ],
  'sx.noReferrals': ['알선 이력이 없습니다.', 'No referrals yet.'],
  'sx.referred': ['알선이 등록되었습니다.', 'The referral is recorded.'],
});

/**
 * Recommendations with reasons (each with a refer button) and referrals, on a seeker's staff
 * page, from what `loadSeekerPage` read; a section that failed to load says so.
 */
export function SeekerExtras({ req, page }: { req: FastifyRequest; page: SeekerPage }): VNode | null {
  const actor = req.actor;
  if (!actor) return null;
  const L = req.lang;
  const seeker = page.seeker;
  const refers = can(actor, 'referrals.write');
  const back = `/staff/seekers/${seeker.id}`;
  const recs = page.recommendations;
  const refs = page.referrals;
  return (
    <div class="two">
      {recs.state === 'hidden' ? null : (
        <section aria-labelledby="recs-h">
          <h2 id="recs-h">{t(L, 'sx.recs')}</h2>
          {recs.state === 'failed' ? (
            <Notice kind="error">{t(L, 'sx.recsFailed')}</Notice>
          ) : recs.value.length === 0 ? (
            <p class="muted">{t(L, 'sx.none')}</p>
          ) : null}
          <ol class="cards">
            {(recs.state === 'ok' ? recs.value : []).map((r) => {
              const p = page.posting(r.postingId);
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
                  {refers && page.full ? (
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
      )}
      {refs.state === 'hidden' ? null : (
        <section aria-labelledby="referrals-h" id="referrals">
          <h2 id="referrals-h">{t(L, 'sx.referrals')}</h2>
          {query(req).referred ? <Notice kind="ok">{t(L, 'sx.referred')}</Notice> : null}
          {refs.state === 'failed' ? (
            <Notice kind="error">{t(L, 'sx.referralsFailed')}</Notice>
          ) : refs.value.length === 0 ? (
            <p class="muted">{t(L, 'sx.noReferrals')}</p>
          ) : null}
          <ul class="cards">
            {(refs.state === 'ok' ? refs.value : []).map((r) => {
              const p = page.posting(r.postingId);
              return (
                <ReferralCard
                  key={r.id}
                  r={r}
                  postingTitle={p ? `${p.title} · ${p.employerName}` : '—'}
                  postingHref={`/staff/postings/${r.postingId}?referral=${r.id}`}
                  L={L}
                >
                  <p>
                    <a href={`/staff/referrals/${r.id}/letter`}>{t(L, 'pr.letter')}</a>
                  </p>
                  {refers ? <MoveForm req={req} r={r} back={back} L={L} /> : null}
                </ReferralCard>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
