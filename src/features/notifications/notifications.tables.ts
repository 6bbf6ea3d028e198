import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export type RecipientKind = 'seeker' | 'employer' | 'user';
export type NotificationChannel = 'sms' | 'lms' | 'alimtalk' | 'email';
export type NotificationStatus = 'queued' | 'deferred' | 'sent' | 'failed' | 'suppressed';
export type PreferenceSource = 'self' | 'staff' | 'reply' | 'link';

export interface NotificationTemplateTable {
  key: string;
  name: string;
  recipient_kind: RecipientKind;
  category: 'info' | 'ad';
  urgent: Generated<boolean>;
  subject: string;
  body: string;
  variables: string[];
  /** The provider's id of the Kakao-approved 알림톡 template, if any. */
  alimtalk_template_id: string | null;
  /** The body Kakao approved; 알림톡 is used only while the body is still exactly this. */
  alimtalk_approved_body: string | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface NotificationTable {
  id: string;
  centre_id: string;
  recipient_kind: RecipientKind;
  recipient_id: string;
  template_key: string;
  category: 'info' | 'ad';
  urgent: boolean;
  channel: NotificationChannel | null;
  fallback_from: 'alimtalk' | null;
  status: NotificationStatus;
  not_before: Timestamp;
  sent_at: Timestamp | null;
  error: string | null;
  provider: string | null;
  provider_message_id: string | null;
  attempts: Generated<number>;
  /** Template fields other than the recipient's own (company, posting, result, …). */
  variables: ColumnType<Record<string, string>, string, string>;
  /** The text as sent (encrypted); null until sent. */
  subject_enc: string | null;
  body_enc: string | null;
  source: string;
  dedupe_key: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface NotificationPreferenceTable {
  recipient_kind: RecipientKind;
  recipient_id: string;
  centre_id: string;
  sms: boolean;
  alimtalk: boolean;
  email: boolean;
  ad_opt_in: boolean;
  ad_night_opt_in: boolean;
  ad_opt_in_at: Timestamp | null;
  source: PreferenceSource;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface NotificationPreferenceLogTable {
  id: string;
  recipient_kind: RecipientKind;
  recipient_id: string;
  centre_id: string;
  preferences: ColumnType<Record<string, boolean>, string, string>;
  source: PreferenceSource;
  actor_id: string | null;
  at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    notification_templates: NotificationTemplateTable;
    notifications: NotificationTable;
    notification_preferences: NotificationPreferenceTable;
    notification_preference_log: NotificationPreferenceLogTable;
  }
}
