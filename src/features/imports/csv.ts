import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldProblem } from '../../platform/errors.ts';
import { fieldFromPointer, schemaErrorParams, schemaKeywordKey } from '../../platform/http/schema-errors.ts';

export type CsvEncoding = 'utf-8' | 'cp949';

/** How many bytes are looked at before deciding the encoding (a whole small file, usually). */
const SNIFF_BYTES = 64 * 1024;

/**
 * Decides between UTF-8 and CP949 (EUC-KR superset, what Korean office Excel writes as "CSV"):
 * a strict UTF-8 decoder rejects CP949's Hangul byte pairs almost at once, so a clean decode of
 * the first 64 KB means UTF-8. `final` says the sample is the whole file (a cut multi-byte
 * character at the end of a partial sample is not an error).
 */
export function detectEncoding(sample: Uint8Array, final = false): CsvEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !final });
    return 'utf-8';
  } catch {
    return 'cp949';
  }
}

/** An error in the file as a whole (encoding, quoting, header), reported as a 400. */
export class CsvFileError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/**
 * Decodes a byte stream to text chunks, choosing the encoding from the first bytes. `onBytes`
 * gets the running byte count (progress bars); `maxBytes` stops oversized bodies early.
 */
export async function* decodeStream(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: { onBytes?: (n: number) => void; maxBytes?: number; onEncoding?: (e: CsvEncoding) => void } = {},
): AsyncGenerator<string> {
  let bytes = 0;
  const head: Buffer[] = [];
  let headLen = 0;
  let decode: ((b: Buffer) => string) | null = null;
  let flush: () => string = () => '';

  const choose = (final: boolean) => {
    const sample = Buffer.concat(head);
    const enc = detectEncoding(sample, final);
    opts.onEncoding?.(enc);
    if (enc === 'utf-8') {
      // Fatal: bytes that are not UTF-8 further down must fail loudly, not become U+FFFD.
      const d = new TextDecoder('utf-8', { fatal: true });
      decode = (b) => {
        try {
          return d.decode(b, { stream: true });
        } catch {
          throw new CsvFileError('import.encoding');
        }
      };
      flush = () => {
        try {
          return d.decode();
        } catch {
          throw new CsvFileError('import.encoding');
        }
      };
    } else {
      const d = iconv.getDecoder('cp949');
      decode = (b) => d.write(b);
      flush = () => d.end() ?? '';
    }
    head.length = 0;
    return decode(sample);
  };

  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    bytes += buf.length;
    if (opts.maxBytes !== undefined && bytes > opts.maxBytes) {
      throw new CsvFileError('import.tooLarge', { limit: Math.round(opts.maxBytes / 1024 / 1024) });
    }
    opts.onBytes?.(bytes);
    if (decode) {
      const s = (decode as (b: Buffer) => string)(buf);
      if (s) yield s;
      continue;
    }
    head.push(buf);
    headLen += buf.length;
    if (headLen >= SNIFF_BYTES) {
      const s = choose(false);
      if (s) yield s;
    }
  }
  if (!decode) {
    const s = choose(true);
    if (s) yield s;
  }
  const rest = flush();
  if (rest) yield rest;
}

/** A data row of the file: `row` is 1 for the first line after the header. */
export interface CsvRow {
  row: number;
  values: Record<string, string>;
  /** Set when the row has more or fewer cells than the header. */
  cellCount: number;
}

/**
 * Streams records of a CSV (header line first) as objects keyed by the header's column names.
 * Empty lines are skipped and do not count as rows. Cells are trimmed; a leading BOM is dropped.
 */
