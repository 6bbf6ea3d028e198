// Columnar storage of the matching index: typed arrays on SharedArrayBuffers (so the batch
// workers read them without a copy), ids as four uint32 words (16 bytes instead of a ~90-byte
// JS string), codes interned to small ints. Only erasable TypeScript here: worker threads load
// this file with Node's own type stripping.

type Typed = Uint8Array | Uint16Array | Int32Array | Uint32Array;
type Kind = 'u8' | 'u16' | 'i32' | 'u32';
const ctor = { u8: Uint8Array, u16: Uint16Array, i32: Int32Array, u32: Uint32Array } as const;

/** Column layout: name → [element kind, elements per row]. */
export type Layout = Record<string, readonly [Kind, number]>;

export const POSTING_LAYOUT = {
  id: ['u32', 4],
  occ: ['i32', 1],
  region: ['i32', 1],
  wage: ['i32', 1],
  emp: ['u8', 1],
  edu: ['u8', 1],
  careerType: ['u8', 1],
  careerMin: ['u16', 1],
  headcount: ['u16', 1],
  openRefs: ['u16', 1],
  created: ['u16', 1],
  closes: ['u16', 1],
  /** bit 1 alive (open), bit 2 only-disabled */
  flags: ['u8', 1],
  pref: ['u8', 1],
  certs: ['u16', 4],
  tokStart: ['i32', 1],
  tokLen: ['u16', 1],
} as const satisfies Layout;

export const SEEKER_LAYOUT = {
  id: ['u32', 4],
  centre: ['u16', 1],
  region: ['i32', 1],
  edu: ['u8', 1],
  occ: ['i32', 4],
  regions: ['i32', 3],
  empMask: ['u8', 1],
  wage: ['i32', 1],
  careerMonths: ['u16', 1],
  certs: ['u16', 4],
  fit: ['u8', 1],
  /** bit 1 alive (active, not suspended), bit 2 consent_share, bit 4 may see 장애인만 postings */
  flags: ['u8', 1],
  tokStart: ['i32', 1],
  tokLen: ['u16', 1],
  /** upper bound of the points besides occupation and place, whatever the posting (pruning) */
  ub: ['u8', 1],
} as const satisfies Layout;

export const ALIVE = 1;
export const ONLY_DISABLED = 2;
export const SHARED = 2;
export const DISABLED_OK = 4;

export type Cols<L extends Layout> = {
  [K in keyof L]: L[K][0] extends 'u8'
    ? Uint8Array
    : L[K][0] extends 'u16'
      ? Uint16Array
      : L[K][0] extends 'i32'
        ? Int32Array
        : Uint32Array;
};

/** Plain-data view of a table that can be posted to a worker (buffers are shared). */
export interface TableSnapshot {
  length: number;
  buffers: Record<string, SharedArrayBuffer | ArrayBuffer>;
}

function alloc(kind: Kind, n: number): Typed {
  const C = ctor[kind];
  const Shared = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;
  return new C(new Shared(n * C.BYTES_PER_ELEMENT) as ArrayBuffer);
}

/** Fixed-width rows in typed-array columns; row 0 is a scratch row for ad-hoc queries. */
export class Table<L extends Layout> {
  layout: L;
  cap = 0;
  length = 1;
  cols: Cols<L>;

  constructor(layout: L, cap = 1024) {
    this.layout = layout;
    this.cols = {} as Cols<L>;
    this.grow(cap);
  }

  static fromSnapshot<L extends Layout>(layout: L, snap: TableSnapshot): Table<L> {
    const t = new Table(layout, 1);
    const cols = {} as Record<string, Typed>;
    for (const [name, [kind]] of Object.entries(layout)) {
      cols[name] = new ctor[kind](snap.buffers[name] as ArrayBuffer);
    }
    t.cols = cols as Cols<L>;
    t.length = snap.length;
    t.cap = snap.length;
    return t;
  }

  grow(min: number): void {
    if (min <= this.cap) return;
    const cap = Math.max(min, Math.ceil(this.cap * 1.5) + 1024);
    const cols = {} as Record<string, Typed>;
    for (const [name, [kind, width]] of Object.entries(this.layout)) {
      const next = alloc(kind, cap * width);
      const old = (this.cols as Record<string, Typed>)[name];
      if (old) next.set(old as never);
      cols[name] = next;
    }
    this.cols = cols as Cols<L>;
    this.cap = cap;
  }

