import type { MessageChannel } from '../outbox/outbox.schema.ts';

/** What the dispatcher hands an adapter. `id` is the outbox id: the idempotency key downstream. */
export type OutboundMessage = {
  id: string;
  channel: MessageChannel;
  customerId: string;
  /** E.164 phone, e-mail address, postal address, or the customer id for the portal. */
  to: string;
  subject: string | null;
  body: string;
  language: 'zh-CN' | 'en';
  createdAt: Date;
  /** The dispatcher's clock at hand-over. */
  at: Date;
};

/**
 * A provider for one channel. `send` resolves with the provider's id for the message, or throws
 * TransientError (retry later: timeouts, 4xx SMTP replies, HTTP 429/5xx) or PermanentError (never
 * retry: a rejected address, a malformed request). Any other exception counts as transient.
 * Adapters must pass `message.id` to the provider as its idempotency key where the provider has
 * one (SMTP Message-ID, SMS client reference), so a re-send after a crash is recognisable.
 */
export interface ChannelAdapter {
  channel: MessageChannel;
  /** Names the provider in the outbox row and the rate limiter ("smtp", "http-sms", "file-sink"…). */
  provider: string;
  /** Token bucket for this provider: sustained rate and burst size; absent = unlimited. */
  rateLimit?: { perSecond: number; burst: number };
  send(message: OutboundMessage): Promise<{ providerMessageId: string }>;
}

export class TransientError extends Error {
  override name = 'TransientError';
}
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** The address an e-mail is sent with as Message-ID, derived from the outbox id (RFC 5322 msg-id). */
export const messageIdFor = (outboxId: string, domain = 'loandesk.local') => `<${outboxId}@${domain}>`;
