import ExcelJS from 'exceljs';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { KPIS, SCALAR_KPI_IDS } from './kpis/index.ts';
import { type ReportQuery, resolveFilter } from './reports.filter.ts';
import { breakdownFor, type KpiReport, kpiReportFor, type ReportReader } from './reports.service.ts';

const unitKo: Record<string, string> = {
  persons: '명',
  records: '건',
  postings: '건',
  positions: '명',
  employers: '곳',
  percent: '%',
};

/** Rows of the 요약 sheet and of the CSV: KPI, this period, last year, change %, target, progress. */
function summaryRows(r: KpiReport) {
  return SCALAR_KPI_IDS.map((id) => {
    const k = KPIS.find((x) => x.id === id)!;
    const t = r.targets[id];
    return {
      id,
      name: k.name.ko,
      unit: unitKo[k.unit] ?? '',
      now: r.figures[id] as number | null,
      before: (r.previousYear as Record<string, unknown>)[id] as number | null,
      change: r.change[id] ?? null,
      target: t?.target ?? null,
      progress: t?.progress ?? null,
    };
  });
}

/**
 * Logs the download (SECURITY.md 9: reason required, else 400 naming `reason`) and resolves the
 * report. The report holds aggregates only, but a download is still a download.
 */
async function prepare(
  db: Db,
  actor: Actor,
  q: ReportQuery & { reason?: string },
  ip: string,
  kind: string,
  read: ReportReader,
) {
  const { filter, centreId } = await resolveFilter(db, actor, q);
  await recordAccess(db, {
    actor,
    ip,
    action: 'download',
    subjectType: 'report',
    subjectId: `kpi.${kind}:${centreId ?? 'all'}:${filter.from}..${filter.to}`,
    centreId,
    reason: q.reason ?? null,
  });
  return { filter, centreId, report: await read((r) => kpiReportFor(r, filter, centreId)) };
}

const header = (ws: ExcelJS.Worksheet) => {
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
};

/** GET /reports/kpi.xlsx: 요약 (this year vs last), 월별 추이, 상담 경로별, 대상별, 직종별, 지표 정의. */
export async function exportXlsx(
  db: Db,
  actor: Actor,
  q: ReportQuery & { reason?: string },
  ip: string,
  opts: { read?: ReportReader } = {},
) {
  const read: ReportReader = opts.read ?? ((fn) => fn(db));
  const { filter, report } = await prepare(db, actor, q, ip, 'xlsx', read);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ilteo';
  wb.created = new Date();

  const sum = wb.addWorksheet('요약');
  sum.columns = [
    { header: '지표', key: 'name', width: 28 },
    { header: '단위', key: 'unit', width: 6 },
    { header: `이번 기간 (${report.from}~${report.to})`, key: 'now', width: 24 },
    { header: `전년 동기 (${report.previousYear.from}~${report.previousYear.to})`, key: 'before', width: 24 },
    { header: '증감률(%)', key: 'change', width: 11 },
    { header: '목표', key: 'target', width: 10 },
    { header: '달성률(%)', key: 'progress', width: 11 },
    { header: '지표 ID', key: 'id', width: 22 },
  ];
  for (const r of summaryRows(report)) sum.addRow(r);
  for (const col of ['now', 'before', 'target']) sum.getColumn(col).numFmt = '#,##0.##';
  for (const col of ['change', 'progress']) sum.getColumn(col).numFmt = '0.0';
  header(sum);

  const seekerCols = [
    { header: '구직 등록', key: 'seekersRegistered', width: 12 },
    { header: '상담', key: 'consultations', width: 10 },
    { header: '알선', key: 'referrals', width: 10 },
    { header: '취업', key: 'hires', width: 10 },
    { header: '알선 취업', key: 'hiresByReferral', width: 10 },
    { header: '취업자(등록자 중)', key: 'employedSeekers', width: 16 },
    { header: '취업성공률(%)', key: 'successRate', width: 14 },
  ];
  const sheets: [string, 'month' | 'targetGroup' | 'occupation', string][] = [
    ['월별 추이', 'month', '월'],
    ['대상별', 'targetGroup', '대상'],
    ['직종별', 'occupation', '직종(대분류)'],
  ];
  const [month, targetGroup, occupation, channel] = await read((r) =>
    Promise.all([
      breakdownFor(r, filter, 'month', 'ko'),
      breakdownFor(r, filter, 'targetGroup', 'ko'),
      breakdownFor(r, filter, 'occupation', 'ko'),
      breakdownFor(r, filter, 'channel', 'ko'),
    ]),
  );
  const data = { month, targetGroup, occupation };
  for (const [title, by, first] of sheets) {
    const ws = wb.addWorksheet(title);
    ws.columns = [{ header: first, key: 'label', width: 26 }, ...seekerCols];
    for (const r of data[by]) ws.addRow({ label: r.label, ...r.figures });
    ws.getColumn('successRate').numFmt = '0.0';
    header(ws);
  }
  const ch = wb.addWorksheet('상담 경로별');
  ch.columns = [
    { header: '상담 경로', key: 'label', width: 18 },
    { header: '상담 건수', key: 'n', width: 12 },
    { header: '전년 동기', key: 'before', width: 12 },
  ];
  const prevCh = report.previousYear.consultationsByChannel as Record<string, number>;
  for (const r of channel)
    ch.addRow({ label: r.label, n: r.figures.consultations, before: prevCh[r.key] ?? 0 });
  header(ch);

  const defs = wb.addWorksheet('지표 정의');
  defs.columns = [
    { header: '지표 ID', key: 'id', width: 22 },
    { header: '지표', key: 'name', width: 26 },
    { header: '정의', key: 'definition', width: 70 },
    { header: '집계 대상', key: 'counts', width: 50 },
  ];
  for (const k of KPIS) {
    defs.addRow({ id: k.id, name: k.name.ko, definition: k.definition.ko, counts: k.counts.ko });
  }
  header(defs);
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), name: fileName(report, 'xlsx') };
}

function fileName(r: KpiReport, ext: string) {
  return `ilteo-kpi-${r.from}_${r.to}.${ext}`;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** GET /reports/kpi.csv: UTF-8 with a BOM so that Excel opens the Korean headers correctly. */
export async function exportCsv(
  db: Db,
  actor: Actor,
  q: ReportQuery & { reason?: string },
  ip: string,
  opts: { read?: ReportReader } = {},
) {
  const { report } = await prepare(db, actor, q, ip, 'csv', opts.read ?? ((fn) => fn(db)));
  const lines = [
    [
      '지표 ID',
      '지표',
      '단위',
      `이번 기간(${report.from}~${report.to})`,
      '전년 동기',
      '증감률(%)',
      '목표',
      '달성률(%)',
    ],
    ...summaryRows(report).map((r) => [
      r.id,
      r.name,
      r.unit,
      r.now,
      r.before,
      r.change,
      r.target,
      r.progress,
    ]),
  ];
  const text = lines.map((l) => l.map(csvCell).join(',')).join('\r\n');
  return { body: `\uFEFF${text}\r\n`, name: fileName(report, 'csv') };
}
