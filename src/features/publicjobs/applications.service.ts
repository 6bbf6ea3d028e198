import { authorize } from '../../platform/access/policy.ts';
import { recordSeekerAccess, recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireSeeker } from '../seekers/access.service.ts';
import { ageOn, decider, type EligibilityRules, type Reason } from './eligibility.ts';
import { requireProgramme } from './programmes.service.ts';
import { APPLICATION_CHANNELS, type ApplicantFlag, nameOf } from './publicjobs.codes.ts';
import {
  type ApplicationRow,
  findApplications,
  findProgramme,
  findRuleSet,
  insertApplication,
  nextApplicationNo,
  wasPlacedBetween,
} from './publicjobs.repository.ts';
import './publicjobs.messages.ts';

export interface ApplicationInput {
  programmeId: string;
  seekerId?: string;
  householdSize: number;
  monthlyIncome: number;
  property: number;
  flags?: ApplicantFlag[];
}

function present(a: ApplicationRow, lang: Lang = 'ko') {
  return {
    id: a.id,
    programmeId: a.programme_id,
    applicationNo: a.application_no,
    seekerId: a.seeker_id,
    channel: a.channel,
    channelName: nameOf(APPLICATION_CHANNELS, a.channel, lang),
    householdSize: a.household_size,
    monthlyIncome: Number(a.monthly_income),
    property: Number(a.property),
    flags: a.flags,
    age: a.age,
    eligible: a.eligible,
    reasons: a.reasons as Reason[],
    score: a.score,
    repeatParticipation: a.repeat_participation,
    ruleVersion: a.rule_version,
    createdAt: new Date(a.created_at).toISOString(),
  };
}
export type ApplicationView = ReturnType<typeof present>;

/** The seeker an application is for: a seeker's own account, or one the counsellor may act for. */
async function resolveApplicant(ctx: RequestContext, seekerId: string | undefined) {
  if (ctx.actor.role === 'seeker') {
    if (!ctx.actor.seekerId || (seekerId && seekerId !== ctx.actor.seekerId))
      throw notFound('seeker.notFound');
    return {
      seeker: (await requireSeeker(ctx, ctx.actor.seekerId, 'view')).seeker,
      channel: 'portal' as const,
    };
  }
  if (!seekerId) throw invalid([{ field: 'seekerId', key: 'field.required' }]);
  return { seeker: (await requireSeeker(ctx, seekerId, 'refer')).seeker, channel: 'counsellor' as const };
}

/**
 * An application (API: POST /public-jobs/{id}/applications), by a counsellor for a seeker or
 * by the seeker on the portal, decided at once: eligible or not, each rule's reason in Korean,
 * the 가산점 score, repeat participation, and the rule-set version used. The programme row is
 * locked while the number is handed out, so the rules read are the ones in force at that
 * moment (a rule change waits for it) and numbers have no gaps or twins. 409 outside the
 * application window or for a second application of the same seeker.
 */
export async function apply(ctx: RequestContext, o: ApplicationInput) {
  authorize(ctx.actor, 'publicjobs.apply');
  const { programme } = await requireProgramme(ctx, o.programmeId);
  const { seeker, channel } = await resolveApplicant(ctx, o.seekerId);
  const today = seoulToday();
  if (today < programme.apply_from || today > programme.apply_to) {
    throw conflict('publicjobs.applicationsClosed');
  }
  const age = ageOn(String(seeker.birth_date), programme.starts_on);
  const flags = [...new Set(o.flags ?? [])];
  try {
    const row = await ctx.db.transaction().execute(async (tx) => {
      const applicationNo = await nextApplicationNo(tx, programme.id);
      const ruleSet = await findRuleSet(tx, programme.id);
      if (!ruleSet) throw notFound('publicjobs.notFound');
      const rules = ruleSet.rules as EligibilityRules;
      const repeat = rules.repeat
        ? await wasPlacedBetween(tx, {
            seekerId: seeker.id,
            fromYear: programme.year - rules.repeat.lookbackYears,
            toYear: programme.year,
            exceptProgrammeId: programme.id,
          })
        : false;
      const decision = decider(
        rules,
        programme.year,
      )({
        age,
        householdSize: o.householdSize,
        monthlyIncome: o.monthlyIncome,
        property: o.property,
        flags,
        repeat,
      });
      const a = await insertApplication(tx, {
        id: uuidv7(),
        programme_id: programme.id,
        centre_id: programme.centre_id,
        application_no: applicationNo,
        seeker_id: seeker.id,
        channel,
        household_size: o.householdSize,
        monthly_income: o.monthlyIncome,
        property: o.property,
        flags,
        age,
        repeat_participation: repeat,
        eligible: decision.eligible,
        score: decision.score,
        reasons: JSON.stringify(decision.reasons),
        rule_set_id: ruleSet.id,
        rule_version: ruleSet.version,
        created_by: ctx.actor.userId,
      });
      await recordSeekerAccess(tx, ctx, 'create', seeker, 'public_job_application');
      return a;
    });
    return present(row, ctx.lang);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict('publicjobs.alreadyApplied');
    throw e;
  }
}

/** A programme's applications in number order (API: GET /public-jobs/{id}/applications): staff of its centres. */
export async function listApplications(ctx: RequestContext, o: { programmeId: string }) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const rows = await findApplications(ctx.db, programme.id);
  await recordSeekerViews(
    ctx.db,
    ctx,
    rows.map((r) => ({ id: r.seeker_id, centreId: r.centre_id })),
    'public_job_applications',
  );
  return rows.map((r) => present(r, ctx.lang));
}

/** The seeker's own applications to a programme (the portal page shows the answer again). */
export async function myApplication(ctx: RequestContext, o: { programmeId: string }) {
  if (ctx.actor.role !== 'seeker' || !ctx.actor.seekerId) return null;
  const p = await findProgramme(ctx.db, o.programmeId);
  if (!p) return null;
  const [row] = await findApplications(ctx.db, p.id, { seekerId: ctx.actor.seekerId });
  if (!row) return null;
  await recordSeekerAccess(
    ctx.db,
    ctx,
    'view',
    { id: row.seeker_id, centre_id: row.centre_id },
    'public_job_application',
  );
  return present(row, ctx.lang);
}
