import type { ContactPurpose, Relationship } from '../../compliance/context/engine-port.ts';
import type { MessageChannel, OutboxStatus } from './outbox.schema.ts';

/** An outbox_messages row as raw SQL returns it (snake_case, timestamps as Date). */
export type OutboxRow = {
  id: string;
  idempotency_key: string;
  customer_id: string;
  channel: MessageChannel;
  contact_point_id: string | null;
  recipient: string;
  relationship: Relationship;
  purpose: ContactPurpose;
  debt_id: string | null;
  template_version_id: string | null;
  language: 'zh-CN' | 'en';
  subject: string | null;
  body: string;
  status: OutboxStatus;
  not_before: Date;
  attempts: number;
  lease_owner: string | null;
  lease_until: Date | null;
  provider: string | null;
  provider_message_id: string | null;
  last_error: string | null;
  created_by: string;
  request_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  updated_at: Date;
};
