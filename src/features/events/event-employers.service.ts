import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { employerLabels, requireEmployerServed } from '../employers/employers.service.ts';
import { getPostingsNamedBy } from '../postings/postings.service.ts';
import { EMPLOYER_STATUSES, nameOf } from './events.codes.ts';
import {
  approveEventEmployer,
  findEventEmployer,
  findEventEmployers,
  insertEventEmployer,
} from './events.repository.ts';
import { isStaff, requireEvent } from './events.service.ts';
import './events.messages.ts';

type Row = NonNullable<Awaited<ReturnType<typeof findEventEmployer>>>;

function present(r: Row, name: string | undefined, lang: Lang = 'ko') {
  return {
    eventId: r.event_id,
    employerId: r.employer_id,
    employerName: name ?? null,
    postingIds: r.posting_ids,
    booth: r.booth,
    status: r.status,
    statusName: nameOf(EMPLOYER_STATUSES, r.status, lang),
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
  };
}

/**
 * An employer takes part in an event with some of its postings (API: POST /events/{id}/employers):
 * staff enter it for an employer they serve, or an employer account applies for itself to a
 * published event. Staff entries are approved at once; an employer's own waits for approval.
 * 400 names a posting that is not the employer's; 409 when the employer already applied.
 */
export async function addEventEmployer(
  ctx: RequestContext,
  o: { eventId: string; employerId: string; postingIds?: string[]; booth?: string | null },
) {
  authorize(ctx.actor, 'events.take_part');
  const staff = isStaff(ctx.actor);
  if (!staff && (ctx.actor.role !== 'employer' || ctx.actor.employerId !== o.employerId)) {
    throw notFound('employer.notFound');
  }
  const event = await requireEvent(ctx, o.eventId, { manage: staff, open: true });
  const employer = await requireEmployerServed(ctx.db, ctx.actor, o.employerId);
  const postingIds = [...new Set(o.postingIds ?? [])];
  const postings = await getPostingsNamedBy(ctx.db, postingIds);
  const problems = postingIds.flatMap((id, i) =>
    postings.get(id)?.employerId === employer.id
      ? []
      : [{ field: `postingIds[${i}]`, key: 'event.postingNotFound' as const }],
  );
  if (problems.length) throw invalid(problems);
  const now = new Date();
  const row = await insertEventEmployer(ctx.db, {
    event_id: event.id,
    employer_id: employer.id,
    centre_id: event.centre_id,
    posting_ids: postingIds,
    booth: o.booth?.trim() || null,
    status: staff ? 'approved' : 'applied',
    approved_by: staff ? ctx.actor.userId : null,
    approved_at: staff ? now : null,
    created_by: ctx.actor.userId,
  });
  if (!row) throw conflict('event.employerExists');
  return present(row, employer.name, ctx.lang);
}

/** Staff approve an employer's application (API: POST /events/{id}/employers/{employerId}/approve). */
export async function approveEmployer(ctx: RequestContext, o: { eventId: string; employerId: string }) {
  authorize(ctx.actor, 'events.manage');
  const event = await requireEvent(ctx, o.eventId, { manage: true });
  const row = await approveEventEmployer(ctx.db, event.id, o.employerId, ctx.actor.userId);
  if (!row) throw notFound('event.employerNotFound');
  const names = await employerLabels(ctx.db, [row.employer_id]);
  return present(row, names.get(row.employer_id)?.name, ctx.lang);
}

/** The employers of an event (approved ones for everyone, applications too for staff). */
export async function listEventEmployers(ctx: Parameters<typeof requireEvent>[0], o: { eventId: string }) {
  const event = await requireEvent(ctx, o.eventId);
  const rows = (await findEventEmployers(ctx.db, event.id)).filter(
    (r) => r.status === 'approved' || (isStaff(ctx.actor) && inScope(ctx.actor, event.centre_id)),
  );
  const names = await employerLabels(
    ctx.db,
    rows.map((r) => r.employer_id),
  );
  return rows.map((r) => present(r, names.get(r.employer_id)?.name, ctx.lang));
}

/** The approved participation of an employer in an event, or 400 on `employerId`. */
export async function requireApprovedEmployer(ctx: RequestContext, eventId: string, employerId: string) {
  const row = await findEventEmployer(ctx.db, eventId, employerId);
  if (!row) throw invalid([{ field: 'employerId', key: 'event.employerNotFound' }]);
  if (row.status !== 'approved') throw invalid([{ field: 'employerId', key: 'event.employerNotApproved' }]);
  return row;
}