  /** Reorders the rows: row i takes the old row `from[i]` (`from` covers rows 0…length-1). */
  permute(from: Int32Array): void {
    const cols = {} as Record<string, Typed>;
    for (const [name, [kind, width]] of Object.entries(this.layout)) {
      const old = (this.cols as Record<string, Typed>)[name] as Typed;
      const next = alloc(kind, this.cap * width);
      for (let i = 0; i < this.length; i++) {
        const src = (from[i] as number) * width;
        for (let k = 0; k < width; k++) next[i * width + k] = old[src + k] as number;
      }
      cols[name] = next;
    }
    this.cols = cols as Cols<L>;
  }

  /** Appends an empty row and returns its index. */
  add(): number {
    if (this.length >= this.cap) this.grow(this.length + 1);
    return this.length++;
  }

  /** Bytes held by the columns per row of capacity. */
  bytesPerRow(): number {
    let b = 0;
    for (const [kind, width] of Object.values(this.layout)) b += ctor[kind].BYTES_PER_ELEMENT * width;
    return b;
  }

  snapshot(): TableSnapshot {
    const buffers: Record<string, SharedArrayBuffer | ArrayBuffer> = {};
    for (const [name, arr] of Object.entries(this.cols as Record<string, Typed>)) buffers[name] = arr.buffer;
    return { length: this.length, buffers };
  }
}

