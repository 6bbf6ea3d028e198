/** The codes of programmes, each with its Korean and English name (shown with every code). */

export const PROGRAMME_KINDS = {
  lecture: ['취업특강', 'Lecture'],
  course: ['교육과정(기수제)', 'Course (cohort)'],
  group_counselling: ['집단상담', 'Group counselling'],
  camp: ['취업캠프', 'Job camp'],
  pre_discharge: ['전역예정장병 취업상담', 'Pre-discharge soldiers counselling'],
  mentoring: ['현직자 멘토링', 'Mentoring by people in the job'],
  institution: ['기관 맞춤 프로그램', 'Programme for an institution'],
} as const;
export type ProgrammeKind = keyof typeof PROGRAMME_KINDS;

export const PROGRAMME_FORMATS = {
  offline: ['대면(오프라인)', 'In person'],
  online: ['온라인(화상)', 'Online'],
} as const;
export type ProgrammeFormat = keyof typeof PROGRAMME_FORMATS;

export const ENROLMENT_STATUSES = {
  registered: ['참가 확정', 'Registered'],
  offered: ['자리 제안(확정 대기)', 'Place offered'],
  waitlisted: ['대기', 'Waiting list'],
  cancelled: ['취소', 'Cancelled'],
} as const;
export type EnrolmentStatus = keyof typeof ENROLMENT_STATUSES;

export const ENROLMENT_CHANNELS = {
  portal: ['본인 신청(포털)', 'Self (portal)'],
  staff: ['상담사 등록', 'By a counsellor'],
} as const;
export const CANCEL_REASONS = {
  cancelled: ['취소', 'Cancelled'],
  hold_expired: ['확정 기한 지남', 'Hold ran out'],
  offer_declined: ['제안 거절', 'Offer turned down'],
} as const;
export type CancelReason = keyof typeof CANCEL_REASONS;

export type EnrolmentChannel = keyof typeof ENROLMENT_CHANNELS;

/** Per-session marks (Moodle's set): late counts as attended, excused is left out of the base. */
export const ATTENDANCE_STATUSES = {
  present: ['출석', 'Present'],
  late: ['지각', 'Late'],
  excused: ['사유 결석(공결)', 'Excused'],
  absent: ['결석', 'Absent'],
} as const;
export type AttendanceStatus = keyof typeof ATTENDANCE_STATUSES;

export const INSTITUTION_KINDS = {
  school: ['학교', 'School'],
  military: ['군부대', 'Army unit'],
  company: ['기업', 'Company'],
  agency: ['기관·단체', 'Agency'],
  other: ['기타', 'Other'],
} as const;
export type InstitutionKind = keyof typeof INSTITUTION_KINDS;

export const REQUEST_STATUSES = {
  received: ['접수', 'Received'],
  accepted: ['수락(프로그램 개설)', 'Accepted'],
  declined: ['반려', 'Declined'],
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;

/** The programme kind an accepted request of an institution becomes by default. */
export const KIND_FOR_INSTITUTION: Record<InstitutionKind, ProgrammeKind> = {
  school: 'camp',
  military: 'pre_discharge',
  company: 'institution',
  agency: 'institution',
  other: 'institution',
};

export { nameOf } from '../../platform/i18n/code-names.ts';
