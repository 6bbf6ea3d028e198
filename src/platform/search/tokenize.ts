/**
 * Korean-aware tokenizer for the `search_tokens text[]` columns.
 *
 * pg_trgm cannot index words of one or two Hangul syllables (요양, 경리, 용접)
 * because every trigram of such a word spans its padding, so we compute our own
 * tokens, store them in a `text[]` column with a GIN index, filter with `@>` and
 * rank in SQL (see `sql.ts`).
 *
 * Token scheme (two namespaces that can never collide):
 * - `요양`   — a Hangul syllable bigram: exactly two syllables U+AC00–U+D7A3, no
 *             prefix. Every run of ≥ 2 syllables contributes all its bigrams.
 * - `w:…`    — a whole word: `w:요양보호사`, `w:java`, `w:c++`, `w:3`, `w:집`.
 *             Words are split at every non letter/mark/number character and
 *             again at each Hangul/non-Hangul boundary (`co2용접공` → `co2`,
 *             `용접공`). A Hangul word that ends in a particle (를, 에서, …) also
 *             yields its stem (`w:요양보호사` from `요양보호사를`) when the stem
 *             keeps ≥ 2 syllables. Words longer than {@link MAX_WORD_LENGTH}
 *             code units get no whole-word token (GIN entries have a size limit).
 * Bigrams carry no prefix because they are by far the most numerous tokens; a
 * bigram is two Hangul syllables, so it can never start with `w:`. Hence the
 * two-syllable word 요양 yields both `요양` and `w:요양`, distinguishable.
 *
 * Matching: a query word of ≥ 2 syllables requires all of its bigrams, so any
 * document word that contains it as a substring matches (요양 ⊂ 요양보호사). The
 * price is false positives: 자바 matches 자바라, and 보호사 matches a document
 * that has 보호 and 호사 in different words. Ranking (whole-word bonus, bigram
 * adjacency, shorter documents first) puts the real hits on top.
 * @module
 */

/** Whole-word tokens longer than this (in UTF-16 code units) are not emitted. */
export const MAX_WORD_LENGTH = 48;
/** A query requires (and ranks by) at most this many tokens; the rest only loosen the match. */
export const MAX_QUERY_TOKENS = 64;
/** Prefix that marks whole-word tokens apart from unprefixed syllable bigrams. */
export const WHOLE_WORD_PREFIX = 'w:';

const SEP = 0;
const WORD = 1;
const SYLLABLE = 2;
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

// Compatibility jamo (ㄱ, ㅋㅋ) and their half-width forms: NFKC would turn them
// into conjoining jamo and even compose ㄱㅏ into 가, so they bypass NFKC.
const isProtectedJamo = (c: number): boolean => (c >= 0x3131 && c <= 0x318e) || (c >= 0xffa0 && c <= 0xffdc);

const ASTRAL_WORD = /^[\p{L}\p{M}\p{N}]/u;

interface Tables {
  /** Character class of every BMP code unit; surrogates are SEP. */
  readonly cls: Uint8Array;
  /** Conjoining jamo U+1100+i → its compatibility jamo, or 0. */
  readonly conjoiningToCompat: Uint16Array;
  /** Half-width jamo U+FFA0+i → its compatibility jamo, or 0. */
  readonly halfwidthToCompat: Uint16Array;
}

let tables: Tables | undefined;

