// Pruned queries against an exhaustive scan on random data: the same rows, scores and order.
import { describe, expect, it } from 'vitest';
import { scorePair, type TopK, topPostings, topSeekers } from './matching.engine.ts';
import { MatchingIndex } from './matching.index.ts';
import type { PostingRecord, SeekerRecord } from './matching.rows.ts';
import { ALIVE, cmpIds, SHARED, seoulDay } from './matching.store.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OCCS = ['5502', '5501', '5511', '5611', '56', '550', '0111', '0112', '2', '9999', 'x'];
const REGIONS = ['11140', '11110', '11', '26110', '26', '41110', '', 'zz'];
const WORDS = ['요양', '돌봄', '운전', '경리', '용접', '사무', '포장', '조리'];
const CERTS = ['a', 'b', 'c', 'd'];
const EMP = ['10', '11', '20', '4'];
const NOW = Date.parse('2026-11-22T03:00:00Z');
const DAY = 86_400_000;

function world(seed: number, nP: number, nS: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(xs.length * r())] as T;
  const some = <T>(xs: readonly T[], max: number) => [
    ...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs))),
  ];
  const uuid = () =>
    Array.from({ length: 4 }, () =>
      Math.floor(r() * (r() < 0.5 ? 4 : 0x100000000))
        .toString(16)
        .padStart(8, '0'),
    )
      .join('')
      .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  const posting = (id: string): PostingRecord => ({
    id,
    occupation: pick(OCCS),
    region: pick(REGIONS),
    wageMonthly: Math.floor(r() * 4) * 500_000,
    employmentType: pick(EMP),
    educationMin: pick(['00', '00', '03', '05']),
    careerType: pick(['N', 'E', 'Z']),
    careerMinMonths: Math.floor(r() * 3) * 12,
    headcount: 1 + Math.floor(r() * 3),
    createdAt: NOW - Math.floor(r() * 40) * DAY,
    closesAt: new Date(NOW + (Math.floor(r() * 10) - 2) * DAY).toISOString().slice(0, 10),
    open: r() < 0.9,
    preferences: some(['B', 'D', '07', '08', 'S'], 1),
    certificates: some(CERTS, 3),
    text: some(WORDS, 5).join(' '),
  });
  const seeker = (id: string): SeekerRecord => ({
    id,
    centreId: pick(['c1', 'c2', 'c3']),
    region: pick(REGIONS),
    education: pick(['02', '03', '05']),
    occupations: some(OCCS, 3),
    regions: some(REGIONS, 2),
    employmentTypes: some(EMP, 2),
    wageMonthly: r() < 0.8 ? Math.floor(r() * 4) * 500_000 : null,
    careerMonths: Math.floor(r() * 30),
    certificates: some(CERTS, 2),
    targetGroups: some(['disabled', 'senior', 'low_income', 'youth'], 2),
    active: r() < 0.9,
    consentShare: r() < 0.5,
    consentSensitive: r() < 0.5,
    text: some(WORDS, 4).join(' '),
  });
  const index = new MatchingIndex();
  const pIds = Array.from({ length: nP }, uuid);
  const sIds = Array.from({ length: nS }, uuid);
  for (const id of pIds) index.upsertPosting(posting(id));
  for (const id of sIds) index.upsertSeeker(seeker(id));
  // As after a build: rows renumbered, buckets in bound order; the changes below append an
  // unsorted tail.
  index.renumber();
  // Changes leave stale bucket entries behind; removals and congestion move bounds.
  for (let i = 0; i < nP / 5; i++) index.upsertPosting(posting(pick(pIds)));
  for (let i = 0; i < nS / 5; i++) index.upsertSeeker(seeker(pick(sIds)));
  for (let i = 0; i < nP / 4; i++) index.setOpenReferrals(pick(pIds), Math.floor(r() * 6));
  for (let i = 0; i < 5; i++) index.remove('posting', pick(pIds));
  for (let i = 0; i < 5; i++) index.remove('seeker', pick(sIds));
  return { index, r, seeker };
}

const out = new Int16Array(10);

function exhaustive(n: number, rows: number[], score: (row: number) => number, ids: Uint32Array) {
  return rows
    .map((row) => ({ row, score: score(row) }))
    .sort((a, b) => b.score - a.score || cmpIds(ids, a.row, ids, b.row))
    .slice(0, n);
}

const listOf = (t: TopK) =>
  Array.from({ length: t.n }, (_, i) => ({ row: t.rows[i] as number, score: t.scores[i] as number }));

