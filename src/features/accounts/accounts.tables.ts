import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export interface CentreTable {
  id: string;
  name: string;
  kind: 'province' | 'city' | 'centre' | 'university' | 'agency';
  parent_id: string | null;
  region_code: string;
  /** The centre's main number, normalised (migration 20261209_0500). */
  phone: string | null;
  path: string[];
  totp_required: Generated<boolean>;
  settings: Generated<Record<string, unknown>>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserTable {
  id: string;
  login: string;
  password_hash: string;
  name: string;
  role: 'admin' | 'manager' | 'counsellor' | 'outreach' | 'department' | 'employer' | 'seeker' | 'partner';
  centre_id: string | null;
  employer_id: string | null;
  seeker_id: string | null;
  /** A 부서 담당자's department, set exactly for role `department` (migration 20261211_0200). */
  department_id: string | null;
  /** A staff member's work line, normalised (migration 20261209_0500). */
  work_phone: string | null;
  disabled_at: Timestamp | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  /** A factor being enrolled, not yet confirmed (encrypted); the enabled one stays in force. */
  totp_pending_secret: string | null;
  last_login_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  /** The account's centre (account_centre()); null only for a national admin. */
  centre_id: string | null;
  /** Opened without a second factor by a user who must enrol one: enrolment only. */
  pending_totp: Generated<boolean>;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  /** The account's centre (account_centre()); null only for a national admin. */
  centre_id: string | null;
  token_hash: string;
  scopes: Generated<string[]>;
  created_at: DefaultTimestamp;
  /** Every token ends (NOT NULL since migration 9200). */
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PermissionLogTable {
  id: string;
  at: DefaultTimestamp;
  actor_id: string | null;
  user_id: string;
  /** The changed account's centre; null for a national admin. */
  centre_id: string | null;
  change: string;
  before: unknown;
  after: unknown;
}

export interface AccessLogTable {
  id: string;
  at: DefaultTimestamp;
  actor_id: string | null;
  actor_login: string | null;
  ip: string | null;
  action: 'view' | 'create' | 'update' | 'delete' | 'print' | 'download';
  subject_type: string;
  subject_id: string;
  centre_id: string | null;
  reason: string | null;
  prev_hash: Generated<string>;
  hash: Generated<string>;
  /** The chain the row is on (set by trigger): its centre, or the nil uuid; NULL before migration 9701. */
  chain: Generated<string | null>;
}

/** The head of each centre's chain of access_log (migration 9701). */
export interface AccessLogHeadsTable {
  chain: string;
  /** the chain's first prev_hash: sha256 of the frozen access_log_head and the chain id */
  genesis: string;
  hash: string;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    centres: CentreTable;
    users: UserTable;
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    permission_log: PermissionLogTable;
    access_log: AccessLogTable;
    /** the frozen end of the single chain written before migration 9701 */
    access_log_head: { one: Generated<boolean>; hash: string };
    access_log_heads: AccessLogHeadsTable;
  }
}
