import type { Timestamp } from '../../platform/db/tables.ts';

export interface SeekerRecommendationTable {
  seeker_id: string;
  /** the seeker's centre */
  centre_id: string;
  computed_at: Timestamp;
  /** the top postings, best first (ties by id) */
  posting_ids: string[];
  /** their scores, in the same order */
  scores: number[];
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    seeker_recommendations: SeekerRecommendationTable;
  }
}
