import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { type CodeItem, type CodeSetName, findCode, validateItems } from './codes.ts';

/** Raised when an official file cannot be used; `problems` lists what to fix in the file. */
export class CodeImportError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`코드 가져오기 실패 / code import failed: ${file}: ${problems.slice(0, 10).join('; ')}`);
  }
}

/** What a parse produced, for callers that want to report more than the items. */
export interface ParsedCodes {
  items: CodeItem[];
  /** How the file was read: text in one of two encodings, or an XLSX workbook. */
  encoding: 'utf-8' | 'cp949' | 'xlsx';
  /** Rows left out on purpose (deeper levels than the set keeps, abolished districts). */
  skipped: number;
}

/** Header spellings seen in official downloads, compared after lower-casing and removing spaces. */
const HEADERS = {
  code: [
    'code',
    '코드',
    '분류코드',
    '항목코드',
    '코드값',
    '법정동코드',
    '행정구역코드',
    '행정표준코드',
    '시군구코드',
  ],
  name: [
    'name',
    '코드명',
    '명칭',
    '항목명',
    '분류명',
    '한글명',
    '코드한글명',
    '법정동명',
    '행정구역명',
    '시군구명',
  ],
  nameEn: ['nameen', 'name_en', 'englishname', '영문명', '영문', '영문명칭', '영문항목명', '영문분류명'],
  parent: ['parent', '상위코드', '상위분류코드', '상위항목코드'],
  abolished: ['폐지여부', '사용여부'],
  // Dated columns. validTo is ours (last day in force); 폐지일자/말소일자 are the day the code
  // stopped, so the last day in force is the day before.
  validFrom: ['validfrom', '시행일', '시행일자', '생성일자', '적용시작일', '적용일자'],
  validTo: ['validto'],
  abolishedOn: ['폐지일', '폐지일자', '말소일자', '적용종료일'],
  successors: ['successors', '후속코드', '변경후코드', '승계코드'],
} as const;

type Column = keyof typeof HEADERS;

/** KSIC-10 divisions by section, needed when a file lists divisions without their section. */
// biome-ignore format: a table reads better on few lines
const KSIC_SECTIONS: ReadonlyArray<readonly [string, number, number]> = [
  ['A', 1, 3], ['B', 5, 8], ['C', 10, 34], ['D', 35, 35], ['E', 36, 39], ['F', 41, 42], ['G', 45, 47],
  ['H', 49, 52], ['I', 55, 56], ['J', 58, 63], ['K', 64, 66], ['L', 68, 68], ['M', 70, 73], ['N', 74, 76],
  ['O', 84, 84], ['P', 85, 85], ['Q', 86, 87], ['R', 90, 91], ['S', 94, 96], ['T', 97, 98], ['U', 99, 99],
];

/**
 * Decodes bytes as UTF-8 when they are valid UTF-8 and as CP949 (EUC-KR superset used by
 * Korean Excel) otherwise. Strict UTF-8 decoding fails on almost any CP949 Hangul, so the
 * order is safe.
 */
export function decodeOfficialText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'cp949' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp949'), encoding: 'cp949' };
  }
}

/** Both KECO editions nest by prefix and have 1–4 digit codes. */
const isKeco = (set: CodeSetName): boolean => set === 'occupations' || set === 'occupations-2025';

function normHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/[\s_()]/g, '')
    .toLowerCase();
}

/** Official exports often start with title rows; the header is the first row naming a code column. */
function findHeader(rows: string[][]): { at: number; cols: Partial<Record<Column, number>> } | null {
  for (let at = 0; at < Math.min(rows.length, 15); at++) {
    const cells = rows[at].map(normHeader);
    const cols: Partial<Record<Column, number>> = {};
    for (const column of Object.keys(HEADERS) as Column[]) {
      const wanted: readonly string[] = HEADERS[column].map(normHeader);
      const i = cells.findIndex((c) => wanted.includes(c));
      if (i >= 0) cols[column] = i;
    }
    if (cols.code !== undefined && cols.name !== undefined) return { at, cols };
  }
  return null;
}

/** Excel keeps leading zeros only when a cell is written as ="0111"; undo that quoting. */
function cleanCode(raw: string): string {
  return raw
    .trim()
    .replace(/^="(.*)"$/, '$1')
    .trim();
}

interface Row {
  code: string;
  name: string;
  nameEn: string;
  parent: string | null;
  /** present when the file has dated columns */
  dated?: { validFrom: string | null; validTo: string | null; successors: string[] };
}