/** Built once, lazily: one regex scan over the BMP beats a regex per character later. */
function getTables(): Tables {
  if (tables !== undefined) return tables;
  const cls = new Uint8Array(0x10000);
  let bmp = '';
  for (let c = 0; c < 0xd800; c++) bmp += String.fromCharCode(c);
  const tailStart = bmp.length;
  for (let c = 0xe000; c < 0x10000; c++) bmp += String.fromCharCode(c);
  for (const m of bmp.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const from = m.index;
    for (let i = from; i < from + m[0].length; i++) {
      cls[i < tailStart ? i : i - tailStart + 0xe000] = WORD;
    }
  }
  for (let c = HANGUL_FIRST; c <= HANGUL_LAST; c++) cls[c] = SYLLABLE;
  // Hangul fillers are invisible letters and ㆍ (araea) is used as a middle dot
  // in 경리ㆍ회계; variation selectors would otherwise become one-mark "words".
  for (const c of [0x115f, 0x1160, 0x3164, 0xffa0, 0x318d, 0x119e]) cls[c] = SEP;
  for (let c = 0xfe00; c <= 0xfe0f; c++) cls[c] = SEP;

  const conjoiningToCompat = new Uint16Array(0x100);
  for (let c = 0x3131; c <= 0x318e; c++) {
    const n = String.fromCharCode(c).normalize('NFKC');
    const d = n.charCodeAt(0) - 0x1100;
    if (n.length === 1 && d >= 0 && d < 0x100 && conjoiningToCompat[d] === 0) {
      conjoiningToCompat[d] = c;
    }
  }
  const halfwidthToCompat = new Uint16Array(0x3d);
  for (let c = 0xffa0; c <= 0xffdc; c++) {
    const d = String.fromCharCode(c).normalize('NFKC').charCodeAt(0) - 0x1100;
    halfwidthToCompat[c - 0xffa0] = d >= 0 && d < 0x100 ? (conjoiningToCompat[d] ?? 0) : 0;
  }
  tables = { cls, conjoiningToCompat, halfwidthToCompat };
  return tables;
}

const PROTECTED_JAMO = /[\u3131-\u318e\uffa0-\uffdc]/;

/** NFKC everywhere except on compatibility/half-width jamo, which stay (as compatibility jamo). */
function nfkcKeepingJamo(text: string, t: Tables): string {
  // One native regex scan: nearly every text has no jamo and takes the fast path.
  if (!PROTECTED_JAMO.test(text)) return text.normalize('NFKC');
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isProtectedJamo(c)) continue;
    if (start < i) out += text.slice(start, i).normalize('NFKC');
    const mapped = c >= 0xffa0 ? (t.halfwidthToCompat[c - 0xffa0] ?? 0) : c;
    out += mapped === 0 ? String.fromCharCode(c).normalize('NFKC') : String.fromCharCode(mapped);
    start = i + 1;
  }
  if (start < text.length) out += text.slice(start).normalize('NFKC');
  return out;
}

/** Class of the code unit at `i` (surrogate pairs resolved); SEP past the end. */
function classAt(s: string, i: number, cls: Uint8Array): number {
  if (i >= s.length) return SEP;
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return ASTRAL_WORD.test(s.slice(i, i + 2)) ? WORD : SEP;
  return cls[c] ?? SEP;
}

/** Maps leftover conjoining jamo (e.g. from NFKC of ㉠) to compatibility jamo. */
function mapConjoining(word: string, t: Tables): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const m = c >= 0x1100 && c <= 0x11ff ? (t.conjoiningToCompat[c - 0x1100] ?? 0) : 0;
    out += String.fromCharCode(m === 0 ? c : m);
  }
  return out;
}

/** Segment flag: the segment is a run of Hangul syllables. */
const F_HANGUL = 1;
/** Segment flag: the segment starts a new word (a separator precedes it). */
const F_WORD_START = 2;

/** Words of a text split at Hangul/non-Hangul boundaries, with F_* flags. */
interface Segments {
  readonly segs: string[];
  readonly flags: number[];
}

function pushSegment(out: Segments, seg: string, flags: number, conjoining: boolean): void {
  out.segs.push(conjoining ? mapConjoining(seg, getTables()) : seg);
  out.flags.push(flags);
}

/**
 * The one scanner behind normalize, indexTokens and queryTokens, so documents
 * and queries are cut identically: NFKC (jamo excepted), lowercase, anything
 * but a letter, mark or number separates words, except inside the allow-listed
 * c++, c#, f# and .net; words are then cut where Hangul syllables start or end.
 * A single charCode loop with a class table: it runs over every row of a bulk load.
 */
