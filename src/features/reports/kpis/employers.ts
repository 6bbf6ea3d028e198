import { sql } from 'kysely';
import { postingReportRows } from '../../postings/postings.report.service.ts';
import { referralReportRows } from '../../referrals/referrals.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, count, defineKpi, postingDims, seekerDims, seoulDays } from './types.ts';

const postingSide = { targetGroup: 'none', occupation: 'posting', region: 'posting' } as const;

const registeredNote = {
  ko: '작성 중이거나 승인을 기다리는 공고, 반려되거나 보완 요청된 공고는 세지 않고, 승인된 공고(모집 중·마감·충원·기간 만료)만 셉니다. 날짜는 공고를 등록한 날입니다.',
  en: 'Drafts, postings awaiting approval and those rejected or returned for changes are left out; open, closed, filled and expired ones count, by creation day (Asia/Seoul).',
};

/** 구인 공고 등록 — approved postings created in the period. */
export const postingsRegistered = defineKpi({
  id: 'postingsRegistered',
  name: { ko: '구인 공고 수', en: 'Postings registered' },
  unit: 'postings',
  definition: {
    ko: '기간 중에 등록되어 승인된 구인 공고의 수.',
    en: 'Approved postings created in [from, to].',
  },
  counts: {
    ko: 'postings 행. 센터는 공고를 관리하는 센터(postings.centre_id). 직종·지역 필터는 공고의 직종·근무지입니다.',
    en: 'postings rows; centre = the managing centre; occupation and region filters use the posting’s own codes.',
  },
  edgeCases: [
    registeredNote,
    {
      ko: '대상(청년·신중년 등) 조건은 공고에는 적용되지 않습니다.',
      en: 'The target-group filter does not apply to postings.',
    },
  ],
  dimensions: postingSide,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${postingReportRows()} p
        WHERE ${centreCond('p', f)} AND ${seoulDays('p.created_at', f)} AND ${postingDims('p', f)}
          AND p.status NOT IN ('draft', 'pending', 'rejected', 'returned')`,
    ),
});

/** 구인 인원 — positions requested by those postings (jobs discovered, seed 003). */
export const headcountRequested = defineKpi({
  id: 'headcountRequested',
  name: { ko: '구인 인원', en: 'Positions requested' },
  unit: 'positions',
  definition: {
    ko: '구인 공고 수에 든 공고들의 모집 인원을 모두 더한 값.',
    en: 'Sum of the headcount of the postings counted in postingsRegistered.',
  },
  counts: { ko: 'postings.headcount', en: 'postings.headcount' },
  edgeCases: [registeredNote],
  dimensions: postingSide,
  live: (db, f) =>
    count(
      db,
      sql`SELECT coalesce(sum(p.headcount), 0) AS n FROM ${postingReportRows()} p
        WHERE ${centreCond('p', f)} AND ${seoulDays('p.created_at', f)} AND ${postingDims('p', f)}
          AND p.status NOT IN ('draft', 'pending', 'rejected', 'returned')`,
    ),
});

/** 서비스 기업 — distinct employers the centre worked with in the period. */
export const employersServed = defineKpi({
  id: 'employersServed',
  name: { ko: '지원한 구인기업 수', en: 'Employers served' },
  unit: 'employers',
  definition: {
    ko: '기간 중에 승인된 공고를 냈거나 센터가 그 기업의 공고에 구직자를 알선한 기업의 수. 한 기업은 한 번만 셉니다.',
    en: 'Distinct employers with an approved posting created, or a referral made to one of their postings, in [from, to].',
  },
  counts: {
    ko: 'postings(센터·생성일) ∪ referrals(알선 센터·생성일)의 employer_id, 중복 제거.',
    en: 'employer_id of postings (centre, created) ∪ referrals (referring centre, created), each employer once.',
  },
  edgeCases: [
    {
      ko: '두 센터가 같은 기업을 도우면 각 센터에서 1곳씩, 상위 기관 합계에서는 1곳입니다.',
      en: 'An employer served by two centres counts once in each and once in their parent’s total.',
    },
    {
      ko: '대상(청년·신중년 등)을 고르면 그 대상 구직자를 알선한 기업만 셉니다. 직종·지역 조건은 공고의 직종·근무지로 따집니다. 기업 방문은 아직 들어가지 않습니다.',
      en: 'With a target-group filter only employers reached by referrals of that group count; occupation and region use the posting. Company visits join when the outreach feature lands.',
    },
  ],
  dimensions: { targetGroup: 'seeker', occupation: 'posting', region: 'posting' },
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM (
          SELECT p.employer_id FROM ${postingReportRows()} p
          WHERE ${centreCond('p', f)} AND ${seoulDays('p.created_at', f)} AND ${postingDims('p', f)}
            AND p.status NOT IN ('draft', 'pending', 'rejected', 'returned') ${f.targetGroup ? sql`AND FALSE` : sql``}
          UNION
          SELECT p.employer_id FROM ${referralReportRows()} r JOIN ${postingReportRows()} p ON p.id = r.posting_id
            JOIN ${seekerReportRows()} s ON s.id = r.seeker_id
          WHERE ${centreCond('r', f)} AND ${seoulDays('r.created_at', f)} AND ${postingDims('p', f)}
            AND ${seekerDims('s', { ...f, occupation: undefined, regionCode: undefined })}
        ) x`,
    ),
});
