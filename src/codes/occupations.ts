import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CodeItem, type CodeSetName, CodeTableError, findCode } from './codes.ts';

/**
 * KECO 2018 and KECO 2025 side by side. Records keep the edition their code was entered with
 * (`occupationEdition`, "2018" when absent); the crosswalk links the 세분류 of both editions so
 * matching and reports can treat a 2018 code and its 2025 successor as one occupation.
 */

export const OCCUPATION_EDITIONS = ['2018', '2025'] as const;
export type OccupationEdition = (typeof OCCUPATION_EDITIONS)[number];

/** The edition forms offer for new records. */
export const CURRENT_OCCUPATION_EDITION: OccupationEdition = '2025';

export function isOccupationEdition(value: unknown): value is OccupationEdition {
  return value === '2018' || value === '2025';
}

/** The code set holding an edition. */
export function occupationSet(edition: OccupationEdition): CodeSetName {
  return edition === '2025' ? 'occupations-2025' : 'occupations';
}

/** The entry of a code in an edition, or null. */
export function findOccupation(code: string, edition: OccupationEdition = '2018'): CodeItem | null {
  return findCode(occupationSet(edition), code);
}

/** The Korean name of a code in its edition; the code itself when unknown. */
export function occupationName(code: string, edition: OccupationEdition = '2018'): string {
  return findOccupation(code, edition)?.name ?? code;
}

export type CrosswalkBasis = 'official' | 'same-title';

/** One link of the crosswalk, seen from either side. */
export type CrosswalkLink = {
  readonly code: string;
  readonly name: string;
  readonly edition: OccupationEdition;
  readonly basis: CrosswalkBasis;
};

interface Crosswalk {
  readonly to2025: ReadonlyMap<string, readonly { code: string; basis: CrosswalkBasis }[]>;
  readonly to2018: ReadonlyMap<string, readonly { code: string; basis: CrosswalkBasis }[]>;
}

let crosswalk: Crosswalk | null = null;

function crosswalkFile(): string {
  return fileURLToPath(new URL('./tables/occupations-crosswalk.tsv', import.meta.url));
}

/** Reads the crosswalk table once; a row naming a code missing from its edition is an error. */
function loadCrosswalk(): Crosswalk {
  if (crosswalk) return crosswalk;
  const file = crosswalkFile();
  const lines = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  const [a, b, c] = ['code2018', 'code2025', 'basis'].map((h) => header.indexOf(h));
  if (a === undefined || b === undefined || c === undefined || a < 0 || b < 0 || c < 0)
    throw new CodeTableError(file, ['머리행 없음 / missing header row']);
  const to2025 = new Map<string, { code: string; basis: CrosswalkBasis }[]>();
  const to2018 = new Map<string, { code: string; basis: CrosswalkBasis }[]>();
  const problems: string[] = [];
  for (const line of lines) {
    const cells = line.split('\t').map((x) => x.trim());
    const [c18, c25, basis] = [cells[a] ?? '', cells[b] ?? '', cells[c] ?? ''];
    if (!findCode('occupations', c18)) problems.push(`없는 2018 코드 / unknown 2018 code ${c18}`);
    if (!findCode('occupations-2025', c25)) problems.push(`없는 2025 코드 / unknown 2025 code ${c25}`);
    if (basis !== 'official' && basis !== 'same-title') problems.push(`근거 오류 / bad basis ${basis}`);
    const push = (m: Map<string, { code: string; basis: CrosswalkBasis }[]>, k: string, v: string) => {
      const list = m.get(k) ?? [];
      list.push({ code: v, basis: basis as CrosswalkBasis });
      m.set(k, list);
    };
    push(to2025, c18, c25);
    push(to2018, c25, c18);
  }
  if (problems.length > 0) throw new CodeTableError(file, problems);
  crosswalk = { to2025, to2018 };
  return crosswalk;
}

/**
 * The codes of the other edition linked to a code, finer matches first (a 세분류 before its
 * groups). A group code (level 1–3) links through the 세분류 below it.
 */