function scan(text: string): Segments {
  const t = getTables();
  const folded = nfkcKeepingJamo(text, t);
  let s = folded.toLowerCase();
  // Lowercasing can denormalize (İ → i + U+0307 then reorders with other marks),
  // so whatever it changed goes through NFKC once more, keeping normalize idempotent.
  if (s !== folded) s = nfkcKeepingJamo(s, t);
  const cls = t.cls;
  const out: Segments = { segs: [], flags: [] };
  const n = s.length;
  let start = -1; // start of the current segment, -1 between words
  let hangul = false;
  let wordStart = F_WORD_START;
  let conjoining = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = c >= 0xd800 && c <= 0xdbff ? classAt(s, i, cls) : (cls[c] ?? SEP);
    if (k !== SEP) {
      const h = k === SYLLABLE;
      if (start < 0) {
        start = i;
        hangul = h;
      } else if (h !== hangul) {
        pushSegment(out, s.slice(start, i), (hangul ? F_HANGUL : 0) | wordStart, conjoining);
        wordStart = 0;
        conjoining = false;
        start = i;
        hangul = h;
      }
      if (c >= 0xd800 && c <= 0xdbff) {
        i++; // k !== SEP, so this is a valid pair: skip its low half
      } else if (c >= 0x1100 && c <= 0x11ff) {
        conjoining = true;
      }
      continue;
    }
    // Allow-list: `c++`, `c#`, `f#` when that letter is the whole segment so far.
    if ((c === 0x2b || c === 0x23) && start === i - 1) {
      const p = s.charCodeAt(i - 1);
      const end =
        p === 0x63 && c === 0x2b && s.charCodeAt(i + 1) === 0x2b
          ? i + 2
          : (p === 0x63 || p === 0x66) && c === 0x23
            ? i + 1
            : -1;
      if (end > 0 && classAt(s, end, cls) !== WORD) {
        i = end - 1;
        continue;
      }
    }
    if (start >= 0) {
      pushSegment(out, s.slice(start, i), (hangul ? F_HANGUL : 0) | wordStart, conjoining);
      wordStart = F_WORD_START;
      conjoining = false;
      start = -1;
    }
    // Allow-list: `.net` starts a word of its own, even in `asp.net`.
    if (c === 0x2e && s.startsWith('net', i + 1) && classAt(s, i + 4, cls) !== WORD) {
      start = i;
      hangul = false;
      i += 3;
    }
  }
  if (start >= 0) {
    pushSegment(out, s.slice(start), (hangul ? F_HANGUL : 0) | wordStart, conjoining);
  }
  return out;
}

/**
 * Normalizes text for search: NFKC (so full-width Ｊａｖａ becomes java),
 * lowercase, punctuation and symbols replaced by a single space, whitespace
 * collapsed and trimmed. Hangul compatibility jamo (ㅋㅋ) are kept as they are,
 * and the allow-listed tokens c++, c#, f#, .net keep their punctuation.
 */
export function normalize(text: string): string {
  const { segs, flags } = scan(text);
  let out = '';
  for (let i = 0; i < segs.length; i++) {
    out += i > 0 && ((flags[i] ?? 0) & F_WORD_START) !== 0 ? ` ${segs[i]}` : segs[i];
  }
  return out;
}

// Interned bigram strings keyed by syllable pair: a repeated bigram then costs a
// Map lookup instead of a fresh string whose hash Set.add must compute (~8% on
// bulk loads). Bounded to a few MB: 11172² pairs exist, and the first 65536 seen
// include the frequent ones.
const BIGRAM_CACHE_LIMIT = 1 << 16;
const bigramCache = new Map<number, string>();

function addBigrams(seg: string, into: Set<string>): void {
  let a = seg.charCodeAt(0) - HANGUL_FIRST;
  for (let i = 1; i < seg.length; i++) {
    const b = seg.charCodeAt(i) - HANGUL_FIRST;
    const key = a * 11172 + b;
    let bigram = bigramCache.get(key);
    if (bigram === undefined) {
      bigram = seg.slice(i - 1, i + 1);
      if (bigramCache.size < BIGRAM_CACHE_LIMIT) bigramCache.set(key, bigram);
    }
    into.add(bigram);
    a = b;
  }
}

// Particles and endings stripped from the end of a Hangul word, two-syllable
// ones first so 에서 wins over 서-less 에.
const INDEX_PARTICLES_2 = ['에서', '으로'];
const INDEX_PARTICLES_1 = new Set('은는이가을를의에로와과도만');
// Queries strip only particles that (almost) never end a noun: stripping 가 or
// 도 would turn 전문가 into 전문 and 경기도 into 경기, matching far too much.
const QUERY_PARTICLES_2 = INDEX_PARTICLES_2;
const QUERY_PARTICLES_1 = new Set('은는을를와');

