import type { DefaultTimestamp } from '../../platform/db/tables.ts';
import type { HolidayKind } from './calendar.gazette.ts';

export interface HolidayTable {
  /** The day (PostgreSQL date, read as 'YYYY-MM-DD'). */
  date: string;
  name: string;
  kind: HolidayKind;
  source: 'gazette' | 'admin';
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface CentreClosureTable {
  id: string;
  centre_id: string;
  from_date: string;
  to_date: string;
  reason: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    holidays: HolidayTable;
    centre_closures: CentreClosureTable;
  }
}
