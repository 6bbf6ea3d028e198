import type { ColumnType } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';
import type {
  BookingStatus,
  CancelReason,
  ResourceKind,
  SuitCategory,
  SuitGender,
} from './bookings.codes.ts';

/** One weekly opening window: ISO weekday (1 = Monday … 7) and Seoul times "HH:MM". */
export interface OpeningWindow {
  weekday: number;
  from: string;
  to: string;
}

export interface BookingResourceTable {
  id: string;
  centre_id: string;
  name: string;
  kind: ResourceKind;
  slot_minutes: number;
  capacity: ColumnType<number, number | undefined, number>;
  opening_hours: ColumnType<OpeningWindow[], string, string>;
  approval_required: ColumnType<boolean, boolean | undefined, boolean>;
  bookable_by: ColumnType<string[], string[] | undefined, string[]>;
  description: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

/** The places of one slot taken so far; `taken <= capacity` is the database's guarantee. */
export interface BookingSlotTable {
  resource_id: string;
  starts_at: Timestamp;
  centre_id: string;
  capacity: number;
  taken: number;
}

export interface BookingTable {
  id: string;
  resource_id: string;
  centre_id: string;
  seeker_id: string | null;
  employer_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  single_seat: boolean;
  status: BookingStatus;
  note: string | null;
  cancel_reason: CancelReason | null;
  cancel_note: string | null;
  cancelled_at: Timestamp | null;
  checked_in_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface SuitItemTable {
  id: string;
  centre_id: string;
  code: string;
  category: SuitCategory;
  gender: SuitGender;
  size: string;
  colour: string | null;
  status: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface SuitRentalTable {
  id: string;
  centre_id: string;
  seeker_id: string;
  from_on: string;
  due_on: string;
  returned_on: string | null;
  note: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface SuitRentalItemTable {
  rental_id: string;
  item_id: string;
  centre_id: string;
  returned: ColumnType<boolean, boolean | undefined, boolean>;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    booking_resources: BookingResourceTable;
    booking_slots: BookingSlotTable;
    bookings: BookingTable;
    suit_items: SuitItemTable;
    suit_rentals: SuitRentalTable;
    suit_rental_items: SuitRentalItemTable;
  }
}
