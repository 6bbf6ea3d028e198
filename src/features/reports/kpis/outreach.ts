import { sql } from 'kysely';
import { counsellingReportRows } from '../../counselling/counselling.report.service.ts';
import { deskSessionReportRows } from '../../desks/desks.report.service.ts';
import {
  adminRequestReportRows,
  agreementReportRows,
  discoveredJobReportRows,
  filledPositionsOn,
  visitReportRows,
} from '../../outreach/outreach.report.service.ts';
import { centreCond, count, defineKpi, seoulDays } from './types.ts';

// Field operations (API.md KPI definitions): 찾아가는 일자리 발굴단 visits, jobs discovered, 구민
// 우선채용 협약, mobile desks and one-stop admin support requests. None of the seeker or posting
// filters applies to them: they count records of the centre.

const none = { targetGroup: 'none', occupation: 'none', region: 'none' } as const;
const noFilters = {
  ko: '대상·직종·지역 필터는 적용되지 않습니다(센터와 기간만).',
  en: 'Target-group, occupation and region filters do not apply (centre and period only).',
};

/** 기업 방문 — outreach visits held in the period. */
export const companyVisits = defineKpi({
  id: 'companyVisits',
  name: { ko: '기업 방문 건수', en: 'Company visits' },
  unit: 'records',
  definition: {
    ko: '방문일(한국 시간)이 기간에 속하는, 결과가 입력된(방문 완료) 기업 방문 수.',
    en: 'Outreach visits held (reported) with their visit day (Asia/Seoul) in [from, to].',
  },
  counts: {
    ko: 'outreach_visits 중 방문 완료. 센터는 방문한 센터입니다.',
    en: 'outreach_visits held; centre = the visiting centre.',
  },
  edgeCases: [
    { ko: '예정·취소된 방문은 세지 않습니다.', en: 'Planned and cancelled visits do not count.' },
    noFilters,
  ],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${visitReportRows()} v WHERE ${centreCond('v', f)} AND ${seoulDays('v.held_at', f)}`,
    ),
});

/** 방문 기업 — distinct employers among those visits. */
export const companiesVisited = defineKpi({
  id: 'companiesVisited',
  name: { ko: '방문 기업 수', en: 'Companies visited' },
  unit: 'employers',
  definition: {
    ko: '기업 방문 건수에 든 방문의 서로 다른 기업 수.',
    en: 'Distinct employers among the visits counted in companyVisits.',
  },
  counts: { ko: 'outreach_visits.employer_id, 중복 제거.', en: 'outreach_visits.employer_id, each once.' },
  edgeCases: [
    {
      ko: '한 기업을 기간 중 여러 번 방문해도 1곳입니다.',
      en: 'A company visited several times in the period counts once.',
    },
    noFilters,
  ],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(DISTINCT v.employer_id) AS n FROM ${visitReportRows()} v
        WHERE ${centreCond('v', f)} AND ${seoulDays('v.held_at', f)}`,
    ),
});

/** 발굴 일자리 — headcount of the jobs discovered on those visits. */
export const jobsDiscovered = defineKpi({
  id: 'jobsDiscovered',
  name: { ko: '발굴 일자리(인원)', en: 'Jobs discovered' },
  unit: 'positions',
  definition: {
    ko: '기간 중 방문 완료된 기업 방문에서 발굴한 일자리의 모집 인원 합계.',
    en: 'Headcount of the jobs discovered on visits held in [from, to].',
  },
  counts: {
    ko: 'outreach_jobs.headcount (방문일 기준). 발굴 일자리마다 작성 중 공고(출처 outreach)가 생깁니다.',
    en: 'outreach_jobs.headcount by visit day; each discovered job also became a posting draft (source outreach).',
  },
  edgeCases: [noFilters],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT coalesce(sum(j.headcount), 0) AS n FROM ${discoveredJobReportRows()} j
        WHERE ${centreCond('j', f)} AND ${seoulDays('j.held_at', f)}`,
    ),
});

/** 우선채용 협약 체결 — agreements signed in the period. */
export const agreementsSigned = defineKpi({
  id: 'agreementsSigned',
  name: { ko: '우선채용 협약 체결', en: 'Hiring agreements signed' },
  unit: 'records',
  definition: {
    ko: '체결일이 기간에 속하는 구민 우선채용 협약 수.',
    en: 'Hiring agreements signed in [from, to].',
  },
  counts: { ko: 'hiring_agreements.signed_on', en: 'hiring_agreements.signed_on' },
  edgeCases: [noFilters],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${agreementReportRows()} a
        WHERE ${centreCond('a', f)} AND a.signed_on BETWEEN ${f.from}::date AND ${f.to}::date`,
    ),
});

