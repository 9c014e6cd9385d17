import type { AppDeps } from '../../../platform/app-deps.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { recordOptOut } from '../../compliance/context/contact-holds.ts';
import { normalisePhone } from '../../customers/rules/phone.ts';
import { insertContactAttempt, insertTimeline } from '../contact-log/record-contact.ts';

/**
 * Opt-out keywords: 退订 / TD (the convention for Chinese commercial SMS, which carry "回复TD退订")
 * and STOP / UNSUBSCRIBE (the CTIA convention, and 12 CFR 1006.6(e) for electronic
 * communications). Matched on the whole reply, ignoring case, spaces and punctuation, so
 * "td。" counts but "STOP calling my mother" is kept as a reply for a person to read.
 */
const OPT_OUT = new Set(['TD', '退订', 'STOP', 'UNSUBSCRIBE', 'STOPALL']);
export const isOptOutReply = (text: string) => OPT_OUT.has(text.replace(/[\s\p{P}]+/gu, '').toUpperCase());

const provider = systemActor('sms-provider');

/**
 * An SMS from a customer: every customer with that number gets it on the timeline and the contact
 * log (inbound); an opt-out keyword from the borrower's own number is recorded at once, so the very
 * next compliance check refuses SMS. A number nobody has is logged and dropped.
 */
export async function handleInboundSms(deps: Pick<AppDeps, 'database' | 'log' | 'now'>, input: { from: string; text: string; receivedAt?: Date; providerMessageId?: string | null }) {
  const phone = normalisePhone(input.from, 'CN');
  const at = input.receivedAt ?? deps.now();
  if (!phone.ok) return { matched: 0, optedOut: false };
  const optOut = isOptOutReply(input.text);
  return deps.database.transaction(async (exec) => {
    const { rows: points } = await exec.query<{ id: string; customer_id: string; relationship: string }>(
      `SELECT id, customer_id, relationship FROM contact_points WHERE kind = 'phone' AND value = $1`,
      [phone.e164],
    );
    const seen = new Set<string>();
    for (const p of points) {
      if (seen.has(p.customer_id)) continue;
      seen.add(p.customer_id);
      const contactId = await insertContactAttempt(exec, {
        customerId: p.customer_id, occurredAt: at, direction: 'inbound', channel: 'sms', mode: 'human', purpose: 'servicing',
        contactPointId: p.id, relationship: p.relationship, outcome: 'received', actorId: 'system:sms-provider', note: input.text.slice(0, 2000),
      });
      await insertTimeline(exec, {
        customerId: p.customer_id, at, kind: 'sms-reply', refId: contactId,
        summaryZh: `收到短信回复：${input.text.slice(0, 60)}`, summaryEn: `SMS reply received: ${input.text.slice(0, 60)}`,
        detail: { relationship: p.relationship, providerMessageId: input.providerMessageId ?? null },
      });
      if (optOut && p.relationship === 'self') {
        await recordOptOut(exec, { customerId: p.customer_id, channel: 'sms', contactPointId: p.id, source: 'sms-reply', text: input.text.slice(0, 200), actor: provider, at });
      }
      await recordAudit(exec, {
        actor: provider, action: 'contact.inbound', entityType: 'contact-attempt', entityId: contactId,
        after: { customerId: p.customer_id, channel: 'sms', optOut: optOut && p.relationship === 'self' },
      }, at);
    }
    if (points.length === 0) deps.log.warn('inbound SMS from an unknown number dropped', { providerMessageId: input.providerMessageId ?? null });
    return { matched: seen.size, optedOut: optOut && points.some((p) => p.relationship === 'self') };
  });
}

/**
 * A delivery report. `reference` is our outbox id (sent as the SMS client reference). A report
 * that arrives while the dispatcher is still recording the hand-over (status `sending`) only
 * stamps delivered_at; the dispatcher then records the message as delivered.
 */
export async function handleDeliveryStatus(
  deps: Pick<AppDeps, 'database' | 'now'>,
  input: { reference: string; status: 'delivered' | 'failed'; error?: string | null; at?: Date },
): Promise<{ updated: boolean }> {
  const at = input.at ?? deps.now();
  return deps.database.transaction(async (exec) => {
    const { rows: [m] } = await exec.query<{ id: string; status: string; customer_id: string }>(
      `SELECT id, status, customer_id FROM outbox_messages WHERE id = $1 FOR UPDATE`,
      [input.reference],
    );
    if (!m) return { updated: false };
    if (m.status === 'sending') {
      if (input.status === 'delivered') await exec.query(`UPDATE outbox_messages SET delivered_at = $2::timestamptz WHERE id = $1`, [m.id, at.toISOString()]);
      return { updated: true };
    }
    if (!['sent', 'delivered', 'failed'].includes(m.status)) return { updated: false };
    await exec.query(
      input.status === 'delivered'
        ? `UPDATE outbox_messages SET status = 'delivered', delivered_at = $2::timestamptz, updated_at = $2::timestamptz WHERE id = $1`
        : `UPDATE outbox_messages SET status = 'failed', failed_at = $2::timestamptz, last_error = $3, updated_at = $2::timestamptz WHERE id = $1`,
      input.status === 'delivered' ? [m.id, at.toISOString()] : [m.id, at.toISOString(), `provider: ${input.error ?? 'undeliverable'}`.slice(0, 1000)],
    );
    await exec.query(`UPDATE contact_attempts SET outcome = $2 WHERE message_id = $1`, [m.id, input.status]);
    await recordAudit(exec, {
      actor: provider, action: 'communications.delivery-status', entityType: 'outbox-message', entityId: m.id,
      before: { status: m.status }, after: { status: input.status },
    }, at);
    return { updated: true };
  });
}
