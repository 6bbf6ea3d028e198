import type { Generated } from 'kysely';
import type { DefaultTimestamp } from '../../platform/db/tables.ts';

export interface EmployerTable {
  id: string;
  centre_id: string;
  name: string;
  biz_reg_no: string;
  ksic: string | null;
  size: string | null;
  region_code: string;
  address: string | null;
  contacts_enc: string | null;
  counsellor_id: string | null;
  notes: string | null;
  /** Registered by outreach before the company registered itself (migration 20261209_0100). */
  prospect: Generated<boolean>;
  search_tokens: Generated<string[]>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    employers: EmployerTable;
  }
}