/** A growable list of int32 (bucket of row indices, token pool). */
export class IntList {
  data: Int32Array;
  length = 0;
  /** Buckets: the first `sorted` ints hold entries in descending rank (see sortEntries). */
  sorted = 0;
  /** Buckets sorted in groups: [group, first int of the group]… over the sorted part. */
  groups: Int32Array | null = null;
  constructor(cap = 4, shared = false) {
    this.data = shared ? (alloc('i32', cap) as Int32Array) : new Int32Array(cap);
  }
  /** Gives back the unused capacity (after a build; later pushes grow it again). */
  trim(): void {
    if (this.data.length > this.length && this.data.buffer instanceof ArrayBuffer)
      this.data = this.data.slice(0, Math.max(this.length, 4));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next =
        this.data.buffer instanceof ArrayBuffer
          ? new Int32Array(this.data.length * 2)
          : (alloc('i32', this.data.length * 2) as Int32Array);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Parses a canonical UUID into 4 uint32 words written at `out[at..at+3]`. */
export function writeUuid(out: Uint32Array, at: number, id: string): void {
  const h = id.replaceAll('-', '');
  out[at] = Number.parseInt(h.slice(0, 8), 16);
  out[at + 1] = Number.parseInt(h.slice(8, 16), 16);
  out[at + 2] = Number.parseInt(h.slice(16, 24), 16);
  out[at + 3] = Number.parseInt(h.slice(24, 32), 16);
}

/** The canonical lower-case UUID of the 4 words at `ids[at..]`. */
export function readUuid(ids: Uint32Array, at: number): string {
  const h = (i: number) => (ids[at + i] as number).toString(16).padStart(8, '0');
  const s = h(0) + h(1) + h(2) + h(3);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Compares two rows' ids in PostgreSQL uuid order (bytewise). */
export function cmpIds(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  for (let k = 0; k < 4; k++) {
    const x = a[ai * 4 + k] as number;
    const y = b[bi * 4 + k] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Open-addressing hash from 16-byte ids to row indices: 8 bytes per row instead of a Map. */
export class IdTable {
  private slots = new Int32Array(2048).fill(-1);
  private used = 0;
  private readonly ids: () => Uint32Array;
  constructor(ids: () => Uint32Array) {
    this.ids = ids;
  }

  private hash(w: Uint32Array, at: number): number {
    // UUIDv7 words 2–3 are random; mixing all four keeps v4 and test ids spread too.
    return (
      (Math.imul((w[at + 3] as number) ^ (w[at + 1] as number), 0x9e3779b1) ^ (w[at + 2] as number)) >>> 0
    );
  }

  private probe(w: Uint32Array, at: number): number {
    const mask = this.slots.length - 1;
    const ids = this.ids();
    let i = this.hash(w, at) & mask;
    for (;;) {
      const row = this.slots[i] as number;
      if (row < 0) return i;
      const r = row * 4;
      if (
        ids[r] === w[at] &&
        ids[r + 1] === w[at + 1] &&
        ids[r + 2] === w[at + 2] &&
        ids[r + 3] === w[at + 3]
      ) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  /** Row of the id in `w[at..]`, or -1. */
  find(w: Uint32Array, at: number): number {
    return this.slots[this.probe(w, at)] as number;
  }

  /** Registers the row whose id is already written in the id column. */
  insert(row: number): void {
    if ((this.used + 1) * 2 > this.slots.length) this.rehash();
    const ids = this.ids();
    const i = this.probe(ids, row * 4);
    if ((this.slots[i] as number) < 0) this.used++;
    this.slots[i] = row;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.used = 0;
    for (const row of old) if (row >= 0) this.insert(row);
  }

  bytes(): number {
    return this.slots.byteLength;
  }
}

/** Strings to small ints (1-based; 0 = none). */
export class Interner {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [''];
  id(s: string): number {
    let v = this.ids.get(s);
    if (v === undefined) {
      v = this.names.length;
      this.names.push(s);
      this.ids.set(s, v);
    }
    return v;
  }
}

/** A KECO code as one int: value × 8 + number of digits (codes nest by prefix). -1 if not digits. */
export function encodeOcc(code: string): number {
  const c = code.trim();
  if (!/^\d{1,4}$/.test(c)) return -1;
  return Number(c) * 8 + c.length;
}

export function decodeOcc(enc: number): string {
  return String(enc >> 3).padStart(enc & 7, '0');
}

const POW10 = [1, 10, 100, 1000, 10000];

/** The encoded prefix of the first `k` digits. */
export function occPrefix(enc: number, k: number): number {
  const len = enc & 7;
  return Math.floor((enc >> 3) / (POW10[len - k] as number)) * 8 + k;
}

/** Length of the common prefix of two encoded codes (0–4). */
export function occDepth(a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  const la = a & 7;
  const lb = b & 7;
  const na = a >> 3;
  const nb = b >> 3;
  for (let k = la < lb ? la : lb; k > 0; k--) {
    if (Math.floor(na / (POW10[la - k] as number)) === Math.floor(nb / (POW10[lb - k] as number))) return k;
  }
  return 0;
}

/** A region code as an int: 5-digit 시군구 as is, a 2-digit 시도 as 11..99. 0 if not a code. */
export function encodeRegion(code: string): number {
  const c = code.trim();
  return /^\d{2}(\d{3})?$/.test(c) ? Number(c) : 0;
}

export function sidoOf(region: number): number {
  return region < 100 ? region : Math.floor(region / 1000);
}

/** Days since 1970-01-01 of an Asia/Seoul calendar date 'YYYY-MM-DD'. */
export function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** The Asia/Seoul calendar day (days since 1970) of an instant. */
export function seoulDay(ms: number): number {
  return Math.floor((ms + 9 * 3_600_000) / 86_400_000);
}

/**
 * Sorts the entries of a bucket (`stride` ints each) by `rank(data, at)` descending, so a scan
 * may stop at the first entry whose rank bound is out of reach; entries appended later form
 * an unsorted tail that scans read to the end.
 */
export function sortEntries(l: IntList, stride: number, rank: (d: Int32Array, at: number) => number): void {
  const n = l.length / stride;
  const d = l.data;
  const order = new Int32Array(n);
  const ranks = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    order[i] = i;
    ranks[i] = rank(d, i * stride);
  }
  order.sort((a, b) => (ranks[b] as number) - (ranks[a] as number) || a - b);
  const copy = d.slice(0, l.length);
  for (let i = 0; i < n; i++) {
    const from = (order[i] as number) * stride;
    for (let k = 0; k < stride; k++) d[i * stride + k] = copy[from + k] as number;
  }
  l.sorted = l.length;
  l.groups = null;
}

/**
 * Sorts a bucket in groups (`group(data, at)` ascending, < 2^20), each group by `rank`
 * (< 1024) descending, and
 * records where each group starts, so a scan may skip the rest of a group.
 */
export function sortGroups(
  l: IntList,
  stride: number,
  group: (d: Int32Array, at: number) => number,
  rank: (d: Int32Array, at: number) => number,
): void {
  // group < 2^20, rank < 2^10
  sortEntries(l, stride, (d, at) => ((1 << 20) - group(d, at)) * 1024 + rank(d, at));
  const starts: number[] = [];
  let last = -1;
  for (let at = 0; at < l.length; at += stride) {
    const g = group(l.data, at);
    if (g !== last) starts.push(g, at);
    last = g;
  }
  l.groups = Int32Array.from(starts);
}
