import { seoulToday } from '../platform/domain/dates.ts';
import type { FieldProblem } from '../platform/errors.ts';
import { type CodeItem, findCode, listCodes } from './codes.ts';
import './codes.messages.ts';

/**
 * Regions are dated: every row has validFrom/validTo (null = open end) and an abolished code
 * names its successors. Records keep the code they were entered with; these functions answer
 * "which codes were in force on a day" and "what became of this code".
 */

/** True when the region was in force on `date` (YYYY-MM-DD). */
export function inForce(item: CodeItem, date: string): boolean {
  return (!item.validFrom || item.validFrom <= date) && (!item.validTo || item.validTo >= date);
}

/** The regions in force on `date` (default: today in Seoul), in display order. */
export function regionsAt(
  date: string = seoulToday(),
  filter: { level?: number; parent?: string | null } = {},
): CodeItem[] {
  return listCodes('regions', filter).filter((r) => inForce(r, date));
}

/**
 * The codes in force on `date` that an old code became, following successors transitively
 * (인천 서구 28260 → 28275, 28290; 광주 29200 → 12330). A code in force maps to itself; an
 * unknown code, or an abolished one without successors, to nothing.
 */
export function currentRegionCodes(code: string, date: string = seoulToday()): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (c: string) => {
    if (seen.has(c)) return;
    seen.add(c);
    const item = findCode('regions', c);
    if (!item) return;
    if (inForce(item, date)) out.add(item.code);
    else if (item.validTo && item.validTo < date) for (const s of item.successors ?? []) walk(s);
  };
  walk(code.trim());
  return [...out];
}

/**
 * The one code in force on `date` under which matching and reports count a region: the code
 * itself while in force, else its first successor (인천 서구 28260 → 28275 서해구, 광주 광산구
 * 29200 → 12330). An unknown code stays as it is.
 */
export function rollupRegion(code: string, date: string = seoulToday()): string {
  const c = code.trim();
  const item = findCode('regions', c);
  if (!item || inForce(item, date) || !item.validTo || item.validTo >= date) return c;
  for (const s of item.successors ?? []) {
    const next = currentRegionCodes(s, date);
    if (next.length > 0) return next[0] as string;
  }
  return c;
}

export type RegionStatus =
  | { status: 'valid'; item: CodeItem }
  | { status: 'abolished'; item: CodeItem; successors: CodeItem[] }
  | { status: 'notYet'; item: CodeItem }
  | { status: 'unknown' };

/** What a region code is on `date`: in force, abolished (with the codes in force instead), not yet in force, or unknown. */
export function regionStatus(code: string, date: string = seoulToday()): RegionStatus {
  const item = findCode('regions', code);
  if (!item) return { status: 'unknown' };
  if (inForce(item, date)) return { status: 'valid', item };
  if (item.validFrom && item.validFrom > date) return { status: 'notYet', item };
  const successors = currentRegionCodes(item.code, date)
    .map((c) => findCode('regions', c))
    .filter((c): c is CodeItem => c !== null);
  return { status: 'abolished', item, successors };
}

/** "28275 서해구, 28290 검단구": successors as a reader wants them in a message. */
function describe(items: readonly CodeItem[]): string {
  return items.map((i) => `${i.code} ${i.name}`).join(', ') || '-';
}

/**
 * The problem of a region code for a record dated `date`, or null when the code may be used.
 * `keep` lists codes the record already holds: a record keeps the code it was entered with,
 * so an edit that leaves the region alone is not refused after the region was abolished.
 */
export function regionCodeProblem(
  field: string,
  code: string,
  date: string,
  keep: readonly string[] = [],
): FieldProblem | null {
  const c = code.trim();
  if (keep.includes(c) && findCode('regions', c)) return null;
  const s = regionStatus(c, date);
  if (s.status === 'valid') return null;
  if (s.status === 'unknown') return { field, key: 'field.code', params: { code } };
  if (s.status === 'notYet') {
    return { field, key: 'field.regionNotYet', params: { code: c, validFrom: s.item.validFrom ?? '' } };
  }
  return {
    field,
    key: 'field.regionAbolished',
    params: { code: c, validTo: s.item.validTo ?? '', successors: describe(s.successors) },
  };
}

/** A region as `/codes/regions` presents it: every field of API.md, dates null when open. */
export function presentRegion(item: CodeItem) {
  return {
    code: item.code,
    name: item.name,
    nameEn: item.nameEn,
    level: item.level,
    parent: item.parent,
    validFrom: item.validFrom ?? null,
    validTo: item.validTo ?? null,
    successors: [...(item.successors ?? [])],
  };
}