const inForce = {
  ko: '기간 마지막 날(to)에 유효한 협약만 셉니다.',
  en: 'Only agreements in force on the last day (to) count.',
};

/** 약정 인원 — positions pledged by the agreements in force on `to`. */
export const pledgedPositions = defineKpi({
  id: 'pledgedPositions',
  name: { ko: '협약 약정 인원', en: 'Positions pledged' },
  unit: 'positions',
  definition: {
    ko: '기간 마지막 날 유효한 우선채용 협약의 약정 인원 합계.',
    en: 'Positions pledged by the hiring agreements valid on `to`.',
  },
  counts: { ko: 'hiring_agreements.pledged', en: 'hiring_agreements.pledged' },
  edgeCases: [inForce, noFilters],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT coalesce(sum(a.pledged), 0) AS n FROM ${agreementReportRows()} a
        WHERE ${centreCond('a', f)} AND a.valid_from <= ${f.to}::date AND a.valid_to >= ${f.to}::date`,
    ),
});

/** 충원 인원 — hires of residents under those agreements. */
export const filledPositions = defineKpi({
  id: 'filledPositions',
  name: { ko: '협약 충원 인원', en: 'Positions filled' },
  unit: 'positions',
  definition: {
    ko: '기간 마지막 날 유효한 협약마다, 그 기업에 협약 기간 안에 취업한 관내 거주 구직자 수의 합계(입력값이 아니라 취업 기록에서 계산).',
    en: 'For the agreements valid on `to`, hires at the employer starting within each agreement’s period of seekers living in the centre’s region, summed (derived from recorded hires, never typed in).',
  },
  counts: {
    ko: '취업 기록(기업·시작일) × 구직자 거주지(region_code), 중복 취업 기록 제외.',
    en: 'recorded hires (employer, start date) × the seeker’s home region, repeats left out.',
  },
  edgeCases: [
    inForce,
    {
      ko: '협약 기간 전체의 취업을 셉니다(기간 필터의 from과 무관).',
      en: 'Counts hires over each agreement’s whole period (independent of `from`).',
    },
    noFilters,
  ],
  dimensions: none,
  live: (db, f) => filledPositionsOn(db, { on: f.to, centreIds: f.centreIds }),
});

/** 찾아가는 취업상담실 운영 — sessions held. */
export const deskSessions = defineKpi({
  id: 'deskSessions',
  name: { ko: '찾아가는 상담실 운영 횟수', en: 'Mobile-desk sessions held' },
  unit: 'records',
  definition: {
    ko: '운영일이 기간에 속하고 오늘까지 도래한, 취소되지 않은 찾아가는 취업상담실 회차 수.',
    en: 'Mobile-desk sessions, not cancelled, on a day in [from, to] up to today.',
  },
  counts: { ko: 'desk_sessions (운영일, 운영 센터).', en: 'desk_sessions (day, the running centre).' },
  edgeCases: [
    {
      ko: '휴일 지정 등으로 취소된 회차와 아직 오지 않은 회차는 세지 않습니다.',
      en: 'Sessions cancelled (a holiday declared later) and sessions still to come do not count.',
    },
    noFilters,
  ],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${deskSessionReportRows()} s
        WHERE ${centreCond('s', f)} AND s.status = 'scheduled'
          AND s.date BETWEEN ${f.from}::date AND LEAST(${f.to}::date, ${f.today}::date)`,
    ),
});

