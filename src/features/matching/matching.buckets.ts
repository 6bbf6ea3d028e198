// The matching index's storage: typed-array tables of postings and seekers, their id tables,
// the bucket maps with their entries (see matching.score.ts for the entry words), and what the
// build does once (renumbering rows, sorting buckets). MatchingIndex (matching.index.ts) adds
// the upserts from database records and the queries.
import { postingBloomWord } from './matching.bloom.ts';
import { SLOTS } from './matching.constants.ts';
import type { EngineData } from './matching.engine.ts';
import {
  P_ENTRY,
  postingDayWord,
  postingTail,
  postingWageWord,
  seekerKey,
  seekerKeyBound,
} from './matching.score.ts';
import {
  IdTable,
  Interner,
  IntList,
  occPrefix,
  POSTING_LAYOUT,
  SEEKER_LAYOUT,
  sidoOf,
  sortEntries,
  sortGroups,
  Table,
  writeUuid,
} from './matching.store.ts';

const idWords = new Uint32Array(4);

/**
 * Appends the entry (row, key) to a bucket. `key` packs what the queries need to bound the
 * row's score without touching its columns (see matching.engine.ts); a row whose key changes
 * gets a fresh entry (older ones are stale and harmless: rows are re-checked when visited).
 */
export function addTo(
  map: Map<number, IntList>,
  bucket: number,
  row: number,
  key: number,
  w2?: number,
  w3?: number,
  w4?: number,
): void {
  let l = map.get(bucket);
  if (!l) {
    l = new IntList();
    map.set(bucket, l);
  }
  l.push(row);
  l.push(key);
  if (w2 !== undefined) {
    l.push(w2);
    l.push(w3 as number);
    l.push(w4 as number);
  }
}

/** Group of a region-bucket entry: its occupation's 1-digit prefix (encoded), 0 for none. */
function majorGroup(d: Int32Array, at: number): number {
  const occ = ((d[at + 1] as number) >> 14) - 1;
  return occ < 0 ? 0 : occPrefix(occ, 1);
}

/** Columns, id tables and buckets of the matching index (see MatchingIndex). */
export class IndexStore {
  readonly postings = new Table(POSTING_LAYOUT, 1024);
  readonly seekers = new Table(SEEKER_LAYOUT, 1024);
  protected postingIds = new IdTable(() => this.postings.cols.id);
  protected seekerIds = new IdTable(() => this.seekers.cols.id);
  readonly pTok = new IntList(1 << 16, true);
  readonly sTok = new IntList(1 << 16, true);
  readonly pOcc = new Map<number, IntList>();
  readonly sOcc = new Map<number, IntList>();
  readonly pReg = new Map<number, IntList>();
  readonly sHome = new Map<number, IntList>();
  readonly sWant = new Map<number, IntList>();
  /** occupation · 100 + 시도 → seekers with that wish and a desired region in that 시도 away from home */
  readonly sOccAway = new Map<number, IntList>();
  readonly occPrefixes = new Map<number, number[]>();
  readonly sidoRegions = new Map<number, number[]>();
  protected readonly seenOcc = new Set<number>();
  protected readonly seenRegion = new Set<number>();
  /** region code → dense id (1…) for seeker keys; 0 = no region */
  readonly regionDense = new Uint16Array(100_000);
  /** occupation · 100,000 + region → first posting row of that run (set by renumber) */
  readonly cells = new Map<number, number>();
  /** first occupation · 100,000 + home region → first seeker row of that run (set by renumber) */
  readonly seekerCells = new Map<number, number>();
  protected nDense = 0;
  readonly centres = new Interner();
  readonly certificates = new Interner();
  readonly employmentTypes = new Interner();

  protected noteOcc(enc: number): void {
    if (enc < 0 || this.seenOcc.has(enc)) return;
    this.seenOcc.add(enc);
    for (let k = 1; k <= (enc & 7); k++) {
      const p = occPrefix(enc, k);
      const list = this.occPrefixes.get(p);
      if (list) list.push(enc);
      else this.occPrefixes.set(p, [enc]);
    }
  }

  protected noteRegion(r: number): void {
    if (r === 0 || this.seenRegion.has(r)) return;
    this.seenRegion.add(r);
    this.regionDense[r] = ++this.nDense;
    const s = sidoOf(r);
    const list = this.sidoRegions.get(s);
    if (list) list.push(r);
    else this.sidoRegions.set(s, [r]);
  }

