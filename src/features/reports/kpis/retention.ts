import { sql } from 'kysely';
import { retentionReportRows } from '../../employments/employments.report.service.ts';
import { seekerReportRows } from '../../seekers/seekers.report.service.ts';
import { centreCond, defineKpi, seekerDims } from './types.ts';

/** Still employed of those with a result, in percent with one decimal; null without a base. */
export function retentionRate(done: number, kept: number): number | null {
  return done ? Math.round((kept * 1000) / done) / 10 : null;
}

/**
 * 고용 유지율 at 1, 3 and 6 months, from the retention follow-ups recorded by the employments
 * feature (retention_followups: employment_id, months, done_at, result employed/left/unknown).
 */
function retention(months: 1 | 3 | 6) {
  return defineKpi({
    id: `retention${months}m`,
    name: { ko: `${months}개월 고용 유지율`, en: `Retention at ${months} month${months > 1 ? 's' : ''}` },
    unit: 'percent',
    definition: {
      ko: `기간 중에 시작한 취업 가운데 ${months}개월 사후관리에서 재직 중인지 퇴사했는지 확인한 건을 분모로, 그중 재직 중인 건의 비율(소수 첫째 자리).`,
      en: `Of the employments starting in [from, to] whose ${months}-month follow-up is recorded as employed or left, the share still employed, one decimal.`,
    },
    counts: {
      ko: 'employments(시작일, 기록 센터) + retention_followups(months, done_at, result).',
      en: 'employments (start date, recording centre) with retention_followups (months, done_at, result).',
    },
    edgeCases: [
      {
        ko: '아직 하지 않았거나 연락이 닿지 않은 사후관리는 분모에서 빠집니다. 확인한 건이 하나도 없으면 값을 내지 않습니다(화면에는 "—").',
        en: 'Follow-ups not yet done, or where the person could not be reached, are left out of the base; with none checked there is no value (shown as "—").',
      },
    ],
    dimensions: { targetGroup: 'seeker', occupation: 'seeker', region: 'seeker' },
    live: async (db, f) => {
      const r = await sql<{ done: number; kept: number }>`
        SELECT count(*) AS done, count(*) FILTER (WHERE rf.result = 'employed') AS kept
        FROM ${retentionReportRows(months)} rf JOIN ${seekerReportRows()} s ON s.id = rf.seeker_id
        WHERE ${centreCond('rf', f)} AND rf.start_date BETWEEN ${f.from}::date AND ${f.to}::date
          AND rf.duplicate_of IS NULL AND rf.done_at IS NOT NULL AND rf.result IN ('employed', 'left') AND ${seekerDims('s', f)}`.execute(
        db,
      );
      return retentionRate(Number(r.rows[0]?.done ?? 0), Number(r.rows[0]?.kept ?? 0));
    },
  });
}

export const retention1m = retention(1);
export const retention3m = retention(3);
export const retention6m = retention(6);
