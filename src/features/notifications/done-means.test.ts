import { afterAll, describe, expect, it, vi } from 'vitest';
import { expectStatus } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { notifyTestbed } from '../../../test/support/notify-receiver.ts';
import { remindTomorrowsBookings } from '../bookings/bookings.reminders.ts';

// Issue 22's "Done means", end to end on a simulated clock (Asia/Seoul; JavaScript's Date only,
// timers stay real): a seeker referred at 20:55 gets one 알림톡 (or SMS when 알림톡 fails) at 08:00
// the next morning, the day-before reminder of an AI-booth booking at 10:00, and nothing after
// opting out; the outbox shows each with its status. The worker runs only at the moments the
// story looks at, so what it sends is sent at that simulated time (the days are in the past of
// the real clock, so every row is due for the database whenever the worker claims).

const bed = await notifyTestbed();
const { t, centre, seeker, rowsFor, drained } = bed;
await bed.worker.stop(1000);
const counsellor = await t.user('counsellor', centre.id);
const admin = await t.user('admin', null);
const employer = await buildEmployer(t.db, centre.id, { name: '한빛요양원' });
const posting = await buildPosting(t.db, centre.id, employer.id, { title: '요양보호사 모집' });
const kim = await seeker('김저녁', '010-4000-0001');
const lee = await seeker('이대체', '010-4000-0002');
const kimLogin = await t.user('seeker', null, { seekerId: kim.id });
// 알림톡 for the referral notice (an approved template); the reminder goes by SMS/LMS.
expectStatus(
  await admin.patch('/api/v1/notification-templates/referral_created', { alimtalkTemplateId: 'KA01TP-DONE' }),
  200,
);
const booth = expectStatus(
  await counsellor.post('/api/v1/resources', {
    name: 'AI면접 체험관',
    kind: 'ai_interview',
    slotMinutes: 60,
    openingHours: [{ weekday: 3, from: '10:00', to: '17:00' }],
  }),
  201,
);

/** Every message the receiver was asked to take, with the simulated time it came. */
const arrivals: { to: string; channel: string; text: string; at: string; refused: boolean }[] = [];
const kst = (iso: string) => new Date(`${iso}+09:00`);
const seoulClock = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
bed.fail = (b) => {
  const refused = b.to === '01040000002' && b.channel === 'alimtalk';
  arrivals.push({ to: b.to, channel: b.channel, text: b.text, at: seoulClock(), refused });
  return refused ? 400 : 0;
};
const delivered = (to: string) => arrivals.filter((a) => a.to === to && !a.refused);

/** Runs the outbox worker at the simulated time until nothing is left to send. */
async function workAt(iso: string) {
  vi.setSystemTime(kst(iso));
  bed.restartWorker();
  await drained();
  await bed.worker.stop(1000);
}

vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: false });
afterAll(() => {
  vi.useRealTimers();
});

