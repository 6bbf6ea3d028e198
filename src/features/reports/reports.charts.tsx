import type { Lang } from '../../platform/i18n/i18n.ts';
import { t } from '../../platform/i18n/i18n.ts';

/**
 * Server-rendered SVG charts. No script and no inline style (CSP): colours come from classes in
 * reports.css. Each chart has <title>/<desc> and the page prints the same numbers as a table.
 */
export interface Bar {
  label: string;
  values: number[];
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 8, top: 12, bottom: 34 };

function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / p) * p;
}

/** Grouped bars (one group per month, one bar per series). */
export function BarChart({
  id,
  lang,
  title,
  desc,
  series,
  bars,
}: {
  id: string;
  lang: Lang;
  title: string;
  desc: string;
  series: string[];
  bars: Bar[];
}) {
  const max = niceMax(Math.max(0, ...bars.flatMap((b) => b.values)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const groupW = bars.length ? plotW / bars.length : plotW;
  const barW = Math.max(2, (groupW * 0.8) / Math.max(1, series.length));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} class="chart-svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} class="chart-grid" />
            <text x={PAD.left - 4} y={y(max * f) + 4} class="chart-axis" text-anchor="end">
              {Math.round(max * f).toLocaleString('ko-KR')}
            </text>
          </g>
        ))}
        {bars.map((b, i) => (
          <g key={b.label}>
            {b.values.map((v, s) => (
              <rect
                key={series[s]}
                x={PAD.left + i * groupW + groupW * 0.1 + s * barW}
                y={y(v)}
                width={barW}
                height={Math.max(0, PAD.top + plotH - y(v))}
                class={`chart-s${s}`}
              >
                <title>{`${b.label} ${series[s]}: ${v.toLocaleString('ko-KR')}`}</title>
              </rect>
            ))}
            <text x={PAD.left + i * groupW + groupW / 2} y={H - 14} class="chart-axis" text-anchor="middle">
              {b.label.slice(2)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <ul class="chart-legend">
          {series.map((s, i) => (
            <li key={s}>
              <span class={`chart-key chart-s${i}`} aria-hidden="true" /> {s}
            </li>
          ))}
        </ul>
        <span class="visually-hidden">{t(lang, 'reports.trendDesc')}</span>
      </figcaption>
    </figure>
  );
}

/** Horizontal funnel: each stage a bar as wide as its share of the first stage. */
export function FunnelChart({
  id,
  title,
  desc,
  stages,
}: {
  id: string;
  title: string;
  desc: string;
  stages: { label: string; value: number }[];
}) {
  const first = Math.max(1, stages[0]?.value ?? 1);
  const rowH = 40;
  const h = stages.length * rowH + 8;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} class="chart-svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {stages.map((s, i) => {
          const w = Math.max(2, ((W - 220) * s.value) / first);
          return (
            <g key={s.label}>
              <text x={0} y={i * rowH + 26} class="chart-label">
                {s.label}
              </text>
              <rect x={120} y={i * rowH + 8} width={w} height={rowH - 12} class={`chart-s${i}`} />
              <text x={126 + w} y={i * rowH + 26} class="chart-label">
                {`${s.value.toLocaleString('ko-KR')} (${Math.round((s.value * 1000) / first) / 10}%)`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
