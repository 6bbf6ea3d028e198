import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of outreach visits, agreements, departments and admin support requests as [Korean, English]. */
export const outreachMessages = defineMessages({
  'outreach.centreRequired': ['센터를 지정하세요.', 'Name the centre.'],
  'outreach.employerOrNew': [
    '기업(employerId)을 고르거나 새 기업 정보(employer)를 입력하세요(둘 중 하나).',
    'Give employerId or a new company (employer), not both.',
  ],
  'visit.notFound': ['기업 방문 기록을 찾을 수 없습니다.', 'Visit not found.'],
  'visit.teamMember': ['방문팀은 이 센터의 직원이어야 합니다.', 'Team members must be staff of this centre.'],
  'visit.notPlanned': [
    '예정된 방문만 결과를 입력하거나 취소할 수 있습니다(현재: {status}).',
    'Only a planned visit can be reported or cancelled (now: {status}).',
  ],
  'visit.heldInFuture': ['방문 일시는 지금보다 늦을 수 없습니다.', 'A visit cannot be held in the future.'],
  'visit.range': ['조회 기간은 {days}일 이내로 지정하세요.', 'Ask for at most {days} days.'],
  'agreement.notFound': ['우선채용 협약을 찾을 수 없습니다.', 'Hiring agreement not found.'],
  'agreement.validity': [
    '협약 종료일은 시작일과 같거나 늦어야 합니다(최대 5년).',
    'The agreement must end on or after its start (5 years at most).',
  ],
  'department.notFound': ['부서를 찾을 수 없습니다.', 'Department not found.'],
  'department.duplicate': ['같은 이름의 부서가 이미 있습니다.', 'A department of that name exists.'],
  'request.notFound': ['행정지원 요청을 찾을 수 없습니다.', 'Admin support request not found.'],
  'request.visitEmployer': ['이 방문 기록의 기업이 아닙니다.', 'The visit was not to this company.'],
  'request.move': [
    '{from} 상태에서 {to}(으)로 바꿀 수 없습니다.',
    'A request cannot move from {from} to {to}.',
  ],
  'request.answerNote': [
    '회신 내용을 적어 주세요(기업에 보여집니다).',
    'Write the answer (the company reads it).',
  ],
  'request.departmentMove': [
    '부서 담당자는 요청을 처리 중 또는 회신 완료(status)로만 바꿀 수 있습니다.',
    'A department officer may only take a request up or answer it (status).',
  ],
  'department.account': [
    '부서 담당자 계정은 부서(departmentId)를 골라야 하고, 다른 역할은 부서를 가질 수 없습니다.',
    'A department officer account names its department (departmentId); other roles have none.',
  ],
  'request.departmentOnRoute': [
    '다른 부서로 넘길 때는 부서(departmentId)를 고르세요.',
    'Name the department (departmentId) to route it to.',
  ],
});
