import type { Lang } from '../platform/i18n/i18n.ts';

const WEEKDAYS_KO = ['일', '월', '화', '수', '목', '금', '토'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The Seoul calendar day and time of an instant, or of a YYYY-MM-DD date as it is. */
function parts(at: string | Date): { y: number; m: number; d: number; wd: number; hm: string | null } | null {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const [y, m, d] = at.split('-').map(Number) as [number, number, number];
    return { y, m, d, wd: new Date(Date.UTC(y, m - 1, d)).getUTCDay(), hm: null };
  }
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return null;
  // Seoul has no daylight saving time: UTC+9 all year.
  const s = new Date(date.getTime() + 9 * 3600_000);
  return {
    y: s.getUTCFullYear(),
    m: s.getUTCMonth() + 1,
    d: s.getUTCDate(),
    wd: s.getUTCDay(),
    hm: `${String(s.getUTCHours()).padStart(2, '0')}:${String(s.getUTCMinutes()).padStart(2, '0')}`,
  };
}

/**
 * A date as people in Korea write it: "2026년 12월 7일 (월)", with the Seoul time "14:30" after
 * it when `withTime` and the value is an instant. English: "Mon 7 Dec 2026".
 */
export function koDate(at: string | Date | null | undefined, L: Lang = 'ko', withTime = false): string {
  if (!at) return '';
  const p = parts(at);
  if (!p) return String(at);
  const time = withTime && p.hm ? ` ${p.hm}` : '';
  if (L === 'en') {
    const month = new Date(Date.UTC(p.y, p.m - 1, 1)).toLocaleString('en-GB', {
      month: 'short',
      timeZone: 'UTC',
    });
    return `${WEEKDAYS_EN[p.wd]} ${p.d} ${month} ${p.y}${time}`;
  }
  return `${p.y}년 ${p.m}월 ${p.d}일 (${WEEKDAYS_KO[p.wd]})${time}`;
}
