/**
 * When a message may go out (Asia/Seoul, no daylight saving: UTC+9 all year). One policy, two
 * windows, each from an hour in the evening to an hour in the morning:
 * - The courtesy window (ILTEO_NOTIFY_QUIET_FROM / _UNTIL, 20:00–08:00 by default; FROM=24
 *   turns it off): no non-urgent message goes out in it, informational or advertising. The issue
 *   holds informational reminders "until 08:00 by policy unless urgent", and its Done means needs
 *   a referral at 20:55 told at 08:00, so the window opens before 20:55; 20:00 is also where NCP
 *   stops 친구톡 (FIELD.md §h.4). The law sets no hours for informational messages.
 * - The law's window for advertising (정보통신망법 제50조③, FIELD.md §h.5): never 21:00–08:00
 *   without a separate night opt-in. Configuration may only widen it (ILTEO_NOTIFY_AD_QUIET_FROM
 *   ≤ 21, ILTEO_NOTIFY_AD_QUIET_UNTIL ≥ 8).
 * An informational message keeps the courtesy window unless urgent. An advertising message keeps
 * both (it is never sent when an informational one would wait), urgent or not; only the
 * recipient's night opt-in lifts them, as it is consent to advertising at night.
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

/** The default courtesy window (every non-urgent message) and the law's window for advertising. */
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
  const courtesy = q.infoFrom >= 24 ? null : { from: q.infoFrom, until: q.infoUntil };
  if (w.category === 'info') return w.urgent ? null : courtesy;
  if (w.nightOptIn) return null;
  // Both windows run from an evening hour to a morning hour: their union is one such window.
  return courtesy
    ? { from: Math.min(q.adFrom, courtesy.from), until: Math.max(q.adUntil, courtesy.until) }
    : { from: q.adFrom, until: q.adUntil };
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
