import { isValidCode } from '../../codes/codes.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate, maskRrnFields, rrnWarnings } from '../../platform/domain/validate.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { parseDateTime } from '../counselling/counselling.service.ts';
import { findEmployerRef } from '../employers/employers.service.ts';
import { recordEmployment, seoulToday } from '../employments/employments.service.ts';
import { postingHireTerms } from '../postings/posting-lookups.service.ts';
import { reevaluateCare } from '../seekers/care.service.ts';
import { seekerCentres } from '../seekers/seekers.relations.service.ts';
import { requireSeeker } from '../seekers/seekers.service.ts';
import { emitWebhookEvent } from '../webhooks/webhooks.service.ts';
import { noticeReferral } from './referral-notices.ts';
import { type Changer, loadReferral, referralForActor, TRANSITIONS } from './referrals.service.ts';
import type { ReferralStatus } from './referrals.tables.ts';

// A referral's move along the pipeline, with the details it needs (interview time and place, a hire's
// terms) and what it does (the hire recorded, the seeker told, webhooks).

/** A move of the pipeline with what goes with it (API.md "referral details"). */
export interface StatusChange {
  status: ReferralStatus;
  at?: string;
  note?: string;
  /** With interview: when (ISO 8601; Korean time without an offset) and where. */
  interviewAt?: string;
  place?: string;
  /** With hired: the employment's start (default today), type and wage (default the posting's). */
  startDate?: string;
  employmentType?: string;
  wageType?: 'D' | 'H' | 'M' | 'Y';
  wage?: number;
}

/**
 * The details a status carries, checked: an interview needs its time when a user records it (an
 * employer's one-time link may answer without one); hire details go with hired only.
 */
function checkDetails(body: StatusChange, needsInterviewTime: boolean) {
  const problems: FieldProblem[] = [];
  const only = (field: keyof StatusChange, status: ReferralStatus) => {
    if (body[field] !== undefined && body[field] !== '' && body.status !== status)
      problems.push({ field, key: 'referral.detailsForStatus', params: { status } });
  };
  only('interviewAt', 'interview');
  only('place', 'interview');
  for (const f of ['startDate', 'employmentType', 'wageType', 'wage'] as const) only(f, 'hired');
  let interviewAt: Date | null = null;
  if (body.status === 'interview') {
    if (body.interviewAt) {
      interviewAt = parseDateTime(body.interviewAt);
      if (!interviewAt) problems.push({ field: 'interviewAt', key: 'referral.interviewAtInvalid' });
    } else if (needsInterviewTime)
      problems.push({ field: 'interviewAt', key: 'referral.interviewAtRequired' });
  }
  if (body.status === 'hired') {
    if (body.startDate && !isRealDate(body.startDate))
      problems.push({ field: 'startDate', key: 'referral.startDateInvalid' });
    if (body.employmentType && !isValidCode('employment-types', body.employmentType))
      problems.push({ field: 'employmentType', key: 'referral.codeUnknown' });
    if (body.wageType && !isValidCode('wage-types', body.wageType))
      problems.push({ field: 'wageType', key: 'referral.codeUnknown' });
    if (
      body.wage !== undefined &&
      (!Number.isInteger(body.wage) || body.wage < 0 || body.wage > 1_000_000_000)
    )
      problems.push({ field: 'wage', key: 'field.invalid' });
  }
  if (problems.length) throw invalid(problems);
  return {
    interviewAt,
    place: body.place?.trim() || null,
    startDate: body.startDate || null,
    employmentType: body.employmentType || null,
    wageType: body.wageType || null,
    wage: body.wage ?? null,
  };
}

/**
 * Moves a referral along the pipeline (409 for a move the table does not allow), writes the
 * event, and on hired records the employment with its follow-ups, all in one transaction.
 * `referralId` has already been authorised when `who` is an employer link.
 */
