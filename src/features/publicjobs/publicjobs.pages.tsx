import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formBody,
  Input,
  list,
  str,
} from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { num, pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { CheckboxGroup } from '../../web/secret-once.tsx';
import { type ApplicationView, apply, myApplication } from './applications.service.ts';
import { getProgramme, listProgrammes, type ProgrammeView } from './programmes.service.ts';
import { APPLICANT_FLAGS, type ApplicantFlag, FLAG_CODES, nameOf } from './publicjobs.codes.ts';
import { registerPublicJobResultPages } from './results.pages.tsx';

// /public-jobs (public, phone-first: programmes and their terms) and /public-jobs/{id} (terms,
// the eligibility rules in Korean, and for a signed-in seeker the application form answered
// at once with each reason). The results page lives in results.pages.tsx.

defineMessages({
  'pjp.title': ['공공일자리', 'Public jobs'],
  'pjp.intro': [
    '시·구가 운영하는 공공일자리 사업입니다. 신청하면 자격 충족 여부와 이유를 바로 알려 드립니다.',
    'Public job programmes; an application is answered at once, with the reasons.',
  ],
  'pjp.none': ['공고 중인 공공일자리 사업이 없습니다.', 'No programmes are announced.'],
  'pjp.open': ['접수 중', 'Open'],
  'pjp.closed': ['접수 마감', 'Closed'],
  'pjp.back': ['공공일자리 목록', 'All public jobs'],
  'pjp.terms': ['사업 조건', 'Terms'],
  'pjp.period': ['사업 기간', 'Period'],
  'pjp.apply': ['신청 기간', 'Applications'],
  'pjp.quota': ['모집 인원', 'Places'],
  'pjp.hours': ['근무 시간', 'Hours'],
  'pjp.hoursValue': ['주 {h}시간', '{h} h a week'],
  'pjp.wage': ['시급', 'Hourly wage'],
  'pjp.selection': ['선발 방법', 'Selection'],
  'pjp.rules': ['참여 자격(규칙 {v}판)', 'Eligibility (rule set version {v})'],
  'pjp.scoring': ['가산점', 'Extra points'],
  'pjp.results': ['추첨 명단·선발 결과 보기', 'Draw inputs and results'],
  'pjp.form': ['참여 신청', 'Apply'],
  'pjp.household': ['가구원 수', 'Household members'],
  'pjp.income': ['가구 월소득(원)', 'Monthly household income (KRW)'],
  'pjp.incomeHint': ['세전, 가구원 전체 합계', 'Before tax, the whole household'],
  'pjp.property': ['재산 합계(원)', 'Property in total (KRW)'],
  'pjp.propertyHint': ['예: 1억 5천만 원 → 150000000', 'e.g. 150000000'],
  'pjp.flags': ['해당하는 사항', 'What applies to you'],
  'pjp.submit': ['신청하고 자격 확인', 'Apply and check'],
  'pjp.login': ['구직자로 로그인하면 신청할 수 있습니다.', 'Sign in as a job seeker to apply.'],
  'pjp.loginLink': ['로그인', 'Sign in'],
  'pjp.answer': ['신청번호 {no}번', 'Application no. {no}'],
  'pjp.eligible': ['자격 충족', 'Eligible'],
  'pjp.notEligible': ['자격 미충족', 'Not eligible'],
  'pjp.met': ['충족', 'Met'],
  'pjp.unmet': ['미충족', 'Not met'],
  'pjp.score': [
    '가산점 합계 {score}점 · 자격 규칙 {v}판으로 판정',
    'Score {score} · decided by rule set version {v}',
  ],
  'pjp.repeat': ['반복 참여로 표시되었습니다.', 'Flagged as a repeat participant.'],
  'pjp.next': [
    '선발은 신청 마감 후 공개 추첨(또는 점수순)으로 하며, 결과는 신청번호로 공개합니다.',
    'Selection follows after applications close; results are published by application number.',
  ],
});

const won = (n: number | null) => (n === null ? '' : `${num(n)}원`);

/** The rule set as sentences a citizen reads. */
export function RulesList({ p, lang }: { p: ProgrammeView; lang: Lang }) {
  const e = p.eligibility;
  const items: string[] = [];
  if (e.minAge !== null || e.maxAge !== null) {
    items.push(
      `나이: 만 ${e.minAge ?? 0}세 ~ ${e.maxAge !== null ? `만 ${e.maxAge}세` : ''} (사업 시작일 기준)`,
    );
  }
  if (e.incomePctOfMedian !== null) {
    items.push(`소득: 가구 월소득이 ${p.year}년 가구원 수별 기준중위소득의 ${e.incomePctOfMedian}% 이하`);
  }
  if (e.propertyMax !== null) items.push(`재산: 합계 ${won(e.propertyMax)} 이하`);
  if (e.excludeFlags.length) {
    items.push(`제외: ${e.excludeFlags.map((f) => nameOf(APPLICANT_FLAGS, f, lang)).join(', ')}`);
  }
  if (e.repeat) {
    const what = { flag: '표시', exclude: '참여 제외', deduct: `${e.repeat.points}점 감점` }[e.repeat.action];
    items.push(`반복 참여(최근 ${e.repeat.lookbackYears}년 안에 공공일자리 참여): ${what}`);
  }
  if (e.over65MaxHoursPerWeek !== null) items.push(`만 65세 이상: 주 ${e.over65MaxHoursPerWeek}시간까지`);
  return (
    <>
      <h2>{t(lang, 'pjp.rules', { v: p.ruleVersion })}</h2>
      <ul>
        {items.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      {p.scoring.length ? (
        <p>
          {t(lang, 'pjp.scoring')}:{' '}
          {p.scoring
            .map((s) => `${nameOf(APPLICANT_FLAGS, s.flag, lang)} ${s.points > 0 ? '+' : ''}${s.points}점`)
            .join(', ')}
        </p>
      ) : null}
      {p.source ? <p class="muted">{p.source}</p> : null}
    </>
  );
}

/** The eligibility answer: eligible or not, then each rule with met / not met in words. */
export function Answer({ a, lang }: { a: ApplicationView; lang: Lang }) {
  return (
    <section class="card" aria-labelledby="pj-answer" id="answer">
      <h2 id="pj-answer">
        {t(lang, 'pjp.answer', { no: a.applicationNo })}{' '}
        <span class={a.eligible ? 'tag strong' : 'tag'}>
          {t(lang, a.eligible ? 'pjp.eligible' : 'pjp.notEligible')}
        </span>
      </h2>
      <ul class="reasons">
        {a.reasons.map((r) => (
          <li key={r.code}>
            <strong>{t(lang, r.met ? 'pjp.met' : 'pjp.unmet')}</strong> {r.text}
          </li>
        ))}
      </ul>
      <p>{t(lang, 'pjp.score', { score: a.score, v: a.ruleVersion })}</p>
      {a.repeatParticipation ? <p>{t(lang, 'pjp.repeat')}</p> : null}
      <p class="muted">{t(lang, 'pjp.next')}</p>
    </section>
  );
}

function ApplyForm({
  req,
  p,
  values,
  errors,
}: {
  req: FastifyRequest;
  p: ProgrammeView;
  values: Record<string, string | string[]>;
  errors: FieldErrors;
}) {
  const L = req.lang;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <form method="post" action={`/public-jobs/${p.id}/apply`} novalidate>
      <h2>{t(L, 'pjp.form')}</h2>
      <Csrf token={req.csrfToken} />
      <Input
        lang={L}
        name="householdSize"
        label={t(L, 'pjp.household')}
        type="number"
        min={1}
        max={20}
        required
        value={v('householdSize') || '1'}
        error={errors.householdSize}
      />
      <Input
        lang={L}
        name="monthlyIncome"
        label={t(L, 'pjp.income')}
        hint={t(L, 'pjp.incomeHint')}
        inputMode="numeric"
        required
        value={v('monthlyIncome')}
        error={errors.monthlyIncome}
      />
      <Input
        lang={L}
        name="property"
        label={t(L, 'pjp.property')}
        hint={t(L, 'pjp.propertyHint')}
        inputMode="numeric"
        required
        value={v('property')}
        error={errors.property}
      />
      <CheckboxGroup
        name="flags"
        legend={t(L, 'pjp.flags')}
        state={{ values, errors }}
        options={FLAG_CODES.map((f) => ({ value: f, label: nameOf(APPLICANT_FLAGS, f, L) }))}
      />
      <button type="submit">{t(L, 'pjp.submit')}</button>
    </form>
  );
}

export function registerPublicJobPages(app: Server, ctx: AppContext) {
  app.get('/public-jobs', pageOpts, async (req, reply) => {
    const L = req.lang;
    const items = await listProgrammes({ db: ctx.db, actor: req.actor, lang: L }, {});
    items.sort((a, b) => Number(b.applicationsOpen) - Number(a.applicationsOpen));
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pjp.title')}>
        <h1>{t(L, 'pjp.title')}</h1>
        <p>{t(L, 'pjp.intro')}</p>
        {items.length === 0 ? <p>{t(L, 'pjp.none')}</p> : null}
        <ul class="cards">
          {items.map((p) => (
            <li class="card" key={p.id}>
              <h2>
                <a href={`/public-jobs/${p.id}`}>{p.name}</a>
              </h2>
              <p>
                <span class="tag strong">{p.kindName}</span>{' '}
                <span class="tag">{t(L, p.applicationsOpen ? 'pjp.open' : 'pjp.closed')}</span>
              </p>
              <p>
                {t(L, 'pjp.apply')} {p.applyFrom} ~ {p.applyTo} · {t(L, 'pjp.quota')} {num(p.quota)}명 ·{' '}
                {won(p.hourlyWage)}
              </p>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  async function programmePage(
    req: FastifyRequest,
    state: {
      answer?: ApplicationView | null;
      values?: Record<string, string | string[]>;
      errors?: FieldErrors;
      form?: string;
    } = {},
  ) {
    const L = req.lang;
    const id = uuidParam(req);
    const p = await getProgramme({ db: ctx.db, actor: req.actor, lang: L }, { id });
    const seeker = req.actor?.role === 'seeker';
    const mine =
      state.answer ??
      (seeker ? await myApplication(requestContext(ctx.db, req), { programmeId: p.id }) : null);
    return (
      <Layout req={req} title={`${p.name} — ${t(L, 'pjp.title')}`}>
        <p>
          <a href="/public-jobs">← {t(L, 'pjp.back')}</a>
        </p>
        <h1>{p.name}</h1>
        <p>
          <span class="tag strong">{p.kindName}</span>{' '}
          <span class="tag">{t(L, p.applicationsOpen ? 'pjp.open' : 'pjp.closed')}</span>
        </p>
        <h2>{t(L, 'pjp.terms')}</h2>
        <dl>
          <dt>{t(L, 'pjp.period')}</dt>
          <dd>
            {p.startsOn} ~ {p.endsOn}
          </dd>
          <dt>{t(L, 'pjp.apply')}</dt>
          <dd>
            {p.applyFrom} ~ {p.applyTo}
          </dd>
          <dt>{t(L, 'pjp.quota')}</dt>
          <dd>{num(p.quota)}명</dd>
          <dt>{t(L, 'pjp.hours')}</dt>
          <dd>{t(L, 'pjp.hoursValue', { h: p.hoursPerWeek })}</dd>
          <dt>{t(L, 'pjp.wage')}</dt>
          <dd>{won(p.hourlyWage)}</dd>
          <dt>{t(L, 'pjp.selection')}</dt>
          <dd>{p.selectionName}</dd>
        </dl>
        {p.description ? <p>{p.description}</p> : null}
        <RulesList p={p} lang={L} />
        <p>
          <a href={`/public-jobs/${p.id}/results`}>{t(L, 'pjp.results')}</a>
        </p>
        <ErrorSummary lang={L} message={state.form} errors={state.errors ?? {}} />
        {mine ? <Answer a={mine} lang={L} /> : null}
        {!mine && seeker && p.applicationsOpen ? (
          <ApplyForm req={req} p={p} values={state.values ?? {}} errors={state.errors ?? {}} />
        ) : null}
        {!req.actor && p.applicationsOpen ? (
          <Notice kind="info">
            {t(L, 'pjp.login')}{' '}
            <a href={`/login?next=${encodeURIComponent(`/public-jobs/${p.id}`)}`}>{t(L, 'pjp.loginLink')}</a>
          </Notice>
        ) : null}
      </Layout>
    );
  }

  app.get('/public-jobs/:id', pageOpts, async (req, reply) => renderPage(reply, await programmePage(req)));

  app.post('/public-jobs/:id/apply', pageOpts, async (req, reply) => {
    requirePermission(req, 'publicjobs.apply');
    const body = formBody(req);
    const int = (k: string) => {
      const s = str(body, k).replace(/[,\s원]/g, '');
      return /^\d{1,13}$/.test(s) ? Number(s) : Number.NaN;
    };
    try {
      const values = {
        householdSize: int('householdSize'),
        monthlyIncome: int('monthlyIncome'),
        property: int('property'),
      };
      const bad = Object.entries(values).filter(
        ([k, n]) => Number.isNaN(n) || (k === 'householdSize' && (n < 1 || n > 20)),
      );
      if (bad.length) throw invalid(bad.map(([field]) => ({ field, key: 'field.invalid' })));
      const flags = list(body, 'flags').filter((f): f is ApplicantFlag => f in APPLICANT_FLAGS);
      const answer = await apply(requestContext(ctx.db, req), {
        programmeId: uuidParam(req),
        ...values,
        flags,
      });
      return renderPage(reply, await programmePage(req, { answer }), 201);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
      return renderPage(
        reply,
        await programmePage(req, { values: body, errors: e.fields, form: e.form }),
        status,
      );
    }
  });

  registerPublicJobResultPages(app, ctx);
}
