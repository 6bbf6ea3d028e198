import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { onReader } from '../../platform/db/replica.ts';
import { problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { exportWorknetXml } from './worknet.export.ts';
import { importWorknetXml } from './worknet.import.ts';
import { pullWorknet } from './worknet.pull.ts';

const tags = ['imports'];
const XML_LIMIT = 50 * 1024 * 1024;

/** POST /imports/worknet-postings (XML body, 50 MB) and GET /exports/worknet-postings.xml. */
export async function registerWorknetRoutes(app: Server, ctx: AppContext) {
  // Encapsulated so the XML body parser and its larger limit apply to this route only.
  await app.register(async (scope) => {
    const sub = scope.withTypeProvider<TypeBoxTypeProvider>();
    sub.addContentTypeParser(
      ['application/xml', 'text/xml'],
      { parseAs: 'string', bodyLimit: XML_LIMIT },
      (_req, body, done) => done(null, body),
    );
    sub.post(
      '/api/v1/imports/worknet-postings',
      {
        bodyLimit: XML_LIMIT,
        config: { permission: 'imports.run' },
        schema: {
          tags,
          summary: '워크넷 채용정보 XML 가져오기 / import Worknet postings XML',
          consumes: ['application/xml', 'text/xml'],
          querystring: Type.Object({
            partial: Type.Optional(Type.Boolean()),
            centreId: Type.Optional(Uuid),
            /** Edition of the file's jobsCd: 고용24 sends 2025; older exports are 2018. */
            kecoEdition: Type.Optional(Type.Enum(['2018', '2025'])),
          }),
          response: {
            200: Type.Object({
              imported: Type.Integer(),
              updated: Type.Integer(),
              /** rows equal to ours: nothing written, no webhook event */
              unchanged: Type.Integer(),
              /** rows of postings a counsellor's review holds (pending, returned, rejected) */
              held: Type.Array(
                Type.Object({
                  row: Type.Integer(),
                  wantedAuthNo: Type.String(),
                  status: Type.String(),
                  message: Type.String(),
                }),
              ),
              rejected: Type.Array(
                Type.Object({
                  row: Type.Integer(),
                  errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
                }),
              ),
            }),
            ...problems,
          },
        },
      },
      async (req) =>
        importWorknetXml(ctx.db, ctx, req.actor, String(req.body ?? ''), req.query.centreId, {
          partial: req.query.partial,
          lang: req.lang,
          kecoEdition: req.query.kecoEdition as '2018' | '2025' | undefined,
        }),
    );
  });
  app.get(
    '/api/v1/exports/worknet-postings.xml',
    {
      config: { permission: 'postings.read' },
      schema: {
        tags: ['postings'],
        summary: '구인공고 워크넷 XML 내보내기 / export open postings as Worknet XML',
      },
    },
    async (_req, reply) =>
      reply
        .type('application/xml; charset=utf-8')
        // A read of open postings: the streaming replica serves it when it is caught up.
        .send(await onReader(ctx, (db) => exportWorknetXml(db, { publicUrl: ctx.config.publicUrl }))),
  );
}

/**
 * The scheduled 고용24 pull (worknet.pull.ts): only when a key is configured
 * (ILTEO_WORKNET_API_KEY; address ILTEO_WORKNET_API_URL, schedule ILTEO_WORKNET_PULL_CRON),
 * once across processes (pg-boss schedule), each run recorded in worknet_pulls.
 */
export function worknetJobs(ctx: AppContext): JobDefinition[] {
  const cfg = ctx.config.worknetPull;
  if (!cfg) return [];
  return [
    {
      name: 'worknet-pull',
      cron: cfg.cron,
      handler: async () => {
        await pullWorknet(ctx.db, ctx, cfg);
      },
    },
  ];
}
