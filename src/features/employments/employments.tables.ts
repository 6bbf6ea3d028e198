// The employments table is typed in seekers/casework.tables.ts; migration 5002 added the mark
// of a repeat recorded before the database refused repeats.
declare module '../seekers/casework.tables.ts' {
  interface EmploymentTable {
    /** The kept record this one repeats (same seeker, start date and employer); null = kept. */
    duplicate_of: string | null;
  }
}

export {};
