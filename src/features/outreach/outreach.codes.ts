/** The codes of outreach, each with its Korean and English name (shown with every code). */

export const VISIT_STATUSES = {
  planned: ['방문 예정', 'Planned'],
  held: ['방문 완료', 'Held'],
  cancelled: ['방문 취소', 'Cancelled'],
} as const;
export type VisitStatus = keyof typeof VISIT_STATUSES;

/** 애로사항 categories recorded on a visit. */
export const DIFFICULTY_CATEGORIES = {
  workforce: ['인력 수급', 'Workforce'],
  funding: ['자금', 'Funding'],
  sales: ['판로·매출', 'Sales'],
  permits: ['인허가·행정', 'Permits'],
  site: ['입지·시설', 'Site'],
  other: ['기타', 'Other'],
} as const;
export type DifficultyCategory = keyof typeof DIFFICULTY_CATEGORIES;

/**
 * Admin support request categories and their limits (민원처리법 and its 시행령, FIELD.md §a.4):
 * 질의민원 on rules and procedures 7 days, 건의민원 14 days, 법정민원 by its own standard
 * (14 days unless the department says otherwise), 기타민원 at once = 3 working hours. A limit of
 * 5 days or less is counted in office hours; longer ones in working days counting the first day
 * (features/calendar `dueAfter`).
 */
export const REQUEST_CATEGORIES = {
  inquiry: ['질의(제도·절차)', 'Inquiry'],
  suggestion: ['건의', 'Suggestion'],
  permit: ['인허가(법정민원)', 'Permit'],
  other: ['기타(즉시 처리)', 'Other'],
} as const;
export type RequestCategory = keyof typeof REQUEST_CATEGORIES;

/** The limit of each category in working days (0.375 = 3 office hours). */
export const REQUEST_LIMIT_DAYS: Record<RequestCategory, number> = {
  inquiry: 7,
  suggestion: 14,
  permit: 14,
  other: 3 / 8,
};

export const REQUEST_STATUSES = {
  routed: ['부서 배정', 'Routed'],
  in_progress: ['처리 중', 'In progress'],
  answered: ['회신 완료', 'Answered'],
  closed: ['종결', 'Closed'],
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;

/** The moves a request may make; `routed` again re-routes it to another department. */
export const NEXT_REQUEST_STATUSES: Record<RequestStatus, readonly RequestStatus[]> = {
  routed: ['routed', 'in_progress', 'answered', 'closed'],
  in_progress: ['routed', 'answered', 'closed'],
  answered: ['closed'],
  closed: [],
};

/** Requests still waiting for the department (the overdue list reads these). */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ['routed', 'in_progress'];

/** Wage types of a discovered job, as postings record them. */
export const WAGE_TYPES = {
  H: ['시급', 'Hourly'],
  D: ['일급', 'Daily'],
  M: ['월급', 'Monthly'],
  Y: ['연봉', 'Yearly'],
} as const;
export type WageType = keyof typeof WAGE_TYPES;

export { nameOf } from '../../platform/i18n/code-names.ts';