  /**
   * Bucket entries of a posting: row, region (or occupation + 1) · 2^14 + tail, wage word, day
   * word, bloom word.
   */
  protected addPostingEntries(pi: number): void {
    const P = this.postings.cols;
    const occ = P.occ[pi] as number;
    const region = P.region[pi] as number;
    const tail = postingTail(P, pi);
    const wage = postingWageWord(P, pi);
    const day = postingDayWord(P, pi);
    const bloom = postingBloomWord(P, this.pTok.data, pi);
    addTo(this.pOcc, occ, pi, region * 16384 + tail, wage, day, bloom);
    addTo(this.pReg, region, pi, (occ + 1) * 16384 + tail, wage, day, bloom);
  }

  /** Every bucket entry of a seeker (its occupations, home and desired regions). */
  protected addSeekerEntries(si: number): void {
    const S = this.seekers.cols;
    const home = S.region[si] as number;
    const key = seekerKey(S, si, this.regionDense[home] as number);
    for (let j = 0; j < SLOTS.occupations; j++) {
      const e = S.occ[si * 4 + j] as number;
      if (e >= 0) addTo(this.sOcc, e, si, key);
    }
    addTo(this.sHome, home, si, key);
    for (let j = 0; j < SLOTS.regions; j++) {
      const w = S.regions[si * 3 + j] as number;
      if (w > 0) addTo(this.sWant, w, si, key);
    }
    this.addAwayEntries(si, key);
  }

  /**
   * Entries of a seeker by (occupation, 시도 of a desired region outside its home 시도): the
   * occupation buckets bound place by the home alone, and these find the seekers whose wish
   * brings them to a posting's 시도 (matching.engine.ts topSeekers).
   */
  protected addAwayEntries(si: number, key: number): void {
    const S = this.seekers.cols;
    const homeSido = sidoOf(S.region[si] as number);
    const sidos = new Set<number>();
    for (let j = 0; j < SLOTS.regions; j++) {
      const r = S.regions[si * 3 + j] as number;
      if (r !== 0 && sidoOf(r) !== homeSido) sidos.add(sidoOf(r));
    }
    for (const s of sidos)
      for (let j = 0; j < SLOTS.occupations; j++) {
        const e = S.occ[si * 4 + j] as number;
        if (e >= 0) addTo(this.sOccAway, e * 100 + s, si, key);
      }
  }

  /**
   * Renumbers the rows in occupation and region order (after a build): the rows of a bucket
   * then lie together in the columns, so a query reads neighbouring cache lines instead of
   * one line per row. Rebuilds the id tables and the buckets, sorted; earlier row numbers are void.
   */
  renumber(): void {
    const order = (
      T: Table<typeof POSTING_LAYOUT> | Table<typeof SEEKER_LAYOUT>,
      occs: Int32Array,
      w: number,
    ) => {
      const rows = new Int32Array(T.length);
      for (let i = 0; i < T.length; i++) rows[i] = i;
      const region = T.cols.region;
      rows
        .subarray(1)
        .sort(
          (a, b) =>
            (occs[a * w] as number) - (occs[b * w] as number) ||
            (region[a] as number) - (region[b] as number) ||
            a - b,
        );
      T.permute(rows);
    };
    order(this.postings, this.postings.cols.occ, 1);
    order(this.seekers, this.seekers.cols.occ, 4);
    this.postingIds = new IdTable(() => this.postings.cols.id);
    this.seekerIds = new IdTable(() => this.seekers.cols.id);
    for (const m of [this.pOcc, this.pReg, this.sOcc, this.sHome, this.sWant, this.sOccAway]) m.clear();
    this.cells.clear();
    const P = this.postings.cols;
    for (let pi = 1; pi < this.postings.length; pi++) {
      this.postingIds.insert(pi);
      this.addPostingEntries(pi);
      const cell = (P.occ[pi] as number) * 100_000 + (P.region[pi] as number);
      if (!this.cells.has(cell)) this.cells.set(cell, pi);
    }
    this.seekerCells.clear();
    const S = this.seekers.cols;
    for (let si = 1; si < this.seekers.length; si++) {
      this.seekerIds.insert(si);
      this.addSeekerEntries(si);
      const cell = (S.occ[si * 4] as number) * 100_000 + (S.region[si] as number);
      if (!this.seekerCells.has(cell)) this.seekerCells.set(cell, si);
    }
    this.sortBuckets();
    for (const m of [this.pOcc, this.pReg, this.sOcc, this.sHome, this.sWant, this.sOccAway])
      for (const l of m.values()) l.trim();
  }

