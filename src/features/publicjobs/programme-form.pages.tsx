import type { FastifyReply, FastifyRequest } from 'fastify';
import { medianIncomeOf, minimumWageFor } from '../../codes/wages.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { notFound } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import {
  bindFields,
  Check,
  CheckGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  fieldId,
  formBody,
  Input,
  Select,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { num, pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { scopedCentreTree } from '../accounts/centres.service.ts';
import {
  type FormValues,
  formValuesOf,
  programmeInputOf,
  rulesFormValues,
  rulesInputOf,
  SCORING_ROWS,
} from './programme-form.parse.ts';
import { ReferenceTables } from './programme-reference.tsx';
import { changeRules, createProgramme, getProgramme, managesProgramme } from './programmes.service.ts';
import {
  APPLICANT_FLAGS,
  FLAG_CODES,
  nameOf,
  PROGRAMME_KINDS,
  REPEAT_ACTIONS,
  SELECTION_METHODS,
} from './publicjobs.codes.ts';

// Staff open a public job programme with its eligibility rules (/staff/public-jobs/new) and
// adopt a new version of the rules (/staff/public-jobs/{id}/rules): the same use cases as
// POST /api/v1/public-jobs and PUT …/eligibility. The income cap is a percentage of the
// programme year's 기준중위소득 and the wage is checked against that year's 최저임금, both read
// from the reference tables (codes/wages.ts), which the form shows beside the fields.

defineMessages({
  'pjf.new': ['공공일자리 사업 등록', 'New public job programme'],
  'pjf.rulesTitle': ['자격 기준 변경', 'Change the eligibility rules'],
  'pjf.rulesNote': [
    '저장하면 새 버전(v{next})이 지금부터 적용됩니다. 이미 판정된 신청은 판정 당시 버전을 그대로 유지합니다.',
    'Saving adopts version {next} from now on; decisions already made keep the version they used.',
  ],
  'pjf.terms': ['사업 개요', 'Programme'],
  'pjf.name': ['사업명', 'Name'],
  'pjf.kind': ['사업 유형', 'Kind'],
  'pjf.centre': ['운영 센터', 'Centre'],
  'pjf.year': ['사업연도', 'Year'],
  'pjf.quota': ['모집 인원(명)', 'Places'],
  'pjf.startsOn': ['사업 시작일', 'Starts on'],
  'pjf.endsOn': ['사업 종료일', 'Ends on'],
  'pjf.hours': ['주당 근무시간', 'Hours per week'],
  'pjf.wage': ['시급(원)', 'Hourly wage (KRW)'],
  'pjf.wageHint': [
    '사업연도 최저임금 미만은 등록되지 않습니다. {year}년 최저임금: 시급 {wage}원',
    'Refused below the year’s minimum wage. {year}: {wage} KRW an hour',
  ],
  'pjf.selection': ['선발 방식', 'Selection'],
  'pjf.applyFrom': ['접수 시작일', 'Applications from'],
  'pjf.applyTo': ['접수 마감일', 'Applications until'],
  'pjf.description': ['사업 설명', 'Description'],
  'pjf.rules': ['자격 기준', 'Eligibility rules'],
  'pjf.minAge': ['최소 나이(만)', 'Minimum age'],
  'pjf.maxAge': ['최대 나이(만)', 'Maximum age'],
  'pjf.ageHint': [
    '사업 시작일 기준 만 나이, 양 끝 포함. 비우면 제한 없음',
    'On the first day, both ends included; empty: none',
  ],
  'pjf.incomePct': ['소득 기준(기준중위소득의 %)', 'Income cap (% of the median income)'],
  'pjf.incomeHint': [
    '가구 월소득이 사업연도 기준중위소득(가구원 수별)의 이 비율 이하. 예: 100이면 {year}년 2인 가구 월 {two}원 이하. 비우면 제한 없음',
    'Monthly household income at most this % of the year’s median for the household size; e.g. 100 → {year}, 2 persons: {two} KRW',
  ],
  'pjf.property': ['재산 상한(원)', 'Property cap (KRW)'],
  'pjf.over65': ['만 65세 이상 주당 근무시간 상한', 'Weekly hours cap for 65 or over'],
  'pjf.exclude': ['참여 제외 대상', 'Excluded'],
  'pjf.points': ['가산점', 'Extra points'],
  'pjf.pointsHint': [
    '대상과 점수를 고르면 해당자의 점수에 더합니다(음수는 감점). 쓰지 않는 줄은 비워 둡니다.',
    'Pick whom and how many points are added (negative: deducted); leave unused rows empty.',
  ],
  'pjf.pointsFlag': ['가산점 {n} 대상', 'Extra points {n}: for'],
  'pjf.pointsValue': ['가산점 {n} 점수', 'Extra points {n}: points'],
  'pjf.repeat': ['반복 참여자', 'Repeat participants'],
  'pjf.repeatAction': ['처리', 'Action'],
  'pjf.repeatNone': ['확인하지 않음', 'Not checked'],
  'pjf.repeatYears': ['확인 기간(년)', 'Look-back (years)'],
  'pjf.repeatPoints': ['감점', 'Points deducted'],
  'pjf.ruleSource': ['근거(공고 번호 등)', 'Source (notice number)'],
  'pjf.create': ['사업 등록', 'Create'],
  'pjf.saveRules': ['새 버전으로 저장', 'Save as a new version'],
  'pjf.cancel': ['취소', 'Cancel'],
  'pjf.reference': ['참고: 기준중위소득과 최저임금(고시)', 'Reference: median income and minimum wage'],
  'pjf.median': ['기준중위소득(월, 원)', 'Median income (monthly, KRW)'],
  'pjf.persons': ['{n}인', '{n}'],
  'pjf.minimumWage': ['최저임금(시급, 원)', 'Minimum wage (hourly, KRW)'],
});

const RULE_DEFAULTS: FormValues = { 'repeat.lookbackYears': '1', 'repeat.points': '0' };

/** Rows of 가산점 shown: those filled in and one empty, at least SCORING_ROWS. */
function scoringRows(v: FormValues): number {
  let used = 0;
  for (const k of Object.keys(v)) {
    const m = /^scoring\.(\d+)\./.exec(k);
    if (m && v[k]) used = Math.max(used, Number(m[1]) + 1);
  }
  return Math.max(SCORING_ROWS, used + 1);
}

/** The rule fields, shared by the programme form and the rules form. */
function RuleFields({
  lang: L,
  v,
  excluded,
  errors,
  year,
}: {
  lang: Lang;
  v: FormValues;
  excluded: string[];
  errors: FieldErrors;
  year: number;
}) {
  const f = bindFields(L, v, errors);
  const two = medianIncomeOf(year, 2) ?? medianIncomeOf(Number(seoulToday().slice(0, 4)), 2) ?? 0;
  return (
    <>
      <div class="grid">
        <Input {...f('eligibility.minAge', 'pjf.minAge')} inputMode="numeric" hint={t(L, 'pjf.ageHint')} />
        <Input {...f('eligibility.maxAge', 'pjf.maxAge')} inputMode="numeric" />
        <Input
          {...f('eligibility.incomePctOfMedian', 'pjf.incomePct')}
          inputMode="numeric"
          hint={t(L, 'pjf.incomeHint', { year, two: num(two) })}
        />
        <Input {...f('eligibility.propertyMax', 'pjf.property')} inputMode="numeric" />
        <Input {...f('eligibility.over65MaxHoursPerWeek', 'pjf.over65')} inputMode="numeric" />
      </div>
      <CheckGroup
        name="eligibility.excludeFlags"
        legend={t(L, 'pjf.exclude')}
        error={errors['eligibility.excludeFlags']}
      >
        {FLAG_CODES.map((flag) => (
          <Check
            key={flag}
            id={fieldId(`exclude-${flag}`)}
            name="eligibility.excludeFlags"
            value={flag}
            checked={excluded.includes(flag)}
            label={nameOf(APPLICANT_FLAGS, flag, L)}
          />
        ))}
      </CheckGroup>
      <fieldset>
        <legend>{t(L, 'pjf.points')}</legend>
        <p class="hint">{t(L, 'pjf.pointsHint')}</p>
        {Array.from({ length: scoringRows(v) }, (_, i) => (
          <div class="grid" key={i}>
            <Select
              lang={L}
              name={`scoring.${i}.flag`}
              label={t(L, 'pjf.pointsFlag', { n: i + 1 })}
              value={v[`scoring.${i}.flag`]}
              error={errors[`scoring.${i}.flag`]}
              options={FLAG_CODES.map((flag) => ({ value: flag, label: nameOf(APPLICANT_FLAGS, flag, L) }))}
            />
            <Input
              lang={L}
              name={`scoring.${i}.points`}
              label={t(L, 'pjf.pointsValue', { n: i + 1 })}
              value={v[`scoring.${i}.points`]}
              error={errors[`scoring.${i}.points`]}
              inputMode="numeric"
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t(L, 'pjf.repeat')}</legend>
        <div class="grid">
          <Select
            {...f('repeat.action', 'pjf.repeatAction')}
            empty={t(L, 'pjf.repeatNone')}
            options={Object.keys(REPEAT_ACTIONS).map((a) => ({
              value: a,
              label: nameOf(REPEAT_ACTIONS, a, L),
            }))}
          />
          <Input {...f('repeat.lookbackYears', 'pjf.repeatYears')} inputMode="numeric" />
          <Input {...f('repeat.points', 'pjf.repeatPoints')} inputMode="numeric" />
        </div>
      </fieldset>
      <Input {...f('ruleSource', 'pjf.ruleSource')} maxLength={500} />
    </>
  );
}

type Problem = { form: string; fields: FieldErrors };

export function registerPublicJobProgrammeForms(app: Server, ctx: AppContext) {
  async function newPage(
    req: FastifyRequest,
    reply: FastifyReply,
    state: { values: FormValues; excluded: string[] },
    problem?: Problem,
  ) {
    const L = req.lang;
    const v = state.values;
    const errors = problem?.fields ?? {};
    const f = bindFields(L, v, errors);
    const year = Number(v.year) || Number(seoulToday().slice(0, 4));
    const wage = minimumWageFor(year);
    const centres =
      req.actor && req.actor.centreScope === null ? await scopedCentreTree(ctx.db, req.actor) : [];
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pjf.new')} nav="/staff">
        <p>
          <a href="/staff/public-jobs">← {t(L, 'pjs.title')}</a>
        </p>
        <h1>{t(L, 'pjf.new')}</h1>
        <form method="post" action="/staff/public-jobs/new">
          <Csrf token={req.csrfToken} />
          <ErrorSummary lang={L} message={problem?.form} errors={errors} />
          <h2>{t(L, 'pjf.terms')}</h2>
          <Input {...f('name', 'pjf.name')} required maxLength={200} />
          <div class="grid">
            <Select
              {...f('kind', 'pjf.kind')}
              options={Object.keys(PROGRAMME_KINDS).map((k) => ({
                value: k,
                label: nameOf(PROGRAMME_KINDS, k, L),
              }))}
            />
            {centres.length ? (
              <Select
                {...f('centreId', 'pjf.centre')}
                required
                options={centres.map((c) => ({ value: c.id, label: c.name }))}
              />
            ) : null}
            <Input {...f('year', 'pjf.year')} inputMode="numeric" required />
            <Input {...f('quota', 'pjf.quota')} inputMode="numeric" required />
            <Input {...f('startsOn', 'pjf.startsOn')} type="date" required />
            <Input {...f('endsOn', 'pjf.endsOn')} type="date" required />
            <Input {...f('hoursPerWeek', 'pjf.hours')} inputMode="numeric" required />
            <Input
              {...f('hourlyWage', 'pjf.wage')}
              inputMode="numeric"
              required
              hint={wage ? t(L, 'pjf.wageHint', { year: wage.year, wage: num(wage.hourly) }) : undefined}
            />
            <Select
              {...f('selection', 'pjf.selection')}
              required
              options={Object.keys(SELECTION_METHODS).map((k) => ({
                value: k,
                label: nameOf(SELECTION_METHODS, k, L),
              }))}
            />
            <Input {...f('applyFrom', 'pjf.applyFrom')} type="date" />
            <Input {...f('applyTo', 'pjf.applyTo')} type="date" />
          </div>
          <Textarea {...f('description', 'pjf.description')} rows={3} maxLength={4000} />
          <h2>{t(L, 'pjf.rules')}</h2>
          <RuleFields lang={L} v={v} excluded={state.excluded} errors={errors} year={year} />
          <ReferenceTables lang={L} />
          <div class="actions">
            <button type="submit">{t(L, 'pjf.create')}</button>
            <a href="/staff/public-jobs">{t(L, 'pjf.cancel')}</a>
          </div>
        </form>
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/public-jobs/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'publicjobs.manage');
    const year = seoulToday().slice(0, 4);
    return newPage(req, reply, {
      values: { year, selection: 'lottery', ...RULE_DEFAULTS },
      excluded: [],
    });
  });

  app.post('/staff/public-jobs/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'publicjobs.manage');
    const body = formBody(req);
    try {
      const p = await createProgramme(requestContext(ctx.db, req), programmeInputOf(body));
      return reply.redirect(`/staff/public-jobs/${p.id}?done=1`, 303);
    } catch (err) {
      return newPage(req, reply, formValuesOf(body), fieldErrors(err, req.lang));
    }
  });

  async function rulesPage(
    req: FastifyRequest,
    reply: FastifyReply,
    state: { values: FormValues; excluded: string[] } | null,
    problem?: Problem,
  ) {
    const L = req.lang;
    const id = uuidParam(req);
    const p = await getProgramme(requestContext(ctx.db, req), { id });
    if (!managesProgramme(req.actor, { centre_id: p.centreId })) throw notFound('publicjobs.notFound');
    const s = state ?? rulesFormValues(p);
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'pjf.rulesTitle')} — ${p.name}`} nav="/staff">
        <p>
          <a href={`/staff/public-jobs/${p.id}`}>← {p.name}</a>
        </p>
        <h1>{t(L, 'pjf.rulesTitle')}</h1>
        <p>{t(L, 'pjf.rulesNote', { next: p.ruleVersion + 1 })}</p>
        <form method="post" action={`/staff/public-jobs/${p.id}/rules`}>
          <Csrf token={req.csrfToken} />
          <ErrorSummary lang={L} message={problem?.form} errors={problem?.fields ?? {}} />
          <RuleFields
            lang={L}
            v={s.values}
            excluded={s.excluded}
            errors={problem?.fields ?? {}}
            year={p.year}
          />
          <ReferenceTables lang={L} />
          <div class="actions">
            <button type="submit">{t(L, 'pjf.saveRules')}</button>
            <a href={`/staff/public-jobs/${p.id}`}>{t(L, 'pjf.cancel')}</a>
          </div>
        </form>
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/public-jobs/:id/rules', pageOpts, async (req, reply) => {
    requirePermission(req, 'publicjobs.manage');
    return rulesPage(req, reply, null);
  });

  app.post('/staff/public-jobs/:id/rules', pageOpts, async (req, reply) => {
    requirePermission(req, 'publicjobs.manage');
    const id = uuidParam(req);
    const body = formBody(req);
    try {
      await changeRules(requestContext(ctx.db, req), { id, ...rulesInputOf(body) });
      return reply.redirect(`/staff/public-jobs/${id}?done=1`, 303);
    } catch (err) {
      return rulesPage(req, reply, formValuesOf(body), fieldErrors(err, req.lang));
    }
  });
}
