import { Type } from 'typebox';
import type { AppContext, Feature } from '../../platform/context.ts';
import { IdParams, listPage, Page, problems } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { expirePostings } from './postings.expiry.ts';
import './postings.import.ts';
import { approvePosting, reviewPosting, setPostingStatus } from './posting-status.service.ts';
import {
  HistoryRow,
  Posting,
  PostingCreate,
  PostingListQuery,
  PostingPatch,
  ReasonBody,
  StatusBody,
} from './postings.schema.ts';
import { listPostings } from './postings.search.ts';
import { createPosting, getPosting, postingHistory, updatePosting } from './postings.service.ts';
import { registerWorknetRoutes, worknetJobs } from './worknet.routes.ts';

const tags = ['postings'];

function registerPostingRoutes(app: Server, ctx: AppContext) {
  app.post(
    '/api/v1/postings',
    {
      config: { permission: 'postings.write' },
      schema: {
        tags,
        summary: '구인공고 등록 / create a posting',
        body: PostingCreate,
        response: { 201: Posting, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createPosting(ctx.db, req.actor!, req.body)),
  );
  app.get(
    '/api/v1/postings',
    {
      // Public: anonymous visitors get open postings only (listPostings applies visibility).
      config: { public: true },
      schema: {
        tags,
        summary: '구인공고 검색 / search postings',
        querystring: PostingListQuery,
        response: { 200: Page(Posting), ...problems },
      },
    },
    async (req) => listPage(req.query, (q) => listPostings(ctx.db, req.actor, q)),
  );
  app.get(
    '/api/v1/postings/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '구인공고 / a posting',
        params: IdParams,
        response: { 200: Posting, ...problems },
      },
    },
    async (req) => getPosting(ctx.db, req.actor, req.params.id),
  );
  app.patch(
    '/api/v1/postings/:id',
    {
      config: { permission: 'postings.write' },
      schema: {
        tags,
        summary: '구인공고 변경 / change a posting',
        params: IdParams,
        body: PostingPatch,
        response: { 200: Posting, ...problems },
      },
    },
    async (req) => updatePosting(ctx.db, req.actor!, req.params.id, req.body),
  );
  app.post(
    '/api/v1/postings/:id/approve',
    {
      config: { permission: 'postings.approve' },
      schema: {
        tags,
        summary: '구인인증(승인) / approve a posting',
        params: IdParams,
        response: { 200: Posting, ...problems },
      },
    },
    async (req) => approvePosting(ctx.db, req.actor!, req.params.id),
  );
  for (const [path, decision, summary] of [
    ['reject', 'rejected', '구인공고 반려 / reject a posting (reason shown to the employer)'],
    ['request-changes', 'returned', '구인공고 보완 요청 / return a posting for changes, with the reason'],
  ] as const) {
    app.post(
      `/api/v1/postings/:id/${path}`,
      {
        config: { permission: 'postings.approve' },
        schema: {
          tags,
          summary,
          params: IdParams,
          body: ReasonBody,
          response: { 200: Posting, ...problems },
        },
      },
      async (req) => reviewPosting(ctx.db, req.actor!, req.params.id, decision, req.body.reason),
    );
  }
  app.post(
    '/api/v1/postings/:id/status',
    {
      config: { permission: 'postings.write' },
      schema: {
        tags,
        summary: '구인공고 마감·충원 / close or mark filled',
        params: IdParams,
        body: StatusBody,
        response: { 200: Posting, ...problems },
      },
    },
    async (req) => setPostingStatus(ctx.db, req.actor!, req.params.id, req.body.status),
  );
  app.get(
    '/api/v1/postings/:id/history',
    {
      config: { permission: 'postings.read' },
      schema: {
        tags,
        summary: '구인공고 변경 이력 / change history',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(HistoryRow) }), ...problems },
      },
    },
    async (req) => ({ items: await postingHistory(ctx.db, req.actor!, req.params.id) }),
  );
}

/** Daily at 00:05 Asia/Seoul: postings past their closing day become expired. */
export function postingJobs(ctx: AppContext): JobDefinition[] {
  return [
    {
      name: 'postings-expire',
      cron: '5 0 * * *',
      handler: async () => {
        await expirePostings(ctx.db);
      },
    },
  ];
}

/** Job postings (구인공고): CRUD, approval, lifecycle, Korean search, the Worknet feed. */
export const postingsFeature: Feature = {
  name: 'postings',
  async routes(app, ctx) {
    registerPostingRoutes(app, ctx);
    await registerWorknetRoutes(app, ctx);
  },
  jobs: (ctx) => [...postingJobs(ctx), ...worknetJobs(ctx)],
};
