import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { onReader } from '../../platform/db/replica.ts';
import { problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { exportWorknetXml } from './worknet.export.ts';
import { importWorknetXml } from './worknet.import.ts';

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
 * The live feed from the national portal, only when a key is configured
 * (ILTEO_WORKNET_API_KEY; URL in ILTEO_WORKNET_API_URL). This machine's network is closed,
 * so the job is wired but untested against the real service; the parser is tested with a
 * fixture. Read from the environment here until the lead moves it into platform/config.ts.
 */
export function worknetJobs(ctx: AppContext): JobDefinition[] {
  const key = process.env.ILTEO_WORKNET_API_KEY;
  if (!key) return [];
  const base = process.env.ILTEO_WORKNET_API_URL ?? 'https://openapi.work.go.kr/opi/opi/opia/wantedApi.do';
  return [
    {
      name: 'worknet-fetch',
      cron: '0 6 * * *',
      handler: async () => {
        for (let page = 1; page <= 100; page++) {
          const url = `${base}?authKey=${encodeURIComponent(key)}&callTp=L&returnType=XML&startPage=${page}&display=100`;
          const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
          if (!res.ok) throw new Error(`worknet fetch failed: ${res.status}`);
          const r = await importWorknetXml(ctx.db, ctx, null, await res.text(), undefined, { partial: true });
          if (r.imported + r.updated + r.rejected.length < 100) break;
        }
      },
    },
  ];
}
