import { authorize } from '../../platform/access/policy.ts';
import { recordSeekerAccess, recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { conflict, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { lastCounsellingAt } from '../counselling/counselling.for-seekers.service.ts';
import { recordEmployment } from '../employments/employments.service.ts';
import { requireSeeker } from '../seekers/access.service.ts';
import type { EligibilityRules } from './eligibility.ts';
import { requireProgramme } from './programmes.service.ts';
import { nameOf, PLACEMENT_OUTCOMES, type PlacementOutcome } from './publicjobs.codes.ts';
import {
  countPlacements,
  endPlacementRow,
  findApplication,
  findDraw,
  findPlacement,
  findPlacements,
  findProgramme,
  findPublication,
  insertPlacement,
  type PlacementRow,
} from './publicjobs.repository.ts';
import './publicjobs.messages.ts';

// Placements (배치) of selected applicants at worksites. A placement is a job: it records an
// employment with route `public_job` through the employments feature (the seeker becomes
// employed, retention follow-ups are scheduled). The counsellor named keeps counselling during
// the placement (seed 002: 시간제 나눔일자리 keeps counselling and training them) and the
// staff page shows the last counselling; a placement that ends in a private job says so.

function present(p: PlacementRow & { last_counselling_at?: Date | string | null }, lang: Lang = 'ko') {
  return {
    id: p.id,
    programmeId: p.programme_id,
    applicationId: p.application_id,
    seekerId: p.seeker_id,
    worksite: p.worksite,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    outcome: p.outcome,
    outcomeName: p.outcome ? nameOf(PLACEMENT_OUTCOMES, p.outcome, lang) : null,
    privateEmployer: p.private_employer,
    employmentId: p.employment_id,
    privateEmploymentId: p.private_employment_id,
    counsellorId: p.counsellor_id,
    lastCounsellingAt: p.last_counselling_at ? new Date(p.last_counselling_at).toISOString() : null,
  };
}
export type PlacementView = ReturnType<typeof present>;

/**
 * Places a selected applicant (API: POST /public-jobs/{id}/placements): the application must be
 * ranked in the published draw (selected, or from the waiting list when a place is free), the
 * start within the programme period; at most `quota` placements (the programme row is locked
 * for the count); an applicant aged 65 or over is refused when the programme's weekly hours
 * pass the rules' cap. One placement per application (unique → 409).
 */
export async function place(
  ctx: RequestContext,
  o: { programmeId: string; applicationId: string; worksite: string; startsOn: string },
) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme, rules } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const worksite = o.worksite.trim();
  if (!worksite) throw invalid([{ field: 'worksite', key: 'field.required' }]);
  if (worksite.length > 200)
    throw invalid([{ field: 'worksite', key: 'field.maxLength', params: { limit: 200 } }]);
  if (!isRealDate(o.startsOn)) throw invalid([{ field: 'startsOn', key: 'field.date' }]);
  if (o.startsOn < programme.starts_on || o.startsOn > programme.ends_on) {
    throw invalid([
      {
        field: 'startsOn',
        key: 'publicjobs.outsidePeriod',
        params: { from: programme.starts_on, to: programme.ends_on },
      },
    ]);
  }
  const app = await findApplication(ctx.db, o.applicationId);
  if (!app || app.programme_id !== programme.id) throw notFound('publicjobs.applicationNotFound');
  const cap = (rules.rules as EligibilityRules).over65MaxHoursPerWeek;
  if (cap !== null && app.age >= 65 && programme.hours_per_week > cap) {
    throw invalid([
      {
        field: 'applicationId',
        key: 'publicjobs.over65Hours',
        params: { cap, hours: programme.hours_per_week },
      },
    ]);
  }
  try {
    const row = await ctx.db.transaction().execute(async (tx) => {
      const tctx = { ...ctx, db: tx };
      await findProgramme(tx, programme.id, { lock: true });
      const pub = await findPublication(tx, programme.id);
      if (!pub) throw conflict('publicjobs.notPublished');
      const draw = await findDraw(tx, programme.id, pub.draw_id);
      if (!draw?.ranked.includes(app.id)) throw conflict('publicjobs.notSelected');
      if ((await countPlacements(tx, programme.id)) >= programme.quota)
        throw conflict('publicjobs.quotaFull');
      const { seeker } = await requireSeeker(tctx, app.seeker_id, 'employ');
      const employmentId = await recordEmployment(
        tx,
        {
          seekerId: seeker.id,
          centreId: seeker.centre_id,
          employerId: null,
          employerName: worksite,
          startDate: o.startsOn,
          route: 'public_job',
          employmentType: programme.hours_per_week < 40 ? '21' : '20', // 기간의 정함이 있는 근로계약 (시간제)
          wageType: 'H',
          wage: programme.hourly_wage,
          createdBy: ctx.actor.userId,
        },
        { onRepeat: 'refuse' },
      );
      const p = await insertPlacement(tx, {
        id: uuidv7(),
        programme_id: programme.id,
        centre_id: programme.centre_id,
        application_id: app.id,
        seeker_id: seeker.id,
        worksite,
        starts_on: o.startsOn,
        employment_id: employmentId,
        counsellor_id: ctx.actor.userId,
        created_by: ctx.actor.userId,
      });
      await recordSeekerAccess(tx, ctx, 'create', seeker, 'public_job_placement');
      return p;
    });
    return present(row, ctx.lang);
  } catch (e) {
    if ((e as { constraint?: string }).constraint === 'public_job_placements_application_id_key') {
      throw conflict('publicjobs.alreadyPlaced');
    }
    throw e;
  }
}

