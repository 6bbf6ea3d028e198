import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { codeName, OccupationSelect } from '../../web/codes.tsx';
import { koDate } from '../../web/dates.ts';
import { fieldErrors } from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { RegionFilter, SearchForm, SearchInput } from '../../web/lists.tsx';
import { num, pageNo, pageOpts, pageWindow, query, uuidParam } from '../../web/page.tsx';
import { wageText } from '../../web/posting-summary.tsx';
import { pageExists } from '../../web/registry.ts';
import { registerPostingReviewPages } from './posting-review.pages.tsx';
import { listPostings } from './postings.search.ts';
import { getPosting } from './postings.service.ts';
import { registerWorknetPullPages } from './worknet-pulls.pages.tsx';

defineMessages({
  'pp.jobs': ['일자리 찾기', 'Find jobs'],
  'pp.q': ['검색어', 'Keywords'],
  'pp.qHint': [
    '직종, 회사명, 업무 내용 (예: 용접, 요양)',
    'Occupation, company or duties (e.g. welding, care)',
  ],
  'pp.region': ['근무 지역', 'Work region'],
  'pp.occupation': ['직종', 'Occupation'],
  'pp.any': ['전체', 'Any'],
  'pp.count': ['{total}건의 일자리', '{total} jobs'],
  'pp.wage': ['임금', 'Wage'],
  'pp.closes': ['마감일', 'Closes'],
  'pp.company': ['회사', 'Company'],
  'pp.headcount': ['모집 인원', 'Openings'],
  'pp.duties': ['하는 일', 'Duties'],
  'pp.employmentType': ['고용 형태', 'Employment type'],
  'pp.workDays': ['근무 요일', 'Work days'],
  'pp.workHours': ['근무 시간', 'Working hours'],
  'pp.education': ['최소 학력', 'Minimum education'],
  'pp.career': ['경력', 'Experience'],
  'pp.certificates': ['자격증', 'Certificates'],
  'pp.preferences': ['우대 조건', 'Preferences'],
  'pp.address': ['근무지', 'Workplace'],
  'pp.months': ['{n}개월 이상', 'at least {n} months'],
  'pp.persons': ['{n}명', '{n}'],
  'pp.apply': ['지원 방법', 'How to apply'],
  'pp.applyText': [
    '이 공고는 일자리센터를 통해 지원합니다. 구직 등록을 하면 담당 상담사가 이력을 확인하고 기업에 알선(추천)해 드립니다. 면접 일정과 결과는 내 정보 화면과 문자로 알려 드립니다.',
    'You apply for this job through the job centre. Register as a job seeker: a counsellor checks your profile and refers you to the employer. Interview dates and results show on your page and come by text message.',
  ],
  'pp.applyRegister': ['구직 등록하고 지원하기', 'Register and apply'],
  'pp.applyLogin': ['이미 등록했다면 로그인', 'Already registered? Log in'],
  'pp.applyMe': ['내 정보에서 추천 일자리와 알선 현황 보기', 'See your recommendations and referrals'],
  'pp.back': ['검색 결과로', 'Back to the results'],
  'pp.status': ['상태', 'Status'],
  'pp.title': ['공고 제목', 'Title'],
  'pp.status.draft': ['작성 중', 'Draft'],
  'pp.status.pending': ['승인 대기', 'Pending'],
  'pp.status.open': ['모집 중', 'Open'],
  'pp.status.closed': ['마감', 'Closed'],
  'pp.status.filled': ['충원', 'Filled'],
  'pp.status.expired': ['기간 만료', 'Expired'],
  'pp.status.rejected': ['반려', 'Rejected'],
  'pp.status.returned': ['보완 요청 중', 'Returned for changes'],
});

type Posting = Awaited<ReturnType<typeof getPosting>>;

function PostingCard({ p, L }: { p: Posting; L: Lang }) {
  return (
    <li class="card">
      <h2>
        <a href={`/jobs/${p.id}`}>{p.title}</a>
      </h2>
      <p>{p.employerName}</p>
      <p>
        <span class="tag">{codeName('regions', p.regionCode, L)}</span>
        <span class="tag">{p.occupationName || p.occupationCode}</span>
        <span class="tag">{codeName('employment-types', p.employmentType, L)}</span>
      </p>
      <p>
        {t(L, 'pp.wage')}: {wageText(p, L)}
      </p>
      <p class="muted">
        {t(L, 'pp.closes')}: {koDate(p.closesAt, L)}
      </p>
    </li>
  );
}

