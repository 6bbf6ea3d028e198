import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { fieldErrors, formBody, str } from '../../web/forms.tsx';
import { pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { announceDraw, publishDraw, runDraw } from './draws.service.ts';
import { endPlacement, place } from './placements.service.ts';
import { PLACEMENT_OUTCOMES, type PlacementOutcome } from './publicjobs.codes.ts';

// The staff programme page's forms: each calls the same use case as the API and comes back to
// /staff/public-jobs/{id} with `done` or the error in Korean.

const uuid = /^[0-9a-f-]{36}$/i;

/** "3 11 19, 25 38 42\n7" → [[3, 11, 19, 25, 38, 42], [7]]: one source per line. */
export function parseSeedLines(text: string): number[][] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0 || lines.length > 10)
    throw invalid([{ field: 'seedSources', key: 'publicjobs.seedsRequired' }]);
  return lines.map((l) => {
    const parts = l.split(/[\s,./]+/).filter(Boolean);
    if (parts.length === 0 || parts.length > 50 || !parts.every((x) => /^\d{1,9}$/.test(x))) {
      throw invalid([{ field: 'seedSources', key: 'field.invalid' }]);
    }
    return parts.map(Number);
  });
}

/** A datetime-local value read as Seoul time ("2026-12-12T20:45", seconds optional) → its instant. */
function seoulInstant(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) {
    throw invalid([{ field: 'seedsAvailableAt', key: 'field.invalid' }]);
  }
  return new Date(`${v.length === 16 ? `${v}:00` : v}+09:00`).toISOString();
}

export function registerPublicJobStaffActions(app: Server, ctx: AppContext) {
  async function act(
    req: FastifyRequest,
    run: (body: Record<string, string | string[]>) => Promise<unknown>,
  ) {
    requirePermission(req, 'publicjobs.manage');
    const id = uuidParam(req);
    let to = 'done=1';
    try {
      await run(formBody(req));
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      to = `error=${encodeURIComponent([e.form, ...Object.values(e.fields)].filter(Boolean).join(' '))}`;
    }
    return `/staff/public-jobs/${id}?${to}`;
  }

  app.post('/staff/public-jobs/:id/announce', pageOpts, async (req, reply) =>
    reply.redirect(
      await act(req, (b) =>
        announceDraw(requestContext(ctx.db, req), {
          programmeId: uuidParam(req),
          seedSource: str(b, 'seedSource'),
          seedsAvailableAt: seoulInstant(str(b, 'seedsAvailableAt')),
        }),
      ),
      303,
    ),
  );

  app.post('/staff/public-jobs/:id/draw', pageOpts, async (req, reply) =>
    reply.redirect(
      await act(req, (b) => {
        const text = str(b, 'seedSources');
        return runDraw(requestContext(ctx.db, req), {
          programmeId: uuidParam(req),
          seedSources: text.trim() ? parseSeedLines(text) : undefined,
        });
      }),
      303,
    ),
  );

  app.post('/staff/public-jobs/:id/publish', pageOpts, async (req, reply) =>
    reply.redirect(
      await act(req, (b) => {
        const drawId = str(b, 'drawId');
        if (!uuid.test(drawId)) throw invalid([{ field: 'drawId', key: 'field.invalid' }]);
        return publishDraw(requestContext(ctx.db, req), { programmeId: uuidParam(req), drawId });
      }),
      303,
    ),
  );

  app.post('/staff/public-jobs/:id/place', pageOpts, async (req, reply) =>
    reply.redirect(
      await act(req, (b) => {
        const applicationId = str(b, 'applicationId');
        if (!uuid.test(applicationId)) throw invalid([{ field: 'applicationId', key: 'field.required' }]);
        return place(requestContext(ctx.db, req), {
          programmeId: uuidParam(req),
          applicationId,
          worksite: str(b, 'worksite'),
          startsOn: str(b, 'startsOn'),
        });
      }),
      303,
    ),
  );

  app.post('/staff/public-jobs/:id/end', pageOpts, async (req, reply) =>
    reply.redirect(
      await act(req, (b) => {
        const placementId = str(b, 'placementId');
        const outcome = str(b, `outcome-${placementId}`);
        if (!uuid.test(placementId) || !(outcome in PLACEMENT_OUTCOMES)) {
          throw invalid([{ field: 'outcome', key: 'field.invalid' }]);
        }
        return endPlacement(requestContext(ctx.db, req), {
          programmeId: uuidParam(req),
          placementId,
          endsOn: str(b, `endsOn-${placementId}`),
          outcome: outcome as PlacementOutcome,
          privateEmployer: str(b, `privateEmployer-${placementId}`) || null,
          privateStartsOn: str(b, `privateStartsOn-${placementId}`) || null,
        });
      }),
      303,
    ),
  );
}
