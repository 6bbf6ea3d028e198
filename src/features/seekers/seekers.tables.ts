import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export interface SeekerTable {
  id: string;
  centre_id: string;
  registration_no: string;
  external_id: string | null;
  name: string;
  birth_date: string;
  phone_enc: string;
  phone_bi: string;
  /** keyed hash of the phone's last four digits (migration 9900); null until backfilled */
  phone_tail_bi: string | null;
  email_enc: string | null;
  address_enc: string | null;
  region_code: string;
  education_level: string;
  target_groups: Generated<string[]>;
  desired_occupations: string[];
  /** KECO edition of desired_occupations (migration 20261208_0101); '2018' for older rows */
  desired_occupation_edition: Generated<'2018' | '2025'>;
  desired_regions: Generated<string[]>;
  desired_employment_types: Generated<string[]>;
  desired_wage_type: 'D' | 'H' | 'M' | 'Y' | null;
  desired_wage_min: number | null;
  desired_wage_monthly: number | null;
  desired_work_days: string | null;
  desired_work_hours: string | null;
  available_from: string | null;
  /** [{company, occupation, months}] */
  careers: Generated<unknown>;
  career_months: Generated<number>;
  certificates: Generated<string[]>;
  keywords: Generated<string[]>;
  consent_share: Generated<boolean>;
  consent_sensitive: Generated<boolean>;
  status: Generated<'active' | 'employed' | 'on_hold' | 'closed'>;
  status_reason: string | null;
  status_changed_at: Timestamp | null;
  status_changed_by: string | null;
  care: Generated<'general' | 'intensive'>;
  care_since: Timestamp | null;
  suspended: Generated<boolean>;
  counsellor_id: string | null;
  /** The mobile-desk session the seeker registered at (migration 20261209_0101; channel mobile_desk). */
  desk_session_id: ColumnType<string | null, string | null | undefined, string | null>;
  channel: Generated<'counsellor' | 'mobile_desk' | 'self' | 'import' | 'partner'>;
  registered_at: string;
  search_tokens: Generated<string[]>;
  retain_until: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface RegistrationCounterTable {
  centre_id: string;
  year: number;
  last: Generated<number>;
}

export interface ConsentTable {
  id: string;
  seeker_id: string;
  centre_id: string;
  kind: 'share_network' | 'sensitive';
  recipients: string;
  /** The consent names the ilteo partner network as a whole (migration 20261208_0300). */
  recipient_network: Generated<boolean>;
  /** Partners (features/partners) the consent names by record; `recipients` keeps the text. */
  recipient_partner_ids: Generated<string[]>;
  purpose: string;
  items: string[];
  valid_until: string | null;
  refusal_notice: Generated<boolean>;
  granted_at: DefaultTimestamp;
  withdrawn_at: Timestamp | null;
  recorded_by: string | null;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    seekers: SeekerTable;
    registration_counters: RegistrationCounterTable;
    consents: ConsentTable;
  }
}
