import type { ColumnType } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export interface MobileDeskTable {
  id: string;
  centre_id: string;
  place: string;
  address: string;
  region_code: string;
  /** Seoul local time 'HH:MM:SS' (floating: no offset arithmetic, FIELD.md §b.4). */
  opens_at: string;
  closes_at: string;
  capacity: number | null;
  by_weekday: ColumnType<number[], number[] | undefined, number[]>;
  by_month_days: ColumnType<number[], number[] | undefined, number[]>;
  valid_from: string;
  until: string;
  note: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface DeskSessionTable {
  id: string;
  desk_id: string;
  centre_id: string;
  date: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: ColumnType<
    'scheduled' | 'cancelled',
    'scheduled' | 'cancelled' | undefined,
    'scheduled' | 'cancelled'
  >;
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    mobile_desks: MobileDeskTable;
    desk_sessions: DeskSessionTable;
  }
}
