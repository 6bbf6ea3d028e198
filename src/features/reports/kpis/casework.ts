import { sql } from 'kysely';
import { counsellingReportRows } from '../../counselling/counselling.report.service.ts';
import { employmentReportRows } from '../../employments/employments.report.service.ts';
import { referralReportRows } from '../../referrals/referrals.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, count, defineKpi, type KpiFilter, seekerDims, seekerSide, seoulDays } from './types.ts';

/** Counselling records dated in the period, with their seeker (s) for the filters. */
const counsellingIn = (f: KpiFilter) =>
  sql`FROM ${counsellingReportRows()} c JOIN ${seekerReportRows()} s ON s.id = c.seeker_id
    WHERE ${centreCond('c', f)} AND ${seoulDays('c.at', f)} AND ${seekerDims('s', f)}`;

/** Referrals created in the period, with their seeker (s) for the filters. */
const referralsIn = (f: KpiFilter) =>
  sql`FROM ${referralReportRows()} r JOIN ${seekerReportRows()} s ON s.id = r.seeker_id
    WHERE ${centreCond('r', f)} AND ${seoulDays('r.created_at', f)} AND ${seekerDims('s', f)}`;

/**
 * Employments starting in the period, with their seeker (s) for the filters; a record marked as
 * a repeat of another (duplicate_of, migration 5002) is the same hire and counts once.
 */
const employmentsIn = (f: KpiFilter) =>
  sql`FROM ${employmentReportRows()} e JOIN ${seekerReportRows()} s ON s.id = e.seeker_id
    WHERE ${centreCond('e', f)} AND e.start_date BETWEEN ${f.from}::date AND ${f.to}::date
      AND e.duplicate_of IS NULL AND ${seekerDims('s', f)}`;

/** The counselling channels, in the order reports show them. */
export const CHANNELS = ['visit', 'phone', 'online', 'mobile_desk', 'group'] as const;

const seoulNote = {
  ko: '날짜는 한국 시간으로 따집니다. 기간 밖의 기록은 세지 않습니다.',
  en: 'Days are taken in Korean time. Records outside the period do not count.',
};

/** 취업상담 — counselling records dated in the period (seed 000: 115,598). */
export const consultations = defineKpi({
  id: 'consultations',
  name: { ko: '상담 건수', en: 'Consultations' },
  unit: 'records',
  definition: {
    ko: '기간(시작일~종료일) 중에 한 상담 기록의 수. 한 사람을 여러 번 상담하면 상담마다 1건으로 셉니다.',
    en: 'Counselling sessions held in the period (from–to, both days included); every session with the same person counts.',
  },
  counts: {
    ko: 'counselling 행. 센터는 상담을 한 센터(counselling.centre_id). 한 사람의 여러 상담은 각각 셉니다.',
    en: 'counselling rows; centre = the centre that counselled (counselling.centre_id); every session counts.',
  },
  edgeCases: [seoulNote],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${counsellingIn(f)}`),
});

/** 상담 경로별 — consultations split by channel. */
export const consultationsByChannel = defineKpi({
  id: 'consultationsByChannel',
  name: { ko: '상담 경로별 건수', en: 'Consultations by channel' },
  unit: 'records',
  definition: {
    ko: '상담 건수를 방문·전화·온라인·찾아가는 상담실·집단상담으로 나눈 값. 모두 더하면 상담 건수가 됩니다.',
    en: 'Consultations split into visit, phone, online, mobile desk and group; the parts add up to the consultations.',
  },
  counts: { ko: 'counselling.channel', en: 'counselling.channel' },
  edgeCases: [seoulNote],
  dimensions: seekerSide,
  liveParts: async (db, f) => {
    const r = await sql<{ channel: string; n: number }>`
      SELECT c.channel, count(*) AS n ${counsellingIn(f)} GROUP BY c.channel`.execute(db);
    const out: Record<string, number> = Object.fromEntries(CHANNELS.map((c) => [c, 0]));
    for (const row of r.rows) out[row.channel] = Number(row.n);
    return out;
  },
});

/** 알선 — referrals created in the period (seed 000: 2,968). */
export const referrals = defineKpi({
  id: 'referrals',
  name: { ko: '알선 건수', en: 'Referrals' },
  unit: 'records',
  definition: {
    ko: '기간 중에 한 알선의 수. 그 뒤 결과(면접·채용·불합격)와 관계없이 셉니다.',
    en: 'Referrals made in the period, whatever came of them.',
  },
  counts: {
    ko: 'referrals 행. 센터는 알선한 센터(referrals.centre_id).',
    en: 'referrals rows; centre = the referring centre (referrals.centre_id).',
  },
  edgeCases: [
    seoulNote,
    {
      ko: '철회·불합격된 알선도 셉니다. 같은 사람을 같은 공고에 다시 알선하면 새 건입니다.',
      en: 'Withdrawn and rejected referrals count; referring the same person to the same posting again is a new referral.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${referralsIn(f)}`),
});

