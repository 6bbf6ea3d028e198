import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { KPIS, SCALAR_KPI_IDS } from './kpis/index.ts';
import { fmt, kpiName, pct } from './reports.format.ts';
import type { KpiReport } from './reports.service.ts';

/** Each scalar KPI for the period, the same period a year before, and the change (but `exclude`). */
export function FiguresTable({
  r,
  lang,
  exclude = [],
}: {
  r: KpiReport;
  lang: Lang;
  /** KPIs a section of their own shows instead (the hiring events'). */
  exclude?: readonly string[];
}) {
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
          {SCALAR_KPI_IDS.filter((id) => !exclude.includes(id)).map((id) => {
            const unit = KPIS.find((k) => k.id === id)?.unit;
            const ch = r.change[id];
            return (
              <tr key={id}>
                <th scope="row">
                  <a href={`#def-${id}`}>{kpiName(id, lang)}</a>
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

/** Progress towards the centre's yearly targets. */
export function Targets({ r, lang }: { r: KpiReport; lang: Lang }) {
  const entries = Object.entries(r.targets);
  if (!entries.length) return <p class="muted">{t(lang, 'reports.noTargets')}</p>;
  return (
    <ul class="report-targets">
      {entries.map(([id, x]) => (
        <li key={id}>
          <span class="report-target-name">{kpiName(id, lang)}</span>{' '}
          <progress max={100} value={Math.min(100, x.progress ?? 0)} aria-label={kpiName(id, lang)}>
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

/** The KPI definitions as a manager reads them, with their edge cases (anchors `#def-{id}`). */
export function Definitions({ lang }: { lang: Lang }) {
  return (
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
  );
}
