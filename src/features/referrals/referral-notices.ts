import type { Db } from '../../platform/db/pool.ts';
import { centreNames } from '../accounts/centres.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { postingLabels } from '../postings/labels.service.ts';
import type { ReferralStatus } from './referrals.tables.ts';

/** The result words a seeker reads in the referral-result message. */
const RESULT: Partial<Record<ReferralStatus, string>> = {
  hired: '채용 확정',
  rejected: '불합격',
  no_show: '면접 불참',
  withdrawn: '알선 취소',
};

const seoulTime = (at: Date) =>
  at.toLocaleString('ko-KR', {
    timeZone: 'Asia/Seoul',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

/**
 * Tells the seeker about a referral in the referral's own transaction (notifications feature):
 * when it is made, when its result is known, and when an interview time is set. One message per
 * referral event (dedupe key), so a repeated call sends nothing more.
 */
export async function noticeReferral(
  tx: Db,
  r: {
    referralId: string;
    eventKey: string;
    seekerId: string;
    postingId: string;
    centreId: string;
    status: ReferralStatus;
    interviewAt?: Date | null;
    place?: string | null;
  },
): Promise<void> {
  const template =
    r.status === 'referred'
      ? 'referral_created'
      : r.status === 'interview' && r.interviewAt
        ? 'referral_interview'
        : RESULT[r.status]
          ? 'referral_result'
          : null;
  if (!template) return;
  const [posting, centre] = await Promise.all([
    postingLabels(tx, [r.postingId]).then((m) => m.get(r.postingId)),
    centreNames(tx, [r.centreId]).then((m) => m.get(r.centreId) ?? ''),
  ]);
  const base = { company: posting?.company ?? '', posting: posting?.title ?? '', centre };
  const variables =
    template === 'referral_created'
      ? base
      : template === 'referral_interview'
        ? { ...base, interviewAt: seoulTime(r.interviewAt!), place: r.place ?? '' }
        : { ...base, result: RESULT[r.status]! };
  await notify(tx, {
    templateKey: template,
    recipient: { kind: 'seeker', id: r.seekerId },
    centreId: r.centreId,
    variables,
    source: r.status === 'referred' ? 'referral.created' : 'referral.status_changed',
    dedupeKey: `referral:${r.referralId}:${r.eventKey}`,
  });
}
