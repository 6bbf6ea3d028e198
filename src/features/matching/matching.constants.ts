/**
 * Every weight of the matching score, in one place (PRODUCT.md 5). Scores are small integers
 * so that the engine and the SQL peer in bench/matching.ts compute exactly the same number;
 * ties are broken by id (ascending). The maximum is 129 points.
 *
 * Age and gender never enter: the engine does not even load birth_date.
 */
export const W = {
  /** Occupation by depth of the common KECO prefix: 4 = same 세분류, 3 소분류, 2 중분류, 1 대분류. */
  occupationByDepth: [0, 6, 16, 28, 40] as const,
  /** Same 시군구 as the seeker's home. */
  placeSameSigungu: 20,
  /** The posting lies in one of the seeker's desired regions (시군구, or a whole 시도). */
  placeDesired: 15,
  /** Same 시도 as the seeker's home. */
  placeSameSido: 10,
  /** Offered monthly wage ≥ desired monthly wage. */
  wageMeets: 15,
  /** Offered monthly wage ≥ 90% of the desired one. */
  wageNear: 7,
  /** The posting's employment type is among the desired ones. */
  employmentType: 8,
  /** Experienced posting (E) and the seeker has at least the required months. */
  careerMeets: 10,
  /** Experienced posting, the seeker has some experience but less than required. */
  careerPartial: 3,
  /** Entry level (N) or either (Z): everyone fits. */
  careerOpen: 5,
  /** Per shared certificate, capped. */
  certificateEach: 6,
  certificateMax: 12,
  /** Per shared keyword token (Korean tokenizer, hashed), capped. */
  keywordEach: 2,
  keywordMax: 12,
  /** A legal preference of the posting (고령자, 장애인, 보훈 …) fits one of the seeker's groups. */
  preference: 8,
  /** Posted within 7 / 30 days (Asia/Seoul days). */
  freshWeek: 4,
  freshMonth: 2,
  /** Congestion: minus this per open referral per headcount (integer division), capped. */
  congestionPerHeadcount: 5,
  congestionMax: 15,
} as const;

/** The largest score any pair can reach; used by candidate pruning. */
export const MAX_SCORE = 40 + 20 + 15 + 8 + 10 + 12 + 12 + 8 + 4;

/** Fixed slots per row (documented limits; extra entries are ignored by the engine). */
export const SLOTS = { occupations: 4, regions: 3, certificates: 4 } as const;

/** Worknet preference code of "장애인만 채용" (src/codes/tables/preferences.tsv). */
export const ONLY_DISABLED_PREFERENCE = 'D';

/**
 * Legal preferences (preferences.tsv) and the seeker target groups they favour. One bit per
 * row; a seeker's "fit mask" has the bits of the groups it belongs to. Disability needs the
 * seeker's sensitive-data consent (SECURITY.md 11) before it may be used at all.
 */
export const PREFERENCE_FITS: readonly {
  bit: number;
  codes: readonly string[];
  groups: readonly string[];
}[] = [
  { bit: 1, codes: ['S', 'Y', 'D'], groups: ['disabled'] },
  { bit: 2, codes: ['B'], groups: ['senior', 'new_middle_aged'] },
  { bit: 4, codes: ['08', '09'], groups: ['pre_discharge_soldier'] },
  { bit: 8, codes: ['07'], groups: ['low_income', 'career_break_women'] },
];

/** Referral statuses that count as "open" (the same set as the referrals_one_open index). */
export const OPEN_REFERRAL_STATUSES = ['referred', 'screening', 'interview'] as const;
