import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seoulToday } from '../platform/domain/dates.ts';
import { createRegionResolver, type RegionResolver } from './region-names.ts';

/** Every code set the system knows; the order is the order shown in admin screens. */
export const CODE_SET_NAMES = [
  'occupations',
  'occupations-2025',
  'regions',
  'industries',
  'education',
  'employment-types',
  'wage-types',
  'careers',
  'work-days',
  'preferences',
  'target-groups',
] as const;

export type CodeSetName = (typeof CODE_SET_NAMES)[number];

/**
 * One entry of a code set. `level` is 1–4 for occupations (KECO 2018 and 2025), 1–3 for regions
 * (시도, 시군구, 일반구 of a city) and 1–2 for industries (KSIC); flat sets use 1.
 * `parent` is the code of the entry one level up, or null at the top.
 */
export type CodeItem = {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly level: number;
  readonly parent: string | null;
  /** First day in force (YYYY-MM-DD); absent or null = before the table's recorded history. */
  readonly validFrom?: string | null;
  /** Last day in force; absent or null = still in force. Only regions are dated so far. */
  readonly validTo?: string | null;
  /** Codes that took over an abolished code (an abolished code keeps resolving). */
  readonly successors?: readonly string[];
};

/** Raised when a code table (built-in or override) cannot be read or is inconsistent. */
export class CodeTableError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`코드표 오류 / code table error: ${file}: ${problems.slice(0, 5).join('; ')}`);
  }
}

interface LoadedSet {
  readonly items: readonly CodeItem[];
  readonly byCode: ReadonlyMap<string, CodeItem>;
  readonly children: ReadonlyMap<string | null, readonly CodeItem[]>;
  readonly file: string;
  readonly source: 'builtin' | 'override';
}

const cache = new Map<CodeSetName, LoadedSet>();
const regionResolvers = new WeakMap<LoadedSet, RegionResolver>();

/** Type guard for names coming from URLs, CLI arguments or files. */
export function isCodeSetName(value: string): value is CodeSetName {
  return (CODE_SET_NAMES as readonly string[]).includes(value);
}

/**
 * Directory holding operator overrides: `${ILTEO_DATA_DIR or ./data}/codes`. Read from the
 * environment on every load (not from Config) so the table code works without the app.
 */
export function codeOverrideDir(): string {
  return path.resolve(process.env.ILTEO_DATA_DIR || './data', 'codes');
}

function builtinFile(set: CodeSetName): string {
  return fileURLToPath(new URL(`./tables/${set}.tsv`, import.meta.url));
}

/**
 * Checks the invariants every code set must keep: unique non-empty codes and names, integer
 * levels, parents that exist and sit exactly one level up. Returns the problems found.
 */
