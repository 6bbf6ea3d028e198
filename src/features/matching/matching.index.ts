import { postingBloomWord } from './matching.bloom.ts';
import { addTo, IndexStore } from './matching.buckets.ts';
import { ONLY_DISABLED_PREFERENCE, PREFERENCE_FITS, SLOTS } from './matching.constants.ts';
import { topPostings, topSeekers } from './matching.engine.ts';
import type { PostingRecord, SeekerRecord } from './matching.rows.ts';
import { tokenHashes } from './matching.rows.ts';
import { postingDayWord, postingTail, postingWageWord, seekerBound, seekerKey } from './matching.score.ts';
import {
  ALIVE,
  DISABLED_OK,
  dayOfDate,
  encodeOcc,
  encodeRegion,
  type IntList,
  ONLY_DISABLED,
  readUuid,
  SHARED,
  seoulDay,
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
 * The in-process matching index (ENGINEERING.md "matching"): open postings and active seekers
 * in typed-array columns with inverted indexes by occupation prefix and region, built from
 * PostgreSQL and kept fresh row by row (see matching.live.ts).
 */
export class MatchingIndex extends IndexStore {
  private tokens(pool: IntList, text: string): [number, number] {
    const t = tokenHashes(text);
    const start = pool.length;
    const n = Math.min(t.length, 0xffff);
    for (let i = 0; i < n; i++) pool.push(t[i] as number);
    return [start, n];
  }

  /** A row's certificate ids, each once (a repeated code counts once in the score). */
  private certIds(codes: readonly string[], col: Uint16Array | Int32Array, row: number): void {
    const unique = [...new Set(codes.filter(Boolean))];
    for (let j = 0; j < SLOTS.certificates; j++) {
      const c = unique[j];
      col[row * 4 + j] = c ? this.certificates.id(c) : 0;
    }
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
    const oldBloom = fresh ? -1 : postingBloomWord(P, this.pTok.data, pi);
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
    this.certIds(r.certificates, P.certs, pi);
    const [start, n] = this.tokens(this.pTok, r.text);
    P.tokStart[pi] = start;
    P.tokLen[pi] = n;
    const tail = postingTail(P, pi);
    const wage = postingWageWord(P, pi);
    const day = postingDayWord(P, pi);
    const bloom = postingBloomWord(P, this.pTok.data, pi);
    if (
      fresh ||
      oldOcc !== occ ||
      oldRegion !== region ||
      oldTail !== tail ||
      oldWage !== wage ||
      oldDay !== day ||
      oldBloom !== bloom
    ) {
      this.noteOcc(occ);
      this.noteRegion(region);
      this.addPostingEntries(pi);
    }
    return pi;
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
    this.certIds(r.certificates, S.certs, si);
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

  setOpenReferrals(postingId: string, n: number): void {
    const pi = this.postingRow(postingId);
    if (pi <= 0) return;
    this.postings.cols.openRefs[pi] = Math.min(n, 0xffff);
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

  /** Rows hidden from one candidates query (set and cleared around it). */
  private hiddenRows: Uint8Array | null = null;

  /**
   * Best active seekers for an indexed posting; `centreScope` null = every centre. `hidden`
   * rows are never offered (seekers the access rule refused this caller).
   */
  candidates(
    postingId: string,
    limit: number,
    centreScope: readonly string[] | null,
    now = Date.now(),
    hidden: readonly number[] = [],
  ): Ranked[] {
    const pi = this.postingRow(postingId);
    if (pi <= 0 || !(this.postings.cols.flags[pi]! & ALIVE)) return [];
    let visible: Uint8Array | null = null;
    if (centreScope !== null) {
      visible = new Uint8Array(this.centres.names.length + centreScope.length + 1);
      for (const c of centreScope) visible[this.centres.id(c)] = 1;
    }
    let mask: Uint8Array | null = null;
    if (hidden.length) {
      const n = this.seekers.cols.id.length / 4;
      if (!this.hiddenRows || this.hiddenRows.length < n) this.hiddenRows = new Uint8Array(n);
      mask = this.hiddenRows;
      for (const r of hidden) mask[r] = 1;
    }
    let top: ReturnType<typeof topSeekers>;
    try {
      top = topSeekers(this.data(), pi, limit, seoulDay(now), visible, undefined, mask);
    } finally {
      if (mask) for (const r of hidden) mask[r] = 0;
    }
    const out: Ranked[] = [];
    for (let i = 0; i < top.n; i++) {
      const row = top.rows[i] as number;
      out.push({ id: readUuid(this.seekers.cols.id, row * 4), row, score: top.scores[i] as number });
    }
    return out;
  }
}