  /**
   * Orders every bucket by its entries' row bound, best first (after the build, and when the
   * unsorted tail of live changes grows past a quarter of a bucket).
   */
  sortBuckets(all = true): void {
    const byCap = (d: Int32Array, at: number) => (d[at + 1] as number) & 127;
    const byKey = (d: Int32Array, at: number) => seekerKeyBound(d[at + 1] as number);
    const tail = (l: IntList) => all || (l.length - l.sorted) * 4 > l.length;
    // Occupation buckets in 시도 groups: a scan skips the rest of a group out of reach.
    const sido = (d: Int32Array, at: number) => sidoOf((d[at + 1] as number) >> 14);
    for (const l of this.pOcc.values()) if (tail(l)) sortGroups(l, P_ENTRY, sido, byCap);
    // Region buckets in groups by the occupation's 대분류 (0: none): a seeker without an
    // occupation there can gain nothing on occupation from the whole group.
    for (const l of this.pReg.values()) if (tail(l)) sortGroups(l, P_ENTRY, majorGroup, byCap);
    for (const m of [this.sHome, this.sOccAway])
      for (const l of m.values()) if (tail(l)) sortEntries(l, 2, byKey);
    // Seekers by occupation in home-region groups (dense id).
    const home = (d: Int32Array, at: number) => (d[at + 1] as number) & 511;
    for (const l of this.sOcc.values()) if (tail(l)) sortGroups(l, 2, home, byKey);
  }

  /** Marks a posting or seeker gone (deleted). */
  remove(kind: 'posting' | 'seeker', id: string): void {
    writeUuid(idWords, 0, id);
    const t = kind === 'posting' ? this.postingIds : this.seekerIds;
    const row = t.find(idWords, 0);
    if (row > 0) (kind === 'posting' ? this.postings : this.seekers).cols.flags[row] = 0;
  }

  postingRow(id: string): number {
    writeUuid(idWords, 0, id);
    return this.postingIds.find(idWords, 0);
  }

  seekerRow(id: string): number {
    writeUuid(idWords, 0, id);
    return this.seekerIds.find(idWords, 0);
  }

  /** The arrays the engine reads (re-taken after every change: columns may have grown). */
  data(): EngineData {
    return {
      P: this.postings.cols,
      pLength: this.postings.length,
      pTok: this.pTok.data,
      S: this.seekers.cols,
      sLength: this.seekers.length,
      sTok: this.sTok.data,
      pOcc: this.pOcc,
      sOcc: this.sOcc,
      pReg: this.pReg,
      sHome: this.sHome,
      sWant: this.sWant,
      sOccAway: this.sOccAway,
      occPrefixes: this.occPrefixes,
      sidoRegions: this.sidoRegions,
      regionDense: this.regionDense,
      cells: this.cells,
      seekerCells: this.seekerCells,
    };
  }

  /** Memory held per posting and per seeker (columns, id hash, buckets; tokens excluded). */
  memory(): { bytesPerPosting: number; bytesPerSeeker: number } {
    const listBytes = (m: Map<number, IntList>) => {
      let b = 0;
      for (const l of m.values()) b += l.data.byteLength + 48;
      return b;
    };
    const np = Math.max(1, this.postings.length - 1);
    const MAP_ENTRY = 40;
    const ns = Math.max(1, this.seekers.length - 1);
    const p =
      this.postings.bytesPerRow() * this.postings.cap +
      this.postingIds.bytes() +
      listBytes(this.pOcc) +
      listBytes(this.pReg) +
      this.cells.size * MAP_ENTRY;
    const s =
      this.seekers.bytesPerRow() * this.seekers.cap +
      this.seekerIds.bytes() +
      listBytes(this.sOcc) +
      listBytes(this.sHome) +
      listBytes(this.sWant) +
      listBytes(this.sOccAway) +
      this.seekerCells.size * MAP_ENTRY;
    return { bytesPerPosting: Math.round(p / np), bytesPerSeeker: Math.round(s / ns) };
  }
}
