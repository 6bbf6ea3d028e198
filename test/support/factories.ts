import { insertConsent } from '../../src/features/seekers/consents.service.ts';
import type { Db } from '../../src/platform/db/pool.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { monthlyWage } from '../../src/platform/domain/wages.ts';
import { uuidv7 } from '../../src/platform/ids.ts';

let n = 0;

/**
 * An employer row straight into the table (the employers API is another feature's), with a
 * 사업자등록번호 that passes the check digit, as every number the API accepts does.
 */
export async function buildEmployer(db: Db, centreId: string, over: { name?: string } = {}) {
  const id = uuidv7();
  const no = withBizRegCheckDigit(
    String(100_000_000 + ((++n * 7919 + Math.floor(Math.random() * 1e8)) % 899_999_999)),
  );
  await db
    .insertInto('employers')
    .values({
      id,
      centre_id: centreId,
      name: over.name ?? `테스트기업${n}`,
      biz_reg_no: no,
      region_code: '11140',
    })
    .execute();
  return { id };
}

/** An open posting (defaults: 요양 보호사 5501, 서울 중구, 230만원 a month). */
export async function buildPosting(
  db: Db,
  centreId: string,
  employerId: string,
  over: Partial<{
    occupation_code: string;
    occupation_edition: '2018' | '2025';
    region_code: string;
    wage_type: 'D' | 'H' | 'M' | 'Y';
    wage_min: number;
    education_min: string;
    preferences: string[];
    certificates: string[];
    keywords: string[];
    headcount: number;
    status: 'open' | 'pending' | 'closed';
    closes_at: string;
    title: string;
    duties: string;
    employment_type: string;
    career_type: 'N' | 'E' | 'Z';
    career_min_months: number;
  }> = {},
) {
  const id = uuidv7();
  const wageType = over.wage_type ?? 'M';
  const wage = over.wage_min ?? 2_300_000;
  await db
    .insertInto('postings')
    .values({
      id,
      employer_id: employerId,
      centre_id: centreId,
      title: over.title ?? '요양보호사 모집',
      occupation_code: over.occupation_code ?? '5501',
      occupation_edition: over.occupation_edition ?? '2018',
      duties: over.duties ?? '어르신 돌봄 업무',
      headcount: over.headcount ?? 1,
      employment_type: over.employment_type ?? '10',
      wage_type: wageType,
      wage_min: wage,
      wage_monthly_min: monthlyWage(wageType, wage),
      region_code: over.region_code ?? '11140',
      education_min: over.education_min ?? '00',
      career_type: over.career_type ?? 'Z',
      career_min_months: over.career_min_months ?? 0,
      certificates: over.certificates ?? [],
      preferences: over.preferences ?? [],
      keywords: over.keywords ?? [],
      closes_at: over.closes_at ?? '2099-12-31',
      status: over.status ?? 'open',
    })
    .execute();
  return { id };
}

/** An active seeker row with encrypted-looking placeholders for contact fields. */
export async function buildSeeker(
  db: Db,
  centreId: string,
  over: Partial<{
    name: string;
    birth_date: string;
    region_code: string;
    education_level: string;
    desired_occupations: string[];
    desired_occupation_edition: '2018' | '2025';
    desired_regions: string[];
    desired_wage_monthly: number | null;
    target_groups: string[];
    consent_share: boolean;
    consent_sensitive: boolean;
    suspended: boolean;
    status: 'active' | 'employed' | 'on_hold' | 'closed';
    certificates: string[];
    keywords: string[];
    career_months: number;
  }> = {},
) {
  const id = uuidv7();
  await db
    .insertInto('seekers')
    .values({
      id,
      centre_id: centreId,
      registration_no: `T-${++n}-${id.slice(-6)}`,
      name: over.name ?? '홍길동',
      birth_date: over.birth_date ?? '1980-01-01',
      phone_enc: 'x',
      phone_bi: `bi-${id}`,
      region_code: over.region_code ?? '11140',
      education_level: over.education_level ?? '03',
      desired_occupations: over.desired_occupations ?? ['5501'],
      desired_occupation_edition: over.desired_occupation_edition ?? '2018',
      desired_regions: over.desired_regions ?? [],
      desired_wage_monthly: over.desired_wage_monthly === undefined ? 2_200_000 : over.desired_wage_monthly,
      target_groups: over.target_groups ?? [],
      consent_share: over.consent_share ?? false,
      consent_sensitive: over.consent_sensitive ?? false,
      suspended: over.suspended ?? false,
      status: over.status ?? 'active',
      certificates: over.certificates ?? [],
      keywords: over.keywords ?? [],
      career_months: over.career_months ?? 0,
      registered_at: '2026-01-05',
    })
    .execute();
  // Sharing is decided from the consent records (seekers/access.service.ts), not the flag.
  if (over.consent_share) {
    await insertConsent(
      db,
      null,
      { id, centre_id: centreId },
      {
        kind: 'share_network',
        recipients: '일터 연계 기관',
        purpose: '일자리 알선',
        items: ['name', 'desired'],
      },
    );
  }
  return { id };
}
