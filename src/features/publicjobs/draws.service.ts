import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type NotifyInput, notifyMany } from '../notifications/notifications.service.ts';
import { type ReadCtx, requireProgramme } from './programmes.service.ts';
import { nameOf, SELECTION_METHODS } from './publicjobs.codes.ts';
import {
  type AnnouncementRow,
  countDraws,
  type DrawRow,
  findAnnouncement,
  findApplicationRefs,
  findCandidates,
  findDraw,
  findDraws,
  findLatestAnnouncement,
  findProgramme,
  findPublication,
  insertAnnouncement,
  insertDraw,
  insertPublication,
} from './publicjobs.repository.ts';
import { keyStringOf } from './rfc3797.ts';
import { candidateListText, rankCandidates, sha256Hex } from './selection.ts';
import './publicjobs.messages.ts';

// The verifiable draw (RFC 3797, FIELD.md §f.1–f.6) in three steps, each a record of its own:
// 1. publish the inputs: the eligible applications frozen in application-number order, the
//    SHA-256 of that list, and the future public numbers that will seed the draw (a named
//    로또 6/45 round and when its numbers come out);
// 2. draw, once those numbers exist: the key string, the order, the selected and the waiting
//    list (a re-run is a new record with the next run number; nothing is overwritten);
// 3. publish one draw's results (application numbers only on the public page).

function presentAnnouncement(a: AnnouncementRow) {
  return {
    id: a.id,
    seq: a.seq,
    candidates: a.candidates,
    candidateNos: a.candidate_nos,
    candidateScores: a.candidate_scores,
    inputSha256: a.input_sha256,
    seedSource: a.seed_source,
    seedsAvailableAt: new Date(a.seeds_available_at).toISOString(),
    announcedAt: new Date(a.announced_at).toISOString(),
  };
}
export type AnnouncementView = ReturnType<typeof presentAnnouncement>;

function presentDraw(d: DrawRow, a: AnnouncementRow, publishedDrawId: string | null, lang: Lang = 'ko') {
  const noOf = new Map(a.candidates.map((id, i) => [id, a.candidate_nos[i] as number]));
  const selected = d.ranked.slice(0, d.quota);
  const waitlist = d.ranked.slice(d.quota);
  const nos = (ids: string[]) => ids.map((id) => noOf.get(id) as number);
  return {
    id: d.id,
    runNo: d.run_no,
    rerun: d.run_no > 1,
    method: d.method,
    methodName: nameOf(SELECTION_METHODS, d.method, lang),
    announcementId: d.announcement_id,
    candidates: a.candidates,
    candidateNos: a.candidate_nos,
    inputSha256: a.input_sha256,
    seedSource: a.seed_source,
    seedSources: (d.seed_sources as number[][] | null) ?? null,
    keyString: d.key_string,
    /** The RFC 3797 draw: 1-based positions in the candidate list, in draw order. */
    lotteryOrder: d.lottery_order ? d.lottery_order.map((i) => i + 1) : null,
    order: d.ranked,
    orderNos: nos(d.ranked),
    selected,
    selectedNos: nos(selected),
    waitlist,
    waitlistNos: nos(waitlist),
    quota: d.quota,
    drawnAt: new Date(d.drawn_at).toISOString(),
    published: publishedDrawId === d.id,
  };
}
export type DrawView = ReturnType<typeof presentDraw>;

/**
 * Step 1 (API: POST /public-jobs/{id}/announcements): freezes the candidate list and names the
 * future random source. Only after the application window has closed (409), before results
 * are published (409), and for numbers that do not exist yet (`seedsAvailableAt` in the future).
 * A second announcement is a new record; the draw uses the latest one.
 */
