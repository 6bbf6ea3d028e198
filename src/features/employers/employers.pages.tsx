import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { codeName, codeOptions, OccupationSelect, regionOptions } from '../../web/codes.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  Input,
  list,
  Select,
  str,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, Notice, Pager, renderPage } from '../../web/layout.tsx';
import { formToken, pageNo, pageOpts, query, requirePermission } from '../../web/page.tsx';
import { startSession } from '../accounts/accounts.pages.tsx';
import { wageText } from '../postings/postings.pages.tsx';
import { listPostings } from '../postings/postings.search.ts';
import { createPosting, type PostingInput } from '../postings/postings.service.ts';
import { signupEmployer } from './employers.portal.ts';
import { getEmployer, listEmployers } from './employers.service.ts';

defineMessages({
  'pe.list': ['구인기업', 'Employers'],
  'pe.q': ['회사명 또는 사업자등록번호', 'Company name or business number'],
  'pe.name': ['회사명', 'Company name'],
  'pe.bizRegNo': ['사업자등록번호', 'Business registration number'],
  'pe.bizHint': ['숫자 10자리 (예: 123-45-67890)', '10 digits (e.g. 123-45-67890)'],
  'pe.region': ['소재지', 'Region'],
  'pe.address': ['주소', 'Address'],
  'pe.size': ['규모', 'Size'],
  'pe.signup': ['기업 회원가입', 'Employer sign-up'],
  'pe.signupIntro': [
    '회원가입 후 구인공고를 신청하면 관할 일자리센터 상담사가 확인(구인인증)한 뒤 게시합니다.',
    'After signing up, submit postings: a counsellor of your local job centre checks them before they are published.',
  ],
  'pe.company': ['회사 정보', 'Company'],
  'pe.account': ['로그인 정보', 'Your login'],
  'pe.contactName': ['담당자 이름', 'Contact person'],
  'pe.contactPhone': ['담당자 전화', 'Contact phone'],
  'pe.contactEmail': ['담당자 이메일', 'Contact e-mail'],
  'pe.login': ['아이디', 'Login'],
  'pe.password': ['비밀번호 (8자 이상)', 'Password (at least 8 characters)'],
  'pe.submitSignup': ['가입하기', 'Sign up'],
  'pe.my': ['우리 기업', 'My company'],
  'pe.postings': ['우리 회사 구인공고', 'Our postings'],
  'pe.newPosting': ['구인공고 신청', 'Submit a posting'],
  'pe.submitted': [
    '구인공고가 접수되었습니다. 상담사가 확인한 뒤 게시됩니다.',
    'The posting is submitted. A counsellor will check it before it is published.',
  ],
  'pe.welcome': ['가입이 완료되었습니다.', 'You are signed up.'],
  'pe.title': ['공고 제목', 'Title'],
  'pe.occupation': ['직종', 'Occupation'],
  'pe.duties': ['하는 일', 'Duties'],
  'pe.headcount': ['모집 인원', 'Openings'],
  'pe.employmentType': ['고용 형태', 'Employment type'],
  'pe.wageType': ['임금 형태', 'Wage type'],
  'pe.wageMin': ['최소 임금 (원)', 'Minimum wage (KRW)'],
  'pe.wageMax': ['최대 임금 (원)', 'Maximum wage (KRW)'],
  'pe.workDays': ['근무 요일', 'Work days'],
  'pe.workHours': ['근무 시간', 'Working hours'],
  'pe.workRegion': ['근무 지역', 'Work region'],
  'pe.education': ['최소 학력', 'Minimum education'],
  'pe.career': ['경력', 'Experience'],
  'pe.closesAt': ['마감일', 'Closing date'],
  'pe.status': ['상태', 'Status'],
});

const num0 = (s: string) =>
  /^\d+$/.test(s.replace(/[,\s]/g, '')) ? Number(s.replace(/[,\s]/g, '')) : Number.NaN;