/** 찾아가는 상담실 상담 — counselling records made at sessions. */
export const deskConsultations = defineKpi({
  id: 'deskConsultations',
  name: { ko: '찾아가는 상담실 상담 건수', en: 'Mobile-desk consultations' },
  unit: 'records',
  definition: {
    ko: '상담일이 기간에 속하고 찾아가는 취업상담실 회차에서 기록된 상담 수.',
    en: 'Counselling records dated in [from, to] made at a mobile-desk session (deskSessionId).',
  },
  counts: {
    ko: 'counselling 중 desk_session_id가 있는 기록(상담 경로 mobile_desk). 센터는 상담 기록의 센터입니다.',
    en: 'counselling rows with desk_session_id (channel mobile_desk); centre = the record’s centre.',
  },
  edgeCases: [noFilters],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${counsellingReportRows()} c
        WHERE ${centreCond('c', f)} AND ${seoulDays('c.at', f)} AND c.desk_session_id IS NOT NULL`,
    ),
});

/** 행정지원 회신 — requests answered in the period. */
export const adminRequestsAnswered = defineKpi({
  id: 'adminRequestsAnswered',
  name: { ko: '행정지원 회신 건수', en: 'Admin requests answered' },
  unit: 'records',
  definition: {
    ko: '회신일(한국 시간)이 기간에 속하는 원스톱 행정지원 요청 수.',
    en: 'One-stop admin support requests answered in [from, to].',
  },
  counts: { ko: 'admin_requests.answered_at', en: 'admin_requests.answered_at' },
  edgeCases: [noFilters],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${adminRequestReportRows()} r
        WHERE ${centreCond('r', f)} AND r.answered_at IS NOT NULL AND ${seoulDays('r.answered_at', f)}`,
    ),
});

/** 기한 내 회신 — of those, answered by their due time. */
export const adminRequestsOnTime = defineKpi({
  id: 'adminRequestsOnTime',
  name: { ko: '행정지원 기한 내 회신', en: 'Admin requests answered on time' },
  unit: 'records',
  definition: {
    ko: '행정지원 회신 건수 중 처리기한(유형별 법정 기한, 휴일 제외) 안에 회신한 수.',
    en: 'Of adminRequestsAnswered, those answered by their due time (the category’s limit, holidays left out).',
  },
  counts: { ko: 'answered_at ≤ due_at', en: 'answered_at ≤ due_at' },
  edgeCases: [
    {
      ko: '처리 중에 휴일이 새로 지정되면 기한이 그만큼 늦춰진 값으로 판단합니다.',
      en: 'A holiday declared while a request was open moved its due time; the moved time is used.',
    },
    noFilters,
  ],
  dimensions: none,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${adminRequestReportRows()} r
        WHERE ${centreCond('r', f)} AND r.answered_at IS NOT NULL AND ${seoulDays('r.answered_at', f)}
          AND r.answered_at <= r.due_at`,
    ),
});

/** 기한 내 회신율 — on time ÷ answered. */
export const adminRequestsOnTimeRate = defineKpi({
  id: 'adminRequestsOnTimeRate',
  name: { ko: '행정지원 기한 내 회신율', en: 'Admin requests on-time rate' },
  unit: 'percent',
  definition: {
    ko: '기한 내 회신 수를 회신 건수로 나눈 백분율, 소수 첫째 자리.',
    en: 'adminRequestsOnTime ÷ adminRequestsAnswered × 100, one decimal.',
  },
  counts: { ko: '위 두 지표에서 계산합니다.', en: 'Computed from the two figures above.' },
  edgeCases: [{ ko: '회신이 없으면 값을 내지 않습니다.', en: 'No value when nothing was answered.' }],
  dimensions: none,
  derive: (x) => {
    const answered = Number(x.adminRequestsAnswered ?? 0);
    if (!answered) return null;
    return Math.round((Number(x.adminRequestsOnTime ?? 0) * 1000) / answered) / 10;
  },
});
