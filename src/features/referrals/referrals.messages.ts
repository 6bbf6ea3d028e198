import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of referrals (알선), employer links and follow-ups. [Korean, English] */
export const referralMessages = defineMessages({
  'referral.notFound': ['알선을 찾을 수 없습니다.', 'Referral not found.'],
  'referral.seekerNotFound': ['구직자를 찾을 수 없습니다.', 'Job seeker not found.'],
  'referral.postingNotFound': ['구인공고를 찾을 수 없습니다.', 'Job posting not found.'],
  'referral.postingNotOpen': ['모집 중인 공고가 아닙니다.', 'The posting is not open.'],
  'referral.duplicate': [
    '이 구직자는 이 공고에 이미 진행 중인 알선이 있습니다.',
    'This job seeker already has an open referral to this posting.',
  ],
  'referral.transition': [
    '알선 상태를 {from}에서 {to}(으)로 바꿀 수 없습니다.',
    'A referral cannot move from {from} to {to}.',
  ],
  'referral.linkClosed': ['이미 종료된 알선입니다.', 'This referral is already closed.'],
  'link.title': ['알선 결과 회신', 'Referral answer'],
  'link.intro': [
    '일자리센터에서 아래 구직자를 알선했습니다. 결과를 알려 주세요.',
    'The job centre referred the person below. Please tell us the outcome.',
  ],
  'link.name': ['이름', 'Name'],
  'link.occupations': ['희망 직종', 'Desired occupations'],
  'link.education': ['학력', 'Education'],
  'link.career': ['경력', 'Experience'],
  'link.months': ['{n}개월', '{n} months'],
  'link.certificates': ['자격증', 'Certificates'],
  'link.posting': ['공고', 'Posting'],
  'link.result': ['결과', 'Outcome'],
  'link.note': ['메모', 'Note'],
  'link.submit': ['회신하기', 'Send'],
  'link.status.interview': ['면접 예정', 'Interview'],
  'link.status.hired': ['채용', 'Hired'],
  'link.status.rejected': ['불합격', 'Rejected'],
  'link.status.no_show': ['면접 불참', 'Did not attend'],
  'link.done': [
    '회신해 주셔서 감사합니다. 결과가 일자리센터에 전달되었습니다.',
    'Thank you. The job centre has your answer.',
  ],
  'link.expired': [
    '이 링크는 만료되었거나 이미 사용되었습니다. 일자리센터에 새 링크를 요청하세요.',
    'This link has expired or was already used. Please ask the job centre for a new one.',
  ],
  'link.invalid': ['올바르지 않은 링크입니다.', 'This link is not valid.'],
  'followup.notFound': ['사후관리 일정을 찾을 수 없습니다.', 'Follow-up not found.'],
  'followup.done': ['이미 완료된 사후관리입니다.', 'This follow-up is already done.'],
  'followup.leftOnRequired': ['퇴사일을 입력해 주세요.', 'Enter the day the job seeker left.'],
  'followup.leftOnInvalid': [
    '퇴사일은 오늘 또는 그 이전의 날짜(YYYY-MM-DD)여야 합니다.',
    'The leaving date must be a date (YYYY-MM-DD) no later than today.',
  ],
  'followup.leftBeforeStart': [
    '퇴사일이 취업 시작일({start})보다 빠릅니다.',
    'The leaving date is before the start of the job ({start}).',
  ],
  'referral.interviewAtRequired': ['면접 일시를 입력해 주세요.', 'Enter the date and time of the interview.'],
  'referral.interviewAtInvalid': [
    '면접 일시는 YYYY-MM-DDTHH:MM 형식이어야 합니다.',
    'The interview time must be a date and time (YYYY-MM-DDTHH:MM).',
  ],
  'referral.detailsForStatus': [
    '이 항목은 {status|pr.status} 단계에서만 입력합니다.',
    'This field only goes with the status {status|pr.status}.',
  ],
  'referral.startDateInvalid': [
    '취업 시작일은 실제 날짜(YYYY-MM-DD)여야 합니다.',
    'The start date must be a real date (YYYY-MM-DD).',
  ],
  'referral.codeUnknown': ['알 수 없는 코드입니다.', 'Unknown code.'],
});