export async function changeStatus(db: Db, who: Changer, referralId: string, raw: StatusChange, inTx?: Db) {
  const { value: body, masked } = maskRrnFields(raw, ['note', 'place']);
  const details = checkDetails(body, who.kind === 'user');
  const run = async (tx: Db) => {
    const r =
      who.kind === 'user'
        ? await referralForActor(tx, who.actor, referralId, true)
        : await tx
            .selectFrom('referrals as r')
            .innerJoin(seekerCentres('s'), 's.id', 'r.seeker_id')
            .select(['r.id', 'r.status', 'r.seeker_id', 'r.posting_id', 's.centre_id as seeker_centre'])
            .where('r.id', '=', referralId)
            .forUpdate('r')
            .executeTakeFirstOrThrow();
    // Acting on the referral acts on its seeker: another centre's staff need the consent still.
    if (who.kind === 'user')
      await requireSeeker({ db: tx, actor: who.actor }, r.seeker_id, 'refer', {
        notFound: 'referral.notFound',
      });
    if (!TRANSITIONS[r.status].includes(body.status)) {
      throw new DomainError('conflict', 'referral.transition', { from: r.status, to: body.status });
    }
    const at = body.at ? new Date(body.at) : new Date();
    const final = TRANSITIONS[body.status].length === 0;
    await tx
      .updateTable('referrals')
      .set({
        status: body.status,
        updated_at: new Date(),
        closed_at: final ? at : null,
        ...(details.interviewAt ? { interview_at: details.interviewAt, interview_place: details.place } : {}),
      })
      .where('id', '=', r.id)
      .execute();
    const actorId = who.kind === 'user' ? who.actor.userId : null;
    const eventId = uuidv7();
    await tx
      .insertInto('referral_events')
      .values({
        id: eventId,
        referral_id: r.id,
        centre_id: tx.selectFrom('referrals').select('centre_id').where('id', '=', r.id),
        status: body.status,
        at,
        actor_id: actorId,
        actor_kind: who.kind,
        note: body.note?.trim() || null,
      })
      .execute();
    await emitWebhookEvent(tx, {
      type: 'referral.status_changed',
      subjectId: r.id,
      centreId: r.seeker_centre,
    });
    if (body.status === 'hired') {
      const p = await postingHireTerms(tx, r.posting_id);
      const employer = await findEmployerRef(tx, { id: p.employer_id });
      await recordEmployment(tx, {
        seekerId: r.seeker_id,
        centreId: r.seeker_centre,
        employerId: p.employer_id,
        employerName: employer?.name ?? '',
        postingId: p.id,
        referralId: r.id,
        startDate: details.startDate ?? seoulToday(at.getTime()),
        route: 'referral',
        // What the counsellor recorded of the hire, else what the posting offered.
        employmentType: details.employmentType ?? p.employment_type,
        wageType: details.wageType ?? p.wage_type,
        wage: details.wage ?? (details.wageType && details.wageType !== p.wage_type ? null : p.wage_min),
        createdBy: actorId,
      });
    }
    await noticeReferral(tx, {
      referralId: r.id,
      eventKey: eventId,
      seekerId: r.seeker_id,
      postingId: r.posting_id,
      centreId: await tx
        .selectFrom('referrals')
        .select('centre_id')
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow()
        .then((x) => x.centre_id),
      status: body.status,
      // As checked: Korean time when no offset is given, the place RRN-masked.
      interviewAt: details.interviewAt,
      place: details.place,
    });
    await reevaluateCare(tx, r.seeker_id);
    await recordAccess(tx, {
      actor: who.kind === 'user' ? who.actor : null,
      ip: who.ip,
      action: 'update',
      subjectType: 'seeker',
      subjectId: r.seeker_id,
      centreId: r.seeker_centre,
      reason: who.kind === 'employer_link' ? 'employer link' : null,
    });
    return { ...(await loadReferral(tx, r.id)), warnings: rrnWarnings(masked) };
  };
  return inTx ? run(inTx) : db.transaction().execute(run);
}
