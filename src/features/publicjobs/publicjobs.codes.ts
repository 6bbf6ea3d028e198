export { nameOf } from '../../platform/i18n/code-names.ts';

// The codes of public job programmes (공공일자리), each with its Korean and English name.

/** Programme kinds, after the programmes cities actually run (seeds 002 and 004, FIELD.md §f.2). */
export const PROGRAMME_KINDS = {
  happy: ['행복일자리', 'Happiness jobs'],
  new_middle_aged: ['신중년 일자리', 'New middle-aged jobs (50–64)'],
  community: ['지역공동체 일자리', 'Community jobs'],
  public_works: ['공공근로', 'Public works'],
  shared_time: ['시간제 나눔일자리', 'Part-time shared jobs'],
  student: ['대학생 아르바이트', 'Student part-time jobs'],
  youth_intern: ['청년인턴', 'Youth internship'],
  other: ['기타 공공일자리', 'Other public jobs'],
} as const;
export type ProgrammeKind = keyof typeof PROGRAMME_KINDS;

export const SELECTION_METHODS = {
  score: ['점수순 선발', 'By score'],
  lottery: ['전산추첨(RFC 3797)', 'Lottery (RFC 3797)'],
  score_then_lottery: ['점수순, 동점자 추첨', 'By score, ties by lottery'],
} as const;
export type SelectionMethod = keyof typeof SELECTION_METHODS;

/**
 * Circumstances an applicant declares; rule sets exclude some (실업급여, 기초생활수급 …) and give
 * 가산점 for others (FIELD.md §f.2: notices of 부여, 서울, 서귀포, 지역공동체 지침).
 */
export const APPLICANT_FLAGS = {
  unemployment_benefit: ['실업급여 수급 중', 'Receiving unemployment benefit'],
  basic_livelihood: ['기초생활수급자', 'Basic livelihood recipient'],
  near_poor: ['차상위계층', 'Near-poor household'],
  disabled: ['장애인', 'Person with a disability'],
  single_parent: ['한부모가족', 'Single-parent family'],
  female_head: ['여성가장', 'Female head of household'],
  household_head: ['세대주', 'Head of household'],
  many_dependants: ['부양가족 3인 이상', 'Three or more dependants'],
  long_term_unemployed: ['6개월 이상 장기실업', 'Unemployed 6 months or more'],
  business_closed: ['휴·폐업자', 'Closed own business'],
  north_korean_defector: ['북한이탈주민', 'North Korean defector'],
  marriage_migrant: ['결혼이민자', 'Marriage migrant'],
  veteran: ['취업보호·지원대상자(국가유공자 등)', 'Veteran or protected person'],
  public_servant_family: ['공무원 가족', 'Family of a public servant'],
  public_pension: ['공적연금 수령자', 'Receiving a public pension'],
  regular_income: ['정기소득자', 'Regular income earner'],
} as const;
export type ApplicantFlag = keyof typeof APPLICANT_FLAGS;
export const FLAG_CODES = Object.keys(APPLICANT_FLAGS) as ApplicantFlag[];

export const APPLICATION_CHANNELS = {
  counsellor: ['상담사 접수', 'Taken by a counsellor'],
  portal: ['온라인 신청', 'Online'],
} as const;
export type ApplicationChannel = keyof typeof APPLICATION_CHANNELS;

/** How a placement ended; `private_job` is the aim of seed 002 (moving on to a private job). */
export const PLACEMENT_OUTCOMES = {
  completed: ['사업기간 종료', 'Completed the period'],
  private_job: ['민간일자리 취업', 'Moved to a private job'],
  dropped: ['중도 포기', 'Dropped out'],
} as const;
export type PlacementOutcome = keyof typeof PLACEMENT_OUTCOMES;

/** What a repeat participant (placed in a public job programme recently) meets under the rules. */
export const REPEAT_ACTIONS = {
  flag: ['표시만 함', 'Flagged only'],
  exclude: ['선발 제외', 'Excluded'],
  deduct: ['감점', 'Points deducted'],
} as const;
export type RepeatAction = keyof typeof REPEAT_ACTIONS;
