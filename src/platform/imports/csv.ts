import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';
import type { FieldProblem } from '../errors.ts';
import { fieldFromPointer, schemaErrorParams, schemaKeywordKey } from '../http/schema-errors.ts';

export type CsvEncoding = 'utf-8' | 'cp949';

/** How many bytes are looked at before deciding the encoding (a whole small file, usually). */
const SNIFF_BYTES = 64 * 1024;

const LABELS: Record<string, CsvEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  cp949: 'cp949',
  'euc-kr': 'cp949',
  euckr: 'cp949',
  'ks_c_5601-1987': 'cp949',
  'windows-949': 'cp949',
  'x-windows-949': 'cp949',
  ms949: 'cp949',
  uhc: 'cp949',
};

/** The encoding a declared label (`?encoding=`, a charset) names; null for one we do not read. */
export function encodingOf(label: string): CsvEncoding | null {
  return LABELS[label.trim().toLowerCase()] ?? null;
}

/** Characters a Korean CSV is made of, outside ASCII: Hangul, its jamo, common punctuation. */
const KOREAN_TEXT =
  /[\uAC00-\uD7A3\u3130-\u318F\u1100-\u11FF\u3000-\u303F\uFF01-\uFF5E\u2010-\u2027\u00B7\u2030-\u203B\u2190-\u2199\u25A0-\u25CF\u2605\u2606\u3200-\u321E\u3260-\u327E]/u;

/**
 * True when CP949 text reads as a Korean file rather than bytes forced into characters:
 * no undecodable byte, no control character (NUL is reported with its row and column later),
 * and at most a tenth of the non-ASCII characters outside Hangul and common punctuation.
 * Random bytes decode in CP949 to mostly 漢字 and symbols; a Korean office's CSV to Hangul.
 */
export function plausibleCp949(text: string): boolean {
  let other = 0;
  let wide = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0) return false;
    if (c < 0x80) continue;
    wide++;
    if (!KOREAN_TEXT.test(ch)) other++;
  }
  return other <= wide / 10;
}

/**
 * Decides the encoding of a file's first bytes: UTF-8 (with or without BOM) when a strict
 * decoder accepts them, CP949 (EUC-KR superset, what Korean office Excel writes as "CSV")
 * when they read as Korean text in it, otherwise null (refused: garbage is never read as
 * CP949). `final` says the sample is the whole file (a cut character at the end of a partial
 * sample is not an error).
 */
export function detectEncoding(sample: Uint8Array, final = false): CsvEncoding | null {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !final });
    return 'utf-8';
  } catch {
    // not UTF-8
  }
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return null;
  const d = iconv.getDecoder('cp949');
  const text = d.write(Buffer.from(sample)) + (final ? (d.end() ?? '') : '');
  return plausibleCp949(text) ? 'cp949' : null;
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

function decoderOf(enc: CsvEncoding): { decode: (b: Buffer) => string; flush: () => string } {
  if (enc === 'utf-8') {
    // Fatal: bytes that are not UTF-8 further down must fail loudly, not become U+FFFD.
    const d = new TextDecoder('utf-8', { fatal: true });
    const guard = (f: () => string) => {
      try {
        return f();
      } catch {
        throw new CsvFileError('import.encoding');
      }
    };
    return {
      decode: (b) => guard(() => d.decode(b, { stream: true })),
      flush: () => guard(() => d.decode()),
    };
  }
  // iconv-lite has no fatal mode: an undecodable byte becomes U+FFFD, which CP949 cannot hold.
  const d = iconv.getDecoder('cp949');
  const check = (s: string) => {
    if (s.includes('\uFFFD')) throw new CsvFileError('import.encoding');
    return s;
  };
  return { decode: (b) => check(d.write(b)), flush: () => check(d.end() ?? '') };
}

/**
 * Decodes a byte stream to text chunks in the declared encoding, or the one detected from the
 * first bytes; throws `import.encoding` when neither fits. `onBytes` gets the running byte
 * count (progress bars); `maxBytes` stops oversized bodies early.
 */
