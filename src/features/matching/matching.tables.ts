import type { Timestamp } from '../../platform/db/tables.ts';

export interface SeekerRecommendationTable {
  seeker_id: string;
  computed_at: Timestamp;
  /** [{postingId, score}] best first */
  items: unknown;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    seeker_recommendations: SeekerRecommendationTable;
  }
}
