import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';
import type { PartnerScope } from '../../platform/http/actor.ts';

export interface PartnerTable {
  id: string;
  /** The partner's centre: its account's centre, whose subtree bounds what it reaches. */
  centre_id: string;
  /** The account of role `partner` its keys act for. */
  user_id: string;
  name: string;
  /** Why the partner receives personal data (제3자 제공 목적), written into the ledger. */
  purpose: string;
  scopes: PartnerScope[];
  rate_per_minute: number;
  created_by: string | null;
  created_at: DefaultTimestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface PartnerKeyTable {
  id: string;
  partner_id: string;
  centre_id: string;
  /** The public part of the key, shown in lists (`ilp_live_<short>_…`). */
  short_token: string;
  /** SHA-256 (hex) of the secret part; the key itself is never stored. */
  key_hash: string;
  created_at: DefaultTimestamp;
  created_by: string | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** Start of the current one-minute rate window and the requests counted in it. */
  window_start: Timestamp | null;
  window_count: Generated<number>;
}

/** The provision ledger (제3자 제공 기록): one row per seeker record given to a partner. */
export interface PartnerProvisionTable {
  id: string;
  partner_id: string;
  key_id: string | null;
  /** The seeker's centre. */
  centre_id: string;
  seeker_id: string;
  recipient: string;
  purpose: string;
  items: string[];
  action: 'view' | 'list';
  at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    partners: PartnerTable;
    partner_keys: PartnerKeyTable;
    partner_provisions: PartnerProvisionTable;
  }
}
