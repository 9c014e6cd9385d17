/**
 * The communications hub: every message LoanDesk sends and every contact staff make goes through
 * here and through one compliance check (src/modules/compliance). Other modules use:
 * - queueMessage(exec, …) inside their own transaction to send a templated message;
 * - openContactHold / closeContactHold (src/modules/compliance/context) to pause collections;
 * - registerInboundEmailHandler(fn) to act on inbound e-mail;
 * - ensureDefaultTemplates(exec) from the demo seed.
 */
export { communicationsRoutes } from './communications.routes.ts';
export { knownContextKey, knownRecipientKey, queueMessage, type KnownRecords, type QueueMessageInput, type QueueMessageResult } from './outbox/queue-message.ts';
export { dispatchOutbox, type DispatchOptions, type DispatchResult } from './outbox/dispatch-outbox.ts';
export { runOutboxWorker } from './outbox/worker.ts';
export { startCommunications } from './start-communications.ts';
export { ensureDefaultTemplates, DEFAULT_TEMPLATES } from './templates/default-templates.ts';
export { sendableVersionJson, toSendable, type SendableVersion } from './templates/template-store.ts';
export { registerInboundEmailHandler, startInboundEmailServer, type InboundEmail, type InboundEmailHandler } from './inbound/inbound-email.ts';
export { createConfiguredAdapters, type AdapterSet } from './adapters/default-adapters.ts';
export { TransientError, PermanentError, type ChannelAdapter, type OutboundMessage } from './adapters/channel-adapter.ts';
export { outboxMessages, portalMessages } from './outbox/outbox.schema.ts';
export { contactAttempts } from './contact-log/contact-log.schema.ts';
export { messageTemplates, templateVersions } from './templates/templates.schema.ts';
