import type { AppDeps } from '../../../platform/app-deps.ts';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import { evaluateContact, type ContactChannel, type ContactMode, type ContactPurpose, type RuleCode } from './engine-port.ts';
import { loadContactContext } from './load-contact-context.ts';
import { buildProposal, resolveRecipient } from './proposals.ts';
import { proposalSummary, serialiseDenials, storeDenial, type StoredDenial } from './denials.ts';
import { assertMayOverride, OVERRIDE_DEFAULT_MINUTES, storeOverride } from './overrides.ts';

export type ContactCheckInput = {
  channel: ContactChannel;
  purpose: ContactPurpose;
  mode?: ContactMode;
  debtId?: string | null;
  contactPointId?: string | null;
  /** A supervisor's override: lifts overridable rules for `validMinutes` (default 60). */
  override?: { reason: string; validMinutes?: number };
  requestId?: string;
};

export type ContactCheckResult =
  | { allowed: true; at: string; overridden: RuleCode[]; override: { id: string; validUntil: string } | null }
  | { allowed: false; at: string; denials: StoredDenial[]; earliestAllowedAt: string | null; denialId: string };

/**
 * "May I contact this customer now?" — asked before an agent dials or visits. A refusal is stored
 * (shown on the customer page) and audited; a supervisor may override the overridable rules with a
 * reason, which is stored and audited, and returns the override id the agent cites when logging.
 */
export async function checkContact(deps: AppDeps, actor: Actor, customerId: string, input: ContactCheckInput): Promise<ContactCheckResult> {
  await assertCustomerVisible(deps.database.db, actor, customerId);
  if (input.override) assertMayOverride(actor);
  const at = deps.now();
  return deps.database.transaction(async (exec) => {
    const { context, policy } = await loadContactContext(exec, customerId, at);
    const recipient = await resolveRecipient(exec, customerId, input.channel, input.contactPointId);
    const base = { at, channel: input.channel, purpose: input.purpose, mode: input.mode, debtId: input.debtId, recipient };
    const proposal = buildProposal(
      input.override ? { ...base, override: { by: actorId(actor), reason: input.override.reason } } : base,
    );
    const decision = evaluateContact(proposal, context, policy);
    if (decision.allowed) {
      let override: { id: string; validUntil: string } | null = null;
      if (input.override) {
        const stored = await storeOverride(exec, {
          customerId, proposal, reason: input.override.reason, actor, at, validMinutes: input.override.validMinutes ?? OVERRIDE_DEFAULT_MINUTES,
          overridden: decision.overridden, requestId: input.requestId,
        });
        override = { id: stored.overrideId, validUntil: stored.validUntil.toISOString() };
      }
      return { allowed: true as const, at: at.toISOString(), overridden: decision.overridden, override };
    }
    const { denialId } = await storeDenial(exec, {
      customerId, at, actor, source: 'contact-check', proposal: proposalSummary(proposal), decision, requestId: input.requestId,
    });
    return {
      allowed: false as const, at: at.toISOString(), denials: serialiseDenials(decision.denials),
      earliestAllowedAt: decision.earliestAllowedAt?.toISOString() ?? null, denialId,
    };
  });
}
