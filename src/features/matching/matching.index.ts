import { ONLY_DISABLED_PREFERENCE, PREFERENCE_FITS, SLOTS } from './matching.constants.ts';
import { type EngineData, topPostings, topSeekers } from './matching.engine.ts';
import type { PostingRecord, SeekerRecord } from './matching.rows.ts';
import { tokenHashes } from './matching.rows.ts';
import {
  P_ENTRY,
  postingBound,
  postingDayWord,
  postingTail,
  postingWageWord,
  seekerBound,
  seekerKey,
  seekerKeyBound,
} from './matching.score.ts';
import {
  ALIVE,
  DISABLED_OK,
  dayOfDate,
  encodeOcc,
  encodeRegion,
  IdTable,
  Interner,
  IntList,
  ONLY_DISABLED,
  occPrefix,
  POSTING_LAYOUT,
  readUuid,
  SEEKER_LAYOUT,
  SHARED,
  seoulDay,
  sidoOf,
  sortEntries,
  sortGroups,
  Table,
  writeUuid,
} from './matching.store.ts';

/** One ranked entry: the other side's id, total score and points per factor. */
export interface Ranked {
  id: string;
  row: number;
  score: number;
}

const CAREER_CODES: Record<string, number> = { N: 0, Z: 1, E: 2 };
const idWords = new Uint32Array(4);

function prefMask(codes: readonly string[]): number {
  let m = 0;
  for (const f of PREFERENCE_FITS) if (codes.some((c) => f.codes.includes(c))) m |= f.bit;
  return m;
}

function fitMask(groups: readonly string[], sensitive: boolean): number {
  let m = 0;
  for (const f of PREFERENCE_FITS) {
    // Disability is sensitive data: without its consent it must not be used at all.
    const gs = f.groups.filter((g) => g !== 'disabled' || sensitive);
    if (groups.some((g) => gs.includes(g))) m |= f.bit;
  }
  return m;
}

/**
 * Appends the entry (row, key) to a bucket. `key` packs what the queries need to bound the
 * row's score without touching its columns (see matching.engine.ts); a row whose key changes
 * gets a fresh entry (older ones are stale and harmless: rows are re-checked when visited).
 */
function addTo(
  map: Map<number, IntList>,
  bucket: number,
  row: number,
  key: number,
  w2?: number,
  w3?: number,
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
  }
}

/**
 * The in-process matching index (ENGINEERING.md "matching"): open postings and active seekers
 * in typed-array columns with inverted indexes by occupation prefix and region, built from
 * PostgreSQL and kept fresh row by row (see matching.live.ts).
 */
export class MatchingIndex {
  readonly postings = new Table(POSTING_LAYOUT, 1024);
  readonly seekers = new Table(SEEKER_LAYOUT, 1024);
  private postingIds = new IdTable(() => this.postings.cols.id);
  private seekerIds = new IdTable(() => this.seekers.cols.id);
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
  private readonly seenOcc = new Set<number>();
  private readonly seenRegion = new Set<number>();
  /** region code → dense id (1…) for seeker keys; 0 = no region */
  readonly regionDense = new Uint16Array(100_000);
  /** occupation · 100,000 + region → first posting row of that run (set by renumber) */
  readonly cells = new Map<number, number>();
  /** first occupation · 100,000 + home region → first seeker row of that run (set by renumber) */
  readonly seekerCells = new Map<number, number>();
  private nDense = 0;
  readonly centres = new Interner();
  readonly certificates = new Interner();
  readonly employmentTypes = new Interner();

  private noteOcc(enc: number): void {
    if (enc < 0 || this.seenOcc.has(enc)) return;
    this.seenOcc.add(enc);
    for (let k = 1; k <= (enc & 7); k++) {
      const p = occPrefix(enc, k);
      const list = this.occPrefixes.get(p);
      if (list) list.push(enc);
      else this.occPrefixes.set(p, [enc]);
    }
  }

  private noteRegion(r: number): void {
    if (r === 0 || this.seenRegion.has(r)) return;
    this.seenRegion.add(r);
    this.regionDense[r] = ++this.nDense;
    const s = sidoOf(r);
    const list = this.sidoRegions.get(s);
    if (list) list.push(r);
    else this.sidoRegions.set(s, [r]);
  }

  private tokens(pool: IntList, text: string): [number, number] {
    const t = tokenHashes(text);
    const start = pool.length;
    const n = Math.min(t.length, 0xffff);
    for (let i = 0; i < n; i++) pool.push(t[i] as number);
    return [start, n];
  }

