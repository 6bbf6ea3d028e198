import { authorize } from '../../platform/access/policy.ts';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { seoulDate, seoulToday } from '../../platform/domain/dates.ts';
import { firstEmploymentsBetween } from '../employments/employments.for-programmes.service.ts';
import type { roster } from './attendance.service.ts';
import { requireProgramme } from './programmes.service.ts';

// Who of a cohort found work: the completers counted in employedWithin6Months, each with the
// job the employments feature recorded (employer, start day, route) — the figure a 취업성공
// 사관학교 is judged by, named for its staff.

/** The Seoul date `months` calendar months after `date`, the day clamped to the month's end (as PostgreSQL adds an interval). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

type Roster = Awaited<ReturnType<typeof roster>>;

/**
 * The employed completers of a programme as its staff see them: the roster's people with
 * employedWithin6Months, with their first job in the window (the first session's day to six
 * months after the last, never past today). Viewing the jobs is access-logged.
 */
export async function cohortEmployments(
  ctx: RequestContext,
  o: { programmeId: string; roster: Roster; today?: string },
) {
  authorize(ctx.actor, 'programmes.manage');
  const p = await requireProgramme(ctx, o.programmeId, { manage: true });
  const today = o.today ?? seoulToday();
  const from = seoulDate(new Date(p.first_starts_at));
  const sixMonths = addMonths(seoulDate(new Date(p.last_ends_at)), 6);
  const until = sixMonths < today ? sixMonths : today;
  const people = o.roster.items.filter((e) => e.employedWithin6Months && e.seekerName !== null);
  const jobs = await firstEmploymentsBetween(
    ctx.db,
    people.map((e) => ({ seekerId: e.seekerId, from, until })),
  );
  await recordAccesses(
    ctx.db,
    people.map((e) => ({
      actor: ctx.actor,
      ip: ctx.ip,
      action: 'view' as const,
      subjectType: 'employment',
      subjectId: e.seekerId,
      centreId: p.centre_id,
    })),
  );
  return {
    windowUntil: sixMonths,
    items: people.flatMap((e) => {
      const job = jobs.get(e.seekerId);
      return job
        ? [{ seekerId: e.seekerId, name: e.seekerName as string, registrationNo: e.registrationNo, ...job }]
        : [];
    }),
  };
}