/** By current status or history: the referrals feature's report relation computes both. */
const reachedInterview = sql`r.interviewed`;
const reachedHired = sql`r.hired`;

/** Funnel step 2: referrals that reached an interview. */
export const referralsInterviewed = defineKpi({
  id: 'referralsInterviewed',
  name: { ko: '면접까지 간 알선 건수', en: 'Referrals that reached an interview' },
  unit: 'records',
  definition: {
    ko: '기간 중에 한 알선 가운데 면접을 보았거나 채용까지 된 건수. 지금은 다른 단계라도 한 번 면접에 이르렀으면 셉니다.',
    en: 'Referrals of the period that reached an interview or a hire; one that has moved on since still counts.',
  },
  counts: { ko: 'referrals + referral_events', en: 'referrals with referral_events' },
  edgeCases: [
    {
      ko: '면접 후 불합격·노쇼가 되어도 면접 단계에 이른 것으로 셉니다.',
      en: 'A referral rejected or a no-show after its interview still counts as interviewed.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${referralsIn(f)} AND ${reachedInterview}`),
});

/** Funnel step 3: referrals that ended in a hire. */
export const referralsHired = defineKpi({
  id: 'referralsHired',
  name: { ko: '채용으로 이어진 알선 건수', en: 'Referrals that led to a hire' },
  unit: 'records',
  definition: {
    ko: '기간 중에 한 알선 가운데 채용된 건수.',
    en: 'Referrals of the period that ended in a hire.',
  },
  counts: { ko: 'referrals + referral_events', en: 'referrals with referral_events' },
  edgeCases: [
    {
      ko: '알선이 만들어진 날의 기간에 집계되므로 채용이 다음 기간에 나도 이 기간의 알선으로 셉니다.',
      en: 'Filed under the period the referral was created in, even when the hire comes later.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${referralsIn(f)} AND ${reachedHired}`),
});

/** 취업 — employments starting in the period (seed 000: 4,791). */
export const hires = defineKpi({
  id: 'hires',
  name: { ko: '취업 건수', en: 'Hires' },
  unit: 'records',
  definition: {
    ko: '취업 시작일이 기간에 속하는 취업 건수. 알선·본인 취업·채용행사·공공일자리 등 경로를 가리지 않습니다.',
    en: 'Jobs started in the period, whatever the route (referral, own search, hiring event, public job).',
  },
  counts: {
    ko: 'employments 행(다른 기록의 중복으로 표시된 행 제외). 센터는 취업을 기록한 센터(employments.centre_id).',
    en: 'employments rows (rows marked as a repeat of another excluded); centre = the recording centre (employments.centre_id).',
  },
  edgeCases: [
    {
      ko: '한 사람이 기간 중 두 번 취업하면 2건입니다(사람 수는 취업자 수 지표).',
      en: 'A person hired twice in the period counts twice (employedSeekers counts people).',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${employmentsIn(f)}`),
});

/** 알선 취업 — hires with route referral. */
export const hiresByReferral = defineKpi({
  id: 'hiresByReferral',
  name: { ko: '알선 취업 건수', en: 'Hires by referral' },
  unit: 'records',
  definition: {
    ko: '취업 건수 가운데 센터의 알선으로 취업한 건수.',
    en: 'Hires that came from a referral by the centre.',
  },
  counts: { ko: "employments.route = 'referral'", en: "employments.route = 'referral'" },
  edgeCases: [
    {
      ko: '알선 결과를 채용으로 기록하면 취업 기록이 저절로 생기므로 따로 입력하지 않아도 됩니다.',
      en: 'Recording a referral as hired creates the hire by itself; nothing is entered twice.',
    },
  ],
  dimensions: seekerSide,
  live: (db, f) => count(db, sql`SELECT count(*) AS n ${employmentsIn(f)} AND e.route = 'referral'`),
});