describe('matching engine pruning', () => {
  for (const [seed, nP, nS] of [
    [1, 300, 400],
    [2, 2000, 1500],
    [3, 60, 80],
    [4, 800, 3000],
    [5, 150, 600],
  ] as const) {
    it(`gives the exhaustive top-N for both directions (seed ${seed})`, () => {
      const { index, r, seeker } = world(seed, nP, nS);
      const E = index.data();
      const today = seoulDay(NOW);
      const { P, S } = E;
      const postingRows = [] as number[];
      for (let pi = 1; pi < E.pLength; pi++) {
        if ((P.flags[pi] as number) & ALIVE && (P.closes[pi] as number) >= today) postingRows.push(pi);
      }
      let reused: TopK | undefined;
      for (let q = 0; q < 150; q++) {
        const si =
          q % 3 === 0
            ? index.upsertSeeker(seeker('00000000-0000-0000-0000-000000000000'), 0)
            : 1 + Math.floor(r() * (E.sLength - 1));
        const n = [1, 5, 20, 50][q % 4] as number;
        const want = exhaustive(
          n,
          postingRows.filter((pi) => {
            const eduMin = P.edu[pi] as number;
            if (eduMin !== 0 && (S.edu[si] as number) < eduMin) return false;
            return !((P.flags[pi] as number) & 2) || ((S.flags[si] as number) & 4) !== 0;
          }),
          (pi) => scorePair(E, pi, si, today, out),
          P.id,
        );
        expect(listOf(topPostings(E, si, n, today))).toEqual(want);
        reused = topPostings(E, si, n, today, reused);
        expect(listOf(reused)).toEqual(want);
        // Hints (any rows, even closed or ineligible ones) change nothing but the work done.
        const hints = Int32Array.from({ length: 8 }, () => 1 + Math.floor(r() * (E.pLength - 1)));
        expect(listOf(topPostings(E, si, n, today, undefined, hints, hints.length))).toEqual(want);
      }
      for (let q = 0; q < 150; q++) {
        const pi = postingRows[Math.floor(r() * postingRows.length)] as number;
        const n = [1, 5, 20, 50][q % 4] as number;
        const visible = q % 2 ? null : Uint8Array.from([0, 1, 0, 0]);
        const rows = [] as number[];
        for (let si = 1; si < E.sLength; si++) {
          const f = S.flags[si] as number;
          if (!(f & ALIVE)) continue;
          if (visible && visible[S.centre[si] as number] !== 1 && !(f & SHARED)) continue;
          const eduMin = P.edu[pi] as number;
          if (eduMin !== 0 && (S.edu[si] as number) < eduMin) continue;
          if ((P.flags[pi] as number) & 2 && !(f & 4)) continue;
          rows.push(si);
        }
        const want = exhaustive(n, rows, (si) => scorePair(E, pi, si, today, out), S.id);
        expect(listOf(topSeekers(E, pi, n, today, visible))).toEqual(want);
      }
    });
  }

  it('counts a certificate named twice once, in the score and in the scan bound', () => {
    const index = new MatchingIndex();
    const id = (k: number) => `00000000-0000-7000-8000-${String(k).padStart(12, '0')}`;
    const posting = (k: number, certificates: string[]): PostingRecord => ({
      id: id(k),
      occupation: '5502',
      region: '11140',
      wageMonthly: 2_000_000,
      employmentType: '10',
      educationMin: '00',
      careerType: 'N',
      careerMinMonths: 0,
      headcount: 1,
      createdAt: NOW,
      closesAt: '2026-12-31',
      open: true,
      preferences: [],
      certificates,
      text: '요양 돌봄',
    });
    index.upsertPosting(posting(1, ['a', 'a', 'b']));
    index.upsertPosting(posting(2, ['b']));
    const si = index.upsertSeeker({
      id: id(9),
      centreId: 'c1',
      region: '11140',
      education: '05',
      occupations: ['5502'],
      regions: [],
      employmentTypes: ['10'],
      wageMonthly: 2_000_000,
      careerMonths: 0,
      certificates: ['a', 'b', 'b'],
      targetGroups: [],
      active: true,
      consentShare: true,
      consentSensitive: false,
      text: '요양',
    });
    const E = index.data();
    const today = seoulDay(NOW);
    const top = topPostings(E, si, 2, today);
    expect(top.n).toBe(2);
    const first = top.rows[0] as number;
    scorePair(E, first, si, today, out);
    expect(out[5]).toBe(12);
    scorePair(E, top.rows[1] as number, si, today, out);
    expect(out[5]).toBe(6);
  });
});