/** The day after a date (YYYY-MM-DD). */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Ends a placement (API: POST /public-jobs/{id}/placements/{placementId}/end) with its outcome:
 * completed, private_job or dropped. A private job needs its employer and is recorded as an
 * employment (employments feature, route `self`, from `privateStartsOn`, by default the day
 * after the placement ends) in the same transaction, so the seeker's record, the retention
 * follow-ups and the figure "moved to private jobs" all show it.
 */
export async function endPlacement(
  ctx: RequestContext,
  o: {
    programmeId: string;
    placementId: string;
    endsOn: string;
    outcome: PlacementOutcome;
    privateEmployer?: string | null;
    privateStartsOn?: string | null;
  },
) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const p = await findPlacement(ctx.db, programme.id, o.placementId);
  if (!p) throw notFound('publicjobs.placementNotFound');
  const problems: FieldProblem[] = [];
  if (!isRealDate(o.endsOn)) problems.push({ field: 'endsOn', key: 'field.date' });
  else if (o.endsOn < p.starts_on) problems.push({ field: 'endsOn', key: 'publicjobs.endsBeforeStart' });
  const toPrivate = o.outcome === 'private_job';
  const privateEmployer = toPrivate ? o.privateEmployer?.trim() || null : null;
  if (toPrivate && !privateEmployer) {
    problems.push({ field: 'privateEmployer', key: 'publicjobs.privateEmployerRequired' });
  } else if (privateEmployer && privateEmployer.length > 200) {
    problems.push({ field: 'privateEmployer', key: 'field.maxLength', params: { limit: 200 } });
  }
  const privateStartsOn = toPrivate
    ? o.privateStartsOn || (isRealDate(o.endsOn) ? dayAfter(o.endsOn) : null)
    : null;
  if (toPrivate && o.privateStartsOn) {
    if (!isRealDate(o.privateStartsOn)) problems.push({ field: 'privateStartsOn', key: 'field.date' });
    else if (o.privateStartsOn < p.starts_on) {
      problems.push({
        field: 'privateStartsOn',
        key: 'publicjobs.privateStartsBeforePlacement',
        params: { from: p.starts_on },
      });
    }
  }
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction().execute(async (tx) => {
    let privateEmploymentId: string | null = null;
    if (privateEmployer && privateStartsOn) {
      const { seeker } = await requireSeeker({ ...ctx, db: tx }, p.seeker_id, 'employ');
      privateEmploymentId = await recordEmployment(
        tx,
        {
          seekerId: seeker.id,
          centreId: seeker.centre_id,
          employerId: null,
          employerName: privateEmployer,
          startDate: privateStartsOn,
          route: 'self',
          createdBy: ctx.actor.userId,
        },
        { onRepeat: 'refuse' },
      );
    }
    const row = await endPlacementRow(tx, p.id, {
      endsOn: o.endsOn,
      outcome: o.outcome,
      privateEmployer,
      privateEmploymentId,
    });
    if (!row) throw conflict('publicjobs.placementEnded');
    await recordSeekerAccess(
      tx,
      ctx,
      'update',
      { id: p.seeker_id, centre_id: p.centre_id },
      'public_job_placement',
    );
    return present(row, ctx.lang);
  });
}

/** A programme's placements with each seeker's last counselling (staff of its centres). */
export async function listPlacements(ctx: RequestContext, o: { programmeId: string }) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const rows = await findPlacements(ctx.db, programme.id, { lastCounsellingAt });
  await recordSeekerViews(
    ctx.db,
    ctx,
    rows.map((r) => ({ id: r.seeker_id, centreId: r.centre_id })),
    'public_job_placements',
  );
  return rows.map((r) => present(r, ctx.lang));
}
