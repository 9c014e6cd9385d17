import { randomUUID } from 'node:crypto';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudit, sendWrite, type AuditEventInput } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { ContactDecision, ContactProposal, Denial } from './engine-port.ts';

export type DenialSource = 'contact-check' | 'contact-log' | 'outbox-queue' | 'outbox-dispatch';
export type StoredDenial = Omit<Denial, 'allowedFrom'> & { allowedFrom: string | null };
export type Refusal = Extract<ContactDecision, { allowed: false }>;

/** JSON form of the engine's denials (instants as ISO strings), as stored and as returned by the API. */
export const serialiseDenials = (denials: Denial[]): StoredDenial[] =>
  denials.map((d) => ({ ...d, allowedFrom: d.allowedFrom ? d.allowedFrom.toISOString() : null }));

/**
 * What was proposed, without the message text: the refusal list on the customer page needs the
 * shape of the contact, and the rendered text is kept on the outbox row when there is one.
 */
export function proposalSummary(p: ContactProposal, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    at: p.at.toISOString(), channel: p.channel, purpose: p.purpose, mode: p.mode, debtId: p.debtId,
    contactPointId: p.recipient.contactPointId, relationship: p.recipient.relationship,
    ...(p.message ? { language: p.message.language } : {}),
    ...(p.override ? { overrideBy: p.override.by } : {}),
    ...extra,
  };
}

/**
 * A refusal every one of whose rules names a time it would next allow the contact (contact hours,
 * quiet hours, holidays, daily and weekly caps): waiting is enough. Any rule with no such time
 * (consent, opt-out, a hold, wording) needs something to change first.
 */
export function isTimeOnly(decision: Refusal): boolean {
  return decision.earliestAllowedAt !== null && decision.denials.every((d) => d.allowedFrom !== null);
}

export type DenialInput = {
  customerId: string; at: Date; actor: Actor; source: DenialSource; proposal: Record<string, unknown>;
  decision: Refusal; messageId?: string | null; requestId?: string | null;
};

/**
 * Stores a refusal so it is shown on the customer page, and audits it, in the caller's transaction.
 * Outbox refusals are audited as communications.blocked, contact refusals as contact.refused.
 */
export async function storeDenial(exec: SqlExecutor, input: DenialInput): Promise<{ denialId: string }> {
  const [denialId] = await insertDenials(exec, [input]);
  await recordAudit(exec, denialAuditEvent(input, denialId!), input.at);
  return { denialId: denialId! };
}

/**
 * The compliance_denials rows of `storeDenial`, for many refusals in one statement; ids in input
 * order. The caller records `denialAuditEvent` for each (bulk queueing appends them in order with
 * its other events).
 */
export async function insertDenials(exec: SqlExecutor, inputs: readonly DenialInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  // Ids made here rather than by the column default, so they pair with the inputs without relying on RETURNING order.
  const ids = inputs.map(() => randomUUID());
  // With every other write of the caller's statement under withOneStatement (complaint intake); else now.
  await sendWrite(exec, {
    text: `INSERT INTO compliance_denials (id, customer_id, at, actor_id, source, proposal, denials, earliest_allowed_at, message_id)
     SELECT u.id, u.customer_id, u.at::timestamptz, u.actor_id, u.source, u.proposal::jsonb, u.denials::jsonb, u.earliest::timestamptz, u.message_id
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[])
         AS u(id, customer_id, at, actor_id, source, proposal, denials, earliest, message_id)
     RETURNING 1`,
    params: [
      ids, inputs.map((i) => i.customerId), inputs.map((i) => i.at.toISOString()), inputs.map((i) => actorId(i.actor)), inputs.map((i) => i.source),
      inputs.map((i) => JSON.stringify(i.proposal)), inputs.map((i) => JSON.stringify(serialiseDenials(i.decision.denials))),
      inputs.map((i) => i.decision.earliestAllowedAt?.toISOString() ?? null), inputs.map((i) => i.messageId ?? null),
    ],
  });
  return ids;
}

/** The audit event of a stored refusal (what `storeDenial` records). */
export function denialAuditEvent(input: DenialInput, denialId: string): AuditEventInput {
  const outbox = input.source === 'outbox-queue' || input.source === 'outbox-dispatch';
  return {
    actor: input.actor,
    action: outbox ? 'communications.blocked' : 'contact.refused',
    entityType: outbox && input.messageId ? 'outbox-message' : 'customer',
    entityId: outbox && input.messageId ? input.messageId : input.customerId,
    after: {
      denialId, source: input.source, proposal: input.proposal, rules: input.decision.denials.map((d) => d.rule),
      earliestAllowedAt: input.decision.earliestAllowedAt?.toISOString() ?? null,
    },
    requestId: input.requestId ?? null,
  };
}

export type DenialRecord = {
  id: string; at: string; actorId: string; source: DenialSource; proposal: Record<string, unknown>;
  denials: StoredDenial[]; earliestAllowedAt: string | null; messageId: string | null;
};

/** Newest first, for the customer page. */
export async function listDenials(exec: SqlExecutor, customerId: string, limit = 100): Promise<DenialRecord[]> {
  const { rows } = await exec.query<{
    id: string; at: Date; actor_id: string; source: DenialSource; proposal: Record<string, unknown>; denials: StoredDenial[];
    earliest_allowed_at: Date | null; message_id: string | null;
  }>(
    `SELECT id, at, actor_id, source, proposal, denials, earliest_allowed_at, message_id
       FROM compliance_denials WHERE customer_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map((r) => ({
    id: r.id, at: new Date(r.at).toISOString(), actorId: r.actor_id, source: r.source, proposal: r.proposal, denials: r.denials,
    earliestAllowedAt: r.earliest_allowed_at ? new Date(r.earliest_allowed_at).toISOString() : null, messageId: r.message_id,
  }));
}
