/**
 * A hardship or bereavement flag pauses AUTOMATED collection contact (robocalls, bulk SMS, scheduled
 * e-mail); a trained human agent may still make contact, to agree a grace period, instalments or a
 * restructuring (seed 004: customers willing but unable get grace periods and plans, confirmed in
 * writing). Source: LoanDesk vulnerable-customer policy; 《银行保险机构消费者权益保护管理办法》 (care
 * for consumers in special circumstances). The 'vulnerable' flag does not pause contact by itself; it is
 * shown to the agent.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { denial } from '../rule-support.ts';

const SOURCE = 'LoanDesk vulnerable-customer policy: hardship or bereavement pauses automated collection; human contact only';

export function checkPausedHardship(proposal: ContactProposal, context: ContactContext, _policy: CompliancePolicy): Denial | null {
  if (proposal.purpose !== 'collections' || proposal.mode !== 'automated') return null;
  const { hardship, bereavement } = context.customer.flags;
  if (!hardship && !bereavement) return null;
  const zh = [hardship ? '经济困难' : '', bereavement ? '丧亲' : ''].filter(Boolean).join('、');
  const en = [hardship ? 'hardship' : '', bereavement ? 'bereavement' : ''].filter(Boolean).join(' and ');
  return denial('paused-hardship', {
    zh: `客户有${zh}标记，暂停自动催收，请由专人人工联系`,
    en: `The customer is flagged for ${en}; automated collection is paused — a human agent may make contact`,
    source: SOURCE,
    allowedFrom: null,
  });
}