export async function announceDraw(
  ctx: RequestContext,
  o: { programmeId: string; seedSource: string; seedsAvailableAt: string },
) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const at = new Date(o.seedsAvailableAt);
  if (Number.isNaN(at.getTime())) throw invalid([{ field: 'seedsAvailableAt', key: 'field.invalid' }]);
  if (at.getTime() <= Date.now())
    throw invalid([{ field: 'seedsAvailableAt', key: 'publicjobs.seedsInPast' }]);
  const seedSource = o.seedSource.trim();
  if (!seedSource) throw invalid([{ field: 'seedSource', key: 'field.required' }]);
  if (seedSource.length > 500)
    throw invalid([{ field: 'seedSource', key: 'field.maxLength', params: { limit: 500 } }]);
  if (seoulToday() <= programme.apply_to) throw conflict('publicjobs.applicationsOpen');
  return ctx.db.transaction().execute(async (tx) => {
    await findProgramme(tx, programme.id, { lock: true });
    if (await findPublication(tx, programme.id)) throw conflict('publicjobs.alreadyPublished');
    const latest = await findLatestAnnouncement(tx, programme.id);
    const candidates = await findCandidates(tx, programme.id);
    const nos = candidates.map((c) => c.application_no);
    const scores = candidates.map((c) => c.score);
    const row = await insertAnnouncement(tx, {
      id: uuidv7(),
      centre_id: programme.centre_id,
      programme_id: programme.id,
      seq: (latest?.seq ?? 0) + 1,
      candidates: candidates.map((c) => c.id),
      candidate_nos: nos,
      candidate_scores: scores,
      input_sha256: sha256Hex(candidateListText(nos, scores)),
      seed_source: seedSource,
      seeds_available_at: at,
      created_by: ctx.actor.userId,
    });
    return presentAnnouncement(row);
  });
}

/**
 * Step 2 (API: POST /public-jobs/{id}/draws): ranks the latest announced list with the
 * announced numbers. By the programme's method: `lottery` and `score_then_lottery` need
 * `seedSources` and wait until they exist (409 publicjobs.seedsNotYet; a trigger refuses too).
 * Same input, same result; every run is kept with its run number.
 */
export async function runDraw(ctx: RequestContext, o: { programmeId: string; seedSources?: number[][] }) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const lottery = programme.selection !== 'score';
  const sources = o.seedSources ?? [];
  if (lottery && sources.length === 0)
    throw invalid([{ field: 'seedSources', key: 'publicjobs.seedsRequired' }]);
  const emptyAt = sources.findIndex((s) => s.length === 0);
  if (emptyAt >= 0) throw invalid([{ field: `seedSources[${emptyAt}]`, key: 'publicjobs.seedsRequired' }]);
  const key = lottery ? keyStringOf(sources) : null;
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await findProgramme(tx, programme.id, { lock: true });
      const a = await findLatestAnnouncement(tx, programme.id);
      if (!a) throw conflict('publicjobs.notAnnounced');
      const published = await findPublication(tx, programme.id);
      if (published) throw conflict('publicjobs.alreadyPublished');
      if (lottery && new Date(a.seeds_available_at).getTime() > Date.now())
        throw conflict('publicjobs.seedsNotYet');
      const { ranked, lottery: order } = rankCandidates(programme.selection, a.candidate_scores, key);
      const d = await insertDraw(tx, {
        id: uuidv7(),
        centre_id: programme.centre_id,
        programme_id: programme.id,
        announcement_id: a.id,
        run_no: (await countDraws(tx, programme.id)) + 1,
        method: programme.selection,
        seed_sources: lottery ? JSON.stringify(sources) : null,
        key_string: key,
        lottery_order: order,
        ranked: ranked.map((i) => a.candidates[i] as string),
        quota: programme.quota,
        created_by: ctx.actor.userId,
      });
      return presentDraw(d, a, null, ctx.lang);
    });
  } catch (e) {
    if ((e as { constraint?: string }).constraint === 'public_job_draws_after_seeds') {
      throw conflict('publicjobs.seedsNotYet');
    }
    throw e;
  }
}

async function drawWithInputs(ctx: ReadCtx, d: DrawRow, publishedId: string | null) {
  const a = await findAnnouncement(ctx.db, d.announcement_id);
  if (!a) throw notFound('publicjobs.drawNotFound');
  return presentDraw(d, a, publishedId, ctx.lang);
}

/** The runs of a programme (API: GET /public-jobs/{id}/draws), staff of its centres. */
export async function listDraws(ctx: RequestContext, o: { programmeId: string }) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const [rows, pub] = await Promise.all([
    findDraws(ctx.db, programme.id),
    findPublication(ctx.db, programme.id),
  ]);
  const out: DrawView[] = [];
  for (const d of rows) out.push(await drawWithInputs(ctx, d, pub?.draw_id ?? null));
  return out;
}

export async function getDraw(ctx: RequestContext, o: { programmeId: string; drawId: string }) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const d = await findDraw(ctx.db, programme.id, o.drawId);
  if (!d) throw notFound('publicjobs.drawNotFound');
  const pub = await findPublication(ctx.db, programme.id);
  return drawWithInputs(ctx, d, pub?.draw_id ?? null);
}

