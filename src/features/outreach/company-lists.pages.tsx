import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { regionName } from '../../web/codes.tsx';
import { koDate } from '../../web/dates.ts';
import { Input } from '../../web/forms.tsx';
import { Layout, Pager, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { num, pageNo, pageOpts, pageWindow, query, requirePermission } from '../../web/page.tsx';
import type { OutreachListRow } from '../employers/outreach-lists.service.ts';
import { prospects, staleCompanies } from './company-lists.service.ts';
import { dongOf, OutreachMenu } from './outreach.web.tsx';
import './outreach.pages.messages.ts';

// /staff/outreach/companies (not visited for N months) and /staff/outreach/prospects (new
// businesses, prospects first), each downloadable as CSV (UTF-8 with BOM) and Excel for the
// office's own planning. Company records only (no contact persons), so no download reason.

defineMessages({
  'ocl.stale': ['{n}개월 이상 방문하지 않은 기업', 'Companies not visited for {n} months'],
  'ocl.prospects': ['최근 {n}일 신규 사업장·예비 기업', 'New businesses of the last {n} days and prospects'],
  'ocl.months': ['기간(개월)', 'Months'],
  'ocl.days': ['기간(일)', 'Days'],
  'ocl.show': ['보기', 'Show'],
  'ocl.total': ['{n}곳', '{n} companies'],
  'ocl.csv': ['CSV 내려받기', 'Download CSV'],
  'ocl.xlsx': ['엑셀 내려받기', 'Download Excel'],
  'ocl.col.name': ['기업명', 'Company'],
  'ocl.col.bizRegNo': ['사업자등록번호', 'Business number'],
  'ocl.col.region': ['지역', 'Region'],
  'ocl.col.dong': ['동', '동'],
  'ocl.col.address': ['주소', 'Address'],
  'ocl.col.registered': ['등록일', 'Registered'],
  'ocl.col.lastVisit': ['마지막 방문', 'Last visit'],
  'ocl.never': ['방문 기록 없음', 'Never visited'],
  'ocl.none': ['해당하는 기업이 없습니다.', 'No companies.'],
});

const EXPORT_MAX = 20_000;
const clampInt = (v: string | undefined, dflt: number, min: number, max: number) => {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : dflt;
};

type Kind = 'companies' | 'prospects';

function columns(L: Lang) {
  return ['name', 'bizRegNo', 'region', 'dong', 'address', 'registered', 'lastVisit'].map((k) =>
    t(L, `ocl.col.${k}`),
  );
}

function cells(r: OutreachListRow, L: Lang): string[] {
  return [
    r.name,
    r.bizRegNo,
    regionName(r.regionCode, L),
    dongOf(r.address) ?? '',
    r.address ?? '',
    koDate(r.registeredAt, L),
    r.lastVisitAt ? koDate(r.lastVisitAt, L) : t(L, 'ocl.never'),
  ];
}

/** A CSV cell; one a spreadsheet would read as a formula (=, +, -, @) starts with a quote mark. */
function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function rowsOf(
  ctx: AppContext,
  req: FastifyRequest,
  kind: Kind,
  n: number,
  w: { offset: number; limit: number },
) {
  const rc = requestContext(ctx.db, req);
  return kind === 'companies' ? staleCompanies(rc, { months: n, ...w }) : prospects(rc, { days: n, ...w });
}

async function download(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  kind: Kind,
  ext: 'csv' | 'xlsx',
) {
  requirePermission(req, 'outreach.read');
  const L = req.lang;
  const n =
    kind === 'companies' ? clampInt(query(req).months, 6, 1, 60) : clampInt(query(req).days, 90, 1, 730);
  const { items } = await rowsOf(ctx, req, kind, n, { offset: 0, limit: EXPORT_MAX });
  const name = `ilteo-${kind === 'companies' ? `not-visited-${n}m` : `new-businesses-${n}d`}.${ext}`;
  reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
  if (ext === 'csv') {
    const lines = [columns(L), ...items.map((r) => cells(r, L))].map((l) => l.map(csvCell).join(','));
    return reply.type('text/csv; charset=utf-8').send(`\uFEFF${lines.join('\r\n')}\r\n`);
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ilteo';
  const sheet = wb.addWorksheet(kind === 'companies' ? '미방문 기업' : '신규 사업장');
  sheet.addRow(columns(L)).font = { bold: true };
  for (const r of items) sheet.addRow(cells(r, L));
  sheet.columns.forEach((c, i) => {
    c.width = [28, 14, 16, 12, 40, 16, 16][i] ?? 14;
  });
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(Buffer.from(await wb.xlsx.writeBuffer()));
}

export function registerCompanyListPages(app: Server, ctx: AppContext) {
  async function listPage(req: FastifyRequest, reply: FastifyReply, kind: Kind) {
    requirePermission(req, 'outreach.read');
    const L = req.lang;
    const q = query(req);
    const param = kind === 'companies' ? 'months' : 'days';
    const n = kind === 'companies' ? clampInt(q.months, 6, 1, 60) : clampInt(q.days, 90, 1, 730);
    const page = pageNo(req);
    const r = await rowsOf(ctx, req, kind, n, pageWindow(page, 50));
    const here = `/staff/outreach/${kind}`;
    const title = t(L, kind === 'companies' ? 'ocl.stale' : 'ocl.prospects', { n });
    return renderPage(
      reply,
      <Layout req={req} title={title} nav="/staff/outreach">
        <h1>{title}</h1>
        <OutreachMenu req={req} here={here} />
        <form method="get" action={here} class="search">
          <Input
            lang={L}
            id="n"
            name={param}
            type="number"
            label={t(L, kind === 'companies' ? 'ocl.months' : 'ocl.days')}
            inputMode="numeric"
            min={1}
            max={kind === 'companies' ? 60 : 730}
            value={String(n)}
          />
          <div class="actions">
            <button type="submit" class="secondary">
              {t(L, 'ocl.show')}
            </button>
          </div>
        </form>
        <p>
          <strong>{t(L, 'ocl.total', { n: num(r.total) })}</strong> ·{' '}
          <a href={`${here}.csv?${param}=${n}`}>{t(L, 'ocl.csv')}</a> ·{' '}
          <a href={`${here}.xlsx?${param}=${n}`}>{t(L, 'ocl.xlsx')}</a>
        </p>
        {r.items.length === 0 ? <p class="muted">{t(L, 'ocl.none')}</p> : null}
        <StackTable
          lang={L}
          columns={[
            'ocl.col.name',
            'ocl.col.region',
            'ocl.col.dong',
            'ocl.col.registered',
            'ocl.col.lastVisit',
          ]}
        >
          {r.items.map((e) => (
            <tr key={e.id}>
              <td data-label={t(L, 'ocl.col.name')}>
                <a href={`/staff/employers/${e.id}`}>{e.name}</a>{' '}
                {e.prospect ? <span class="tag">{t(L, 'op.prospectTag')}</span> : null}
              </td>
              <td data-label={t(L, 'ocl.col.region')}>{regionName(e.regionCode, L)}</td>
              <td data-label={t(L, 'ocl.col.dong')}>{dongOf(e.address) ?? '—'}</td>
              <td data-label={t(L, 'ocl.col.registered')}>{koDate(e.registeredAt, L)}</td>
              <td data-label={t(L, 'ocl.col.lastVisit')}>
                {e.lastVisitAt ? koDate(e.lastVisitAt, L) : t(L, 'ocl.never')}
              </td>
            </tr>
          ))}
        </StackTable>
        <Pager req={req} page={page} pageSize={50} total={r.total} />
      </Layout>,
    );
  }

  app.get('/staff/outreach/companies', pageOpts, (req, reply) => listPage(req, reply, 'companies'));
  app.get('/staff/outreach/prospects', pageOpts, (req, reply) => listPage(req, reply, 'prospects'));
  app.get('/staff/outreach/companies.csv', pageOpts, (req, reply) =>
    download(ctx, req, reply, 'companies', 'csv'),
  );
  app.get('/staff/outreach/companies.xlsx', pageOpts, (req, reply) =>
    download(ctx, req, reply, 'companies', 'xlsx'),
  );
  app.get('/staff/outreach/prospects.csv', pageOpts, (req, reply) =>
    download(ctx, req, reply, 'prospects', 'csv'),
  );
  app.get('/staff/outreach/prospects.xlsx', pageOpts, (req, reply) =>
    download(ctx, req, reply, 'prospects', 'xlsx'),
  );
}
