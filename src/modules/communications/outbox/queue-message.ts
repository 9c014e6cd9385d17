import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors/domain-error.ts';
import { evaluateContact, type ContactDecision, type ContactPurpose, type Denial } from '../../compliance/context/engine-port.ts';
import { loadContactContext } from '../../compliance/context/load-contact-context.ts';
import { buildProposal, resolveRecipient } from '../../compliance/context/proposals.ts';
import { isTimeOnly, proposalSummary, storeDenial, type Refusal } from '../../compliance/context/denials.ts';
import type { Language } from '../templates/render.ts';
import { renderMessage, wordingDenial } from './message-content.ts';
import type { MessageChannel } from './outbox.schema.ts';

export type QueueMessageInput = {
  customerId: string;
  channel: MessageChannel;
  /** Default: the customer's primary own contact point for the channel (none for the portal). */
  contactPointId?: string | null;
  purpose: ContactPurpose;
  debtId?: string | null;
  /** The template's key (its approved version is used) or one exact approved version. */
  templateKey?: string;
  templateVersionId?: string;
  variables?: Record<string, unknown>;
  /** Default: the customer's preferred language. */
  language?: Language;
  /** Same key → same message, nothing new (a retried request, a re-run job). */
  idempotencyKey: string;
  actor: Actor;
  requestId?: string | null;
  /** The instant of queueing (the caller's clock); default now. */
  at?: Date;
};

export type QueueMessageResult =
  | { status: 'queued'; messageId: string; notBefore: Date; duplicate: boolean; delayedBy: Denial[] }
  | { status: 'blocked'; denials: Denial[]; earliestAllowedAt: Date | null; denialId: string };

/**
 * The one way a message leaves LoanDesk. Runs INSIDE the caller's transaction (`exec`), so the
 * message is written if and only if the business change that caused it commits (transactional
 * outbox). Renders an approved template, wording-checks the result, asks the compliance engine
 * (context loaded through the same `exec`), then writes either the outbox row or a stored refusal.
 *
 * A message refused only for time reasons (contact hours, quiet hours, a holiday, today's cap) is
 * not refused: it is queued with not_before = the engine's earliestAllowedAt, and the dispatcher
 * re-checks it when it falls due. Anything needing a change first (consent, opt-out, an open hold,
 * wording) is refused and nothing is queued, so the same idempotency key can be used again once
 * the situation changed.
 */
export async function queueMessage(exec: SqlExecutor, input: QueueMessageInput): Promise<QueueMessageResult> {
  const existing = await findByKey(exec, input.idempotencyKey);
  if (existing) return { status: 'queued', messageId: existing.id, notBefore: existing.notBefore, duplicate: true, delayedBy: [] };
  const at = input.at ?? new Date();

  const { rows: [customer] } = await exec.query<{ preferred_language: Language }>(`SELECT preferred_language FROM customers WHERE id = $1`, [input.customerId]);
  if (!customer) throw notFound({ zh: '客户', en: 'Customer' });
  const language = input.language ?? customer.preferred_language;
  const debtId = input.debtId ?? null;
  const recipient = await resolveRecipient(exec, input.customerId, input.channel, input.contactPointId);
  const content = await renderMessage(exec, { ...input, debtId, variables: input.variables ?? {}, language });
  const text = [content.rendered.subject, content.rendered.body].filter(Boolean).join('\n');

  const { context, policy } = await loadContactContext(exec, input.customerId, at);
  const proposal = buildProposal({ at, channel: input.channel, purpose: input.purpose, debtId, recipient, message: { text, language } });
  const decision = withWording(evaluateContact(proposal, context, policy), wordingDenial(content.rendered, language, recipient.relationship !== 'self'));

  const summary = proposalSummary(proposal, { templateKey: content.template.key, templateVersion: content.version.version, idempotencyKey: input.idempotencyKey });
  if (!decision.allowed && !isTimeOnly(decision)) {
    const { denialId } = await storeDenial(exec, {
      customerId: input.customerId, at, actor: input.actor, source: 'outbox-queue', proposal: summary, decision, requestId: input.requestId,
    });
    return { status: 'blocked', denials: decision.denials, earliestAllowedAt: decision.earliestAllowedAt, denialId };
  }
  const notBefore = decision.allowed ? at : decision.earliestAllowedAt!;
  const { rows: [row] } = await exec.query<{ id: string }>(
    `INSERT INTO outbox_messages (idempotency_key, customer_id, channel, contact_point_id, recipient, relationship, purpose, debt_id,
                                  template_version_id, language, subject, body, status, not_before, created_by, request_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'queued', $13::timestamptz, $14, $15, $16::timestamptz, $16::timestamptz)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      input.idempotencyKey, input.customerId, input.channel, recipient.contactPointId, recipient.value ?? input.customerId, recipient.relationship,
      input.purpose, debtId, content.version.id, language, input.channel === 'sms' ? null : content.rendered.subject, content.rendered.body,
      notBefore.toISOString(), actorId(input.actor), input.requestId ?? null, at.toISOString(),
    ],
  );
  if (!row) {
    // A concurrent call with the same key committed first (the unique index made us wait for it).
    const raced = (await findByKey(exec, input.idempotencyKey))!;
    return { status: 'queued', messageId: raced.id, notBefore: raced.notBefore, duplicate: true, delayedBy: [] };
  }
  const delayedBy = decision.allowed ? [] : decision.denials;
  await recordAudit(exec, {
    actor: input.actor, action: 'communications.queued', entityType: 'outbox-message', entityId: row.id,
    after: { ...summary, notBefore: notBefore.toISOString(), delayedBy: delayedBy.map((d) => d.rule) }, requestId: input.requestId ?? null,
  }, at);
  return { status: 'queued', messageId: row.id, notBefore, duplicate: false, delayedBy };
}

async function findByKey(exec: SqlExecutor, key: string): Promise<{ id: string; notBefore: Date } | null> {
  const { rows: [r] } = await exec.query<{ id: string; not_before: Date }>(`SELECT id, not_before FROM outbox_messages WHERE idempotency_key = $1`, [key]);
  return r ? { id: r.id, notBefore: new Date(r.not_before) } : null;
}

/** Adds the hub's own wording denial unless the engine already reported the wording rule. */
export function withWording(decision: ContactDecision, wording: Denial | null): ContactDecision {
  if (!wording) return decision;
  if (decision.allowed) return { allowed: false, denials: [wording], earliestAllowedAt: null };
  if (decision.denials.some((d) => d.rule === 'wording')) return decision;
  return { allowed: false, denials: [...decision.denials, wording], earliestAllowedAt: null } satisfies Refusal;
}
