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

/** "2027-03-19 14:00": how a message names an instant (Seoul). */
export function seoulDateTime(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
