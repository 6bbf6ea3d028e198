import type { Lang } from '../../platform/i18n/i18n.ts';
import { KPIS } from './kpis/index.ts';

/** A figure as shown on the report pages: thousands separators, % for percent KPIs, — for none. */
export const fmt = (v: unknown, unit?: string) =>
  v === null || v === undefined
    ? '—'
    : typeof v === 'number'
      ? `${v.toLocaleString('ko-KR')}${unit === 'percent' ? '%' : ''}`
      : String(v);
export const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${v}%`;

/** A KPI's name in the reader's language. */
export function kpiName(id: string, lang: Lang) {
  const k = KPIS.find((x) => x.id === id);
  return k ? (lang === 'en' ? k.name.en : k.name.ko) : id;
}