  private empBit(code: string): number {
    // Six Worknet codes exist; bit 7 is the catch-all so the mask stays one byte.
    return Math.min(this.employmentTypes.id(code) - 1, 7);
  }

  /** Inserts or refreshes a posting; a posting that is not open stays as a dead row. */
  upsertPosting(r: PostingRecord): number {
    const T = this.postings;
    writeUuid(idWords, 0, r.id);
    let pi = this.postingIds.find(idWords, 0);
    const fresh = pi < 0;
    if (fresh) {
      if (!r.open) return -1;
      pi = T.add();
      T.cols.id.set(idWords, pi * 4);
      this.postingIds.insert(pi);
    }
    const P = T.cols;
    const occ = encodeOcc(r.occupation);
    const region = encodeRegion(r.region);
    const oldOcc = P.occ[pi] as number;
    const oldRegion = P.region[pi] as number;
    const oldTail = fresh ? -1 : postingTail(P, pi);
    const oldWage = fresh ? -1 : postingWageWord(P, pi);
    const oldDay = fresh ? -1 : postingDayWord(P, pi);
    P.occ[pi] = occ;
    P.region[pi] = region;
    P.wage[pi] = r.wageMonthly;
    P.emp[pi] = this.empBit(r.employmentType);
    P.edu[pi] = Number(r.educationMin) || 0;
    P.careerType[pi] = CAREER_CODES[r.careerType] ?? 1;
    P.careerMin[pi] = Math.min(r.careerMinMonths, 0xffff);
    P.headcount[pi] = Math.min(Math.max(r.headcount, 1), 0xffff);
    P.created[pi] = seoulDay(r.createdAt);
    P.closes[pi] = dayOfDate(r.closesAt);
    P.flags[pi] =
      (r.open ? ALIVE : 0) | (r.preferences.includes(ONLY_DISABLED_PREFERENCE) ? ONLY_DISABLED : 0);
    P.pref[pi] = prefMask(r.preferences);
    for (let j = 0; j < SLOTS.certificates; j++) {
      const c = r.certificates[j];
      P.certs[pi * 4 + j] = c ? this.certificates.id(c) : 0;
    }
    const [start, n] = this.tokens(this.pTok, r.text);
    P.tokStart[pi] = start;
    P.tokLen[pi] = n;
    P.ub[pi] = postingBound(P, pi);
    const tail = postingTail(P, pi);
    const wage = postingWageWord(P, pi);
    const day = postingDayWord(P, pi);
    if (
      fresh ||
      oldOcc !== occ ||
      oldRegion !== region ||
      oldTail !== tail ||
      oldWage !== wage ||
      oldDay !== day
    ) {
      this.noteOcc(occ);
      this.noteRegion(region);
      this.addPostingEntries(pi);
    }
    return pi;
  }

  /** Bucket entries of a posting: row, region (or occupation + 1) · 2^14 + tail, wage word, day word. */
  private addPostingEntries(pi: number): void {
    const P = this.postings.cols;
    const occ = P.occ[pi] as number;
    const region = P.region[pi] as number;
    const tail = postingTail(P, pi);
    const wage = postingWageWord(P, pi);
    const day = postingDayWord(P, pi);
    addTo(this.pOcc, occ, pi, region * 16384 + tail, wage, day);
    addTo(this.pReg, region, pi, (occ + 1) * 16384 + tail, wage, day);
  }

