// The two queries of the matching index, exact top-N by upper-bound pruning. Candidates are
// visited in stages of decreasing occupation + place points (the big factors): a warm-up over
// the query's own (occupation, region) run of rows, the occupation buckets by depth, the
// region buckets, and last every region bucket in bound order. Each bucket entry carries what
// bounds its pair without reading the row (see matching.score.ts and matching.index.ts); a row
// is scored only when that bound can still reach the current N-th score, a sorted group is
// skipped at its first entry out of reach, and a stage is skipped, with every later one, when
// its bound cannot. The answer is the same list as scoring every row, best first, ties by id
// (see matching.engine.test.ts). Allocation-free per candidate; runs in the main thread and in
// the batch workers. The queries live in matching.posting-query.ts and
// matching.seeker-query.ts over the per-query state of matching.query-state.ts; this module is
// their public face.

export { topPostings } from './matching.posting-query.ts';
export {
  type EngineData,
  eligible,
  FACTORS,
  type Factor,
  keywordPoints,
  pairPoints,
  postingBound,
  postingPoints,
  scorePair,
  seekerBound,
  seekerKey,
  TopK,
} from './matching.score.ts';
export { topSeekers } from './matching.seeker-query.ts';
export { SEEKER_LAYOUT } from './matching.store.ts';