/** The stem of a Hangul word without a trailing particle, or undefined. */
function stripParticle(seg: string, two: readonly string[], one: ReadonlySet<string>): string | undefined {
  const n = seg.length;
  if (n >= 4) {
    const tail = seg.slice(n - 2);
    for (const p of two) if (tail === p) return seg.slice(0, n - 2);
  }
  if (n >= 3 && one.has(seg.charAt(n - 1))) return seg.slice(0, n - 1);
  return undefined;
}

const whole = (w: string): string => WHOLE_WORD_PREFIX + w;

/**
 * Distinct search tokens of a document, to store in its `text[]` column: a
 * whole-word token per word (plus the particle-stripped stem of Hangul words),
 * and every syllable bigram of every Hangul run. Never throws; returns [] for
 * text without letters or digits.
 */
export function indexTokens(text: string): string[] {
  const out = new Set<string>();
  const { segs, flags } = scan(text);
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] ?? '';
    if (seg.length <= MAX_WORD_LENGTH) out.add(WHOLE_WORD_PREFIX + seg);
    if (((flags[i] ?? 0) & F_HANGUL) === 0) continue;
    addBigrams(seg, out);
    const stem = stripParticle(seg, INDEX_PARTICLES_2, INDEX_PARTICLES_1);
    if (stem !== undefined && stem.length <= MAX_WORD_LENGTH) out.add(WHOLE_WORD_PREFIX + stem);
  }
  return Array.from(out);
}

/** Tokens of a search query, see {@link queryTokens}. */
export interface QueryTokens {
  /** One group per query word; every token of every group must be present (AND). */
  readonly groups: readonly (readonly string[])[];
  /** All tokens of all groups, distinct: the document array must contain them all. */
  readonly required: readonly string[];
  /**
   * Tokens that only raise the rank: whole-word tokens of Hangul words, the
   * unstripped form of words that ended in a particle, and the bigram across
   * two adjacent Hangul query words (요양 보호사 → 양보, found in 요양보호사).
   */
  readonly bonus: readonly string[];
}

/**
 * Splits a search query into token groups. A Hangul word of ≥ 2 syllables
 * requires all its bigrams (a two-syllable word is exactly one bigram), so it
 * matches any document word containing it; a single syllable, Latin word or
 * number requires its whole-word token. Words are ANDed. A query with no
 * letters or digits yields no groups: callers should then skip the filter.
 */
export function queryTokens(query: string): QueryTokens {
  const groups: string[][] = [];
  const seenGroups = new Set<string>();
  const required = new Set<string>();
  const bonus = new Set<string>();
  let prevHangul: string | undefined;

  const addGroup = (tokens: readonly string[]): void => {
    // Past the budget, tokens are dropped: that only loosens the filter, it
    // never hides a document that contains the query.
    let room = MAX_QUERY_TOKENS - required.size;
    const kept = tokens.filter((tk) => required.has(tk) || room-- > 0);
    const key = kept.join(' ');
    if (kept.length === 0 || seenGroups.has(key)) return;
    seenGroups.add(key);
    groups.push(kept);
    for (const tk of kept) required.add(tk);
  };

  const emit = (seg: string, hangul: boolean): void => {
    if (!hangul) {
      prevHangul = undefined;
      if (seg.length <= MAX_WORD_LENGTH) addGroup([whole(seg)]);
      return;
    }
    if (prevHangul !== undefined) {
      bonus.add(prevHangul.charAt(prevHangul.length - 1) + seg.charAt(0));
    }
    prevHangul = seg;
    if (seg.length === 1) {
      addGroup([whole(seg)]);
      return;
    }
    const stem = stripParticle(seg, QUERY_PARTICLES_2, QUERY_PARTICLES_1) ?? seg;
    const bigrams = new Set<string>();
    addBigrams(stem, bigrams);
    addGroup(Array.from(bigrams));
    if (seg.length <= MAX_WORD_LENGTH) bonus.add(whole(seg));
    if (stem !== seg) {
      bonus.add(whole(stem));
      addBigrams(seg, bonus);
    }
  };
  const { segs, flags } = scan(query);
  for (let i = 0; i < segs.length; i++) emit(segs[i] ?? '', ((flags[i] ?? 0) & F_HANGUL) !== 0);
  for (const tk of required) bonus.delete(tk);
  // Bonus tokens become SQL parameters too, so a pasted essay stays bounded.
  const bonusList = Array.from(bonus).slice(0, MAX_QUERY_TOKENS);
  return { groups, required: Array.from(required), bonus: bonusList };
}