export function crosswalkOf(code: string, edition: OccupationEdition): CrosswalkLink[] {
  const { to2025, to2018 } = loadCrosswalk();
  const map = edition === '2018' ? to2025 : to2018;
  const other: OccupationEdition = edition === '2018' ? '2025' : '2018';
  const c = code.trim();
  const keys = c.length === 4 ? [c] : [...map.keys()].filter((k) => k.startsWith(c));
  const seen = new Set<string>();
  const out: CrosswalkLink[] = [];
  for (const k of keys) {
    for (const link of map.get(k) ?? []) {
      if (seen.has(link.code)) continue;
      seen.add(link.code);
      out.push({
        code: link.code,
        name: occupationName(link.code, other),
        edition: other,
        basis: link.basis,
      });
    }
  }
  return out;
}

/**
 * A code carried into the other edition. One link: that code. Several: the finer match (the
 * longest code, then an official link before a same-title one) with `alternatives` naming the
 * rest, so the caller can say so. None: null.
 */
export function mapOccupation(
  code: string,
  from: OccupationEdition,
): { code: string; name: string; alternatives: CrosswalkLink[] } | null {
  const links = crosswalkOf(code, from);
  if (links.length === 0) return null;
  const ranked = [...links].sort(
    (x, y) =>
      y.code.length - x.code.length || (x.basis === 'official' ? -1 : 0) - (y.basis === 'official' ? -1 : 0),
  );
  const [best, ...rest] = ranked as [CrosswalkLink, ...CrosswalkLink[]];
  return { code: best.code, name: best.name, alternatives: rest };
}

/**
 * The keys under which matching and reports count an occupation as one: "2025:<code>" for a
 * 2025 code and for a 2018 code linked to 2025, "2018:<code>" for a 2018 code without a link.
 * Two records share an occupation when their keys intersect.
 */
export function occupationKeys(code: string, edition: OccupationEdition = '2018'): string[] {
  const c = code.trim();
  if (edition === '2025') return [`2025:${c}`];
  const links = crosswalkOf(c, '2018');
  return links.length > 0 ? links.map((l) => `2025:${l.code}`) : [`2018:${c}`];
}

/** True when the two coded occupations are the same one across editions (or within one). */
export function sameOccupation(
  a: { code: string; edition?: OccupationEdition | null },
  b: { code: string; edition?: OccupationEdition | null },
): boolean {
  const ka = new Set(occupationKeys(a.code, a.edition ?? '2018'));
  return occupationKeys(b.code, b.edition ?? '2018').some((k) => ka.has(k));
}

const normTitle = (s: string) => s.replace(/\s+/g, '');

/**
 * One code space for comparing occupations across editions (matching). It is KECO 2018's, the
 * edition of every record written before 2026, so those compare exactly as before: a 2018 code
 * is itself; a 2025 code linked in the crosswalk is its 2018 code (2025 1555 → 2018 1553, both
 * 환경공학 기술자 및 연구원); an unlinked 2025 code whose digits 2018 never used is itself
 * (1352 데이터 분석가); any other unlinked 2025 code falls back to its nearest group whose code
 * and title are the same in both editions (2025 1553 신재생에너지 기술자 → 155), so it earns
 * group credit and never equals an unrelated 2018 code of the same digits. Null: unknown code.
 */
export function occupationForMatching(code: string, edition: OccupationEdition = '2018'): string | null {
  const c = code.trim();
  if (edition === '2018') return findCode('occupations', c) ? c : null;
  const own = findCode('occupations-2025', c);
  if (!own) return null;
  const mapped = own.level === 4 ? mapOccupation(c, '2025') : null;
  if (mapped) return mapped.code;
  if (!findCode('occupations', c)) return c;
  for (let len = c.length; len >= 1; len--) {
    const prefix = c.slice(0, len);
    const a = findCode('occupations', prefix);
    const b = findCode('occupations-2025', prefix);
    if (a && b && normTitle(a.name) === normTitle(b.name)) return prefix;
  }
  return null;
}

/**
 * The codes of the other edition linked to any code of `edition` under `prefix` (a search for
 * 2025's 155 also finds 2018 postings of 1553, linked to 2025's 1555).
 */
export function linkedCodesUnder(prefix: string, edition: OccupationEdition): string[] {
  const { to2025, to2018 } = loadCrosswalk();
  const map = edition === '2018' ? to2025 : to2018;
  const out = new Set<string>();
  for (const [code, links] of map) if (code.startsWith(prefix)) for (const l of links) out.add(l.code);
  return [...out].sort();
}