export async function* csvRows(
  text: AsyncIterable<string>,
  onHeader?: (header: string[]) => void,
): AsyncGenerator<CsvRow & { header: string[] }> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  // Feed the parser from the decoded text while we read records from it.
  const feeding = (async () => {
    try {
      for await (const s of text) {
        if (!parser.write(s)) await new Promise<void>((r) => parser.once('drain', () => r()));
      }
      parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();
  let header: string[] | null = null;
  let n = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = rec.map((h) => h.replace(/^\uFEFF/, '').trim());
        const seen = new Set<string>();
        for (const h of header) {
          if (!h) throw new CsvFileError('import.headerEmpty');
          if (seen.has(h)) throw new CsvFileError('import.headerDuplicate', { column: h });
          seen.add(h);
        }
        onHeader?.(header);
        continue;
      }
      n++;
      const values: Record<string, string> = {};
      header.forEach((h, i) => {
        values[h] = rec[i] ?? '';
      });
      yield { row: n, values, cellCount: rec.length, header };
    }
  } catch (err) {
    if (err instanceof CsvFileError) throw err;
    const e = err as { code?: string; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new CsvFileError('import.csvSyntax', { line: e.lines ?? 0 });
    }
    throw err;
  } finally {
    await feeding;
  }
  if (!header) throw new CsvFileError('import.empty');
}

/** How a column's text becomes JSON: default string. */
export type ColumnType = 'string' | 'number' | 'integer' | 'boolean' | 'list' | 'numberList' | 'json';

const truthy = new Set(['true', '1', 'y', 'yes', '예', '네', 'o']);
const falsy = new Set(['false', '0', 'n', 'no', '아니오', '아니요', 'x']);

function convert(raw: string, type: ColumnType): unknown {
  switch (type) {
    case 'string':
      return raw;
    case 'number':
    case 'integer': {
      // Thousands separators are common in Korean spreadsheets (2,500,000).
      const s = raw.replace(/,/g, '');
      const n = Number(s);
      // An unparseable number stays a string so validation names the field.
      return s !== '' && Number.isFinite(n) ? n : raw;
    }
    case 'boolean': {
      const s = raw.toLowerCase();
      if (truthy.has(s)) return true;
      if (falsy.has(s)) return false;
      return raw;
    }
    case 'list':
      return raw
        .split(';')
        .map((x) => x.trim())
        .filter((x) => x !== '');
    case 'numberList':
      return raw
        .split(';')
        .map((x) => x.trim())
        .filter((x) => x !== '')
        .map((x) => (Number.isFinite(Number(x)) ? Number(x) : x));
    case 'json':
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
  }
}

/**
 * Turns a CSV row into the JSON input the API takes: `desired.wageMin` → `{desired: {wageMin}}`,
 * numeric segments make arrays (`careers.0.company`), empty cells are left out, and cells are
 * converted by `types` (keyed by the full dotted column name; a list column's type applies to
 * the whole cell, split on `;`).
 */
export function unflatten(
  row: Record<string, string>,
  types: Record<string, ColumnType> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    if (raw === '' || raw === undefined) continue;
    const value = convert(raw, types[column] ?? 'string');
    const parts = column.split('.');
    let node: Record<string, unknown> | unknown[] = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i]!;
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      const container = node as Record<string, unknown>;
      if (container[key] === undefined || typeof container[key] !== 'object') {
        container[key] = nextIsIndex ? [] : {};
      }
      node = container[key] as Record<string, unknown>;
    }
    (node as Record<string, unknown>)[parts.at(-1)!] = value;
  }
  // Arrays built from sparse indexes (careers.0, careers.2) lose their holes.
  return compact(out) as Record<string, unknown>;
}

function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compact);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  }
  return v;
}

/**
 * Checks a value against a TypeBox schema and names each problem the way the API does
 * (`desired.wageMin`, `careers[0].months`), so import rows and HTTP bodies read the same.
 */
export function schemaProblems(schema: TSchema, value: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  const push = (field: string, key: string, params: Record<string, string | number> = {}) => {
    if (seen.has(field)) return;
    seen.add(field);
    out.push({ field, key, params });
  };
  for (const e of Value.Errors(schema, value)) {
    const base = fieldFromPointer(e.instancePath);
    const join = (k: string) => (base ? `${base}.${k}` : k);
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'required') {
      for (const k of (p.requiredProperties as string[]) ?? []) push(join(k), 'field.required');
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      for (const k of (p.additionalProperties as string[]) ?? []) push(join(k), 'field.unknown');
      continue;
    }
    if (e.keyword === 'boolean') continue; // reported through additionalProperties above
    push(base || 'row', schemaKeywordKey[e.keyword] ?? 'field.invalid', schemaErrorParams(p));
  }
  return out;
}
