import type { ComponentChildren } from 'preact';
import { getPosting } from '../features/postings/postings.service.ts';
import type { listReferrals } from '../features/referrals/referrals.service.ts';
import { getSeeker } from '../features/seekers/seekers.service.ts';
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../platform/http/actor.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { seoul } from './page.tsx';

// Referral cards shared by the referral board (features/referrals), the staff seeker page and
// the seeker's own page (/me); the `pr.*` messages are the referrals feature's.

type Referral = Awaited<ReturnType<typeof listReferrals>>['items'][number];

/** Names for referral cards: seeker name and posting title (each lookup is access-logged). */
export async function describeReferrals(ctx: AppContext, actor: Actor, ip: string | null, items: Referral[]) {
  const seekers = new Map<string, string>();
  const postings = new Map<string, string>();
  for (const r of items) {
    if (!seekers.has(r.seekerId) && actor.role !== 'seeker') {
      const s = await getSeeker(
        { db: ctx.db, actor, ip, lang: 'ko' },
        { id: r.seekerId, dataKey: ctx.dataKey },
      ).catch(() => null);
      seekers.set(r.seekerId, s?.name ?? '—');
    }
    if (!postings.has(r.postingId)) {
      const p = await getPosting(ctx.db, actor, r.postingId).catch(() => null);
      postings.set(r.postingId, p ? `${p.title} · ${p.employerName}` : '—');
    }
  }
  return { seeker: (id: string) => seekers.get(id) ?? '', posting: (id: string) => postings.get(id) ?? '' };
}

/** A referral as a card: the posting it is for, its status and when it last changed. */
export function ReferralCard({
  r,
  postingTitle,
  L,
  children,
}: {
  r: Referral;
  postingTitle: string;
  L: Lang;
  children?: ComponentChildren;
}) {
  return (
    <li class="card">
      <p>
        <a href={`/jobs/${r.postingId}`}>{postingTitle}</a>
      </p>
      <p>
        <span class="tag strong">{t(L, `pr.status.${r.status}`)}</span> {seoul(r.updatedAt)}
      </p>
      {children}
    </li>
  );
}
