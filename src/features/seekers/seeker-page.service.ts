import { can } from '../../platform/access/policy.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { userNames } from '../accounts/user-lookups.service.ts';
import { upcomingAppointmentsOf } from '../appointments/appointments.service.ts';
import { counsellingTimeline } from '../counselling/counselling.service.ts';
import { planOf } from '../counselling/plan.service.ts';
import { rankPostingsFor } from '../matching/matching.service.ts';
import { getPostings } from '../postings/postings.service.ts';
import { referralsOfSeeker } from '../referrals/referrals.service.ts';
import { requireSeeker, widenAccess } from './access.service.ts';
import { presentSeeker } from './seekers.presenter.ts';
import { statusHistoryOf } from './status.service.ts';

/** A part of the page: its value, or `failed` (the page says so instead of an empty list). */
export type Section<T> = { state: 'ok'; value: T } | { state: 'failed' } | { state: 'hidden' };

const hidden = { state: 'hidden' } as const;

async function section<T>(
  shown: boolean,
  load: () => Promise<T>,
  onError: (e: unknown) => void,
): Promise<Section<T>> {
  if (!shown) return hidden;
  try {
    return { state: 'ok', value: await load() };
  } catch (e) {
    onError(e);
    return { state: 'failed' };
  }
}

/**
 * Everything the staff seeker page shows, read in a handful of statements: the seeker with its
 * access decision (one), one access-log row for the view, status history, counselling, plan
 * and referrals (one each, in parallel), then the names of the staff and the postings named by
 * recommendations and referrals (one each). Recommendations come from the in-memory index.
 * The sections read here are already authorised by the one access decision: staff of the
 * seeker's centre subtree (`full`) may use it for every purpose; a seeker shared by consent
 * shows profile, recommendations (when the consent covers matching) and the referrals the
 * actor's centres made. A section that fails is `failed`, logged through `onError`.
 */
export async function loadSeekerPage(
  ctx: RequestContext,
  opts: { id: string; dataKey: Buffer; onError: (e: unknown) => void },
) {
  const { db, actor } = ctx;
  const access = await requireSeeker(ctx, opts.id, 'view');
  const { seeker: row, full } = access;
  const seeker = full
    ? presentSeeker(opts.dataKey, row)
    : presentSeeker(opts.dataKey, row, { mode: 'shared', items: access.sharedItems });
  const logged = recordAccess(db, {
    actor,
    ip: ctx.ip,
    action: 'view',
    subjectType: 'seeker',
    subjectId: row.id,
    centreId: row.centre_id,
  });
  const id = row.id;
  const counsels = full && can(actor, 'counselling.read');
  const [history, timeline, plan, recs, referrals, appointments] = await Promise.all([
    // The API's rule: reading the status history needs seekers.write.
    section(full && can(actor, 'seekers.write'), () => statusHistoryOf(db, id), opts.onError),
    section(counsels, () => counsellingTimeline(db, { seekerId: id, limit: 50 }), opts.onError),
    section(counsels, () => planOf(db, id), opts.onError),
    section(
      can(actor, 'matching.read'),
      async () => {
        const matchable = await widenAccess(ctx, access, 'match').catch(() => null);
        return matchable ? (await rankPostingsFor(ctx, matchable, { limit: 10 })).items : [];
      },
      opts.onError,
    ),
    section(
      can(actor, 'referrals.read'),
      () => referralsOfSeeker(db, actor, { seekerId: id, full }),
      opts.onError,
    ),
    // Appointments are kept by the seeker's own centres (the `counsel` rule): full scope only.
    section(
      full && can(actor, 'appointments.write'),
      () => upcomingAppointmentsOf(db, { seekerId: id }),
      opts.onError,
    ),
  ]);
  await logged;
  const value = <T>(s: Section<T>): T | null => (s.state === 'ok' ? s.value : null);
  const [names, postings] = await Promise.all([
    section(
      history.state === 'ok' || timeline.state === 'ok',
      () => userNames(db, [...(value(history)?.userIds ?? []), ...(value(timeline)?.userIds ?? [])]),
      opts.onError,
    ),
    section(
      recs.state === 'ok' || referrals.state === 'ok',
      () =>
        getPostings(db, actor, [
          ...(value(recs) ?? []).map((r) => r.postingId),
          ...(value(referrals) ?? []).map((r) => r.postingId),
        ]),
      opts.onError,
    ),
  ]);
  // Sections whose names or posting titles could not be read failed with them.
  const withNames = <T extends { present: (n: ReadonlyMap<string, string>) => unknown }>(
    s: Section<T>,
  ): Section<ReturnType<T['present']>> =>
    s.state !== 'ok'
      ? s
      : names.state === 'ok'
        ? { state: 'ok', value: s.value.present(names.value) as ReturnType<T['present']> }
        : { state: 'failed' };
  const withPostings = <T>(s: Section<T>): Section<T> =>
    s.state === 'ok' && postings.state === 'failed' ? { state: 'failed' } : s;
  const titles = value(postings) ?? new Map();
  return {
    seeker,
    full,
    history: withNames(history),
    timeline: withNames(timeline),
    plan,
    recommendations: withPostings(recs),
    referrals: withPostings(referrals),
    appointments,
    posting: (postingId: string) => titles.get(postingId) ?? null,
  };
}

export type SeekerPage = Awaited<ReturnType<typeof loadSeekerPage>>;
