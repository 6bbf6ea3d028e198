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
    ko: '구직 등록일이 기간(시작일~종료일)에 속하는 구직자의 수.',
    en: 'Job seekers whose registration date falls in the period (from–to, both days included).',
  },
  counts: {
    ko: 'seekers 행. 등록일 registered_at, 센터는 구직자의 소속 센터(centre_id).',
    en: 'seekers rows; date registered_at; centre = the seeker’s centre (centre_id).',
  },
  edgeCases: [
    {
      ko: '지난 날짜로 등록한 구직자는 입력한 등록일이 속한 기간에 셉니다.',
      en: 'Back-dated registrations count in the period of the registration date entered.',
    },
    {
      ko: '지금 구직 중인지, 취업·보류·종료인지와 관계없이 셉니다. 보존기간이 지나 삭제된 구직자는 빠집니다.',
      en: 'Counted whatever the status (closed and on hold included); seekers deleted at the end of retention drop out.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${registeredIn(f)}`),
});

/** 취업자 — of the seekers registered in the period, those employed after registering. */
export const employedSeekers = defineKpi({
  id: 'employedSeekers',
  name: { ko: '등록자 중 취업자 수', en: 'Employed seekers (of those registered)' },
  unit: 'persons',
  definition: {
    ko: '기간 중에 등록한 구직자 가운데 등록한 날부터 오늘까지 취업한 사람의 수. 여러 번 취업해도 1명으로 셉니다.',
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
      ko: '취업이 기간 뒤에 이루어졌더라도 오늘까지 시작했으면 셉니다. 그래서 지난 기간의 값은 시간이 지나면서 늘 수 있습니다. 앞으로 시작할 취업은 시작일부터 셉니다.',
      en: 'An employment starting after the period still counts if it started by today, so a past period’s figure can grow; a future start counts from that day.',
    },
    {
      ko: '알선·본인 취업·채용행사·공공일자리 등 어떤 경로로 취업했는지, 어느 센터가 기록했는지는 따지지 않습니다.',
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
    ko: '등록자 중 취업자 수를 구직 등록자 수로 나눈 백분율, 소수 첫째 자리에서 반올림 (예: 56,065명 등록, 27,846명 취업 → 49.7%).',
    en: 'Employed seekers divided by seekers registered, as a percentage with one decimal (27,846 of 56,065 → 49.7%).',
  },
  counts: { ko: '위 두 지표에서 계산합니다.', en: 'Computed from the two figures above.' },
  edgeCases: [
    {
      ko: '기간 중 등록자가 없으면 값을 내지 않습니다(화면에는 "—").',
      en: 'No value (shown as "—") when no seeker registered in the period.',
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
    ko: '기간 중에 집중관리(토털케어) 대상으로 지정된 구직자의 수.',
    en: 'Job seekers who were placed in intensive care (total care) in the period.',
  },
  counts: {
    ko: 'seekers 행 중 care = intensive. 센터는 구직자의 소속 센터.',
    en: 'seekers rows with care = intensive; centre = the seeker’s centre.',
  },
  edgeCases: [
    {
      ko: '집중관리는 취업한 뒤에도 풀리지 않으므로 취업 결과까지 따라갈 수 있습니다. 지정일이 기록되지 않은 사람은 구직 등록일로 셉니다.',
      en: 'Intensive care stays after employment, so outcomes can be followed; when the day it began is not recorded, the registration date is used.',
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
    ko: '집중관리 대상자 수에 든 사람 가운데 집중관리를 시작한 날부터 오늘까지 취업한 사람의 수.',
    en: 'Of the seekers in intensive care, those who started a job on or after the day their intensive care began, up to today.',
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