describe('issue 22 done means', () => {
  it('20:55 referral → one 알림톡 (SMS on failure) at 08:00; reminder at 10:00; nothing after opting out', async () => {
    // Monday 15:00: Kim books the AI booth for Wednesday and the one after; confirmations go at once.
    vi.setSystemTime(kst('2026-11-02T15:00:00'));
    for (const day of ['2026-11-04', '2026-11-11'])
      expectStatus(
        await counsellor.post('/api/v1/bookings', {
          resourceId: booth.id,
          startsAt: `${day}T11:00:00+09:00`,
          seekerId: kim.id,
        }),
        201,
      );
    await workAt('2026-11-02T15:00:00');
    expect(delivered('01040000001').map((a) => a.at)).toEqual(['2026-11-02 15:00', '2026-11-02 15:00']);

    // Monday 20:55: both are referred; the notices wait for the morning.
    vi.setSystemTime(kst('2026-11-02T20:55:00'));
    for (const s of [kim, lee])
      expectStatus(
        await counsellor.post('/api/v1/referrals', { seekerId: s.id, postingId: posting.id }),
        201,
      );
    for (const s of [kim, lee]) {
      const row = (await rowsFor(s.id)).find((r) => r.template_key === 'referral_created')!;
      expect(row).toMatchObject({ status: 'deferred' });
      expect(row.not_before.toISOString()).toBe(kst('2026-11-03T08:00:00').toISOString());
    }
    const before = arrivals.length;

    // Tuesday 08:00: Kim gets one 알림톡; Lee's 알림톡 is refused and one LMS goes instead.
    await workAt('2026-11-03T08:00:00');
    const morning = arrivals.slice(before);
    expect(morning.filter((a) => !a.refused).map((a) => [a.to, a.channel, a.at])).toEqual(
      expect.arrayContaining([
        ['01040000001', 'alimtalk', '2026-11-03 08:00'],
        ['01040000002', 'lms', '2026-11-03 08:00'],
      ]),
    );
    expect(morning.filter((a) => !a.refused)).toHaveLength(2);
    expect(morning.find((a) => a.to === '01040000001')!.text).toContain(
      '김저녁님, 한빛요양원 "요양보호사 모집"',
    );
    const leeRow = (await rowsFor(lee.id)).find((r) => r.template_key === 'referral_created')!;
    expect(leeRow).toMatchObject({ status: 'sent', channel: 'lms', fallback_from: 'alimtalk' });

    // Tuesday 10:00: the reminder job writes Wednesday's reminder; it goes at 10:00.
    vi.setSystemTime(kst('2026-11-03T10:00:00'));
    expect(await remindTomorrowsBookings(t.db)).toBe(1);
    await workAt('2026-11-03T10:00:00');
    const reminder = delivered('01040000001').filter((a) => a.text.includes('내일'));
    expect(reminder.map((a) => a.at)).toEqual(['2026-11-03 10:00']);
    expect(reminder[0]!.text).toContain('2026-11-04 11:00 AI면접 체험관 예약이 있습니다');

    // Tuesday 12:00: Kim turns every channel off; the result of the referral and next week's
    // reminder are written, recorded as not sent, and nothing reaches the receiver.
    vi.setSystemTime(kst('2026-11-03T12:00:00'));
    expectStatus(
      await kimLogin.put('/api/v1/me/notification-preferences', {
        sms: false,
        alimtalk: false,
        email: false,
      }),
      200,
    );
    const kimReferral = expectStatus(await counsellor.get(`/api/v1/referrals?seekerId=${kim.id}`), 200)
      .items[0];
    expectStatus(
      await counsellor.post(`/api/v1/referrals/${kimReferral.id}/status`, { status: 'rejected' }),
      200,
    );
    vi.setSystemTime(kst('2026-11-10T10:00:00'));
    expect(await remindTomorrowsBookings(t.db)).toBe(1);
    const count = delivered('01040000001').length;
    await workAt('2026-11-10T10:00:00');
    expect(delivered('01040000001')).toHaveLength(count);

    // The outbox shows each message of Kim's with its status.
    const listed = expectStatus(
      await counsellor.get(`/api/v1/notifications?recipientId=${kim.id}`),
      200,
    ).items;
    expect(
      listed
        .map((n: { templateKey: string; status: string; channel: string | null }) => [
          n.templateKey,
          n.status,
          n.channel,
        ])
        .reverse(),
    ).toEqual([
      ['booking_confirmed', 'sent', 'sms'],
      ['booking_confirmed', 'sent', 'sms'],
      ['referral_created', 'sent', 'alimtalk'],
      ['booking_reminder', 'sent', 'lms'],
      ['referral_result', 'suppressed', null],
      ['booking_reminder', 'suppressed', null],
    ]);
    const page = await admin.get('/staff/admin/outbox');
    expect(page.statusCode).toBe(200);
    for (const label of ['발송 완료', '발송 안 함', '알림톡', '예약 전날 안내'])
      expect(page.body).toContain(label);
  });
});