function SignupPage({
  req,
  token,
  v,
  errors,
  message,
}: {
  req: FastifyRequest;
  token: string;
  v: Record<string, string>;
  errors: FieldErrors;
  message?: string;
}) {
  const L = req.lang;
  return (
    <Layout req={req} title={t(L, 'pe.signup')}>
      <h1>{t(L, 'pe.signup')}</h1>
      <p>{t(L, 'pe.signupIntro')}</p>
      <ErrorSummary lang={L} message={message} errors={errors} />
      <form method="post" action="/employer/signup" novalidate>
        <Csrf token={token} />
        <fieldset>
          <legend>{t(L, 'pe.company')}</legend>
          <div class="grid">
            <Input
              lang={L}
              name="name"
              label={t(L, 'pe.name')}
              value={v.name}
              error={errors.name}
              required
              autocomplete="organization"
            />
            <Input
              lang={L}
              name="bizRegNo"
              label={t(L, 'pe.bizRegNo')}
              hint={t(L, 'pe.bizHint')}
              value={v.bizRegNo}
              error={errors.bizRegNo}
              required
              inputMode="numeric"
            />
            <Select
              lang={L}
              name="regionCode"
              label={t(L, 'pe.region')}
              options={regionOptions(L)}
              value={v.regionCode}
              error={errors.regionCode}
              required
            />
            <Input
              lang={L}
              name="address"
              label={t(L, 'pe.address')}
              value={v.address}
              error={errors.address}
              autocomplete="street-address"
            />
            <Input
              lang={L}
              name="contacts.0.name"
              label={t(L, 'pe.contactName')}
              value={v['contacts.0.name']}
              error={errors['contacts.0.name']}
              autocomplete="name"
            />
            <Input
              lang={L}
              name="contacts.0.phone"
              type="tel"
              label={t(L, 'pe.contactPhone')}
              value={v['contacts.0.phone']}
              error={errors['contacts.0.phone']}
              autocomplete="tel"
            />
            <Input
              lang={L}
              name="contacts.0.email"
              type="email"
              label={t(L, 'pe.contactEmail')}
              value={v['contacts.0.email']}
              error={errors['contacts.0.email']}
              autocomplete="email"
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t(L, 'pe.account')}</legend>
          <div class="grid">
            <Input
              lang={L}
              name="login"
              label={t(L, 'pe.login')}
              value={v.login}
              error={errors.login}
              required
              autocomplete="username"
            />
            <Input
              lang={L}
              name="password"
              type="password"
              label={t(L, 'pe.password')}
              error={errors.password}
              required
              autocomplete="new-password"
            />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit">{t(L, 'pe.submitSignup')}</button>
        </div>
      </form>
    </Layout>
  );
}

function PostingForm({
  req,
  v,
  errors,
}: {
  req: FastifyRequest;
  v: Record<string, string>;
  errors: FieldErrors;
}) {
  const L = req.lang;
  return (
    <form method="post" action="/employer/postings" novalidate id="posting-form">
      <Csrf token={req.csrfToken} />
      <ErrorSummary lang={L} errors={errors} />
      <div class="grid">
        <Input lang={L} name="title" label={t(L, 'pe.title')} value={v.title} error={errors.title} required />
        <OccupationSelect
          lang={L}
          name="occupationCode"
          label={t(L, 'pe.occupation')}
          value={v.occupationCode}
          error={errors.occupationCode}
          required
        />
        <Input
          lang={L}
          name="headcount"
          label={t(L, 'pe.headcount')}
          inputMode="numeric"
          value={v.headcount ?? '1'}
          error={errors.headcount}
          required
        />
        <Select
          lang={L}
          name="employmentType"
          label={t(L, 'pe.employmentType')}
          options={codeOptions('employment-types', L)}
          value={v.employmentType}
          error={errors.employmentType}
          required
        />
        <Select
          lang={L}
          name="wageType"
          label={t(L, 'pe.wageType')}
          options={codeOptions('wage-types', L)}
          value={v.wageType ?? 'M'}
          error={errors.wageType}
          required
        />
        <Input
          lang={L}
          name="wageMin"
          label={t(L, 'pe.wageMin')}
          inputMode="numeric"
          value={v.wageMin}
          error={errors.wageMin}
          required
        />
        <Input
          lang={L}
          name="wageMax"
          label={t(L, 'pe.wageMax')}
          inputMode="numeric"
          value={v.wageMax}
          error={errors.wageMax}
        />
        <Select
          lang={L}
          name="workDays"
          label={t(L, 'pe.workDays')}
          options={codeOptions('work-days', L)}
          value={v.workDays}
          error={errors.workDays}
        />
        <Input
          lang={L}
          name="workHours"
          label={t(L, 'pe.workHours')}
          value={v.workHours}
          error={errors.workHours}
        />
        <Select
          lang={L}
          name="regionCode"
          label={t(L, 'pe.workRegion')}
          options={regionOptions(L)}
          value={v.regionCode}
          error={errors.regionCode}
          required
        />
        <Select
          lang={L}
          name="educationMin"
          label={t(L, 'pe.education')}
          options={codeOptions('education', L)}
          value={v.educationMin ?? '00'}
          error={errors.educationMin}
          required
        />
        <Select
          lang={L}
          name="career.type"
          label={t(L, 'pe.career')}
          options={codeOptions('careers', L)}
          value={v['career.type'] ?? 'Z'}
          error={errors['career.type']}
          required
        />
        <Input
          lang={L}
          name="closesAt"
          type="date"
          label={t(L, 'pe.closesAt')}
          value={v.closesAt}
          error={errors.closesAt}
          required
        />
      </div>
      <Textarea
        lang={L}
        name="duties"
        label={t(L, 'pe.duties')}
        value={v.duties}
        error={errors.duties}
        required
      />
      <div class="actions">
        <button type="submit">{t(L, 'pe.newPosting')}</button>
      </div>
    </form>
  );
}

