import type { ComponentChildren } from 'preact';
import { getPostingsNamedBy } from '../features/postings/postings.service.ts';
import type { listReferrals } from '../features/referrals/referrals.service.ts';
import { getSeeker } from '../features/seekers/seekers.service.ts';
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../platform/http/actor.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { seoul } from './page.tsx';

// Referral cards shared by the referral board (features/referrals), the staff seeker page and
// the seeker's own page (/me); the `pr.*` messages are the referrals feature's.

type Referral = Awaited<ReturnType<typeof listReferrals>>['items'][number];

/** Names for referral cards: seeker name and posting title (each seeker lookup is access-logged). */
export async function describeReferrals(ctx: AppContext, actor: Actor, ip: string | null, items: Referral[]) {
  const seekers = new Map<string, string>();
  for (const r of items) {
    if (!seekers.has(r.seekerId) && actor.role !== 'seeker') {
      const s = await getSeeker(
        { db: ctx.db, actor, ip, lang: 'ko' },
        { id: r.seekerId, dataKey: ctx.dataKey },
      ).catch(() => null);
      seekers.set(r.seekerId, s?.name ?? '—');
    }
  }
  // The referrals are the actor's own (listReferrals scoped them): their postings are named even
  // after they closed; only an open one links to its public page (a closed one would be a 404).
  const postings = await getPostingsNamedBy(
    ctx.db,
    items.map((r) => r.postingId),
  );
  return {
    seeker: (id: string) => seekers.get(id) ?? '',
    posting: (id: string) => {
      const p = postings.get(id);
      return p ? `${p.title} · ${p.employerName}` : '—';
    },
    postingHref: (id: string) => (postings.get(id)?.status === 'open' ? `/jobs/${id}` : null),
  };
}

/**
 * A referral as a card: the posting it is for and its status — with an interview, when and where
 * it is (what the seeker needs), else the day it last changed.
 */
export function ReferralCard({
  r,
  postingTitle,
  L,
  postingHref = `/jobs/${r.postingId}`,
  children,
}: {
  r: Referral;
  postingTitle: string;
  L: Lang;
  /** Where the title links: the public job page for a seeker, the staff posting page for staff. */
  postingHref?: string | null;
  children?: ComponentChildren;
}) {
  return (
    <li class="card">
      <p>{postingHref ? <a href={postingHref}>{postingTitle}</a> : postingTitle}</p>
      <p>
        <span class="tag strong">{t(L, `pr.status.${r.status}`)}</span>{' '}
        {r.interviewAt && r.status === 'interview' ? (
          <strong>
            {t(L, 'pr.interviewOn', { at: seoul(r.interviewAt) })}
            {r.interviewPlace ? ` · ${r.interviewPlace}` : ''}
          </strong>
        ) : (
          <span class="muted">
            {t(L, 'pr.changedOn')} {seoul(r.updatedAt, false)}
          </span>
        )}
      </p>
      {children}
    </li>
  );
}