export function validateItems(items: readonly CodeItem[]): string[] {
  const problems: string[] = [];
  const byCode = new Map<string, CodeItem>();
  for (const item of items) {
    if (!item.code) problems.push('빈 코드 / empty code');
    else if (byCode.has(item.code)) problems.push(`중복 코드 / duplicate code: ${item.code}`);
    else byCode.set(item.code, item);
    if (!item.name) problems.push(`이름 없음 / missing name: ${item.code}`);
    if (!Number.isInteger(item.level) || item.level < 1)
      problems.push(`잘못된 수준 / bad level: ${item.code}`);
    for (const d of [item.validFrom, item.validTo]) {
      if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) problems.push(`잘못된 날짜 / bad date ${d}: ${item.code}`);
    }
    if (item.validFrom && item.validTo && item.validTo < item.validFrom)
      problems.push(`유효기간 역전 / validTo before validFrom: ${item.code}`);
  }
  for (const item of items) {
    for (const s of item.successors ?? []) {
      const next = byCode.get(s);
      if (!next) problems.push(`없는 후속코드 / unknown successor ${s} of ${item.code}`);
      else if (!item.validTo)
        problems.push(`폐지일 없는 후속코드 / successor of a code in force: ${item.code}`);
      else if (next.validFrom && next.validFrom > item.validTo && next.validFrom !== dayAfter(item.validTo))
        problems.push(`후속코드 공백 / gap between ${item.code} and ${s}`);
    }
  }
  for (const item of items) {
    if (item.parent === null) {
      if (item.level !== 1) problems.push(`상위코드 없음 / missing parent: ${item.code}`);
      continue;
    }
    const parent = byCode.get(item.parent);
    if (!parent) problems.push(`없는 상위코드 / unknown parent ${item.parent} of ${item.code}`);
    else if (parent.level !== item.level - 1) {
      problems.push(`수준 불일치 / level mismatch: ${item.code} (${item.level}) under ${parent.code}`);
    }
  }
  return problems;
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Parses the built-in tab-separated format: `#` comment lines, a header row, then items. */
function parseTsv(text: string, file: string): CodeItem[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  const col = (name: string) => header.indexOf(name);
  const [ci, ni, ei, li, pi, fi, ti, si] = [
    'code',
    'name',
    'nameEn',
    'level',
    'parent',
    'validFrom',
    'validTo',
    'successors',
  ].map(col);
  if (ci < 0 || ni < 0 || li < 0) throw new CodeTableError(file, ['머리행 없음 / missing header row']);
  return lines.map((line) => {
    // Editors may strip the trailing tab of a top-level row, so a missing parent cell means null.
    const cells = line.split('\t');
    const cell = (i: number) => (i >= 0 ? cells[i]?.trim() || null : null);
    const item: CodeItem = {
      code: cells[ci]?.trim() ?? '',
      name: cells[ni]?.trim() ?? '',
      nameEn: ei >= 0 ? (cells[ei]?.trim() ?? '') : '',
      level: Number(cells[li]),
      parent: cell(pi),
    };
    if (fi < 0 && ti < 0 && si < 0) return item;
    const successors =
      cell(si)
        ?.split(',')
        .map((x) => x.trim()) ?? [];
    return { ...item, validFrom: cell(fi), validTo: cell(ti), successors };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an override written by saveOverride: `{ items: [...] }` or a bare array of items. */
function parseOverride(text: string, file: string): CodeItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CodeTableError(file, [`JSON 오류 / invalid JSON: ${(err as Error).message}`]);
  }
  const raw = Array.isArray(data) ? data : isRecord(data) ? data.items : undefined;
  if (!Array.isArray(raw)) throw new CodeTableError(file, ['items 배열 없음 / no items array']);
  return raw.map((entry: unknown, i) => {
    if (
      !isRecord(entry) ||
      typeof entry.code !== 'string' ||
      typeof entry.name !== 'string' ||
      typeof entry.level !== 'number' ||
      !(entry.parent === null || typeof entry.parent === 'string')
    ) {
      throw new CodeTableError(file, [`항목 ${i} 형식 오류 / item ${i} has the wrong shape`]);
    }
    const nameEn = typeof entry.nameEn === 'string' ? entry.nameEn : '';
    const item: CodeItem = {
      code: entry.code,
      name: entry.name,
      nameEn,
      level: entry.level,
      parent: entry.parent,
    };
    const date = (v: unknown) => (typeof v === 'string' && v ? v : null);
    if (entry.validFrom === undefined && entry.validTo === undefined && entry.successors === undefined)
      return item;
    const successors = Array.isArray(entry.successors) ? entry.successors.map(String) : [];
    return { ...item, validFrom: date(entry.validFrom), validTo: date(entry.validTo), successors };
  });
}

function index(items: CodeItem[], file: string, source: LoadedSet['source']): LoadedSet {
  const problems = validateItems(items);
  if (problems.length > 0) throw new CodeTableError(file, problems);
  const frozen = Object.freeze(
    items.map((i) =>
      Object.freeze({ ...i, ...(i.successors ? { successors: Object.freeze([...i.successors]) } : {}) }),
    ),
  );
  const children = new Map<string | null, CodeItem[]>();
  for (const item of frozen) {
    const list = children.get(item.parent);
    if (list) list.push(item);
    else children.set(item.parent, [item]);
  }
  return { items: frozen, byCode: new Map(frozen.map((i) => [i.code, i])), children, file, source };
}

function load(set: CodeSetName): LoadedSet {
  const cached = cache.get(set);
  if (cached) return cached;
  const override = path.join(codeOverrideDir(), `${set}.json`);
  let loaded: LoadedSet;
  // An override that exists but is broken must fail loudly rather than fall back silently.
  if (fs.existsSync(override)) {
    loaded = index(parseOverride(fs.readFileSync(override, 'utf8'), override), override, 'override');
  } else {
    const file = builtinFile(set);
    loaded = index(parseTsv(fs.readFileSync(file, 'utf8'), file), file, 'builtin');
  }
  cache.set(set, loaded);
  return loaded;
}

/**
 * Forgets loaded tables so the next lookup reads them again (after saveOverride, or in tests
 * that change ILTEO_DATA_DIR). Without an argument every set is forgotten.
 */
export function reloadCodes(set?: CodeSetName): void {
  if (set) cache.delete(set);
  else cache.clear();
}

/** Where a set was loaded from: the shipped table or an operator override file. */
export function codeSetSource(set: CodeSetName): { source: 'builtin' | 'override'; file: string } {
  const { source, file } = load(set);
  return { source, file };
}

/**
 * All entries of a set in display order (tree order for hierarchical sets), optionally
 * narrowed to one level and/or one parent (`parent: null` selects the top level).
 */
export function listCodes(
  set: CodeSetName,
  filter: { level?: number; parent?: string | null } = {},
): readonly CodeItem[] {
  const { items, children } = load(set);
  if (filter.parent !== undefined) {
    const list = children.get(filter.parent) ?? [];
    return filter.level === undefined ? list : list.filter((i) => i.level === filter.level);
  }
  return filter.level === undefined ? items : items.filter((i) => i.level === filter.level);
}

/** The entry with exactly this code (surrounding spaces ignored), or null. */
export function findCode(set: CodeSetName, code: string): CodeItem | null {
  return load(set).byCode.get(code.trim()) ?? null;
}

/** True when the code exists in the set (at any level). */
export function isValidCode(set: CodeSetName, code: string): boolean {
  return findCode(set, code) !== null;
}

/**
 * Entries above a code, top first. For a code that is not in the table, occupations fall back
 * to the existing leading prefixes (KECO codes nest by prefix: 0 → 01 → 011 → 0111).
 */
export function ancestors(set: CodeSetName, code: string): CodeItem[] {
  const { byCode } = load(set);
  const start = byCode.get(code.trim());
  if (!start) {
    if (set !== 'occupations' && set !== 'occupations-2025') return [];
    const c = code.trim();
    const found: CodeItem[] = [];
    for (let len = 1; len < c.length; len++) {
      const item = byCode.get(c.slice(0, len));
      if (item) found.push(item);
    }
    return found;
  }
  const chain: CodeItem[] = [];
  let parent = start.parent;
  while (parent !== null) {
    const item = byCode.get(parent);
    if (!item) break;
    chain.unshift(item);
    parent = item.parent;
  }
  return chain;
}

/** Direct children of a code (null for the top level), in display order. */
export function childrenOf(set: CodeSetName, code: string | null): readonly CodeItem[] {
  return load(set).children.get(code === null ? null : code.trim()) ?? [];
}

/** Every entry below a code through the parent links (KSIC sections included), depth-first. */
export function descendants(set: CodeSetName, code: string): CodeItem[] {
  const { children } = load(set);
  const out: CodeItem[] = [];
  const walk = (c: string) => {
    for (const child of children.get(c) ?? []) {
      out.push(child);
      walk(child.code);
    }
  };
  walk(code.trim());
  return out;
}

/**
 * Entries whose code starts with the prefix, excluding the prefix itself: useful for search
 * filters such as "all of 경기 (41)" or "all of KECO 13". Not meaningful for KSIC letters.
 */
export function descendantsPrefixMatch(set: CodeSetName, prefix: string): CodeItem[] {
  const p = prefix.trim();
  if (p === '') return [...load(set).items];
  return load(set).items.filter((i) => i.code.startsWith(p) && i.code !== p);
}

/**
 * Maps a free-text region as the national job portal writes it ("서울 강남구", "경기 수원시
 * 장안구", "강원특별자치도 춘천시", old "전라북도 전주시 완산구") to the most specific code: a
 * 5-digit 시군구/일반구 code, or the 2-digit 시도 code when only the province is given
 * (세종 always gives 36110). Returns null when the text is unknown or ambiguous ("중구").
 */
export function regionNameToCode(name: string): string | null {
  return regionResolver().resolve(name);
}

/**
 * Maps a region code that was valid in the past (강원 42xxx, 전북 45xxx, 경북 군위군 47720,
 * 인천 남구 28170, ...) to the current code; current codes map to themselves, unknown to null.
 */
export function normalizeLegacyRegionCode(code: string): string | null {
  return regionResolver().legacyCode(code);
}

/** The name index is built once per loaded regions table (a reload builds a new one). */
function regionResolver(): RegionResolver {
  const loaded = load('regions');
  let resolver = regionResolvers.get(loaded);
  if (!resolver) {
    resolver = createRegionResolver(loaded.items, seoulToday());
    regionResolvers.set(loaded, resolver);
  }
  return resolver;
}
