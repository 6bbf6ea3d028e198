import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { IdParams, problems, Uuid } from '../../platform/http/schemas.ts';
import { apply, listApplications } from './applications.service.ts';
import { announceDraw, getDraw, listDraws, publicResults, publishDraw, runDraw } from './draws.service.ts';
import { endPlacement, listPlacements, place } from './placements.service.ts';
import { changeRules, createProgramme, getProgramme, listProgrammes } from './programmes.service.ts';
import { registerPublicJobPages } from './publicjobs.pages.tsx';
import {
  Announcement,
  AnnouncementBody,
  Application,
  ApplicationBody,
  Draw,
  DrawBody,
  EndPlacementBody,
  Placement,
  PlacementBody,
  Programme,
  ProgrammeBody,
  ProgrammeDetail,
  Results,
  RulesBody,
} from './publicjobs.schema.ts';
import { registerPublicJobStaffPages } from './staff.pages.tsx';

const tags = ['public-jobs'];
const DrawParams = Type.Object({ id: Uuid, drawId: Uuid });
const PlacementParams = Type.Object({ id: Uuid, placementId: Uuid });
const manage = { permission: 'publicjobs.manage' as const };

/** Public job programmes (공공일자리): programmes and rule sets, applications, draws, placements. */
export const publicJobsFeature: Feature = {
  name: 'publicjobs',
  routes(app, ctx) {
    const rc = (req: Parameters<typeof requestContext>[1]) => requestContext(ctx.db, req);
    const read = (req: { actor: Parameters<typeof requestContext>[1]['actor']; lang: 'ko' | 'en' }) => ({
      db: ctx.db,
      actor: req.actor,
      lang: req.lang,
    });
    app.post(
      '/api/v1/public-jobs',
      {
        config: manage,
        schema: {
          tags,
          summary: '공공일자리 사업 등록 / open a public job programme',
          body: ProgrammeBody,
          response: { 201: Programme, ...problems },
        },
      },
      async (req, reply) => reply.status(201).send(await createProgramme(rc(req), req.body)),
    );
    app.get(
      '/api/v1/public-jobs',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '공공일자리 사업 목록 / public job programmes',
          querystring: Type.Object({
            year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            open: Type.Optional(Type.Boolean()),
          }),
          response: {
            200: Type.Object({ items: Type.Array(Programme), total: Type.Integer() }),
            ...problems,
          },
        },
      },
      async (req) => {
        const items = await listProgrammes(read(req), req.query);
        return { items, total: items.length };
      },
    );
    app.get(
      '/api/v1/public-jobs/:id',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '공공일자리 사업 / a programme with its rule-set versions',
          params: IdParams,
          response: { 200: ProgrammeDetail, ...problems },
        },
      },
      async (req) => getProgramme(read(req), req.params),
    );
    app.put(
      '/api/v1/public-jobs/:id/eligibility',
      {
        config: manage,
        schema: {
          tags,
          summary: '자격 기준 변경(새 버전) / new rule-set version',
          params: IdParams,
          body: RulesBody,
          response: { 200: Programme, ...problems },
        },
      },
      async (req) => changeRules(rc(req), { id: req.params.id, ...req.body }),
    );
    app.post(
      '/api/v1/public-jobs/:id/applications',
      {
        config: { permission: 'publicjobs.apply' },
        schema: {
          tags,
          summary: '참여 신청(즉시 자격 판정) / apply, answered at once',
          params: IdParams,
          body: ApplicationBody,
          response: { 201: Application, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await apply(rc(req), { programmeId: req.params.id, ...req.body })),
    );
    app.get(
      '/api/v1/public-jobs/:id/applications',
      {
        config: manage,
        schema: {
          tags,
          summary: '신청자 목록 / applications in number order',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(Application) }), ...problems },
        },
      },
      async (req) => ({ items: await listApplications(rc(req), { programmeId: req.params.id }) }),
    );
    app.post(
      '/api/v1/public-jobs/:id/announcements',
      {
        config: manage,
        schema: {
          tags,
          summary: '추첨 대상 명단·난수 출처 공개 / freeze and publish the draw inputs',
          params: IdParams,
          body: AnnouncementBody,
          response: { 201: Announcement, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await announceDraw(rc(req), { programmeId: req.params.id, ...req.body })),
    );
    app.post(
      '/api/v1/public-jobs/:id/draws',
      {
        config: manage,
        schema: {
          tags,
          summary: '선발(RFC 3797 추첨) / run the selection',
          params: IdParams,
          body: DrawBody,
          response: { 201: Draw, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await runDraw(rc(req), { programmeId: req.params.id, ...req.body })),
    );
    app.get(
      '/api/v1/public-jobs/:id/draws',
      {
        config: manage,
        schema: {
          tags,
          summary: '선발 기록(재추첨 포함) / every run',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(Draw) }), ...problems },
        },
      },
      async (req) => ({ items: await listDraws(rc(req), { programmeId: req.params.id }) }),
    );
    app.get(
      '/api/v1/public-jobs/:id/draws/:drawId',
      {
        config: manage,
        schema: {
          tags,
          summary: '선발 기록 / a run',
          params: DrawParams,
          response: { 200: Draw, ...problems },
        },
      },
      async (req) => getDraw(rc(req), { programmeId: req.params.id, drawId: req.params.drawId }),
    );
    app.post(
      '/api/v1/public-jobs/:id/draws/:drawId/publish',
      {
        config: manage,
        schema: {
          tags,
          summary: '선발 결과 공개 / publish a run’s results',
          params: DrawParams,
          response: { 200: Draw, ...problems },
        },
      },
      async (req) => publishDraw(rc(req), { programmeId: req.params.id, drawId: req.params.drawId }),
    );
    app.get(
      '/api/v1/public-jobs/:id/results',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '공개 명단·선발 결과(신청번호만) / published inputs and results, numbers only',
          params: IdParams,
          response: { 200: Results, ...problems },
        },
      },
      async (req) => publicResults(read(req), { programmeId: req.params.id }),
    );
    app.post(
      '/api/v1/public-jobs/:id/placements',
      {
        config: manage,
        schema: {
          tags,
          summary: '근무지 배치(취업 기록 route public_job) / place at a worksite',
          params: IdParams,
          body: PlacementBody,
          response: { 201: Placement, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await place(rc(req), { programmeId: req.params.id, ...req.body })),
    );
    app.get(
      '/api/v1/public-jobs/:id/placements',
      {
        config: manage,
        schema: {
          tags,
          summary: '배치 목록(최근 상담일 포함) / placements',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(Placement) }), ...problems },
        },
      },
      async (req) => ({ items: await listPlacements(rc(req), { programmeId: req.params.id }) }),
    );
    app.post(
      '/api/v1/public-jobs/:id/placements/:placementId/end',
      {
        config: manage,
        schema: {
          tags,
          summary: '배치 종료(민간 취업 포함) / end a placement',
          params: PlacementParams,
          body: EndPlacementBody,
          response: { 200: Placement, ...problems },
        },
      },
      async (req) =>
        endPlacement(rc(req), {
          programmeId: req.params.id,
          placementId: req.params.placementId,
          ...req.body,
        }),
    );
    registerPublicJobPages(app, ctx);
    registerPublicJobStaffPages(app, ctx);
  },
};
