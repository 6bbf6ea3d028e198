import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { IdParams, problems, Uuid } from '../../platform/http/schemas.ts';
import './matching.tables.ts';
import { computeAllTopN } from './matching.batch.ts';
import {
  getMatchingIndex,
  recommendPostings,
  recommendSeekers,
  startMatching,
  stopMatching,
} from './matching.service.ts';

const Reason = Type.Object({ factor: Type.String(), points: Type.Integer(), detail: Type.String() });
const PostingItem = Type.Object({ postingId: Uuid, score: Type.Integer(), reasons: Type.Array(Reason) });
const SeekerItem = Type.Object({ seekerId: Uuid, score: Type.Integer(), reasons: Type.Array(Reason) });

/** Matching (PRODUCT.md 5): live recommendations both ways and the nightly batch. */
export const matchingFeature: Feature = {
  name: 'matching',
  routes(app, ctx) {
    const tags = ['matching'];
    app.addHook('onClose', async () => stopMatching(ctx.db));
    app.get(
      '/api/v1/seekers/:id/recommendations',
      {
        config: { permission: 'matching.read' },
        schema: {
          tags,
          summary: '구직자 추천 공고 / recommended postings for a seeker',
          params: IdParams,
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(PostingItem) }), ...problems },
        },
      },
      async (req) =>
        recommendPostings(requestContext(ctx.db, req), {
          seekerId: req.params.id,
          limit: req.query.limit ?? 20,
        }),
    );
    app.get(
      '/api/v1/postings/:id/candidates',
      {
        config: { permission: 'matching.read' },
        schema: {
          tags,
          summary: '공고 추천 후보자 / candidate seekers for a posting',
          params: IdParams,
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(SeekerItem) }), ...problems },
        },
      },
      async (req) =>
        recommendSeekers(requestContext(ctx.db, req), {
          postingId: req.params.id,
          limit: req.query.limit ?? 50,
        }),
    );
  },
  jobs(ctx) {
    return [
      {
        name: 'matching-nightly',
        cron: '0 2 * * *',
        handler: async () => {
          const index = getMatchingIndex();
          if (index) await computeAllTopN(ctx.db, index, 20);
        },
      },
    ];
  },
  async onStart(ctx) {
    await startMatching(ctx);
  },
};
