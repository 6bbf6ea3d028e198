// Texts of the programmes demo (src/demo/programmes.ts): lecture titles of a year of monthly
// 취업특강, employers of the 광명 area where completers found work, survey comments.

export const LECTURES = [
  '행동유형 특성을 통한 나와 타인 이해하기',
  '합격하는 자기소개서, 문항별로 쓰기',
  'AI 면접 대비: 말하기와 표정',
  '알아두면 힘이 되는 노동법: 근로계약서와 임금',
  '사회초년생 돈 관리: 월급 통장 나누기',
  '직무 탐색: 나에게 맞는 일 찾기',
  '중장년 재취업 전략과 경력 정리',
  '온라인 채용 플랫폼 200% 활용법',
  '면접 복장과 첫인상 관리',
  '퇴사와 이직, 실업급여까지 한 번에',
];
export const EMPLOYERS = [
  '(주)광명정밀',
  '소하물류(주)',
  '하안식품(주)',
  '철산세무회계',
  '광명시니어클럽',
  '(주)일직테크',
  '가학산업(주)',
  '광명성애병원',
];
export const COMMENTS = [
  '모의면접이 가장 도움이 되었습니다.',
  '이력서 첨삭을 직접 받아서 좋았어요.',
  '강사님 설명이 쉽고 자세했습니다.',
  '같은 처지의 분들과 이야기할 수 있어 힘이 났습니다.',
  '시간이 조금 더 길었으면 좋겠습니다.',
  '실습 시간이 더 있으면 좋겠어요.',
];