export async function* decodeStream(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: {
    onBytes?: (n: number) => void;
    maxBytes?: number;
    onEncoding?: (e: CsvEncoding) => void;
    declared?: CsvEncoding | null;
  } = {},
): AsyncGenerator<string> {
  let bytes = 0;
  const head: Buffer[] = [];
  let headLen = 0;
  let dec: ReturnType<typeof decoderOf> | null = null;

  const choose = (final: boolean) => {
    const sample = Buffer.concat(head);
    const enc = opts.declared ?? detectEncoding(sample, final);
    if (!enc) throw new CsvFileError('import.encoding');
    opts.onEncoding?.(enc);
    dec = decoderOf(enc);
    head.length = 0;
    return dec.decode(sample);
  };

  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    bytes += buf.length;
    if (opts.maxBytes !== undefined && bytes > opts.maxBytes) {
      throw new CsvFileError('import.tooLarge', { limit: Math.round(opts.maxBytes / 1024 / 1024) });
    }
    opts.onBytes?.(bytes);
    if (dec) {
      const s = (dec as ReturnType<typeof decoderOf>).decode(buf);
      if (s) yield s;
      continue;
    }
    head.push(buf);
    headLen += buf.length;
    if (headLen >= SNIFF_BYTES || opts.declared) {
      const s = choose(false);
      if (s) yield s;
    }
  }
  if (!dec) {
    const s = choose(true);
    if (s) yield s;
  }
  const rest = (dec as ReturnType<typeof decoderOf> | null)?.flush() ?? '';
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
  let stopped = false;
  // Feed the parser from the decoded text while we read records from it. When the reader
  // stops early (a row or the database failed the import), feeding must stop too: a parser
  // nobody reads never drains, and waiting for it kept the import's transaction open forever
  // (issue 23: "idle in transaction (aborted)", the request never answered).
  const feeding = (async () => {
    // Iterated by hand: leaving a for-await early would destroy the source, and a request
    // destroyed mid-upload never gets its answer. An abandoned upload's rest is discarded by
    // the HTTP server once the answer is sent.
    const it = text[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await it.next();
        if (next.done || stopped) break;
        if (!parser.write(next.value)) {
          await new Promise<void>((r) => {
            const done = () => {
              parser.off('drain', done);
              parser.off('close', done);
              r();
            };
            parser.on('drain', done);
            parser.on('close', done);
          });
        }
        if (stopped) break;
      }
      if (!stopped) parser.end();
    } catch (err) {
      if (!stopped) parser.destroy(err as Error);
    }
  })();
  let header: string[] | null = null;
  let n = 0;
  let done = false;
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
      for (let i = 0; i < header.length; i++) {
        const v = rec[i] ?? '';
        // SECURITY.md 30: NUL cannot be stored as text; name where it is instead of failing later.
        if (v.includes('\u0000')) throw new CsvFileError('import.nul', { row: n, column: header[i]! });
        values[header[i]!] = v;
      }
      yield { row: n, values, cellCount: rec.length, header };
    }
    done = true;
  } catch (err) {
    if (err instanceof CsvFileError) throw err;
    const e = err as { code?: string; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new CsvFileError('import.csvSyntax', { line: e.lines ?? 0 });
    }
    throw err;
  } finally {
    if (done) await feeding;
    else {
      stopped = true;
      parser.destroy();
      // Not awaited: the source may be a request still arriving; its end is no one's concern now.
      feeding.catch(() => undefined);
    }
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

const compiled = new WeakMap<TSchema, Validator>();

/**
 * Checks a value against a TypeBox schema and names each problem the way the API does
 * (`desired.wageMin`, `careers[0].months`), so import rows and HTTP bodies read the same.
 */
export function schemaProblems(schema: TSchema, value: unknown): FieldProblem[] {
  // A file of valid rows is the common case: a compiled check first, the (slow) error walk
  // only for a row that fails it.
  let check = compiled.get(schema);
  if (!check) {
    check = Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(value)) return [];
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
