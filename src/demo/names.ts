/**
 * Korean names, companies, streets and certificates for the demo data. Surname weights follow
 * the 2015 census shares (per mille); given names combine common syllables by gender, so the
 * names look real without copying any real person.
 * @module
 */
import { type Rng, Weighted } from './rng.ts';

const SURNAMES = new Weighted<string>([
  ['김', 215],
  ['이', 147],
  ['박', 84],
  ['최', 47],
  ['정', 44],
  ['강', 24],
  ['조', 21],
  ['윤', 21],
  ['장', 20],
  ['임', 17],
  ['한', 15],
  ['오', 15],
  ['서', 15],
  ['신', 15],
  ['권', 14],
  ['황', 14],
  ['안', 13],
  ['송', 13],
  ['전', 11],
  ['홍', 11],
  ['유', 11],
  ['고', 9],
  ['문', 9],
  ['양', 9],
  ['손', 9],
  ['배', 8],
  ['백', 8],
  ['허', 6],
  ['노', 6],
  ['남', 6],
  ['심', 5],
  ['하', 5],
  ['곽', 4],
  ['성', 4],
  ['차', 4],
  ['주', 4],
  ['우', 4],
  ['구', 4],
  ['민', 3],
  ['류', 3],
  ['나', 3],
  ['진', 3],
  ['지', 3],
  ['엄', 3],
  ['채', 2],
  ['원', 2],
  ['천', 2],
  ['방', 2],
  ['공', 2],
  ['현', 2],
  ['함', 2],
  ['변', 2],
  ['염', 2],
  ['여', 2],
  ['추', 1],
  ['도', 1],
  ['소', 1],
  ['석', 1],
  ['선', 1],
  ['설', 1],
  ['마', 1],
  ['길', 1],
  ['연', 1],
  ['위', 1],
  ['표', 1],
  ['명', 1],
  ['기', 1],
  ['반', 1],
  ['왕', 1],
  ['금', 1],
  ['옥', 1],
  ['육', 1],
  ['인', 1],
  ['맹', 1],
  ['제', 1],
  ['모', 1],
  ['탁', 1],
  ['국', 1],
  ['남궁', 0.4],
  ['황보', 0.3],
  ['제갈', 0.1],
  ['선우', 0.1],
]);

const MALE_FIRST =
  '민 서 도 예 주 시 지 하 준 건 우 현 성 정 영 상 동 재 승 태 진 경 병 종 광 대 용 석 창 기 형'.split(' ');
const MALE_SECOND =
  '준 호 우 현 진 훈 수 민 석 혁 성 환 철 영 규 원 빈 윤 재 율 찬 욱 식 남 기 희 범 균 섭 선'.split(' ');
const FEMALE_FIRST =
  '서 지 민 수 하 예 윤 채 은 유 다 소 혜 미 정 영 현 선 경 연 희 숙 옥 순 가 나 보 아 은 주'.split(' ');
const FEMALE_SECOND =
  '연 윤 아 은 진 현 영 희 숙 경 정 민 서 원 지 린 빈 주 미 희 순 자 애 나 혜 인 별 솔 이 랑'.split(' ');

/** A full Korean name; older people get the syllables popular in their birth decade more often. */
export function personName(rng: Rng, female: boolean): string {
  const surname = SURNAMES.pick(rng);
  // A few three-syllable given names and single-syllable ones keep the list from looking uniform.
  if (rng.chance(0.015)) return surname + rng.pick(female ? FEMALE_SECOND : MALE_SECOND);
  const first = rng.pick(female ? FEMALE_FIRST : MALE_FIRST);
  let second = rng.pick(female ? FEMALE_SECOND : MALE_SECOND);
  if (second === first) second = rng.pick(female ? FEMALE_SECOND : MALE_SECOND);
  return surname + first + second;
}

const BRAND_A =
  '한빛 해오름 새솔 푸른 대한 동성 세진 한국 우리 미래 다온 늘푸른 참좋은 성원 대성 삼진 신화 태양 금강 백두 한결 청명 은하 부강 명성 신일 제일 국제 동방 서해 남강 한울 가온 누리 드림 하나 열린 진영 상록 솔빛'.split(
    ' ',
  );
const BRAND_B =
  '정밀 산업 테크 물산 기공 엔지니어링 유통 식품 하이텍 전자 케미칼 메탈 플라텍 로지스 솔루션 네트웍스 시스템 ENG 기계 화학'.split(
    ' ',
  );

