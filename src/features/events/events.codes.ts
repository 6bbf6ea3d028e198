/** The codes of hiring events, each with its Korean and English name (shown with every code). */

export const EVENT_KINDS = {
  job_fair: ['채용박람회', 'Job fair'],
  video_interview_day: ['화상면접의 날', 'Video interview day'],
  online_fair: ['온라인 채용박람회', 'Online job fair'],
  weekly_fair: ['금요채용마당(정기 채용행사)', 'Weekly hiring fair'],
  hiring_hall: ['상설채용관', 'Permanent hiring hall'],
} as const;
export type EventKind = keyof typeof EVENT_KINDS;

export const EMPLOYER_STATUSES = {
  applied: ['참가 신청', 'Applied'],
  approved: ['참가 승인', 'Approved'],
  withdrawn: ['참가 취소', 'Withdrawn'],
} as const;
export type EventEmployerStatus = keyof typeof EMPLOYER_STATUSES;

export const INTERVIEW_RESULTS = {
  interviewed: ['면접 완료', 'Interviewed'],
  passed_first: ['1차 합격', 'Passed the first round'],
  hired: ['채용', 'Hired'],
  rejected: ['불합격', 'Rejected'],
  no_show: ['불참(노쇼)', 'No-show'],
} as const;
export type InterviewResult = keyof typeof INTERVIEW_RESULTS;

export const BOOKING_STATUSES = {
  booked: ['예약', 'Booked'],
  cancelled: ['취소', 'Cancelled'],
} as const;
export type InterviewBookingStatus = keyof typeof BOOKING_STATUSES;

export const REGISTRATION_STATUSES = {
  registered: ['참가 확정', 'Registered'],
  waitlisted: ['대기', 'Waiting list'],
  cancelled: ['취소', 'Cancelled'],
} as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

export const HALL_REQUEST_STATUSES = {
  requested: ['일정 요청', 'Requested'],
  scheduled: ['일정 확정', 'Scheduled'],
  cancelled: ['취소', 'Cancelled'],
} as const;
export type HallRequestStatus = keyof typeof HALL_REQUEST_STATUSES;

export const INVITATION_RESPONSES = {
  accepted: ['참가 수락', 'Accepted'],
  declined: ['참가 거절', 'Declined'],
} as const;
export type InvitationResponse = keyof typeof INVITATION_RESPONSES;

export { nameOf } from '../../platform/i18n/code-names.ts';
