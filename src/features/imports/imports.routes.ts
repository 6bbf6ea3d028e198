import { Type } from 'typebox';
import type { AppContext, Feature } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { clientIp, Page, PageQuery, pageOf, problems } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { IMPORT_KINDS } from '../../platform/imports/registry.ts';
import {
  getImport,
  listImports,
  MAX_IMPORT_BYTES,
  markInterruptedImports,
  presentRejected,
  runImport,
} from './imports.service.ts';

const Rejected = Type.Array(
  Type.Object({
    row: Type.Integer(),
    errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
);

const ImportAnswer = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  encoding: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Integer(),
  imported: Type.Integer(),
  rejectedCount: Type.Integer(),
  rejected: Rejected,
});

const ImportRow = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  partial: Type.Boolean(),
  status: Type.String(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  rejected: Type.Integer(),
  centreId: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

const ImportProgress = Type.Object({
  ...ImportRow.properties,
  bytesRead: Type.Integer(),
  bytesTotal: Type.Union([Type.Integer(), Type.Null()]),
  percent: Type.Union([Type.Integer(), Type.Null()]),
});

/** The CSV upload route lives in its own scope so the text/csv stream parser applies only here. */
async function registerUpload(scope: Server, ctx: AppContext) {
  // The body is handed over as the raw request stream: a 50 MB file is parsed and inserted as
  // it arrives instead of being buffered whole. The size limit is enforced while reading.
  for (const type of ['text/csv', 'application/csv', 'text/plain']) {
    scope.addContentTypeParser(type, { bodyLimit: MAX_IMPORT_BYTES }, (_req, payload, done) =>
      done(null, payload),
    );
  }
  scope.post(
    '/api/v1/imports/:kind',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { permission: 'imports.run' },
      schema: {
        tags: ['imports'],
        summary: 'CSV 일괄 등록 / bulk import a CSV file',
        consumes: ['text/csv', 'application/csv', 'text/plain'],
        description:
          'Body: text/csv (UTF-8 with or without BOM, or CP949/EUC-KR), detected, or declared with ?encoding= or a charset in Content-Type; a file that is neither is refused (400, code import.encoding), and so is a NUL character (import.nul, naming row and column). Progress: GET /api/v1/imports/{id} while it runs. Row numbers count data lines: row 1 is the first line after the header. Without partial=true the file is applied whole or not at all (400 with imported 0 and the rejected rows).',
        params: Type.Object({ kind: Type.Enum([...IMPORT_KINDS]) }),
        querystring: Type.Object({
          partial: Type.Optional(Type.Boolean()),
          fileName: Type.Optional(Type.String({ maxLength: 300 })),
          encoding: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: { 200: ImportAnswer, ...problems },
      },
    },
    async (req) => {
      const body = req.body as AsyncIterable<Uint8Array> | string | undefined;
      if (
        body === undefined ||
        body === null ||
        typeof body !== 'object' ||
        !(Symbol.asyncIterator in body)
      ) {
        throw new DomainError(
          'validation',
          'error.unsupportedMedia',
          { type: req.headers['content-type'] ?? '' },
          [
            {
              field: 'body',
              key: 'error.unsupportedMedia',
              params: { type: req.headers['content-type'] ?? '' },
            },
          ],
        );
      }
      const length = Number(req.headers['content-length']);
      const charset = /;\s*charset="?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
      const r = await runImport({
        db: ctx.db,
        bytesTotal: Number.isFinite(length) && length > 0 ? length : null,
        encoding: req.query.encoding ?? charset ?? null,
        statementTimeoutMs: ctx.config.importStatementTimeoutSeconds * 1000,
        dataKey: ctx.dataKey,
        actor: req.actor,
        kind: req.params.kind,
        source: body,
        partial: req.query.partial ?? false,
        fileName: req.query.fileName ?? null,
        ip: clientIp(req),
      });
      const rejected = presentRejected(r.rejected, req.lang);
      if (r.status === 'rejected') {
        throw new DomainError(
          'validation',
          'import.rejected',
          { count: r.rejectedCount },
          r.rejected
            .slice(0, 100)
            .flatMap((x) => x.errors.map((e) => ({ ...e, field: `rows[${x.row}].${e.field}` }))),
          { id: r.id, kind: r.kind, rows: r.rows, imported: 0, rejectedCount: r.rejectedCount, rejected },
        );
      }
      return { ...r, rejected };
    },
  );
}

function registerHistory(app: Server, ctx: AppContext) {
  app.get(
    '/api/v1/imports/:id',
    {
      config: { permission: 'imports.run' },
      schema: {
        tags: ['imports'],
        summary: '일괄 등록 진행 상황 / one import and its progress',
        description:
          'Poll while status is running: rows read so far, imported (written, not yet committed), rejected, bytesRead of bytesTotal (null when the client sent no length) and percent.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ImportProgress, ...problems },
      },
    },
    async (req) => getImport(ctx.db, req.actor!, req.params.id),
  );
  app.get(
    '/api/v1/imports',
    {
      config: { permission: 'imports.run' },
      schema: {
        tags: ['imports'],
        summary: '일괄 등록 이력 / import history',
        querystring: Type.Object({ ...PageQuery }),
        response: { 200: Page(ImportRow), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listImports(ctx.db, req.actor!, { offset: p.offset, limit: p.pageSize });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
}

/** Bulk import of CSV files (API.md "imports"), with a history of runs. */
export const importsFeature: Feature = {
  name: 'imports',
  async routes(app, ctx) {
    await app.register(async (scope) => registerUpload(scope as Server, ctx));
    registerHistory(app, ctx);
  },
  async onStart(ctx) {
    // Runs that were cut off (kill -9, lost connection) left no data behind: say so.
    await markInterruptedImports(ctx.db);
  },
};
