/**
 * When a message may go out (Asia/Seoul, no daylight saving: UTC+9 all year).
 * - 광고성 (advertising): 정보통신망법 제50조③ forbids 21:00–08:00 without a separate night opt-in.
 * - 정보성 (informational): held from `infoQuietFrom` (default 20:00, NCP's 친구톡 window) to 08:00
 *   as a courtesy, unless the message is urgent.
 */
const KST_MS = 9 * 3600_000;
export const QUIET_UNTIL_HOUR = 8;
export const AD_QUIET_FROM_HOUR = 21;

function kstHour(at: Date): number {
  return new Date(at.getTime() + KST_MS).getUTCHours();
}

/** The next 08:00 KST at or after `at`. */
export function nextMorning(at: Date): Date {
  const k = new Date(at.getTime() + KST_MS);
  const morning = Date.UTC(k.getUTCFullYear(), k.getUTCMonth(), k.getUTCDate(), QUIET_UNTIL_HOUR) - KST_MS;
  return new Date(morning >= at.getTime() ? morning : morning + 24 * 3600_000);
}

export interface SendWindow {
  category: 'info' | 'ad';
  urgent: boolean;
  nightOptIn: boolean;
  /** Hour (KST) from which informational messages wait for the morning (default 20). */
  infoQuietFrom?: number;
}

/** The hour from which this message waits for 08:00, or null when it may go at any hour. */
function quietFrom(w: SendWindow): number | null {
  if (w.category === 'ad') return w.nightOptIn ? null : Math.min(AD_QUIET_FROM_HOUR, w.infoQuietFrom ?? 20);
  return w.urgent ? null : (w.infoQuietFrom ?? 20);
}

/** True when `at` falls in the message's quiet hours. */
export function isQuiet(at: Date, w: SendWindow): boolean {
  const from = quietFrom(w);
  if (from === null) return false;
  const h = kstHour(at);
  return h >= from || h < QUIET_UNTIL_HOUR;
}

/** The earliest time at or after `at` the message may be sent. */
export function sendableAt(at: Date, w: SendWindow): Date {
  return isQuiet(at, w) ? nextMorning(at) : at;
}