/** 20260701, 2026.07.01, 2026-07-01 → 2026-07-01; '' → null; anything else is a problem. */
function isoDate(raw: string, problems: string[], code: string): string | null {
  const m = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})$/.exec(raw.trim());
  if (raw.trim() === '') return null;
  if (!m) {
    problems.push(`날짜 형식 / bad date ${raw}: ${code}`);
    return null;
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Turns one set's rows into items, inferring parent and level from the code where the file has none. */
function shape(set: CodeSetName, rows: Row[], problems: string[]): { items: CodeItem[]; skipped: number } {
  let skipped = 0;
  const kept: Row[] = [];
  for (const row of rows) {
    let { code } = row;
    if (set === 'regions' && /^\d{10}$/.test(code)) {
      // 법정동코드 lists carry 10 digits; only 시도 (xx00000000) and 시군구 (xxxxx00000) rows belong here.
      if (!code.endsWith('00000')) {
        skipped++;
        continue;
      }
      code = code.endsWith('00000000') ? code.slice(0, 2) : code.slice(0, 5);
    }
    if (set === 'regions' && row.dated) {
      const short = (c: string) =>
        /^\d{10}$/.test(c) ? (c.endsWith('00000000') ? c.slice(0, 2) : c.slice(0, 5)) : c;
      row.dated = { ...row.dated, successors: row.dated.successors.map(short) };
    }
    const tooDeep = (isKeco(set) && code.length > 4) || (set === 'industries' && /^\d{3,}$/.test(code));
    if (tooDeep) {
      skipped++;
      continue;
    }
    kept.push({ ...row, code });
  }
  const byCode = new Map(kept.map((r) => [r.code, r]));
  const parentOf = (r: Row): string | null => {
    if (r.parent) return r.parent;
    if (isKeco(set)) return r.code.length > 1 ? r.code.slice(0, -1) : null;
    if (set === 'industries' && /^\d{2}$/.test(r.code)) {
      const n = Number(r.code);
      return KSIC_SECTIONS.find(([, lo, hi]) => n >= lo && n <= hi)?.[0] ?? null;
    }
    if (set === 'regions' && r.code.length === 5) {
      // An 일반구 (41111) sits under the city whose code ends in 0 (41110); 자치구 such as
      // 11215 have no such city and sit under the 시도.
      const city = byCode.get(`${r.code.slice(0, 4)}0`);
      if (city && city.code !== r.code && /시$/.test(city.name)) return city.code;
      return r.code.slice(0, 2);
    }
    return null;
  };
  const parents = new Map(kept.map((r) => [r.code, parentOf(r)]));
  const levelOf = (code: string, seen = 0): number => {
    const parent = parents.get(code);
    return parent && seen < 8 && parents.has(parent) ? levelOf(parent, seen + 1) + 1 : 1;
  };
  const items = kept.map((r) => {
    const parent = parents.get(r.code) ?? null;
    let name = r.name;
    // 법정동명 repeats the 시도 ("서울특별시 종로구"); the table keeps the local part.
    const sido = set === 'regions' && r.code.length === 5 ? byCode.get(r.code.slice(0, 2)) : undefined;
    if (sido && name.startsWith(`${sido.name} `)) name = name.slice(sido.name.length + 1);
    const level = isKeco(set) ? r.code.length : levelOf(r.code);
    // Official files rarely carry English; keep ours while the Korean name is unchanged.
    const current = findCode(set, r.code);
    const nameEn = r.nameEn || (current && current.name === name ? current.nameEn : '');
    return r.dated
      ? { code: r.code, name, nameEn, level, parent, ...r.dated }
      : { code: r.code, name, nameEn, level, parent };
  });
  if (isKeco(set)) {
    for (const i of items)
      if (!/^\d{1,4}$/.test(i.code)) problems.push(`KECO 코드 형식 / bad KECO code: ${i.code}`);
  }
  if (set === 'regions') {
    for (const i of items)
      if (!/^\d{2}(\d{3})?$/.test(i.code)) problems.push(`지역코드 형식 / bad region code: ${i.code}`);
  }
  return { items, skipped };
}

/**
 * Parses an official code file already in memory: CSV or TSV, UTF-8 or CP949 (an XLSX
 * goes through importOfficialCodes, which reads workbooks), with columns code, name and optionally nameEn and parent (Korean headers such as
 * 코드, 코드명/명칭/항목명, 영문명, 상위코드 accepted). Throws CodeImportError listing problems.
 */
export function parseOfficialCodes(set: CodeSetName, bytes: Uint8Array, file = '(memory)'): ParsedCodes {
  if (isXlsx(bytes)) {
    throw new CodeImportError(file, [
      'XLSX 파일은 importOfficialCodes로 읽습니다 / an XLSX file is read by importOfficialCodes',
    ]);
  }
  const { text, encoding } = decodeOfficialText(bytes);
  // Title rows above the header may hold neither: judge by the first lines together.
  const head = text.split(/\r?\n/, 10).join('\n');
  const delimiter = head.split('\t').length > head.split(',').length ? '\t' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
  } catch (err) {
    throw new CodeImportError(file, [`CSV 형식 오류 / malformed CSV: ${(err as Error).message}`]);
  }
  return codesFromRows(set, rows, encoding, file);
}

