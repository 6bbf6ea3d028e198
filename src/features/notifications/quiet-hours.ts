/**
 * When a message may go out (Asia/Seoul, no daylight saving: UTC+9 all year). Two windows, each
 * from an hour in the evening to an hour in the morning:
 * - 광고성 (advertising): 정보통신망법 제50조③ forbids 21:00–08:00 without a separate night
 *   opt-in. That is the default and the narrowest window allowed: configuration may only widen it
 *   (ILTEO_NOTIFY_AD_QUIET_FROM ≤ 21, ILTEO_NOTIFY_AD_QUIET_UNTIL ≥ 8).
 * - 정보성 (informational): the law sets no hours; ilteo holds non-urgent ones as a courtesy
 *   policy from 20:00 to 08:00 (ILTEO_NOTIFY_QUIET_FROM / _UNTIL; FROM=24 turns it off), so the
 *   issue's "referred at 20:55, told at 08:00" holds. An urgent informational message goes at
 *   once. A night opt-in lifts the advertising window only.
 */
const KST_MS = 9 * 3600_000;

export interface QuietHours {
  /** Informational: held from this hour (KST; 24 = never) … */
  infoFrom: number;
  /** … until this hour of the next morning. */
  infoUntil: number;
  /** Advertising: held from this hour (at most 21, the law) … */
  adFrom: number;
  /** … until this hour (at least 8, the law). */
  adUntil: number;
}

/** The law's window for advertising and the default courtesy window for informational messages. */
export const DEFAULT_QUIET_HOURS: QuietHours = { infoFrom: 20, infoUntil: 8, adFrom: 21, adUntil: 8 };

function kstHour(at: Date): number {
  return new Date(at.getTime() + KST_MS).getUTCHours();
}

/** The next `hour`:00 KST at or after `at` (08:00 unless told). */
export function nextMorning(at: Date, hour = 8): Date {
  const k = new Date(at.getTime() + KST_MS);
  const morning = Date.UTC(k.getUTCFullYear(), k.getUTCMonth(), k.getUTCDate(), hour) - KST_MS;
  return new Date(morning >= at.getTime() ? morning : morning + 24 * 3600_000);
}

export interface SendWindow {
  category: 'info' | 'ad';
  urgent: boolean;
  /** 야간 광고 수신 동의: lifts the advertising window. */
  nightOptIn: boolean;
  quiet?: QuietHours;
}

/** The window this message keeps, or null when it may go at any hour. */
function windowOf(w: SendWindow): { from: number; until: number } | null {
  const q = w.quiet ?? DEFAULT_QUIET_HOURS;
  if (w.category === 'ad') return w.nightOptIn ? null : { from: q.adFrom, until: q.adUntil };
  return w.urgent || q.infoFrom >= 24 ? null : { from: q.infoFrom, until: q.infoUntil };
}

/** True when `at` falls in the message's quiet hours. */
export function isQuiet(at: Date, w: SendWindow): boolean {
  const win = windowOf(w);
  if (win === null) return false;
  const h = kstHour(at);
  return h >= win.from || h < win.until;
}

/** The earliest time at or after `at` the message may be sent. */
export function sendableAt(at: Date, w: SendWindow): Date {
  return isQuiet(at, w) ? nextMorning(at, windowOf(w)!.until) : at;
}
