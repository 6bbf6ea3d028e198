import { sql } from 'kysely';
import { employedBetween } from '../../employments/employments.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, count, defineKpi, type KpiFilter, seekerDims, seekerSide } from './types.ts';

/** Seekers registered in the period (s). */
const registeredIn = (f: KpiFilter) =>
  sql`FROM ${seekerReportRows()} s
    WHERE ${centreCond('s', f)} AND s.registered_at BETWEEN ${f.from}::date AND ${f.to}::date
      AND ${seekerDims('s', f)}`;

/** The day a seeker entered intensive care (the registration date when care_since is unknown). */
const careDay = sql`coalesce(report_seoul_day(s.care_since), s.registered_at)`;

/** Seekers in intensive care who entered it in the period (s). */
const enteredCareIn = (f: KpiFilter) =>
  sql`FROM ${seekerReportRows()} s
    WHERE s.care = 'intensive' AND ${centreCond('s', f)} AND ${seekerDims('s', f)}
      AND ${careDay} BETWEEN ${f.from}::date AND ${f.to}::date`;

/** 구직등록 — seekers registered in the period (API.md "KPI definitions"). */
export const seekersRegistered = defineKpi({
  id: 'seekersRegistered',
  name: { ko: '구직 등록자 수', en: 'Seekers registered' },
  unit: 'persons',
  definition: {
    ko: '등록일(registeredAt)이 기간 [시작일, 종료일]에 속하는 구직자 수.',
    en: 'Job seekers whose registration date (registeredAt) falls in [from, to].',
  },
  counts: {
    ko: 'seekers 행. 등록일 registered_at, 센터는 구직자의 소속 센터(centre_id).',
    en: 'seekers rows; date registered_at; centre = the seeker’s centre (centre_id).',
  },
  edgeCases: [
    {
      ko: '소급 등록(과거 등록일)은 입력된 등록일의 기간에 집계됩니다.',
      en: 'Back-dated registrations count in the period of the registration date entered.',
    },
    {
      ko: '상태(종료·보류 포함)와 관계없이 집계합니다. 삭제(보존기간 경과)된 구직자는 빠집니다.',
      en: 'Counted whatever the status (closed and on hold included); seekers deleted at the end of retention drop out.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${registeredIn(f)}`),
});

/** 취업자 — of the seekers registered in the period, those employed after registering. */
export const employedSeekers = defineKpi({
  id: 'employedSeekers',
  name: { ko: '취업자 수(등록자 중)', en: 'Employed seekers (of those registered)' },
  unit: 'persons',
  definition: {
    ko: '기간 중 등록한 구직자 가운데 등록일 당일 또는 그 이후, 오늘까지 시작한 취업(employments)이 하나 이상 있는 사람 수.',
    en: 'Of the seekers registered in [from, to], those with an employment starting on or after their registration date, up to today.',
  },
  counts: {
    ko: 'seekers 행(등록 기간 기준) + employments.start_date. 한 사람은 취업이 여러 건이어도 1명.',
    en: 'seekers rows (by registration period) with an employments row; a person with several employments counts once.',
  },
  edgeCases: [
    {
      ko: '등록일 이전에 시작한 취업은 세지 않습니다.',
      en: 'An employment that started before the registration date does not count.',
    },
    {
      ko: '취업 시작일이 종료일 이후라도 오늘까지이면 셉니다(코호트 지표). 미래 시작일은 그날부터 셉니다.',
      en: 'An employment starting after `to` still counts if it started by today (a cohort figure); a future start date counts from that day.',
    },
    {
      ko: '취업 경로(알선·본인·행사·공공일자리)와 취업을 기록한 센터는 따지지 않습니다.',
      en: 'Any route (referral, self, event, public job) and any recording centre.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n ${registeredIn(f)}
          AND ${employedBetween(sql`s.id`, sql`s.registered_at`, f.today)}`,
    ),
});

/** 취업성공률 — employedSeekers / seekersRegistered. */
export const successRate = defineKpi({
  id: 'successRate',
  name: { ko: '취업성공률', en: 'Success rate' },
  unit: 'percent',
  definition: {
    ko: '취업자 수(등록자 중) ÷ 구직 등록자 수 × 100, 소수 첫째 자리 반올림 (56,065명 중 27,846명 → 49.7%).',
    en: 'employedSeekers / seekersRegistered × 100, rounded to one decimal (27,846 of 56,065 → 49.7%).',
  },
  counts: { ko: '위 두 지표에서 계산합니다.', en: 'Computed from the two figures above.' },
  edgeCases: [
    {
      ko: '등록자가 0명이면 값이 없습니다(null, 화면에는 "—").',
      en: 'No value (null, shown as "—") when no seeker registered in the period.',
    },
  ],
  dimensions: seekerSide,
  derive: (x) => {
    const reg = Number(x.seekersRegistered ?? 0);
    if (!reg) return null;
    // Integer arithmetic first so .x5 cases round the same way on every platform.
    return Math.round((Number(x.employedSeekers ?? 0) * 1000) / reg) / 10;
  },
});

/** 토털케어 — seekers who entered intensive care in the period (seed 002). */
export const intensiveCareSeekers = defineKpi({
  id: 'intensiveCareSeekers',
  name: { ko: '집중관리(토털케어) 대상자 수', en: 'Seekers in intensive care' },
  unit: 'persons',
  definition: {
    ko: '기간 중 집중관리(토털케어) 대상이 된 구직자 수(care_since 날짜 기준).',
    en: 'Seekers who entered intensive care (total care) in [from, to], by the date of care_since.',
  },
  counts: {
    ko: 'seekers 행 중 care = intensive. 센터는 구직자의 소속 센터.',
    en: 'seekers rows with care = intensive; centre = the seeker’s centre.',
  },
  edgeCases: [
    {
      ko: '집중관리는 취업 후에도 유지되므로(care.service) 결과 추적이 가능합니다. 날짜가 없으면 등록일을 씁니다.',
      en: 'Intensive care is sticky after employment (care.service), so outcomes can be followed; without care_since the registration date is used.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${enteredCareIn(f)}`),
});

/** Outcome of total care: employed after entering intensive care. */
export const intensiveCareEmployed = defineKpi({
  id: 'intensiveCareEmployed',
  name: { ko: '집중관리 대상자 중 취업자 수', en: 'Intensive-care seekers employed' },
  unit: 'persons',
  definition: {
    ko: '집중관리 대상자 수에 든 사람 가운데 집중관리 시작일 당일 또는 이후, 오늘까지 시작한 취업이 있는 사람 수.',
    en: 'Of intensiveCareSeekers, those with an employment starting on or after the day they entered intensive care, up to today.',
  },
  counts: {
    ko: 'seekers(care = intensive) + employments.',
    en: 'seekers (care = intensive) with employments.',
  },
  edgeCases: [
    {
      ko: '집중관리 이전의 취업은 세지 않습니다.',
      en: 'An employment before entering intensive care does not count.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n ${enteredCareIn(f)}
          AND ${employedBetween(sql`s.id`, careDay, f.today)}`,
    ),
});
