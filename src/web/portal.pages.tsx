import type { AppContext } from '../platform/context.ts';
import type { Server } from '../platform/http/server.ts';
import { defineMessages, t } from '../platform/i18n/i18n.ts';
import { Layout, renderPage } from './layout.tsx';
import { pageOpts } from './page.tsx';
import { pageExists } from './registry.ts';

defineMessages({
  'page.home.title': ['일자리센터', 'Job centres'],
  'page.home.lead': [
    '도·시·군 일자리센터가 함께 운영하는 일자리 서비스입니다. 한 번 구직 등록하면 연계된 모든 센터의 상담사가 도와드립니다.',
    'The job service run together by the province, city and county job centres. Register once and counsellors at every linked centre can help you.',
  ],
  'page.home.searchLabel': ['일자리 검색', 'Search jobs'],
  'page.home.searchPlaceholder': ['예: 용접, 요양보호사, 경리', 'e.g. welding, care worker, bookkeeping'],
  'page.home.services': ['센터 서비스', 'What the centres offer'],
  'page.home.jobs': ['일자리 찾기', 'Find a job'],
  'page.home.jobsText': [
    '센터가 인증한 구인공고를 지역·직종별로 찾고, 센터를 통해 지원하세요.',
    'Search postings checked by the centres by region and occupation, and apply through the centre.',
  ],
  'page.home.register': ['구직 등록', 'Register as a job seeker'],
  'page.home.registerText': [
    '희망 직종과 조건을 등록하면 맞춤 일자리 추천과 취업 상담, 알선을 받을 수 있습니다.',
    'Tell us what work you want: you get matched job recommendations, counselling and referrals.',
  ],
  'page.home.employer': ['기업 구인 신청', 'Employers: post a job'],
  'page.home.employerText': [
    '기업 회원으로 가입하고 구인공고를 신청하면 상담사가 확인 후 게시하고 적합한 구직자를 알선합니다.',
    'Sign up as an employer and submit a posting: a counsellor checks and publishes it and refers suitable candidates.',
  ],
  'page.home.staff': ['센터 직원', 'Centre staff'],
  'page.home.staffText': [
    '상담·알선 업무는 로그인 후 이용하세요.',
    'Log in for counselling and referral work.',
  ],
});

/** The portal home: what exists so far, nothing else. */
export function registerPortalPages(app: Server, _ctx: AppContext): void {
  app.get('/', pageOpts, async (req, reply) => {
    const L = req.lang;
    const services = [
      { href: '/jobs', title: 'page.home.jobs', text: 'page.home.jobsText' },
      { href: '/register', title: 'page.home.register', text: 'page.home.registerText' },
      { href: '/employer/signup', title: 'page.home.employer', text: 'page.home.employerText' },
      { href: '/login', title: 'page.home.staff', text: 'page.home.staffText' },
    ].filter((s) => pageExists(s.href));
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'page.home.title')}>
        <section class="hero" aria-labelledby="home-title">
          <h1 id="home-title">
            {t(L, 'web.appName')} · {t(L, 'web.appTagline')}
          </h1>
          <p>{t(L, 'page.home.lead')}</p>
          {pageExists('/jobs') ? (
            <form method="get" action="/jobs" class="actions">
              <label for="home-q" class="visually-hidden">
                {t(L, 'page.home.searchLabel')}
              </label>
              <input id="home-q" name="q" type="search" placeholder={t(L, 'page.home.searchPlaceholder')} />
              <button type="submit">{t(L, 'web.form.search')}</button>
            </form>
          ) : null}
        </section>
        <h2>{t(L, 'page.home.services')}</h2>
        <ul class="cards">
          {services.map((s) => (
            <li class="card" key={s.href}>
              <h3>
                <a href={s.href}>{t(L, s.title)}</a>
              </h3>
              <p>{t(L, s.text)}</p>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });
}
