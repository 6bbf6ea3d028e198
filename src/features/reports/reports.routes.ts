import { sql } from 'kysely';
import { Type } from 'typebox';
import { type AppContext, type Feature, requestContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http/openapi.ts';
import { clientIp, DateString, PageQuery, pageOf, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { DRILLDOWN_KPIS, getDrilldown } from './reports.drilldown.ts';
import { exportCsv, exportXlsx } from './reports.export.ts';
import { registerReportPages } from './reports.pages.tsx';
import {
  getBreakdown,
  getFunnel,
  getKpiReport,
  getTargets,
  readReport,
  setTargets,
} from './reports.service.ts';
import { refreshSummary } from './reports.summary.ts';

const Filter = {
  centreId: Type.Optional(Uuid),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  targetGroup: Type.Optional(Type.String({ maxLength: 40 })),
  occupation: Type.Optional(Type.String({ maxLength: 4 })),
  /** The KECO edition the occupation code is read in: 2025 (current) unless 2018 is asked. */
  occupationEdition: Type.Optional(Type.String({ maxLength: 4 })),
  regionCode: Type.Optional(Type.String({ maxLength: 5 })),
};
const Download = Type.Object({ ...Filter, reason: Type.Optional(Type.String({ maxLength: 500 })) });
const Figures = Type.Object({}, { additionalProperties: true });
const TargetParams = Type.Object({ centreId: Uuid, year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

function registerApi(app: Server, ctx: AppContext) {
  const tags = ['reports'];
  const config = { permission: 'reports.read' as const };
  app.get(
    '/api/v1/reports/kpi',
    {
      config,
      schema: {
        tags,
        summary: '성과 지표 / KPI report (this period, previous year, targets, definitions)',
        querystring: Type.Object(Filter),
        response: {
          200: Type.Object(
            {
              from: Type.String(),
              to: Type.String(),
              centreId: Type.Union([Uuid, Type.Null()]),
              figures: Figures,
              previousYear: Figures,
            },
            { additionalProperties: true },
          ),
          ...problems,
        },
      },
    },
    async (req) => readReport(ctx, (db) => getKpiReport(db, req.actor!, req.query)),
  );
  // Downloads: the reason is required and logged by the exporter (SECURITY.md 9).
  const downloads = [
    {
      path: '/api/v1/reports/kpi.xlsx',
      summary: '성과 지표 엑셀 / KPI report as XLSX (reason required)',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      build: exportXlsx,
    },
    {
      path: '/api/v1/reports/kpi.csv',
      summary: '성과 지표 CSV / KPI report as CSV, UTF-8 with BOM (reason required)',
      type: 'text/csv; charset=utf-8',
      build: exportCsv,
    },
  ] as const;
  for (const d of downloads) {
    app.get(
      d.path,
      {
        config,
        // 404: a centreId outside the reader's scope (or unknown), as on GET /reports/kpi.
        schema: { tags, summary: d.summary, querystring: Download, response: errorResponses(404) },
      },
      async (req, reply) => {
        const f = await d.build(ctx.db, req.actor!, req.query, clientIp(req), {
          read: (fn) => readReport(ctx, fn),
        });
        return reply
          .type(d.type)
          .header('content-disposition', `attachment; filename="${f.name}"`)
          .header('cache-control', 'no-store')
          .send(f.body as never);
      },
    );
  }
  app.get(
    '/api/v1/reports/breakdown',
    {
      config,
      schema: {
        tags,
        summary: '항목별 집계 / breakdown by month, channel, target group, occupation, region or centre',
        querystring: Type.Object({
          ...Filter,
          by: Type.Enum(['month', 'channel', 'targetGroup', 'occupation', 'region', 'centre']),
        }),
        response: {
          200: Type.Object({
            by: Type.String(),
            from: Type.String(),
            to: Type.String(),
            centreId: Type.Union([Uuid, Type.Null()]),
            items: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), figures: Figures })),
          }),
          ...problems,
        },
      },
    },
    async (req) => readReport(ctx, (db) => getBreakdown(db, req.actor!, req.query, req.lang)),
  );
  app.get(
    '/api/v1/reports/funnel',
    {
      config,
      schema: {
        tags,
        summary: '알선 → 면접 → 채용 / referral funnel',
        querystring: Type.Object(Filter),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            centreId: Type.Union([Uuid, Type.Null()]),
            referred: Type.Integer(),
            interviewed: Type.Integer(),
            hired: Type.Integer(),
          }),
          ...problems,
        },
      },
    },
    async (req) => readReport(ctx, (db) => getFunnel(db, req.actor!, req.query)),
  );
  app.get(
    '/api/v1/reports/drilldown',
    {
      config,
      schema: {
        tags,
        summary: '지표 명단 / the records behind a figure (access-logged)',
        querystring: Type.Object({ ...Filter, kpi: Type.Enum([...DRILLDOWN_KPIS]), ...PageQuery }),
        response: {
          200: Type.Object({
            kpi: Type.String(),
            items: Type.Array(
              Type.Object({
                recordId: Uuid,
                date: Type.String(),
                seekerId: Uuid,
                registrationNo: Type.Union([Type.String(), Type.Null()]),
                name: Type.Union([Type.String(), Type.Null()]),
                centreId: Uuid,
              }),
            ),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      return getDrilldown(requestContext(ctx.db, req), { ...req.query, ...p });
    },
  );
  const TargetsBody = Type.Object(
    { targets: Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0, maximum: 1e9 })) },
    { additionalProperties: false },
  );
  const TargetsOut = Type.Object({
    centreId: Uuid,
    year: Type.Integer(),
    targets: Type.Record(Type.String(), Type.Number()),
  });
  app.get(
    '/api/v1/reports/targets/:centreId/:year',
    {
      config,
      schema: {
        tags,
        summary: '센터 연간 목표 / targets of a centre and year',
        params: TargetParams,
        response: { 200: TargetsOut, ...problems },
      },
    },
    async (req) => getTargets(ctx.db, req.actor!, req.params.centreId, req.params.year),
  );
  app.put(
    '/api/v1/reports/targets/:centreId/:year',
    {
      config,
      schema: {
        tags,
        summary: '센터 연간 목표 설정 / set the targets of a centre and year (managers, admins)',
        params: TargetParams,
        body: TargetsBody,
        response: { 200: TargetsOut, ...problems },
      },
    },
    async (req) => setTargets(ctx.db, req.actor!, req.params.centreId, req.params.year, req.body.targets),
  );
}

/** Performance reports (성과·통계): KPIs, breakdowns, exports, targets and the /staff/reports page. */
export const reportsFeature: Feature = {
  name: 'reports',
  routes(app, ctx) {
    registerApi(app, ctx);
    registerReportPages(app, ctx);
  },
  jobs: (ctx) => [
    {
      name: 'reports.refresh',
      cron: '* * * * *',
      handler: async () => {
        await refreshSummary(ctx.db);
      },
    },
    {
      // employedSeekers counts "up to today": employments starting today become countable.
      name: 'reports.starting-today',
      cron: '5 0 * * *',
      handler: async () => {
        await sql`SELECT report_mark_starting_today()`.execute(ctx.db);
      },
    },
  ],
};
