import { XMLBuilder } from 'fast-xml-parser';
import type { Db } from '../../platform/db/pool.ts';
import type { WageType } from '../../platform/domain/wages.ts';
import { employerLabels } from '../employers/employers.service.ts';
import { publiclyVisibleSql, selectPostings } from './postings.read.ts';
import { seoulToday } from './postings.validate.ts';
import {
  careerLabel,
  educationLabel,
  jobsCdOf,
  regionLabel,
  wageTypeLabel,
  workDaysLabel,
  worknetDate,
} from './worknet.map.ts';

/** Our own postings get a wantedAuthNo of their own; imported ones keep the portal's. */
export const OWN_AUTH_PREFIX = 'ILT-';

const won = (n: number) => `${n.toLocaleString('ko-KR')}원`;

/**
 * Our open, not yet closed postings in the portal's list format (`<wantedRoot><wanted>`), the
 * same elements the importer reads, plus the detail elements jobCont (duties), collectPsncnt
 * (headcount) and workdayWorkhrCont (hours) so a round trip loses nothing that matters.
 * jobsCd is the KECO 2025 detailed code followed by "00" where there is one (jobsCdOf), and
 * jobsCdEdition says which edition each row's code is of. Postings carry no contact persons.
 */
export async function exportWorknetXml(db: Db, opts: { publicUrl: string; limit?: number }): Promise<string> {
  const today = seoulToday();
  const rows = await selectPostings(db)
    .where(publiclyVisibleSql(today))
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(opts.limit ?? 500_000)
    .execute();
  // Company name and 사업자등록번호 from the employers feature, one statement for the file.
  const employers = await employerLabels(
    db,
    rows.map((r) => r.employer_id),
  );
  const wanted = rows.map((r) => ({
    wantedAuthNo: r.worknet_auth_no ?? `${OWN_AUTH_PREFIX}${r.id}`,
    company: employers.get(r.employer_id)?.name ?? '',
    busino: employers.get(r.employer_id)?.bizRegNo ?? '',
    title: r.title,
    salTpNm: wageTypeLabel(r.wage_type as WageType),
    sal: `${wageTypeLabel(r.wage_type as WageType)} ${won(r.wage_min)}${r.wage_max ? ` ~ ${won(r.wage_max)}` : ''}`,
    minSal: String(r.wage_min),
    maxSal: r.wage_max === null ? '' : String(r.wage_max),
    region: regionLabel(r.region_code),
    holidayTpNm: workDaysLabel(r.work_days),
    minEdubg: educationLabel(r.education_min),
    career: careerLabel(r.career_type, r.career_min_months),
    regDt: worknetDate(r.created_at.toISOString().slice(0, 10)),
    closeDt: worknetDate(r.closes_at),
    empTpCd: r.employment_type,
    jobsCd: jobsCdOf(r.occupation_code, r.occupation_edition).jobsCd,
    jobsCdEdition: jobsCdOf(r.occupation_code, r.occupation_edition).edition,
    jobCont: r.duties,
    collectPsncnt: String(r.headcount),
    workdayWorkhrCont: r.work_hours ?? '',
    basicAddr: r.address ?? '',
    certificate: r.certificates.join(','),
    keyword: r.keywords.join(','),
    wantedInfoUrl: `${opts.publicUrl.replace(/\/$/, '')}/jobs/${r.id}`,
  }));
  const builder = new XMLBuilder({ format: true, suppressEmptyNode: true });
  const body = builder.build({
    wantedRoot: { total: rows.length, startPage: 1, display: rows.length, wanted },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}
