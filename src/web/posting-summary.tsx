import type { getPosting } from '../features/postings/postings.service.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { codeName } from './codes.tsx';
import { num } from './page.tsx';

type Posting = Awaited<ReturnType<typeof getPosting>>;

/** "월급 2,500,000 ~ 3,000,000원" */
export function wageText(p: Pick<Posting, 'wageType' | 'wageMin' | 'wageMax'>, L: Lang): string {
  const type = codeName('wage-types', p.wageType, L);
  const range =
    p.wageMax && p.wageMax !== p.wageMin ? `${num(p.wageMin)} ~ ${num(p.wageMax)}` : num(p.wageMin);
  return L === 'en' ? `${type} KRW ${range}` : `${type} ${range}원`;
}

/** Title link, employer · region and wage of a posting: the head of a posting card in lists. */
export function PostingSummary({
  p,
  L,
}: {
  p: Pick<Posting, 'id' | 'title' | 'employerName' | 'regionCode' | 'wageType' | 'wageMin' | 'wageMax'>;
  L: Lang;
}) {
  return (
    <>
      <h3>
        <a href={`/jobs/${p.id}`}>{p.title}</a>
      </h3>
      <p>
        {p.employerName} · {codeName('regions', p.regionCode, L)}
      </p>
      <p>{wageText(p, L)}</p>
    </>
  );
}