/** Company-name suffixes by kind of business, chosen from the KSIC division of the employer. */
const KIND_SUFFIX: Record<string, readonly string[]> = {
  care: ['요양원', '재가복지센터', '요양센터', '주간보호센터', '실버케어', '노인복지센터'],
  clean: ['환경', '클린서비스', '빌딩관리', '시설관리', '종합관리'],
  logistics: ['물류', '로지스', '운수', '택배', '통운', '익스프레스'],
  food: ['식당', '푸드', '가든', '한식뷔페', '단체급식', '외식'],
  retail: ['마트', '상사', '유통', '마켓', '리테일'],
  office: ['컨설팅', '세무회계', '기획', '에이전시', '파트너스'],
  medical: ['병원', '의원', '요양병원', '내과의원', '치과의원', '한의원'],
  edu: ['어린이집', '학원', '교육', '아카데미'],
  security: ['경비', '시큐리티', '보안', '관리'],
  build: ['건설', '종합건설', '토건', '인테리어', '설비'],
  it: ['소프트', '데이터', '정보기술', '랩스', '디지털'],
};

/** A company name fitting its kind: "(주)한빛정밀", "서구요양센터", "해오름물류". */
export function companyName(rng: Rng, kind: string, corporate: boolean, place: string): string {
  const suffixes = KIND_SUFFIX[kind];
  let base: string;
  if (suffixes && rng.chance(0.95)) {
    // Local services often carry the district name (서구요양센터); firms a brand.
    base = (rng.chance(0.35) ? place : rng.pick(BRAND_A)) + rng.pick(suffixes);
  } else {
    base = rng.pick(BRAND_A) + rng.pick(BRAND_B);
  }
  if (!corporate) return base;
  const r = rng.next();
  return r < 0.6 ? `(주)${base}` : r < 0.8 ? `${base}(주)` : r < 0.9 ? `주식회사 ${base}` : `(유)${base}`;
}

const STREETS =
  '중앙로 시청로 문화로 산업로 공단로 번영로 평화로 새마을로 역전로 대학로 봉수대로 가정로 원적로 경명대로 인주대로 부평대로 남동대로 호구포로 서곶로 청라대로 도림로 만수로 백범로 경인로 충선로 강남대로 테헤란로 월드컵로 세종대로 수원천로 동탄대로'.split(
    ' ',
  );

/** A road-name address inside a region ("인천광역시 서구 가정로 123, 2층"). */
export function address(rng: Rng, regionLabel: string): string {
  const no = rng.int(1, 480);
  const extra = rng.chance(0.4)
    ? `, ${rng.int(1, 12)}층`
    : rng.chance(0.3)
      ? ` ${rng.int(101, 120)}동 ${rng.int(1, 25)}${String(rng.int(1, 8)).padStart(2, '0')}호`
      : '';
  return `${regionLabel} ${rng.pick(STREETS)} ${no}${extra}`;
}

/** Phone numbers 010-XXXX-XXXX as the app normalises them (normalisePhone). */
export function mobilePhone(rng: Rng): string {
  return `010-${rng.int(2000, 9999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

const MAIL_DOMAINS = new Weighted<string>([
  ['naver.com', 45],
  ['gmail.com', 25],
  ['daum.net', 15],
  ['hanmail.net', 8],
  ['nate.com', 5],
  ['kakao.com', 2],
]);
const LATIN = 'abcdefghijklmnopqrstuvwxyz';

/** An e-mail address that looks like a person's (letters and digits, a common domain). */
export function email(rng: Rng): string {
  let local = '';
  const n = rng.int(4, 9);
  for (let i = 0; i < n; i++) local += LATIN[rng.int(0, 25)];
  if (rng.chance(0.6)) local += rng.int(1, 99);
  return `${local}@${MAIL_DOMAINS.pick(rng)}`;
}

/** Keywords seekers write about themselves, beyond their occupation's own. */
export const GENERAL_KEYWORDS = [
  '성실',
  '책임감',
  '장기근무',
  '단기가능',
  '주간근무',
  '야간가능',
  '주말가능',
  '운전가능',
  '컴퓨터활용',
  '엑셀',
  '친절',
  '체력좋음',
  '근거리',
  '시간제희망',
];
