import type { Actor } from '../../platform/auth/actor.ts';
import { roleHas } from '../../platform/auth/permissions.ts';
import type { SqlExecutor } from '../../platform/db/client.ts';
import { maskAddress, maskEmail, maskPhone } from '../../platform/privacy/masking.ts';
import type { ContactPurpose } from '../compliance/context/engine-port.ts';
import type { ContactOutcome } from './contact-log/contact-log.schema.ts';
import type { OutboxStatus } from './outbox/outbox.schema.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The recipient as the viewer may see it (PIPL art. 51: masked unless the role needs it). */
function recipientFor(actor: Actor, channel: string, value: string): string {
  if (channel === 'portal') return '（门户收件箱 portal inbox）';
  if (actor.kind === 'staff' && roleHas(actor.role, 'personal-data.view')) return value;
  return channel === 'sms' ? maskPhone(value) : channel === 'email' ? maskEmail(value) : maskAddress(value);
}

/** A customer's messages, newest first, with their delivery state. */
export async function listCustomerMessages(exec: SqlExecutor, actor: Actor, customerId: string, limit = 200) {
  const { rows } = await exec.query<{
    id: string; channel: 'sms' | 'email' | 'portal' | 'letter'; purpose: ContactPurpose; status: OutboxStatus; recipient: string; relationship: string;
    language: 'zh-CN' | 'en'; subject: string | null; body: string; template_key: string | null; template_version: number | null;
    created_at: Date; not_before: Date; sent_at: Date | null; delivered_at: Date | null; failed_at: Date | null; attempts: number;
    last_error: string | null; provider: string | null; created_by: string;
  }>(
    `SELECT m.id, m.channel, m.purpose, m.status, m.recipient, m.relationship, m.language, m.subject, m.body, t.key AS template_key,
            v.version AS template_version, m.created_at, m.not_before, m.sent_at, m.delivered_at, m.failed_at, m.attempts, m.last_error,
            m.provider, m.created_by
       FROM outbox_messages m
       LEFT JOIN template_versions v ON v.id = m.template_version_id
       LEFT JOIN message_templates t ON t.id = v.template_id
      WHERE m.customer_id = $1 ORDER BY m.created_at DESC, m.id LIMIT $2`,
    [customerId, limit],
  );
  return rows.map((r) => ({
    id: r.id, channel: r.channel, purpose: r.purpose, status: r.status, recipient: recipientFor(actor, r.channel, r.recipient), relationship: r.relationship,
    language: r.language, subject: r.subject, body: r.body, templateKey: r.template_key, templateVersion: r.template_version,
    createdAt: iso(r.created_at)!, notBefore: iso(r.not_before)!, sentAt: iso(r.sent_at), deliveredAt: iso(r.delivered_at), failedAt: iso(r.failed_at),
    attempts: r.attempts, lastError: r.last_error, provider: r.provider, createdBy: r.created_by,
  }));
}

/** The contact log of a customer, newest first (outbound and inbound). */
export async function listContactLog(exec: SqlExecutor, customerId: string, limit = 500) {
  const { rows } = await exec.query<{
    id: string; occurred_at: Date; direction: 'outbound' | 'inbound'; channel: string; mode: string; purpose: string; outcome: ContactOutcome;
    debt_id: string | null; contact_point_id: string | null; relationship: string; agency: string | null; actor_id: string;
    message_id: string | null; evidence_item_id: string | null; override_id: string | null; duration_seconds: number | null; note: string | null;
  }>(
    `SELECT id, occurred_at, direction, channel, mode, purpose, outcome, debt_id, contact_point_id, relationship, agency, actor_id,
            message_id, evidence_item_id, override_id, duration_seconds, note
       FROM contact_attempts WHERE customer_id = $1 ORDER BY occurred_at DESC, id LIMIT $2`,
    [customerId, limit],
  );
  return rows.map((r) => ({
    id: r.id, occurredAt: iso(r.occurred_at)!, direction: r.direction, channel: r.channel, mode: r.mode, purpose: r.purpose, outcome: r.outcome,
    debtId: r.debt_id, contactPointId: r.contact_point_id, relationship: r.relationship, agency: r.agency, actorId: r.actor_id,
    messageId: r.message_id, evidenceItemId: r.evidence_item_id, overrideId: r.override_id, durationSeconds: r.duration_seconds, note: r.note,
  }));
}

/** Status counts and the oldest due message, for `loandesk outbox status`. */
export async function outboxStatus(exec: SqlExecutor, now: Date) {
  const { rows: counts } = await exec.query<{ status: string; count: number }>(`SELECT status, count(*)::int AS count FROM outbox_messages GROUP BY status ORDER BY status`);
  const { rows: [due] } = await exec.query<{ due: number; oldest: Date | null; expired_leases: number }>(
    `SELECT count(*) FILTER (WHERE status = 'queued' AND not_before <= $1::timestamptz)::int AS due,
            min(not_before) FILTER (WHERE status = 'queued' AND not_before <= $1::timestamptz) AS oldest,
            count(*) FILTER (WHERE status = 'sending' AND lease_until < $1::timestamptz)::int AS expired_leases
       FROM outbox_messages`,
    [now.toISOString()],
  );
  const { rows: failures } = await exec.query<{ id: string; channel: string; last_error: string | null; failed_at: Date | null }>(
    `SELECT id, channel, last_error, failed_at FROM outbox_messages WHERE status = 'failed' ORDER BY failed_at DESC NULLS LAST LIMIT 10`,
  );
  return {
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.count)])),
    dueNow: Number(due?.due ?? 0),
    oldestDue: iso(due?.oldest ?? null),
    expiredLeases: Number(due?.expired_leases ?? 0),
    recentFailures: failures.map((f) => ({ id: f.id, channel: f.channel, lastError: f.last_error, failedAt: iso(f.failed_at) })),
  };
}
