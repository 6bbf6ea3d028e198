import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Reasons of a recommendation, written to be read aloud by a counsellor. [Korean, English] */
export const matchingMessages = defineMessages({
  'matching.occupation.4': [
    '희망 직종과 같은 세분류({name})',
    'Same detailed occupation as desired ({name})',
  ],
  'matching.occupation.3': [
    '희망 직종과 같은 소분류({name})',
    'Same minor occupation group as desired ({name})',
  ],
  'matching.occupation.2': [
    '희망 직종과 같은 중분류({name})',
    'Same middle occupation group as desired ({name})',
  ],
  'matching.occupation.1': [
    '희망 직종과 같은 대분류({name})',
    'Same major occupation group as desired ({name})',
  ],
  'matching.place.sigungu': ['같은 시군구({name})', 'Same city/district ({name})'],
  'matching.place.desired': ['희망 근무지역({name})', 'In a desired work region ({name})'],
  'matching.place.sido': ['같은 시도({name})', 'Same province ({name})'],
  'matching.wage.meets': [
    '제시 월 {offer}만원 ≥ 희망 월급 {want}만원',
    'Offers {offer}0k won a month ≥ desired {want}0k',
  ],
  'matching.wage.near': [
    '제시 월 {offer}만원, 희망 월급 {want}만원의 90% 이상',
    'Offers {offer}0k won a month, at least 90% of the desired {want}0k',
  ],
  'matching.employmentType': ['희망 고용형태({name})', 'Desired employment type ({name})'],
  'matching.career.meets': [
    '경력 {have}개월 ≥ 요구 경력 {need}개월',
    '{have} months of experience ≥ {need} required',
  ],
  'matching.career.partial': [
    '경력 {have}개월(요구 경력 {need}개월)',
    '{have} months of experience ({need} required)',
  ],
  'matching.career.entry': ['신입 지원 가능', 'Open to entry-level applicants'],
  'matching.career.any': ['경력 무관', 'Experience not required'],
  'matching.certificates': ['자격증 일치: {names}', 'Matching certificates: {names}'],
  'matching.keywords': ['공통 키워드 {n}개', '{n} keywords in common'],
  'matching.preference.1': ['장애인 채용 우대', 'Hiring preference for persons with disabilities'],
  'matching.preference.2': ['고령자(50세 이상) 우대', 'Preference for older workers (50+)'],
  'matching.preference.4': ['보훈·제대군인 우대', 'Preference for veterans'],
  'matching.preference.8': [
    '고용촉진장려금 대상자 우대',
    'Preference for employment-subsidy eligible persons',
  ],
  'matching.freshness': ['최근 등록된 공고({days}일 전)', 'Recently posted ({days} days ago)'],
  'matching.congestion': [
    '진행 중인 알선 {open}건 / 모집 {headcount}명',
    '{open} referrals in progress for {headcount} openings',
  ],
  'matching.forSeekersOnly': ['본인의 추천만 볼 수 있습니다.', 'You can only see your own recommendations.'],
  'matching.postingNotFound': ['구인공고를 찾을 수 없습니다.', 'Job posting not found.'],
  'matching.seekerNotFound': ['구직자를 찾을 수 없습니다.', 'Job seeker not found.'],
});
