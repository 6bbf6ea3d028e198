import type { FastifyReply, FastifyRequest } from 'fastify';
import { listCodes } from '../../codes/codes.ts';
import { can } from '../../platform/access/policy.ts';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { asset } from '../../web/assets.ts';
import { fieldErrors, Input, Select } from '../../web/forms.tsx';
import { Layout, Notice, renderPage, toLogin } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts } from '../../web/page.tsx';
import { type BookingFigures, bookingFigures } from '../bookings/bookings.report.service.ts';
import { type EventKpis, eventKpis } from '../events/events.service.ts';
import { KPIS, SCALAR_KPI_IDS } from './kpis/index.ts';
import { BarChart, FunnelChart } from './reports.charts.tsx';
import { type ReportQuery, resolveFilter } from './reports.filter.ts';
import { breakdownFor, channelLabel, type KpiReport, kpiReportFor, readReport } from './reports.service.ts';
import { registerTargetPages } from './targets.pages.tsx';

const fmt = (v: unknown, unit?: string) =>
  v === null || v === undefined
    ? '—'
    : typeof v === 'number'
      ? `${v.toLocaleString('ko-KR')}${unit === 'percent' ? '%' : ''}`
      : String(v);
const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${v}%`;

function name(id: string, lang: Lang) {
  const k = KPIS.find((x) => x.id === id);
  return k ? (lang === 'en' ? k.name.en : k.name.ko) : id;
}

function FiltersForm({
  req,
  q,
  errors,
}: {
  req: FastifyRequest;
  q: ReportQuery;
  errors: Record<string, string>;
}) {
  const lang = req.lang;
  const groups = listCodes('target-groups').map((c) => ({
    value: c.code,
    label: lang === 'en' ? c.nameEn : c.name,
  }));
  return (
    <form method="get" action="/staff/reports" class="search" aria-label={t(lang, 'reports.filters')}>
      <Input
        name="from"
        type="date"
        label={t(lang, 'reports.from')}
        lang={lang}
        value={q.from}
        error={errors.from}
      />
      <Input name="to" type="date" label={t(lang, 'reports.to')} lang={lang} value={q.to} error={errors.to} />
      <Select
        name="targetGroup"
        label={t(lang, 'reports.targetGroup')}
        lang={lang}
        options={groups}
        value={q.targetGroup}
        empty={t(lang, 'reports.any')}
        error={errors.targetGroup}
      />
      <Input
        name="occupation"
        label={t(lang, 'reports.occupation')}
        lang={lang}
        value={q.occupation}
        inputMode="numeric"
        maxLength={4}
        error={errors.occupation}
      />
      <Input
        name="regionCode"
        label={t(lang, 'reports.regionCode')}
        lang={lang}
        value={q.regionCode}
        inputMode="numeric"
        maxLength={5}
        error={errors.regionCode}
      />
      {q.centreId ? <input type="hidden" name="centreId" value={q.centreId} /> : null}
      <div class="actions">
        <button type="submit">{t(lang, 'reports.show')}</button>
      </div>
    </form>
  );
}

function FiguresTable({ r, lang }: { r: KpiReport; lang: Lang }) {
  const prev = r.previousYear as Record<string, unknown>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t(lang, 'reports.figures')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'reports.kpi')}</th>
            <th scope="col" class="num">
              {t(lang, 'reports.thisPeriod')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'reports.previousYear')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'reports.change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {SCALAR_KPI_IDS.map((id) => {
            const unit = KPIS.find((k) => k.id === id)?.unit;
            const ch = r.change[id];
            return (
              <tr key={id}>
                <th scope="row">
                  <a href={`#def-${id}`}>{name(id, lang)}</a>
                </th>
                <td class="num">{fmt(r.figures[id], unit)}</td>
                <td class="num">{fmt(prev[id], unit)}</td>
                <td class={`num ${ch && ch > 0 ? 'up' : ch && ch < 0 ? 'down' : ''}`}>{pct(ch)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Targets({ r, lang }: { r: KpiReport; lang: Lang }) {
  const entries = Object.entries(r.targets);
  if (!entries.length) return <p class="muted">{t(lang, 'reports.noTargets')}</p>;
  return (
    <ul class="report-targets">
      {entries.map(([id, x]) => (
        <li key={id}>
          <span class="report-target-name">{name(id, lang)}</span>{' '}
          <progress max={100} value={Math.min(100, x.progress ?? 0)} aria-label={name(id, lang)}>
            {x.progress ?? 0}%
          </progress>{' '}
          <span>
            {fmt(x.actual)} / {fmt(x.target)} ({x.progress === null ? '—' : `${x.progress}%`})
          </span>
        </li>
      ))}
    </ul>
  );
}

function ExportForms({ req, q }: { req: FastifyRequest; q: ReportQuery }) {
  const lang = req.lang;
  const hidden = Object.entries(q).filter(([, v]) => v);
  return (
    <section aria-labelledby="export-h">
      <h2 id="export-h">{t(lang, 'reports.export')}</h2>
      {(['xlsx', 'csv'] as const).map((ext) => (
        <form key={ext} method="get" action={`/api/v1/reports/kpi.${ext}`} class="report-export">
          {hidden.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={String(v)} />
          ))}
          <Input name="reason" label={t(lang, 'reports.exportReason')} lang={lang} required maxLength={500} />
          <button type="submit" class="secondary">
            {t(lang, ext === 'xlsx' ? 'reports.xlsx' : 'reports.csv')}
          </button>
        </form>
      ))}
    </section>
  );
}

