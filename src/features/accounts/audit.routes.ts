import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { DateString, Page, PageQuery, pageOf, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { AuditRow } from './accounts.schema.ts';
import { listAccess, monthlyReview, verifyChain } from './audit.service.ts';

const Action = Type.Enum(['view', 'create', 'update', 'delete', 'print', 'download']);

/** The access log for managers and admins, its integrity check and the monthly review. */
export function registerAuditRoutes(app: Server, ctx: AppContext): void {
  const tags = ['audit'];
  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '접속기록 / access log',
        querystring: Type.Object({
          ...PageQuery,
          subjectId: Type.Optional(Type.String({ maxLength: 100 })),
          actorId: Type.Optional(Uuid),
          action: Type.Optional(Action),
          from: Type.Optional(DateString),
          to: Type.Optional(DateString),
        }),
        response: { 200: Page(AuditRow), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listAccess(ctx.db, req.actor!, { ...req.query, offset: p.offset, limit: p.pageSize });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '접속기록 무결성 검증 / verify the hash chains (one per centre; centreId: that centre only)',
        querystring: Type.Object({ centreId: Type.Optional(Uuid) }),
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            rows: Type.Integer(),
            brokenAt: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      if (req.actor!.role !== 'admin') throw new DomainError('forbidden', 'error.forbidden');
      return verifyChain(ctx.db, { centreId: req.query.centreId });
    },
  );
  app.get(
    '/api/v1/audit/review',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '월간 접속기록 점검 / monthly access review',
        querystring: Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }) }),
      },
    },
    async (req) => monthlyReview(ctx.db, req.actor!, req.query.month),
  );
}
