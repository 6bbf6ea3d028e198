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
  /** The prospect's one-time 가입 코드 as an HMAC, its expiry and wrong tries (migration 20261211_0001). */
  claim_code_hash: Generated<string | null>;
  claim_code_expires_at: Generated<Date | null>;
  claim_code_failures: Generated<number>;
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
