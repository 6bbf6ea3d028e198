// Seoul calendar arithmetic for hiring events: the shared helpers of platform/domain/dates.ts
// (Asia/Seoul is UTC+9 all year: no summer time).
export {
  addDays,
  DAY_MS,
  daysBetween,
  isoWeekday,
  seoulDate,
  seoulMidnight,
} from '../../platform/domain/dates.ts';