function Facts({ p, L }: { p: Posting; L: Lang }) {
  const rows: [string, string][] = [
    ['pp.company', p.employerName],
    // The name in the posting's own KECO edition (1555 is 환경공학 기술자 및 연구원 in 2025).
    ['pp.occupation', p.occupationName || p.occupationCode],
    ['pp.headcount', t(L, 'pp.persons', { n: p.headcount })],
    ['pp.employmentType', codeName('employment-types', p.employmentType, L)],
    ['pp.wage', wageText(p, L)],
    ['pp.workDays', codeName('work-days', p.workDays, L)],
    ['pp.workHours', p.workHours ?? ''],
    ['pp.region', codeName('regions', p.regionCode, L)],
    ['pp.address', p.address ?? ''],
    ['pp.education', codeName('education', p.educationMin, L)],
    [
      'pp.career',
      `${codeName('careers', p.career.type, L)}${p.career.minMonths ? ` (${t(L, 'pp.months', { n: p.career.minMonths })})` : ''}`,
    ],
    ['pp.certificates', p.certificates.join(', ')],
    ['pp.preferences', p.preferences.map((c) => codeName('preferences', c, L)).join(', ')],
    ['pp.closes', p.closesAt],
  ];
  return (
    <dl class="facts">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <>
            <dt>{t(L, k)}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  );
}

/** Portal job search and detail, and the staff postings list with the approval queue. */
export function registerPostingPages(app: Server, ctx: AppContext): void {
  app.get('/jobs', pageOpts, async (req, reply) => {
    const L = req.lang;
    const q = query(req);
    const page = pageNo(req);
    const search = {
      q: q.q?.trim().slice(0, 200) || undefined,
      regionCode: /^\d{2,5}$/.test(q.regionCode ?? '') ? q.regionCode : undefined,
      occupation: /^\d{1,4}$/.test(q.occupation ?? '') ? q.occupation : undefined,
      // The filter offers KECO 2025 and says so (links reach 2018 postings); an older link
      // without occupationEdition meant a 2018 code.
      occupationEdition: q.occupationEdition === '2025' ? ('2025' as const) : ('2018' as const),
      status: 'open' as const,
      ...pageWindow(page),
    };
    let r: Awaited<ReturnType<typeof listPostings>>;
    let error = '';
    try {
      r = await listPostings(ctx.db, null, search);
    } catch (err) {
      error = fieldErrors(err, L).form;
      r = { items: [], total: 0 } as unknown as typeof r;
    }
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pp.jobs')}>
        <h1>{t(L, 'pp.jobs')}</h1>
        <SearchForm lang={L} action="/jobs">
          <SearchInput lang={L} label={t(L, 'pp.q')} hint={t(L, 'pp.qHint')} value={q.q} />
          <RegionFilter lang={L} label={t(L, 'pp.region')} empty={t(L, 'pp.any')} value={q.regionCode} />
          <OccupationSelect
            lang={L}
            name="occupation"
            label={t(L, 'pp.occupation')}
            empty={t(L, 'pp.any')}
            value={q.occupation}
            level={3}
            edition="2025"
          />
          <input type="hidden" name="occupationEdition" value="2025" />
        </SearchForm>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <p role="status">{t(L, 'pp.count', { total: num(r.total) })}</p>
        {r.items.length ? (
          <ul class="cards">
            {(r.items as Posting[]).map((p) => (
              <PostingCard key={p.id} p={p} L={L} />
            ))}
          </ul>
        ) : (
          <p>{t(L, 'web.empty')}</p>
        )}
        <Pager req={req} page={page} pageSize={20} total={r.total} />
      </Layout>,
    );
  });

  app.get('/jobs/:id', pageOpts, async (req, reply) => {
    const L = req.lang;
    const p = await getPosting(ctx.db, req.actor, uuidParam(req));
    const actor = req.actor;
    return renderPage(
      reply,
      <Layout req={req} title={p.title} nav="/jobs">
        <p>
          <a href="/jobs">{t(L, 'pp.back')}</a>
        </p>
        <h1>{p.title}</h1>
        <p>
          <span class="tag strong">{t(L, `pp.status.${p.status}`)}</span>
        </p>
        <div class="two">
          <section aria-labelledby="facts-h">
            <h2 id="facts-h" class="visually-hidden">
              {t(L, 'pp.title')}
            </h2>
            <Facts p={p} L={L} />
            <h2>{t(L, 'pp.duties')}</h2>
            <p class="pre">{p.duties}</p>
          </section>
          <section aria-labelledby="apply-h" class="hero">
            <h2 id="apply-h">{t(L, 'pp.apply')}</h2>
            <p>{t(L, 'pp.applyText')}</p>
            {!actor ? (
              <p class="actions">
                {pageExists('/register') ? (
                  <a class="button" href={`/register?posting=${p.id}`}>
                    {t(L, 'pp.applyRegister')}
                  </a>
                ) : null}
                <a href={`/login?next=${encodeURIComponent(`/jobs/${p.id}`)}`}>{t(L, 'pp.applyLogin')}</a>
              </p>
            ) : actor.role === 'seeker' && pageExists('/me') ? (
              <p>
                <a href="/me">{t(L, 'pp.applyMe')}</a>
              </p>
            ) : null}
          </section>
        </div>
      </Layout>,
    );
  });

  registerPostingReviewPages(app, ctx);
  registerWorknetPullPages(app, ctx);
}
