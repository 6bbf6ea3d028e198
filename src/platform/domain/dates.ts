/** Asia/Seoul is UTC+9 all year: Korea has kept no daylight saving time since 1988. */
const SEOUL_OFFSET_MS = 9 * 3_600_000;

/**
 * Today's date in Asia/Seoul (YYYY-MM-DD), the date staff see on their calendar. Plain
 * arithmetic: an Intl.DateTimeFormat built per call cost ~0.1 ms, and hot paths (a search,
 * every row of a list) ask for it.
 */
export function seoulToday(now = new Date()): string {
  return new Date(now.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}
