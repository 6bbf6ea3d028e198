import { type RawBuilder, sql } from 'kysely';
import {
  publicJobApplicationReportRows,
  publicJobPlacementReportRows,
  publicJobSelectionReportRows,
} from '../../publicjobs/publicjobs.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, count, defineKpi, type KpiFilter, seekerDims, seekerSide, seoulDays } from './types.ts';

// Public job programmes (공공일자리, issue 20): applicants, eligible, selected, placed, and
// placements that ended in a private job (seed 002's aim). The centre of every record is the
// programme's centre.

const withSeeker = (rows: RawBuilder<unknown>, alias: string, when: RawBuilder<unknown>, f: KpiFilter) =>
  sql`FROM ${rows} ${sql.raw(alias)} JOIN ${seekerReportRows()} s ON s.id = ${sql.ref(`${alias}.seeker_id`)}
    WHERE ${centreCond(alias, f)} AND ${when} AND ${seekerDims('s', f)}`;

const centreNote = {
  ko: '센터는 사업을 연 센터(신청자의 소속 센터가 아님)입니다. 대상·직종·지역 필터는 신청자의 구직 등록 정보로 적용합니다.',
  en: 'The centre is the one running the programme (not the applicant’s own); target-group, occupation and region filters use the applicant’s registration.',
};

const applicationsIn = (f: KpiFilter) =>
  withSeeker(publicJobApplicationReportRows(), 'a', seoulDays('a.created_at', f), f);

/** 공공일자리 신청 — applications received in the period. */
export const publicJobApplicants = defineKpi({
  id: 'publicJobApplicants',
  name: { ko: '공공일자리 신청', en: 'Public job applications' },
  unit: 'records',
  definition: {
    ko: '접수일(created_at)이 기간에 속하는 공공일자리 참여 신청 수. 한 사람은 사업마다 한 번 신청합니다.',
    en: 'Public job applications received (created_at) in [from, to]; a person applies once per programme.',
  },
  counts: {
    ko: 'public_job_applications 행(Asia/Seoul 날짜). 센터는 사업을 연 센터.',
    en: 'public_job_applications rows (Asia/Seoul day); centre = the programme’s centre.',
  },
  edgeCases: [centreNote],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${applicationsIn(f)}`),
});

/** 공공일자리 자격 충족 — of those, eligible under the rule set in force when they applied. */
export const publicJobEligible = defineKpi({
  id: 'publicJobEligible',
  name: { ko: '공공일자리 자격 충족', en: 'Public job applicants eligible' },
  unit: 'records',
  definition: {
    ko: '기간 중 접수된 신청 가운데 신청 당시 자격 기준(규칙 버전)을 충족한 신청 수. 나중에 기준이 바뀌어도 판정은 바뀌지 않습니다.',
    en: 'Of the applications received in [from, to], those eligible under the rule-set version in force when they applied; a later rule change never alters them.',
  },
  counts: { ko: 'public_job_applications.eligible', en: 'public_job_applications.eligible' },
  edgeCases: [centreNote],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${applicationsIn(f)} AND a.eligible`),
});

/** 공공일자리 선발 — selected in results published in the period. */
export const publicJobSelected = defineKpi({
  id: 'publicJobSelected',
  name: { ko: '공공일자리 선발', en: 'Public job applicants selected' },
  unit: 'records',
  definition: {
    ko: '결과 공개일이 기간에 속하는 선발 결과에서 모집 인원 안에 든 신청 수(예비 명단 제외). 공개하지 않은 추첨·재추첨은 세지 않습니다.',
    en: 'Applications within the quota of results published in [from, to] (the waiting list excluded); draws never published, re-runs included, do not count.',
  },
  counts: {
    ko: 'public_job_publications → public_job_draws.ranked[1:quota] (공개일 published_at, Asia/Seoul 날짜).',
    en: 'public_job_publications → public_job_draws.ranked[1:quota] (published_at, Asia/Seoul day).',
  },
  edgeCases: [centreNote],
  dimensions: seekerSide,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n ${withSeeker(publicJobSelectionReportRows(), 'x', seoulDays('x.published_at', f), f)}`,
    ),
});

const placementsBy = (col: 'starts_on' | 'ends_on', f: KpiFilter) =>
  withSeeker(
    publicJobPlacementReportRows(),
    'pl',
    sql`${sql.ref(`pl.${col}`)} BETWEEN ${f.from}::date AND ${f.to}::date`,
    f,
  );

/** 공공일자리 배치 — placements starting in the period. */
export const publicJobPlaced = defineKpi({
  id: 'publicJobPlaced',
  name: { ko: '공공일자리 배치', en: 'Public job placements' },
  unit: 'records',
  definition: {
    ko: '근무 시작일이 기간에 속하는 공공일자리 배치 수. 배치마다 경로 public_job(공공일자리)의 취업 기록이 함께 만들어집니다(취업 건수에도 포함).',
    en: 'Placements starting in [from, to]; each also records an employment with route public_job (counted in hires too).',
  },
  counts: { ko: 'public_job_placements.starts_on', en: 'public_job_placements.starts_on' },
  edgeCases: [centreNote],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${placementsBy('starts_on', f)}`),
});

/** 공공일자리 → 민간 취업 — placements that ended in a private job in the period. */
export const publicJobMovedToPrivate = defineKpi({
  id: 'publicJobMovedToPrivate',
  name: { ko: '공공일자리 후 민간 취업', en: 'Moved on to private jobs' },
  unit: 'records',
  definition: {
    ko: '종료일이 기간에 속하고 종료 사유가 민간일자리 취업인 공공일자리 배치 수(서울 시간제 나눔일자리의 목표).',
    en: 'Placements that ended in [from, to] with the outcome "moved to a private job" (the aim of Seoul’s part-time shared jobs).',
  },
  counts: {
    ko: 'public_job_placements(outcome = private_job, ends_on).',
    en: 'public_job_placements with outcome private_job, by ends_on.',
  },
  edgeCases: [centreNote],
  dimensions: seekerSide,
  live: (db, f) =>
    count(db, sql`SELECT count(*) AS n ${placementsBy('ends_on', f)} AND pl.outcome = 'private_job'`),
});
