import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { roleHas } from '../../../platform/auth/permissions.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import type { ContactProposal, RuleCode } from './engine-port.ts';

/** An override lets the agent make the contact soon, not any time later: it is for this situation. */
export const OVERRIDE_DEFAULT_MINUTES = 60;
export const OVERRIDE_MAX_MINUTES = 8 * 60;

export function assertMayOverride(actor: Actor): void {
  if (actor.kind !== 'staff' || !roleHas(actor.role, 'compliance.override')) {
    throw new DomainError('forbidden', { zh: '只有主管可以覆盖合规拒绝', en: 'Only a supervisor may override a compliance refusal' });
  }
}

/** Stores a granted override and audits it (compliance.override.granted), in the caller's transaction. */
export async function storeOverride(
  exec: SqlExecutor,
  input: {
    customerId: string; proposal: ContactProposal; reason: string; actor: Actor; at: Date; validMinutes: number;
    overridden: RuleCode[]; requestId?: string | null;
  },
): Promise<{ overrideId: string; validUntil: Date }> {
  const validUntil = new Date(input.at.getTime() + Math.min(input.validMinutes, OVERRIDE_MAX_MINUTES) * 60_000);
  const p = input.proposal;
  const { rows: [row] } = await exec.query<{ id: string }>(
    `INSERT INTO contact_overrides (customer_id, channel, purpose, debt_id, contact_point_id, reason, granted_by, granted_at, valid_until, overridden_rules)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10::jsonb) RETURNING id`,
    [
      input.customerId, p.channel, p.purpose, p.debtId, p.recipient.contactPointId, input.reason, actorId(input.actor),
      input.at.toISOString(), validUntil.toISOString(), JSON.stringify(input.overridden),
    ],
  );
  await recordAudit(exec, {
    actor: input.actor, action: 'compliance.override.granted', entityType: 'contact-override', entityId: row!.id,
    after: {
      customerId: input.customerId, channel: p.channel, purpose: p.purpose, debtId: p.debtId, contactPointId: p.recipient.contactPointId,
      overriddenRules: input.overridden, validUntil: validUntil.toISOString(),
    },
    reason: input.reason, requestId: input.requestId ?? null,
  }, input.at);
  return { overrideId: row!.id, validUntil };
}

/**
 * The override an agent cites when logging a contact: it must be for this customer, channel and
 * purpose (and debt, when it named one) and still valid at `at`. Returns what the engine needs.
 */
export async function loadOverride(
  exec: SqlExecutor,
  overrideId: string,
  expect: { customerId: string; channel: string; purpose: string; debtId: string | null; at: Date },
): Promise<NonNullable<ContactProposal['override']>> {
  const { rows: [o] } = await exec.query<{ customer_id: string; channel: string; purpose: string; debt_id: string | null; granted_by: string; reason: string; valid_until: Date }>(
    `SELECT customer_id, channel, purpose, debt_id, granted_by, reason, valid_until FROM contact_overrides WHERE id = $1`,
    [overrideId],
  );
  const invalid = (en: string, zh: string) => new DomainError('conflict', { zh, en }, [{ field: 'overrideId', message: `${en} / ${zh}` }]);
  if (!o || o.customer_id !== expect.customerId) throw invalid('No such override for this customer', '该客户没有此覆盖授权');
  if (o.channel !== expect.channel || o.purpose !== expect.purpose || (o.debt_id !== null && o.debt_id !== expect.debtId)) {
    throw invalid('The override was granted for another channel, purpose or debt', '覆盖授权的渠道、目的或贷款不符');
  }
  if (new Date(o.valid_until) < expect.at) throw invalid('The override has expired', '覆盖授权已过期');
  return { by: o.granted_by, reason: o.reason };
}
