import type { AppDeps } from '../../../platform/app-deps.ts';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import { evaluateContact, type ContactPurpose, type Denial } from '../../compliance/context/engine-port.ts';
import { loadContactContext } from '../../compliance/context/load-contact-context.ts';
import { buildProposal, resolveRecipient } from '../../compliance/context/proposals.ts';
import { proposalSummary, storeDenial } from '../../compliance/context/denials.ts';
import { loadOverride } from '../../compliance/context/overrides.ts';
import { CHANNEL_ZH, OUTCOME_ZH, insertContactAttempt, insertTimeline } from './record-contact.ts';

export type LoggedChannel = 'phone' | 'field-visit' | 'video';
export type LogContactInput = {
  channel: LoggedChannel;
  purpose: ContactPurpose;
  outcome: 'attempted' | 'no-answer' | 'connected' | 'conversation' | 'refused' | 'wrong-number';
  debtId?: string | null;
  contactPointId?: string | null;
  /** The call recording or visit record (photos, audio, video) in the evidence store. */
  evidenceItemId?: string | null;
  durationSeconds?: number | null;
  note?: string | null;
  /** Collection agency that made the contact, when not the lender itself. */
  agency?: string | null;
  /** A supervisor's override from POST /contact-check, when the engine would refuse. */
  overrideId?: string | null;
  requestId?: string;
};

export type LogContactResult =
  | { logged: true; contactId: string; overridden: string[] }
  | { logged: false; denials: Denial[]; earliestAllowedAt: Date | null; denialId: string };

/**
 * An agent's call, video call or field visit, logged as it is made (at the server's "now"). The
 * engine judges it first: a contact it would refuse is refused and the refusal stored, unless the
 * agent cites a supervisor's valid override. Field visits must reference their evidence (the
 * record of what was said and done on site is what settles a later complaint).
 */
export async function logContact(deps: AppDeps, actor: Actor, customerId: string, input: LogContactInput): Promise<LogContactResult> {
  await assertCustomerVisible(deps.database.db, actor, customerId);
  if (input.channel === 'field-visit' && !input.evidenceItemId) {
    throw new DomainError('validation', { zh: '上门拜访须附证据（录音/录像/照片）', en: 'A field visit needs its evidence item (recording, video or photos)' }, [
      { field: 'evidenceItemId', message: 'required for a field visit / 上门拜访时必填' },
    ]);
  }
  const at = deps.now();
  return deps.database.transaction(async (exec) => {
    if (input.evidenceItemId) {
      const { rows } = await exec.query(`SELECT 1 FROM evidence_items WHERE id = $1 AND removed_at IS NULL`, [input.evidenceItemId]);
      if (rows.length === 0) throw new DomainError('validation', { zh: '证据不存在', en: 'No such evidence item' }, [{ field: 'evidenceItemId', message: 'unknown evidence item / 证据不存在' }]);
    }
    const debtId = input.debtId ?? null;
    const override = input.overrideId
      ? await loadOverride(exec, input.overrideId, { customerId, channel: input.channel, purpose: input.purpose, debtId, at })
      : undefined;
    const recipient = await resolveRecipient(exec, customerId, input.channel, input.contactPointId);
    const { context, policy } = await loadContactContext(exec, customerId, at);
    const proposal = buildProposal({ at, channel: input.channel, purpose: input.purpose, mode: 'human', debtId, recipient, override });
    const decision = evaluateContact(proposal, context, policy);
    if (!decision.allowed) {
      const { denialId } = await storeDenial(exec, { customerId, at, actor, source: 'contact-log', proposal: proposalSummary(proposal), decision, requestId: input.requestId });
      return { logged: false as const, denials: decision.denials, earliestAllowedAt: decision.earliestAllowedAt, denialId };
    }
    const contactId = await insertContactAttempt(exec, {
      customerId, occurredAt: at, direction: 'outbound', channel: input.channel, mode: 'human', purpose: input.purpose, debtId,
      contactPointId: recipient.contactPointId, relationship: recipient.relationship, outcome: input.outcome, agency: input.agency ?? null,
      actorId: actorId(actor), evidenceItemId: input.evidenceItemId ?? null, overrideId: input.overrideId ?? null,
      durationSeconds: input.durationSeconds ?? null, note: input.note ?? null,
    });
    await insertTimeline(exec, {
      customerId, at, kind: input.channel === 'field-visit' ? 'field-visit' : 'call', refId: contactId,
      summaryZh: `${CHANNEL_ZH[input.channel]}联系（${OUTCOME_ZH[input.outcome]}）`,
      summaryEn: `${input.channel} contact: ${input.outcome}`,
      detail: { purpose: input.purpose, outcome: input.outcome, evidenceItemId: input.evidenceItemId ?? null, overridden: decision.overridden },
    });
    await recordAudit(exec, {
      actor, action: 'contact.logged', entityType: 'contact-attempt', entityId: contactId,
      after: {
        customerId, channel: input.channel, purpose: input.purpose, outcome: input.outcome, debtId, contactPointId: recipient.contactPointId,
        evidenceItemId: input.evidenceItemId ?? null, overrideId: input.overrideId ?? null, overridden: decision.overridden,
      },
      requestId: input.requestId ?? null,
    }, at);
    return { logged: true as const, contactId, overridden: decision.overridden };
  });
}