/** Bookings held, check-ins, no-shows and the use of opening hours by kind; suit rentals (issue 19). */
function BookingsSection({ f, lang }: { f: BookingFigures; lang: Lang }) {
  const pctText = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)}%`);
  return (
    <section aria-labelledby="bookings-h">
      <h2 id="bookings-h">{t(lang, 'bf.title')}</h2>
      {f.kinds.length === 0 ? <p class="muted">{t(lang, 'bf.none')}</p> : null}
      {f.kinds.length ? (
        <StackTable
          lang={lang}
          columns={[
            'bf.kind',
            'bf.bookings',
            'bf.checkedIn',
            'bf.noShows',
            'bf.noShowRate',
            'bf.utilisation',
            'bf.cancelled',
          ]}
        >
          {f.kinds.map((k) => (
            <tr key={k.kind}>
              <td data-label={t(lang, 'bf.kind')}>{k.kindName}</td>
              <td data-label={t(lang, 'bf.bookings')}>{fmt(k.bookings)}</td>
              <td data-label={t(lang, 'bf.checkedIn')}>{fmt(k.checkedIn)}</td>
              <td data-label={t(lang, 'bf.noShows')}>{fmt(k.noShows)}</td>
              <td data-label={t(lang, 'bf.noShowRate')}>{pctText(k.noShowRatePct)}</td>
              <td data-label={t(lang, 'bf.utilisation')}>{pctText(k.utilisationPct)}</td>
              <td data-label={t(lang, 'bf.cancelled')}>{fmt(k.cancelled)}</td>
            </tr>
          ))}
        </StackTable>
      ) : null}
      <p>
        {t(lang, 'bf.suits', {
          rentals: f.suitRentals,
          items: f.suitItemsLent,
          overdue: f.suitRentalsOverdue,
        })}
      </p>
    </section>
  );
}

/** The event KPIs of API.md over events starting in the period (issue 17). */
function EventsSection({ f, lang }: { f: EventKpis; lang: Lang }) {
  const cols = [
    ['ef.employers', f.eventEmployers],
    ['ef.seekers', f.eventSeekers],
    ['ef.interviews', f.eventInterviews],
    ['ef.passedFirst', f.eventPassedFirst],
    ['ef.hires', f.eventHires],
  ] as const;
  return (
    <section aria-labelledby="events-h">
      <h2 id="events-h">{t(lang, 'ef.title')}</h2>
      <StackTable lang={lang} columns={cols.map(([k]) => k)}>
        <tr>
          {cols.map(([k, v]) => (
            <td key={k} data-label={t(lang, k)}>
              {fmt(v)}
            </td>
          ))}
        </tr>
      </StackTable>
      <p class="muted">{t(lang, 'ef.note')}</p>
    </section>
  );
}

async function reportPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const actor = req.actor;
  if (!actor) return toLogin(req, reply);
  if (!can(actor, 'reports.read')) throw new DomainError('forbidden', 'error.forbidden');
  const lang = req.lang;
  const raw = req.query as Record<string, string | undefined>;
  const q: ReportQuery = {};
  for (const k of ['centreId', 'from', 'to', 'targetGroup', 'occupation', 'regionCode'] as const) {
    if (raw[k]) q[k] = raw[k];
  }
  const title = t(lang, 'reports.title');
  let resolved: Awaited<ReturnType<typeof resolveFilter>>;
  try {
    if (q.centreId && !/^[0-9a-f-]{36}$/i.test(q.centreId))
      throw new DomainError('not_found', 'reports.centreNotFound');
    resolved = await resolveFilter(ctx.db, actor, q);
  } catch (err) {
    const e = fieldErrors(err, lang);
    return renderPage(
      reply,
      <Layout req={req} title={title}>
        <h1>{title}</h1>
        <Notice kind="error">{e.form}</Notice>
        <FiltersForm req={req} q={q} errors={e.fields} />
      </Layout>,
      400,
    );
  }
  const { filter, centreId } = resolved;
  const [r, months] = await readReport(ctx, (db) =>
    Promise.all([kpiReportFor(db, filter, centreId), breakdownFor(db, filter, 'month', lang)]),
  );
  const bookings = await bookingFigures(
    { db: ctx.db, lang },
    { from: filter.from, to: filter.to, centreIds: filter.centreIds },
  );
  const events = await eventKpis(ctx.db, { from: filter.from, to: filter.to, centreIds: filter.centreIds });
  const series = [name('seekersRegistered', lang), name('hires', lang)];
  const byChannel = r.figures.consultationsByChannel;
  const funnel = [
    { label: name('referrals', lang), value: Number(r.figures.referrals ?? 0) },
    { label: name('referralsInterviewed', lang), value: Number(r.figures.referralsInterviewed ?? 0) },
    { label: name('referralsHired', lang), value: Number(r.figures.referralsHired ?? 0) },
  ];
  const shown = { ...q, from: filter.from, to: filter.to };
  return renderPage(
    reply,
    <Layout req={req} title={title}>
      <link rel="stylesheet" href={asset('reports.css')} />
      <h1>{title}</h1>
      <p class="muted">{t(lang, 'reports.period', { from: filter.from, to: filter.to })}</p>
      <FiltersForm req={req} q={shown} errors={{}} />
      <FiguresTable r={r} lang={lang} />
      <h2>{t(lang, 'reports.targets')}</h2>
      <Targets r={r} lang={lang} />
      <div class="two">
        <section aria-labelledby="trend-h">
          <h2 id="trend-h">{t(lang, 'reports.trend')}</h2>
          <BarChart
            id="trend"
            lang={lang}
            title={t(lang, 'reports.trend')}
            desc={t(lang, 'reports.trendDesc')}
            series={series}
            bars={months.map((m) => ({
              label: m.key,
              values: [Number(m.figures.seekersRegistered ?? 0), Number(m.figures.hires ?? 0)],
            }))}
          />
          <div class="table-wrap">
            <table>
              <caption>{t(lang, 'reports.trend')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'reports.month')}</th>
                  {series.map((s) => (
                    <th scope="col" class="num" key={s}>
                      {s}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.key}>
                    <th scope="row">{m.key}</th>
                    <td class="num">{fmt(m.figures.seekersRegistered)}</td>
                    <td class="num">{fmt(m.figures.hires)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="funnel-h">
          <h2 id="funnel-h">{t(lang, 'reports.funnel')}</h2>
          <FunnelChart
            id="funnel"
            title={t(lang, 'reports.funnel')}
            desc={t(lang, 'reports.funnelDesc')}
            stages={funnel}
          />
          <div class="table-wrap">
            <table>
              <caption>{t(lang, 'reports.funnel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'reports.stage')}</th>
                  <th scope="col" class="num">
                    {t(lang, 'reports.count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {funnel.map((s) => (
                  <tr key={s.label}>
                    <th scope="row">{s.label}</th>
                    <td class="num">{fmt(s.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t(lang, 'reports.byChannel')}</h3>
          <ul class="figures">
            {Object.entries(byChannel).map(([c, n]) => (
              <li key={c}>
                <span class="value">{fmt(n)}</span> {channelLabel(c, lang)}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <BookingsSection f={bookings} lang={lang} />
      <EventsSection f={events} lang={lang} />
      <ExportForms req={req} q={shown} />
      <section aria-labelledby="defs-h">
        <h2 id="defs-h">{t(lang, 'reports.definitions')}</h2>
        <dl class="report-defs">
          {KPIS.map((k) => (
            <div key={k.id} id={`def-${k.id}`}>
              <dt>{lang === 'en' ? k.name.en : k.name.ko}</dt>
              <dd>
                {lang === 'en' ? k.definition.en : k.definition.ko}
                <ul>
                  {k.edgeCases.map((e) => (
                    <li key={e.en}>{lang === 'en' ? e.en : e.ko}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </Layout>,
  );
}

/** GET /staff/reports: filters, figures vs last year, targets, charts, exports, definitions. */
export function registerReportPages(app: Server, ctx: AppContext): void {
  app.get('/staff/reports', pageOpts, (req, reply) => reportPage(ctx, req, reply));
  registerTargetPages(app, ctx);
}
