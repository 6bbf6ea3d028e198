import { sql } from 'kysely';
import { postingReportRows } from '../../postings/postings.report.service.ts';
import { referralReportRows } from '../../referrals/referrals.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, count, defineKpi, postingDims, seekerDims, seoulDays } from './types.ts';

const postingSide = { targetGroup: 'none', occupation: 'posting', region: 'posting' } as const;

const registeredNote = {
  ko: '작성 중(draft)·승인 대기(pending) 공고는 빠지고, 승인 후(open·closed·filled·expired)만 셉니다. 날짜는 공고 생성일(한국 시간)입니다.',
  en: 'Drafts and postings awaiting approval are left out; open, closed, filled and expired ones count, by creation day (Asia/Seoul).',
};

/** 구인 공고 등록 — approved postings created in the period. */
export const postingsRegistered = defineKpi({
  id: 'postingsRegistered',
  name: { ko: '구인 공고 수', en: 'Postings registered' },
  unit: 'postings',
  definition: {
    ko: '생성일이 기간에 속하고 승인된 구인 공고 수.',
    en: 'Approved postings created in [from, to].',
  },
  counts: {
    ko: 'postings 행. 센터는 공고를 관리하는 센터(postings.centre_id). 직종·지역 필터는 공고의 직종·근무지입니다.',
    en: 'postings rows; centre = the managing centre; occupation and region filters use the posting’s own codes.',
  },
  edgeCases: [
    registeredNote,
    {
      ko: '대상(targetGroup) 필터는 공고에 적용되지 않습니다.',
      en: 'The target-group filter does not apply to postings.',
    },
  ],
  dimensions: postingSide,
  live: (db, f) =>
    count(
      db,
      sql`SELECT count(*) AS n FROM ${postingReportRows()} p
        WHERE ${centreCond('p', f)} AND ${seoulDays('p.created_at', f)} AND ${postingDims('p', f)}
          AND p.status NOT IN ('draft', 'pending')`,
    ),
});

/** 구인 인원 — positions requested by those postings (jobs discovered, seed 003). */
export const headcountRequested = defineKpi({
  id: 'headcountRequested',
  name: { ko: '구인 인원', en: 'Positions requested' },
  unit: 'positions',
  definition: {
    ko: '구인 공고 수에 든 공고의 모집 인원(headcount) 합계.',
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
          AND p.status NOT IN ('draft', 'pending')`,
    ),
});

/** 서비스 기업 — distinct employers the centre worked with in the period. */
export const employersServed = defineKpi({
  id: 'employersServed',
  name: { ko: '서비스 기업 수', en: 'Employers served' },
  unit: 'employers',
  definition: {
    ko: '기간 중 승인된 공고를 등록했거나, 그 기업의 공고로 알선이 있었던 서로 다른 기업 수.',
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
      ko: '대상(targetGroup) 필터가 있으면 그 대상 구직자를 알선한 기업만 셉니다. 직종·지역 필터는 공고 기준입니다. 기업 방문 기록은 발굴단 기능이 생기면 더합니다.',
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
            AND p.status NOT IN ('draft', 'pending') ${f.targetGroup ? sql`AND FALSE` : sql``}
          UNION
          SELECT p.employer_id FROM ${referralReportRows()} r JOIN ${postingReportRows()} p ON p.id = r.posting_id
            JOIN ${seekerReportRows()} s ON s.id = r.seeker_id
          WHERE ${centreCond('r', f)} AND ${seoulDays('r.created_at', f)} AND ${postingDims('p', f)}
            AND ${seekerDims('s', { ...f, occupation: undefined, regionCode: undefined })}
        ) x`,
    ),
});