/** Staff employer registry; portal employer sign-up, company page and posting submission. */
export function registerEmployerPages(app: Server, ctx: AppContext): void {
  app.get('/staff/employers', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'employers.read');
    const L = req.lang;
    const q = query(req);
    const page = pageNo(req);
    const r = await listEmployers(ctx.db, actor, {
      q: q.q?.slice(0, 200) || undefined,
      regionCode: /^\d{2,5}$/.test(q.regionCode ?? '') ? q.regionCode : undefined,
      offset: (page - 1) * 20,
      limit: 20,
    });
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pe.list')}>
        <h1>{t(L, 'pe.list')}</h1>
        <form method="get" action="/staff/employers" class="search">
          <Input lang={L} name="q" type="search" label={t(L, 'pe.q')} value={q.q} />
          <Select
            lang={L}
            name="regionCode"
            label={t(L, 'pe.region')}
            empty={t(L, 'ps.all')}
            value={q.regionCode}
            options={regionOptions(L)}
          />
          <div class="actions">
            <button type="submit">{t(L, 'web.form.search')}</button>
          </div>
        </form>
        {r.items.length === 0 ? <p>{t(L, 'web.empty')}</p> : null}
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                {['pe.name', 'pe.bizRegNo', 'pe.region', 'pe.size'].map((k) => (
                  <th scope="col" key={k}>
                    {t(L, k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.items.map((e) => (
                <tr key={e.id}>
                  <td data-label={t(L, 'pe.name')}>
                    <a href={`/staff/postings?q=${encodeURIComponent(e.name)}`}>{e.name}</a>
                  </td>
                  <td data-label={t(L, 'pe.bizRegNo')}>
                    {e.bizRegNo.replace(/^(\d{3})(\d{2})(\d{5})$/, '$1-$2-$3')}
                  </td>
                  <td data-label={t(L, 'pe.region')}>{codeName('regions', e.regionCode, L)}</td>
                  <td data-label={t(L, 'pe.size')}>{e.size ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager req={req} page={page} pageSize={20} total={r.total} />
      </Layout>,
    );
  });

  app.get('/employer/signup', pageOpts, async (req, reply) => {
    if (req.actor?.role === 'employer') return reply.redirect('/employer', 303);
    return renderPage(reply, <SignupPage req={req} token={formToken(req, reply)} v={{}} errors={{}} />);
  });

  app.post('/employer/signup', pageOpts, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, string>;
    const v: Record<string, string> = {};
    for (const k of [
      'name',
      'bizRegNo',
      'regionCode',
      'address',
      'contacts.0.name',
      'contacts.0.phone',
      'contacts.0.email',
      'login',
    ])
      v[k] = str(b, k);
    const contact = {
      name: v['contacts.0.name'] ?? '',
      phone: v['contacts.0.phone'] ?? '',
      email: v['contacts.0.email'] ?? '',
    };
    try {
      await signupEmployer(
        ctx.db,
        { dataKey: ctx.dataKey, ip: req.ip },
        {
          name: v.name ?? '',
          bizRegNo: (v.bizRegNo ?? '').replace(/\D/g, ''),
          regionCode: v.regionCode ?? '',
          address: v.address || null,
          contacts: contact.name || contact.phone || contact.email ? [contact] : [],
          login: v.login ?? '',
          password: b.password ?? '',
        },
      );
      await startSession(ctx, req, reply, { login: v.login ?? '', password: b.password ?? '' });
      return reply.redirect('/employer?welcome=1', 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(
        reply,
        <SignupPage req={req} token={formToken(req, reply)} v={v} errors={e.fields} message={e.form} />,
        400,
      );
    }
  });

  async function companyPage(req: FastifyRequest, v: Record<string, string>, errors: FieldErrors) {
    const actor = requirePermission(req, 'postings.write');
    const L = req.lang;
    const employer = await getEmployer(
      ctx.db,
      { dataKey: ctx.dataKey, ip: req.ip },
      actor,
      actor.employerId ?? '',
    );
    const mine = await listPostings(ctx.db, actor, {
      employerId: employer.id,
      offset: (pageNo(req) - 1) * 20,
      limit: 20,
    });
    const q = query(req);
    return (
      <Layout req={req} title={t(L, 'pe.my')}>
        <h1>{employer.name}</h1>
        {q.welcome ? <Notice kind="ok">{t(L, 'pe.welcome')}</Notice> : null}
        {q.submitted ? <Notice kind="ok">{t(L, 'pe.submitted')}</Notice> : null}
        <p class="muted">
          {t(L, 'pe.bizRegNo')}: {employer.bizRegNo} · {codeName('regions', employer.regionCode, L)}
        </p>
        <h2>{t(L, 'pe.postings')}</h2>
        {mine.items.length === 0 ? <p>{t(L, 'web.empty')}</p> : null}
        <ul class="cards">
          {mine.items.map((p) => (
            <li class="card" key={p.id}>
              <h3>
                <a href={`/jobs/${p.id}`}>{p.title}</a>
              </h3>
              <p>
                <span class="tag strong">{t(L, `pp.status.${p.status}`)}</span>
              </p>
              <p>{wageText(p, L)}</p>
              <p class="muted">
                {t(L, 'pe.closesAt')}: {p.closesAt}
              </p>
            </li>
          ))}
        </ul>
        <Pager req={req} page={pageNo(req)} pageSize={20} total={mine.total} />
        <h2 id="new-posting">{t(L, 'pe.newPosting')}</h2>
        <PostingForm req={req} v={v} errors={errors} />
      </Layout>
    );
  }

  app.get('/employer', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'postings.write');
    if (actor.role !== 'employer') return reply.redirect('/staff/postings', 303);
    return renderPage(reply, await companyPage(req, {}, {}));
  });

  app.post('/employer/postings', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'postings.write');
    const b = (req.body ?? {}) as Record<string, string>;
    const v: Record<string, string> = {};
    for (const k of [
      'title',
      'occupationCode',
      'duties',
      'headcount',
      'employmentType',
      'wageType',
      'wageMin',
      'wageMax',
      'workDays',
      'workHours',
      'regionCode',
      'educationMin',
      'career.type',
      'closesAt',
    ])
      v[k] = str(b, k);
    const input = {
      employerId: actor.employerId ?? '',
      title: v.title,
      occupationCode: v.occupationCode,
      duties: v.duties,
      headcount: num0(v.headcount ?? ''),
      employmentType: v.employmentType,
      wageType: v.wageType,
      wageMin: num0(v.wageMin ?? ''),
      wageMax: v.wageMax ? num0(v.wageMax) : null,
      workDays: v.workDays || null,
      workHours: v.workHours || null,
      regionCode: v.regionCode,
      educationMin: v.educationMin,
      career: { type: v['career.type'] },
      certificates: list(b, 'certificates'),
      closesAt: v.closesAt,
    } as unknown as PostingInput;
    try {
      await createPosting(ctx.db, actor, input);
      return reply.redirect('/employer?submitted=1', 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return renderPage(reply, await companyPage(req, v, e.fields), 400);
    }
  });
}
