import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CodeTableError, findCode } from './codes.ts';

// KSIC-10 ↔ KSIC-11 (한국표준산업분류 제10차 ↔ 제11차, in force from 2024-07-01) at division
// (2 digits) and class (4 digits) level, from the official 연계표 (tables/industries-crosswalk.tsv,
// derived from its 5-digit rows). The industries code set holds KSIC-11 sections and divisions;
// records keep the code they were entered with.

export type KsicVersion = '10' | '11';
export type KsicRelation = 'same' | 'renamed' | 'recoded' | 'split' | 'merged' | 'split-merged';
const RELATIONS: readonly string[] = ['same', 'renamed', 'recoded', 'split', 'merged', 'split-merged'];

export interface KsicLink {
  readonly level: 2 | 4;
  readonly code10: string;
  readonly name10: string;
  readonly code11: string;
  readonly name11: string;
  readonly relation: KsicRelation;
}

let links: readonly KsicLink[] | null = null;

/** Reads the table once; a division missing from the industries set or a bad row is an error. */
export function ksicCrosswalk(): readonly KsicLink[] {
  if (links) return links;
  const file = fileURLToPath(new URL('./tables/industries-crosswalk.tsv', import.meta.url));
  const lines = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  const cols = ['level', 'code10', 'name10', 'code11', 'name11', 'relation'].map((h) => header.indexOf(h));
  if (cols.some((c) => c < 0)) throw new CodeTableError(file, ['머리행 없음 / missing header row']);
  const problems: string[] = [];
  const out: KsicLink[] = [];
  for (const line of lines) {
    const cells = line.split('\t').map((x) => x.trim());
    const [level, code10, name10, code11, name11, relation] = cols.map((c) => cells[c] ?? '') as string[];
    const lv = Number(level);
    if (
      (lv !== 2 && lv !== 4) ||
      code10?.length !== lv ||
      code11?.length !== lv ||
      !/^\d+$/.test(`${code10}${code11}`)
    )
      problems.push(`행 오류 / bad row ${line}`);
    else if (!RELATIONS.includes(relation ?? '')) problems.push(`관계 오류 / bad relation ${relation}`);
    else if (lv === 2 && !findCode('industries', code11 as string))
      problems.push(`없는 중분류 / unknown KSIC-11 division ${code11}`);
    else
      out.push({
        level: lv,
        code10: code10 as string,
        name10: name10 as string,
        code11: code11 as string,
        name11: name11 as string,
        relation: relation as KsicRelation,
      });
  }
  if (problems.length > 0) throw new CodeTableError(file, problems);
  links = out;
  return links;
}

/**
 * The codes of the other version linked to a KSIC division or class (2 or 4 digits) of
 * `version`: a KSIC-10 code's successors, or a KSIC-11 code's predecessors, with their names and
 * the kind of change. Empty for an unknown code.
 */
export function ksicLinksOf(code: string, version: KsicVersion) {
  return ksicCrosswalk()
    .filter((l) => (version === '10' ? l.code10 : l.code11) === code)
    .map((l) => ({
      code: version === '10' ? l.code11 : l.code10,
      name: version === '10' ? l.name11 : l.name10,
      version: (version === '10' ? '11' : '10') as KsicVersion,
      relation: l.relation,
    }));
}

/** The KSIC-11 codes a KSIC-10 division or class counts under (itself when unchanged). */
export function ksic11Of(code10: string): string[] {
  return ksicLinksOf(code10, '10').map((l) => l.code);
}

/** The name of a division or class in a version, from the crosswalk ('' when unknown). */
export function ksicName(code: string, version: KsicVersion): string {
  const l = ksicCrosswalk().find((x) => (version === '10' ? x.code10 : x.code11) === code);
  return l ? (version === '10' ? l.name10 : l.name11) : '';
}
