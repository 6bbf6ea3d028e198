import { bookingNoShowRate, bookings, bookingUtilisation, suitRentals } from './bookings.ts';
import {
  consultations,
  consultationsByChannel,
  hires,
  hiresByReferral,
  referrals,
  referralsHired,
  referralsInterviewed,
} from './casework.ts';
import { employersServed, headcountRequested, postingsRegistered } from './employers.ts';
import { eventEmployers, eventHires, eventInterviews, eventPassedFirst, eventSeekers } from './events.ts';
import {
  adminRequestsAnswered,
  adminRequestsOnTime,
  adminRequestsOnTimeRate,
  agreementsSigned,
  companiesVisited,
  companyVisits,
  deskConsultations,
  deskSessions,
  filledPositions,
  jobsDiscovered,
  pledgedPositions,
} from './outreach.ts';
import {
  programmeCompletions,
  programmeEmployed6m,
  programmeExternalParticipants,
  programmeParticipants,
} from './programmes.ts';
import {
  publicJobApplicants,
  publicJobEligible,
  publicJobMovedToPrivate,
  publicJobPlaced,
  publicJobSelected,
} from './publicjobs.ts';
import { retention1m, retention3m, retention6m } from './retention.ts';
import {
  employedSeekers,
  intensiveCareEmployed,
  intensiveCareSeekers,
  seekersRegistered,
  successRate,
} from './seekers.ts';
import type { KpiDefinition } from './types.ts';

export type { KpiDefinition, KpiFilter } from './types.ts';

/** Every KPI, in the order reports, exports and docs/KPI.md list them. */
export const KPIS: readonly KpiDefinition[] = [
  seekersRegistered,
  consultations,
  consultationsByChannel,
  referrals,
  referralsInterviewed,
  referralsHired,
  hires,
  hiresByReferral,
  employedSeekers,
  successRate,
  intensiveCareSeekers,
  intensiveCareEmployed,
  postingsRegistered,
  headcountRequested,
  employersServed,
  retention1m,
  retention3m,
  retention6m,
  bookings,
  bookingNoShowRate,
  bookingUtilisation,
  suitRentals,
  eventEmployers,
  eventSeekers,
  eventInterviews,
  eventPassedFirst,
  eventHires,
  publicJobApplicants,
  publicJobEligible,
  publicJobSelected,
  publicJobPlaced,
  publicJobMovedToPrivate,
  programmeParticipants,
  programmeCompletions,
  programmeEmployed6m,
  programmeExternalParticipants,
  companyVisits,
  companiesVisited,
  jobsDiscovered,
  agreementsSigned,
  pledgedPositions,
  filledPositions,
  deskSessions,
  deskConsultations,
  adminRequestsAnswered,
  adminRequestsOnTime,
  adminRequestsOnTimeRate,
];

/** Ids of the single-number KPIs (everything but breakdown-valued ones). */
export const SCALAR_KPI_IDS = KPIS.filter((k) => !k.liveParts).map((k) => k.id);

/** Looks a KPI up by id. */
export function kpiById(id: string): KpiDefinition | undefined {
  return KPIS.find((k) => k.id === id);
}

const unitText: Record<KpiDefinition['unit'], string> = {
  persons: '명 / persons',
  records: '건 / records',
  postings: '건 / postings',
  positions: '명 / positions',
  employers: '곳 / employers',
  percent: '% (소수 첫째 자리 / one decimal)',
};

const dimText = { seeker: '구직자 / seeker', posting: '공고 / posting', none: '적용 안 함 / not applied' };

/**
 * docs/KPI.md, generated from the definitions above (a test checks the file matches; run
 * `ILTEO_WRITE_KPI_DOCS=1 npx vitest run src/features/reports/kpi-docs.test.ts` to rewrite it).
 */
export function renderKpiMarkdown(): string {
  const out: string[] = [
    '# 성과 지표 정의 / KPI definitions',
    '',
    '<!-- Generated from src/features/reports/kpis/*.ts — do not edit by hand. -->',
    '',
    'Every figure of `GET /api/v1/reports/kpi`, the XLSX/CSV exports and the /staff/reports page',
    'is one of these definitions. Filters: `centreId` (the centre and every centre below it),',
    '`from`–`to` (Asia/Seoul calendar days, both included), `targetGroup`, `occupation` (KECO',
    'prefix, of either edition) and `regionCode` (prefix). Records keep the region code they were',
    'entered with and count under the code in force: 인천 서구 28260 under 서해구 28275, 광주 29 and',
    '전남 46 under 12 (2026-07-01). The previous-year figures use the same days one year',
    'earlier (29 February → 28 February).',
    '',
    '| id | 이름 / name | 단위 / unit |',
    '|---|---|---|',
    ...KPIS.map((k) => `| \`${k.id}\` | ${k.name.ko} / ${k.name.en} | ${unitText[k.unit]} |`),
    '',
  ];
  for (const k of KPIS) {
    out.push(`## \`${k.id}\` — ${k.name.ko} / ${k.name.en}`, '');
    out.push(`- 정의: ${k.definition.ko}`, `- Definition: ${k.definition.en}`);
    out.push(`- 집계 대상: ${k.counts.ko}`, `- Records: ${k.counts.en}`);
    out.push(
      `- 필터 / filters: targetGroup → ${dimText[k.dimensions.targetGroup]}; occupation → ${dimText[k.dimensions.occupation]}; regionCode → ${dimText[k.dimensions.region]}`,
    );
    if (k.edgeCases.length) {
      out.push('- 예외·경계 / edge cases:');
      for (const e of k.edgeCases) out.push(`  - ${e.ko}`, `    ${e.en}`);
    }
    out.push('');
  }
  out.push(
    '## 공통 규칙 / common rules',
    '',
    '- 구직자 기준 필터는 구직자의 대상(target_groups), 첫 번째 희망 직종(desired_occupations[1]), 거주 지역(region_code)입니다.',
    '  Seeker-side filters read the seeker’s target groups, first desired occupation and home region.',
    '- 센터 범위는 기록의 센터(상담·알선·취업은 그 기록을 만든 센터, 등록자는 소속 센터)로 정합니다.',
    '  The centre of a record decides the scope (counselling, referrals and employments: the recording centre; seekers: their centre).',
    '- 고용 유지율(1·3·6개월)은 employments 기능의 사후관리 기록(retention_followups)에서 계산합니다.',
    '  Retention at 1/3/6 months is computed from the follow-ups recorded by the employments feature.',
    '',
    '## 빠른 집계 / how the figures are computed fast',
    '',
    'Source-table writes append (centre, day) marks to `report_dirty` from statement-level triggers',
    '(one INSERT per statement, COPY included; writers never wait on each other). `report_refresh()`',
    'recomputes those days into `report_daily` (GROUPING SETS: totals, per target-group mask, per KECO',
    'major group, per 시도, and a detail level with all three for two or three filters at once;',
    'intensive care is filed under the day care began, retention follow-ups under the start day of',
    'their employment), `report_monthly` (the same rows per calendar month, kept up by difference),',
    '`report_daily_postings` and `report_daily_employers` (one row per centre, day and employer:',
    'employersServed is a distinct count). A report first drains the marks, then sums for each centre',
    'one `report_monthly` row per whole month of the period and one `report_daily` row per day left at',
    'either end. Only filters finer than a KECO major group or a 시도 run on the source tables (the same',
    'SQL as the definitions). A job refreshes every minute and, at 00:05, re-marks the days of seekers',
    'whose employment starts today (employedSeekers and intensiveCareEmployed count "up to today").',
    '',
  );
  return out.join('\n');
}
