/**
 * The typed shape of the database for Kysely. Each feature adds its own tables by module
 * augmentation in its `<feature>.tables.ts`, so no central file has to know every feature:
 *
 *   declare module '../../platform/db/tables.ts' { interface Tables { seekers: SeekerTable } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface Tables {}

import type { ColumnType } from 'kysely';

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default (created_at, updated_at). */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
