import type { RequestCategory } from '../features/outreach/outreach.codes.ts';

// The words of the outreach demo (src/demo/outreach.ts): 동 of 인천 서해구, the district's
// departments, difficulties as companies tell them, the requests they become and the answers,
// jobs found on visits (KECO 2018 세분류) and new businesses met on the way.

export const DONGS = [
  '가정동',
  '석남동',
  '신현동',
  '가좌동',
  '연희동',
  '청라동',
  '심곡동',
  '공촌동',
  '경서동',
  '원창동',
];
export const DEPARTMENTS: [string, string][] = [
  ['건축과', '032-560-4510'],
  ['일자리정책과', '032-560-4220'],
  ['지역경제과', '032-560-4250'],
  ['위생과', '032-560-4680'],
  ['세무1과', '032-560-4310'],
  ['도시계획과', '032-560-4540'],
  ['교통행정과', '032-560-4760'],
  ['환경보호과', '032-560-4620'],
];
export const DIFFICULTIES: Record<string, string[]> = {
  workforce: [
    '생산직 야간 근무자를 구하기 어려움',
    '외국인 근로자 고용허가 절차 문의',
    '숙련 용접공 퇴사 후 충원이 안 됨',
    '청년 채용 후 1년 안에 그만두는 경우가 많음',
  ],
  funding: ['운전자금 대출 이자 부담', '정책자금 신청 방법을 모름', '설비 교체 비용 지원 문의'],
  sales: ['원청 물량 감소로 매출 하락', '온라인 판로 개척 지원 희망'],
  permits: ['공장 증축 허가 절차 문의', '옥외 간판 설치 허가 문의', '업종 변경 신고 방법 문의'],
  site: ['공단 진입로 불법 주차로 화물차 통행 불편', '통근버스 정류장 신설 요청', '사업장 앞 가로등 고장'],
  other: ['직원 기숙사 확보 문의', '사내 식당 위생 점검 일정 문의'],
};
export const REQUEST_OF: Record<string, { category: RequestCategory; department: string }> = {
  permits: { category: 'permit', department: '건축과' },
  site: { category: 'suggestion', department: '교통행정과' },
  funding: { category: 'inquiry', department: '지역경제과' },
  other: { category: 'inquiry', department: '위생과' },
};
export const ANSWERS: Record<string, string> = {
  건축과: '건축법상 증축 신고 대상입니다. 배치도와 평면도를 갖추어 건축과 민원창구에 접수하시면 됩니다.',
  교통행정과: '현장 확인 후 주정차 단속 구간으로 지정하고 단속 카메라 설치를 검토하겠습니다.',
  지역경제과: '중소기업 육성자금 신청은 매 분기 초 접수합니다. 신청서 양식을 메일로 보내 드렸습니다.',
  위생과: '다음 달 정기 점검 일정에 포함하였으며 사전 안내문을 보내 드리겠습니다.',
};
export const JOBS: [string, string, 'M' | 'H', number][] = [
  ['조립 생산직 사원', '8161', 'M', 2_300_000],
  ['포장기 조작원', '8859', 'H', 10_320],
  ['용접원', '8241', 'M', 2_900_000],
  ['지게차 운전원', '6230', 'M', 2_700_000],
  ['경리 사무원', '0272', 'M', 2_400_000],
  ['구내식당 조리원', '5312', 'M', 2_300_000],
  ['물류 상하차원', '6244', 'H', 11_000],
];
export const PROSPECTS = [
  '가정정밀',
  '석남산업',
  '청라푸드',
  '경서물류',
  '원창금속',
  '심곡테크',
  '신현인쇄',
  '가좌포장',
];
