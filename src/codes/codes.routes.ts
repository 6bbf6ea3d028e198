import { Type } from 'typebox';
import type { Feature } from '../platform/context.ts';
import { type CodeSetName, listCodes } from './codes.ts';

const publicSets = [
  'occupations',
  'regions',
  'industries',
  'education',
  'employment-types',
  'wage-types',
  'careers',
  'work-days',
  'preferences',
  'target-groups',
] as const satisfies readonly CodeSetName[];

const CodeItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.Integer(),
  parent: Type.Union([Type.String(), Type.Null()]),
});

/** Public code tables (no login): reference data for forms, filters and partner systems. */
export const codesFeature: Feature = {
  name: 'codes',
  routes(app) {
    app.get(
      '/api/v1/codes/:set',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary: '코드표 / code set',
          params: Type.Object({ set: Type.Enum(publicSets) }),
          querystring: Type.Object({
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            parent: Type.Optional(Type.String({ maxLength: 10 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(CodeItem), total: Type.Integer() }) },
        },
      },
      async (req, reply) => {
        const { set } = req.params as { set: CodeSetName };
        const { level, parent } = req.query as { level?: number; parent?: string };
        const items = listCodes(set).filter(
          (c) => (level === undefined || c.level === level) && (parent === undefined || c.parent === parent),
        );
        reply.header('cache-control', 'public, max-age=3600');
        return { items, total: items.length };
      },
    );
  },
};
