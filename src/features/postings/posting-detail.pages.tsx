import type { FastifyRequest } from 'fastify';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { codeName } from '../../web/codes.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, query, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { wageText } from '../../web/posting-summary.tsx';
import { Facts, PrintLayout } from '../../web/print.tsx';
import { visibleReferral } from '../referrals/referrals.service.ts';
import { getPosting, getPostingNamedBy } from './postings.service.ts';

defineMessages({
  'pd.title': ['구인공고', 'Job posting'],
  'pd.card': ['구인표', 'Job order sheet'],
  'pd.print': ['구인표 인쇄', 'Print the job order sheet'],
  'pd.employer': ['기업', 'Company'],
  'pd.status': ['공고 상태', 'Status'],
  'pd.occupation': ['직종', 'Occupation'],
  'pd.duties': ['직무 내용', 'Duties'],
  'pd.headcount': ['모집 인원', 'Openings'],
  'pd.headcountN': ['{n}명', '{n}'],
  'pd.employmentType': ['고용 형태', 'Employment type'],
  'pd.wage': ['임금', 'Wage'],
  'pd.workDays': ['근무 요일', 'Work days'],
  'pd.workHours': ['근무 시간', 'Work hours'],
  'pd.region': ['근무 지역', 'Region'],
  'pd.address': ['근무지 주소', 'Address'],
  'pd.education': ['최소 학력', 'Education'],
  'pd.career': ['경력', 'Experience'],
  'pd.certificates': ['자격증', 'Certificates'],
  'pd.closesAt': ['마감일', 'Closes'],
  'pd.createdAt': ['등록일', 'Registered'],
  'pd.postingNo': ['공고번호 {id}', 'Posting {id}'],
  'pd.toReferral': ['알선 현황으로', 'Back to the referrals'],
  'pd.status.open': ['모집 중', 'Open'],
  'pd.status.pending': ['승인 대기', 'Awaiting approval'],
  'pd.status.closed': ['마감', 'Closed'],
  'pd.status.filled': ['채용 완료', 'Filled'],
  'pd.status.expired': ['기한 지남', 'Expired'],
  'pd.status.draft': ['작성 중', 'Draft'],
  'pd.status.rejected': ['반려', 'Rejected'],
  'pd.status.returned': ['보완 요청 중', 'Returned for changes'],
  'pd.career.N': ['신입', 'No experience'],
  'pd.career.E': ['경력 {months}개월 이상', '{months}+ months'],
  'pd.career.Z': ['관계없음', 'Any'],
});

type Posting = Awaited<ReturnType<typeof getPosting>>;

/**
 * The posting a staff member may open: one of their centres' (or open), or one a referral they
 * can see names (`?referral=`), even after it closed — the referral board links there.
 */
async function postingFor(ctx: AppContext, req: FastifyRequest): Promise<Posting> {
  const actor = requirePermission(req, 'postings.read');
  const id = uuidParam(req);
  try {
    return await getPosting(ctx.db, actor, id);
  } catch (err) {
    const referral = query(req).referral ?? '';
    if (!(err instanceof DomainError) || err.code !== 'not_found' || !/^[0-9a-f-]{36}$/i.test(referral))
      throw err;
    const r = await visibleReferral(ctx.db, actor, referral);
    if (r.postingId !== id) throw err;
    return getPostingNamedBy(ctx.db, id);
  }
}

function statusName(status: string, L: Lang): string {
  const key = `pd.status.${status}`;
  const name = t(L, key);
  return name === key ? status : name;
}

/** The facts of a posting, the same on its staff page and its 구인표. */
function postingFacts(p: Posting, L: Lang): [string, string][] {
  return [
    [t(L, 'pd.employer'), p.employerName],
    [t(L, 'pd.occupation'), p.occupationName || codeName('occupations', p.occupationCode, L)],
    [t(L, 'pd.duties'), p.duties],
    [t(L, 'pd.headcount'), t(L, 'pd.headcountN', { n: p.headcount })],
    [t(L, 'pd.employmentType'), codeName('employment-types', p.employmentType, L)],
    [t(L, 'pd.wage'), wageText(p, L)],
    [t(L, 'pd.workDays'), p.workDays ?? '—'],
    [t(L, 'pd.workHours'), p.workHours ?? '—'],
    [t(L, 'pd.region'), p.regionName || codeName('regions', p.regionCode, L)],
    [t(L, 'pd.address'), p.address ?? '—'],
    [t(L, 'pd.education'), codeName('education', p.educationMin, L)],
    [t(L, 'pd.career'), t(L, `pd.career.${p.career.type}`, { months: p.career.minMonths ?? 0 })],
    [t(L, 'pd.certificates'), p.certificates.length ? p.certificates.join(', ') : '—'],
    [t(L, 'pd.closesAt'), p.closesAt],
    [t(L, 'pd.status'), statusName(p.status, L)],
  ];
}

/** /staff/postings/{id} (a posting's staff page) and /staff/postings/{id}/card (구인표, A4). */
export function registerPostingDetailPages(app: Server, ctx: AppContext): void {
  app.get('/staff/postings/:id', pageOpts, async (req, reply) => {
    const p = await postingFor(ctx, req);
    const L = req.lang;
    const referral = query(req).referral;
    const card = `/staff/postings/${p.id}/card${referral ? `?referral=${encodeURIComponent(referral)}` : ''}`;
    return renderPage(
      reply,
      <Layout req={req} title={p.title} nav="/staff/postings">
        <h1>{p.title}</h1>
        <p>
          <span class="tag strong">{statusName(p.status, L)}</span>{' '}
          <a href={`/staff/employers/${p.employerId}`}>{p.employerName}</a>
        </p>
        <p class="actions">
          <a class="button secondary" href={card}>
            {t(L, 'pd.print')}
          </a>
          {referral ? <a href="/staff/referrals">{t(L, 'pd.toReferral')}</a> : null}
        </p>
        <dl class="facts">
          {postingFacts(p, L).map(([k, v]) => (
            <>
              <dt key={`${k}-t`}>{k}</dt>
              <dd key={`${k}-d`}>{v}</dd>
            </>
          ))}
        </dl>
      </Layout>,
    );
  });

  app.get('/staff/postings/:id/card', pageOpts, async (req, reply) => {
    const p = await postingFor(ctx, req);
    const L = req.lang;
    // A posting holds no personal data, but every printout is in the access log (SECURITY.md 9).
    await recordAccess(ctx.db, {
      actor: req.actor,
      ip: req.ip,
      action: 'print',
      subjectType: 'posting',
      subjectId: p.id,
      centreId: p.centreId,
      reason: '구인표 출력',
    });
    return renderPage(
      reply,
      <PrintLayout req={req} title={`${t(L, 'pd.card')} · ${p.title}`} back={`/staff/postings/${p.id}`}>
        <h1>{t(L, 'pd.card')}</h1>
        <p class="docno">
          {t(L, 'pd.postingNo', { id: p.id.slice(0, 8) })} · {t(L, 'pd.createdAt')}{' '}
          {seoul(p.createdAt, false)}
        </p>
        <h2>{p.title}</h2>
        <Facts rows={postingFacts(p, L)} />
      </PrintLayout>,
    );
  });
}