  /** Every bucket entry of a seeker (its occupations, home and desired regions). */
  private addSeekerEntries(si: number): void {
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

  /** Inserts or refreshes a seeker; `row` 0 fills the scratch row for an ad-hoc query. */
  upsertSeeker(r: SeekerRecord, row = -1): number {
    const T = this.seekers;
    writeUuid(idWords, 0, r.id);
    let si = row >= 0 ? row : this.seekerIds.find(idWords, 0);
    const fresh = si < 0;
    if (fresh) {
      if (!r.active) return -1;
      si = T.add();
      T.cols.id.set(idWords, si * 4);
      this.seekerIds.insert(si);
    } else if (row === 0) T.cols.id.set(idWords, 0);
    const S = T.cols;
    const indexed = si !== 0;
    const oldKey = fresh ? -1 : seekerKey(S, si, this.regionDense[S.region[si] as number] as number);
    const oldOccs = fresh ? [] : Array.from(S.occ.subarray(si * 4, si * 4 + 4));
    const oldWants = fresh ? [] : Array.from(S.regions.subarray(si * 3, si * 3 + 3));
    const oldHome = fresh ? 0 : (S.region[si] as number);
    const occs = r.occupations
      .slice(0, SLOTS.occupations)
      .map(encodeOcc)
      .filter((e) => e >= 0);
    for (let j = 0; j < SLOTS.occupations; j++) S.occ[si * 4 + j] = occs[j] ?? -1;
    const home = encodeRegion(r.region);
    S.region[si] = home;
    const wants = r.regions
      .slice(0, SLOTS.regions)
      .map(encodeRegion)
      .filter((x) => x > 0);
    for (let j = 0; j < SLOTS.regions; j++) S.regions[si * 3 + j] = wants[j] ?? 0;
    S.centre[si] = this.centres.id(r.centreId);
    S.edu[si] = Number(r.education) || 0;
    let mask = 0;
    for (const e of r.employmentTypes) mask |= 1 << this.empBit(e);
    S.empMask[si] = mask;
    S.wage[si] = r.wageMonthly ?? 0;
    S.careerMonths[si] = Math.min(r.careerMonths, 0xffff);
    for (let j = 0; j < SLOTS.certificates; j++) {
      const c = r.certificates[j];
      S.certs[si * 4 + j] = c ? this.certificates.id(c) : 0;
    }
    S.fit[si] = fitMask(r.targetGroups, r.consentSensitive);
    const disabledOk = r.consentSensitive && r.targetGroups.includes('disabled');
    S.flags[si] = (r.active ? ALIVE : 0) | (r.consentShare ? SHARED : 0) | (disabledOk ? DISABLED_OK : 0);
    const [start, n] = this.tokens(this.sTok, r.text);
    S.tokStart[si] = start;
    S.tokLen[si] = n;
    S.ub[si] = seekerBound(S, si);
    if (indexed) {
      this.noteRegion(home);
      const key = seekerKey(S, si, this.regionDense[home] as number);
      const changed = fresh || key !== oldKey;
      for (const e of occs) {
        this.noteOcc(e);
        if (changed || !oldOccs.includes(e)) addTo(this.sOcc, e, si, key);
      }
      if (changed || oldHome !== home) addTo(this.sHome, home, si, key);
      for (const w of wants) {
        this.noteRegion(w);
        if (changed || !oldWants.includes(w)) addTo(this.sWant, w, si, key);
      }
      const moved =
        oldHome !== home || oldWants.join() !== Array.from(S.regions.subarray(si * 3, si * 3 + 3)).join();
      if (changed || moved || oldOccs.join() !== Array.from(S.occ.subarray(si * 4, si * 4 + 4)).join())
        this.addAwayEntries(si, key);
    }
    return si;
  }

  /**
   * Entries of a seeker by (occupation, 시도 of a desired region outside its home 시도): the
   * occupation buckets bound place by the home alone, and these find the seekers whose wish
   * brings them to a posting's 시도 (matching.engine.ts topSeekers).
   */
  private addAwayEntries(si: number, key: number): void {
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
    for (const l of this.pReg.values()) if (tail(l)) sortEntries(l, P_ENTRY, byCap);
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

  setOpenReferrals(postingId: string, n: number): void {
    const pi = this.postingRow(postingId);
    if (pi <= 0) return;
    this.postings.cols.openRefs[pi] = Math.min(n, 0xffff);
    this.postings.cols.ub[pi] = postingBound(this.postings.cols, pi);
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

  /** Best open postings for a seeker record (written to the scratch row first). */
  recommend(seeker: SeekerRecord, limit: number, now = Date.now()): Ranked[] {
    const si = this.upsertSeeker(seeker, 0);
    const top = topPostings(this.data(), si, limit, seoulDay(now));
    const out: Ranked[] = [];
    for (let i = 0; i < top.n; i++) {
      const row = top.rows[i] as number;
      out.push({ id: readUuid(this.postings.cols.id, row * 4), row, score: top.scores[i] as number });
    }
    return out;
  }

  /** Best active seekers for an indexed posting; `centreScope` null = every centre. */
  candidates(
    postingId: string,
    limit: number,
    centreScope: readonly string[] | null,
    now = Date.now(),
  ): Ranked[] {
    const pi = this.postingRow(postingId);
    if (pi <= 0 || !(this.postings.cols.flags[pi]! & ALIVE)) return [];
    let visible: Uint8Array | null = null;
    if (centreScope !== null) {
      visible = new Uint8Array(this.centres.names.length + centreScope.length + 1);
      for (const c of centreScope) visible[this.centres.id(c)] = 1;
    }
    const top = topSeekers(this.data(), pi, limit, seoulDay(now), visible);
    const out: Ranked[] = [];
    for (let i = 0; i < top.n; i++) {
      const row = top.rows[i] as number;
      out.push({ id: readUuid(this.seekers.cols.id, row * 4), row, score: top.scores[i] as number });
    }
    return out;
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