/** An XLSX (a zip) starts with "PK". */
function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/**
 * The rows of an XLSX workbook's first sheet that has any, each cell as text: dates as
 * YYYY-MM-DD, formulas by their result. A code typed as a number has lost its leading zeros
 * in Excel already (0111 → 111): such files need the code column as text.
 */
async function xlsxRows(bytes: Uint8Array, file: string): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new CodeImportError(file, [`XLSX 형식 오류 / malformed XLSX: ${(err as Error).message}`]);
  }
  const sheet = book.worksheets.find((w) => w.actualRowCount > 0);
  if (!sheet) throw new CodeImportError(file, ['항목 없음 / no rows']);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v instanceof Date ? v.toISOString().slice(0, 10) : row.getCell(c).text);
    }
    rows.push(cells);
  });
  return rows;
}

/** The items of parsed rows: header found below any title rows, then each row shaped into the set. */
function codesFromRows(
  set: CodeSetName,
  rows: string[][],
  encoding: ParsedCodes['encoding'],
  file: string,
): ParsedCodes {
  const header = findHeader(rows);
  if (!header) {
    throw new CodeImportError(file, [
      '코드·이름 머리행을 찾을 수 없음 / no header with code and name columns',
    ]);
  }
  const { cols } = header;
  const cell = (r: string[], c: number | undefined) => (c === undefined ? '' : (r[c] ?? '').trim());
  const problems: string[] = [];
  let skipped = 0;
  const parsed: Row[] = [];
  for (const r of rows.slice(header.at + 1)) {
    const code = cleanCode(cell(r, cols.code));
    if (code === '') continue;
    const dated =
      cols.validFrom !== undefined || cols.validTo !== undefined || cols.abolishedOn !== undefined;
    // Without dates an abolished row cannot be kept truthfully; with them it keeps its history.
    if (cell(r, cols.abolished) === '폐지' && !dated) {
      skipped++;
      continue;
    }
    const parent = cleanCode(cell(r, cols.parent));
    const row: Row = { code, name: cell(r, cols.name), nameEn: cell(r, cols.nameEn), parent: parent || null };
    if (dated) {
      const on = isoDate(cell(r, cols.abolishedOn), problems, code);
      row.dated = {
        validFrom: isoDate(cell(r, cols.validFrom), problems, code),
        validTo: isoDate(cell(r, cols.validTo), problems, code) ?? (on ? dayBefore(on) : null),
        successors: cell(r, cols.successors)
          .split(/[,;\s]+/)
          .map(cleanCode)
          .filter(Boolean),
      };
    }
    parsed.push(row);
  }
  if (parsed.length === 0) problems.push('항목 없음 / no rows');
  const shaped = shape(set, parsed, problems);
  problems.push(...validateItems(shaped.items));
  if (problems.length > 0) throw new CodeImportError(file, problems);
  return { items: shaped.items, encoding, skipped: skipped + shaped.skipped };
}

/**
 * Reads an official code file (CSV/TSV in UTF-8 or CP949, or XLSX) and returns its validated items. The
 * caller decides where they go, typically saveOverride().
 */
export async function importOfficialCodes(set: CodeSetName, filePath: string): Promise<CodeItem[]> {
  const bytes = await fs.readFile(filePath);
  return (await parseOfficialFile(set, bytes, filePath)).items;
}

/** {@link parseOfficialCodes} for any published form: an XLSX workbook's first sheet, else text. */
export async function parseOfficialFile(set: CodeSetName, bytes: Uint8Array, file = '(memory)') {
  if (!isXlsx(bytes)) return parseOfficialCodes(set, bytes, file);
  return codesFromRows(set, await xlsxRows(bytes, file), 'xlsx', file);
}

/**
 * Writes items as `<dir>/<set>.json`, the override format the loader prefers over the shipped
 * table when dir is `${ILTEO_DATA_DIR}/codes`. Writes to a temporary file first so a crash never
 * leaves half a table. Returns the path written; call reloadCodes(set) to use it at once.
 */
export async function saveOverride(
  set: CodeSetName,
  items: readonly CodeItem[],
  dir: string,
): Promise<string> {
  const problems = validateItems(items);
  if (problems.length > 0) throw new CodeImportError(`${set}.json`, problems);
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, `${set}.json`);
  // Dated sets keep their dates: an override must not drop the history it replaces.
  const body = items.map((i) =>
    JSON.stringify({
      code: i.code,
      name: i.name,
      nameEn: i.nameEn,
      level: i.level,
      parent: i.parent,
      ...(i.validFrom !== undefined || i.validTo !== undefined || i.successors !== undefined
        ? { validFrom: i.validFrom ?? null, validTo: i.validTo ?? null, successors: i.successors ?? [] }
        : {}),
    }),
  );
  const json = `{"set":${JSON.stringify(set)},"savedAt":${JSON.stringify(new Date().toISOString())},"items":[\n${body.join(',\n')}\n]}\n`;
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(tmp, json, 'utf8');
  await fs.rename(tmp, target);
  return target;
}
