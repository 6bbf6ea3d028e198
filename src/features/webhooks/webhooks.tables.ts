import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export interface WebhookEndpointTable {
  id: string;
  /** Events of records of this centre's subtree reach the endpoint. */
  centre_id: string;
  partner_id: string | null;
  url: string;
  events: string[];
  /** `whsec_…`, encrypted with the data key (it must be read to sign). */
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_until: Timestamp | null;
  status: Generated<'active' | 'disabled'>;
  disabled_reason: string | null;
  disabled_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface WebhookEventTable {
  id: string;
  type: string;
  centre_id: string;
  subject_id: string;
  /** The exact JSON every delivery of the event sends (and signs). */
  body: string;
  created_at: DefaultTimestamp;
}

export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  centre_id: string;
  status: Generated<'pending' | 'delivered' | 'failed' | 'skipped'>;
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: Timestamp | null;
  last_duration_ms: number | null;
  delivered_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

/** A change of an endpoint's state: 410 disabled it, an admin enabled it, its partner deleted it. */
export interface WebhookEndpointChangeTable {
  id: string;
  endpoint_id: string;
  centre_id: string;
  action: 'disabled' | 'enabled';
  /** disabled: 'gone' (410) or 'deleted'; enabled: the reason it had been disabled for. */
  reason: string | null;
  http_status: number | null;
  /** Who did it; null when the receiver's answer did. */
  actor_id: string | null;
  at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    webhook_endpoints: WebhookEndpointTable;
    webhook_events: WebhookEventTable;
    webhook_deliveries: WebhookDeliveryTable;
    webhook_endpoint_changes: WebhookEndpointChangeTable;
  }
}
