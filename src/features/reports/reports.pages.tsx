import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../platform/access/policy.ts';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { asset } from '../../web/assets.ts';
import { fieldErrors } from '../../web/forms.tsx';
import { Layout, Notice, renderPage, toLogin } from '../../web/layout.tsx';
import { pageOpts } from '../../web/page.tsx';
import { bookingFigures } from '../bookings/bookings.report.service.ts';
import { eventRows } from '../events/events.service.ts';
import { kpiById } from './kpis/index.ts';
import { BookingsSection, EVENT_KPI_IDS, EventsSection } from './reports.bookings-events.tsx';
import { BarChart, FunnelChart } from './reports.charts.tsx';
import { Definitions, FiguresTable, Targets } from './reports.figures.tsx';
import { type ReportQuery, resolveFilter } from './reports.filter.ts';
import { fmt, kpiName } from './reports.format.ts';
import { ExportForms, FiltersForm } from './reports.forms.tsx';
import { breakdownFor, channelLabel, kpiReportFor, readReport } from './reports.service.ts';
import { registerTargetPages } from './targets.pages.tsx';

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
  // Hiring events: the period and the year before from the KPI figures; the year to the period's
  // end through the same KPI definitions (filters included); rows per kind and per event.
  const yearFrom = `${filter.to.slice(0, 4)}-01-01`;
  const scope = { from: filter.from, to: filter.to, centreIds: filter.centreIds };
  const [yearValues, byKind, byEvent] = await readReport(ctx, (db) =>
    Promise.all([
      Promise.all(EVENT_KPI_IDS.map((id) => kpiById(id)?.live?.(db, { ...filter, from: yearFrom }) ?? null)),
      eventRows(db, { ...scope, by: 'kind' }, lang),
      eventRows(db, { ...scope, by: 'event', limit: 30 }, lang),
    ]),
  );
  const yearFigures = Object.fromEntries(EVENT_KPI_IDS.map((id, i) => [id, yearValues[i]]));
  const prevYear = r.previousYear as Record<string, unknown> & { from: string; to: string };
  const series = [kpiName('seekersRegistered', lang), kpiName('hires', lang)];
  const byChannel = r.figures.consultationsByChannel;
  const funnel = [
    { label: kpiName('referrals', lang), value: Number(r.figures.referrals ?? 0) },
    { label: kpiName('referralsInterviewed', lang), value: Number(r.figures.referralsInterviewed ?? 0) },
    { label: kpiName('referralsHired', lang), value: Number(r.figures.referralsHired ?? 0) },
  ];
  const shown = { ...q, from: filter.from, to: filter.to };
  return renderPage(
    reply,
    <Layout req={req} title={title}>
      <link rel="stylesheet" href={asset('reports.css')} />
      <h1>{title}</h1>
      <p class="muted">{t(lang, 'reports.period', { from: filter.from, to: filter.to })}</p>
      <FiltersForm req={req} q={shown} errors={{}} />
      <FiguresTable r={r} lang={lang} exclude={EVENT_KPI_IDS} />
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
      <EventsSection
        lang={lang}
        period={r.figures}
        previous={prevYear}
        year={yearFigures}
        yearFrom={yearFrom < filter.from ? yearFrom : filter.from}
        from={filter.from}
        to={filter.to}
        prevFrom={prevYear.from}
        prevTo={prevYear.to}
        byKind={byKind}
        byEvent={byEvent}
        filtered={Boolean(q.targetGroup || q.occupation || q.regionCode)}
      />
      <ExportForms req={req} q={shown} />
      <Definitions lang={lang} />
    </Layout>,
  );
}

/** GET /staff/reports: filters, figures vs last year, targets, charts, exports, definitions. */
export function registerReportPages(app: Server, ctx: AppContext): void {
  app.get('/staff/reports', pageOpts, (req, reply) => reportPage(ctx, req, reply));
  registerTargetPages(app, ctx);
}