/** Messages written per notifyMany call when a result is published (a waiting list may be long). */
const TELL_CHUNK = 2_000;

/**
 * Tells every ranked applicant of the published draw (개별 통보) through the notifications
 * feature, in the publication's transaction: the selected that they are, the rest their place
 * on the waiting list. One message per application ever (dedupe key).
 */
async function tellRanked(
  tx: Db,
  p: { id: string; centre_id: string; name: string },
  d: DrawRow,
): Promise<number> {
  const refs = new Map((await findApplicationRefs(tx, d.ranked)).map((r) => [r.id, r]));
  const inputs: NotifyInput[] = [];
  d.ranked.forEach((applicationId, i) => {
    const a = refs.get(applicationId);
    if (!a) return;
    const selected = i < d.quota;
    inputs.push({
      templateKey: selected ? 'public_job_selected' : 'public_job_waitlisted',
      recipient: { kind: 'seeker', id: a.seeker_id },
      centreId: p.centre_id,
      variables: {
        programme: p.name,
        applicationNo: String(a.application_no),
        ...(selected ? {} : { position: String(i - d.quota + 1) }),
      },
      source: selected ? 'public_job.selected' : 'public_job.waitlisted',
      dedupeKey: `public_job.result:${applicationId}`,
    });
  });
  for (let i = 0; i < inputs.length; i += TELL_CHUNK) {
    await notifyMany(tx, inputs.slice(i, i + TELL_CHUNK));
  }
  return inputs.length;
}

/**
 * Step 3 (API: POST /public-jobs/{id}/draws/{drawId}/publish): once per programme (409 after).
 * In the same transaction each ranked applicant is told the result (selected, or the place on
 * the waiting list); a publication that fails tells no one.
 */
export async function publishDraw(ctx: RequestContext, o: { programmeId: string; drawId: string }) {
  authorize(ctx.actor, 'publicjobs.manage');
  const { programme } = await requireProgramme(ctx, o.programmeId, { manage: true });
  const d = await findDraw(ctx.db, programme.id, o.drawId);
  if (!d) throw notFound('publicjobs.drawNotFound');
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await insertPublication(tx, {
        programmeId: programme.id,
        centreId: programme.centre_id,
        drawId: d.id,
        by: ctx.actor.userId,
      });
      await tellRanked(tx, programme, d);
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict('publicjobs.alreadyPublished');
    throw e;
  }
  return drawWithInputs(ctx, d, d.id);
}

/**
 * What everyone may see (API: GET /public-jobs/{id}/results; the page /public-jobs/{id}/results):
 * the announced inputs as soon as they are announced, the published draw once published;
 * application numbers and scores only, never a name or an id.
 */
export async function publicResults(ctx: ReadCtx, o: { programmeId: string }) {
  const { programme } = await requireProgramme(ctx, o.programmeId);
  const pub = await findPublication(ctx.db, programme.id);
  const d = pub ? await findDraw(ctx.db, programme.id, pub.draw_id) : undefined;
  const a = d
    ? await findAnnouncement(ctx.db, d.announcement_id)
    : await findLatestAnnouncement(ctx.db, programme.id);
  const draw = d && a ? presentDraw(d, a, d.id, ctx.lang) : null;
  return {
    programmeId: programme.id,
    announcement: a
      ? {
          seq: a.seq,
          candidateNos: a.candidate_nos,
          candidateScores: a.candidate_scores,
          inputSha256: a.input_sha256,
          seedSource: a.seed_source,
          seedsAvailableAt: new Date(a.seeds_available_at).toISOString(),
          announcedAt: new Date(a.announced_at).toISOString(),
        }
      : null,
    result:
      draw && pub
        ? {
            runNo: draw.runNo,
            method: draw.method,
            methodName: draw.methodName,
            seedSources: draw.seedSources,
            keyString: draw.keyString,
            lotteryOrder: draw.lotteryOrder,
            orderNos: draw.orderNos,
            selectedNos: draw.selectedNos,
            waitlistNos: draw.waitlistNos,
            quota: draw.quota,
            drawnAt: draw.drawnAt,
            publishedAt: new Date(pub.published_at).toISOString(),
          }
        : null,
  };
}
