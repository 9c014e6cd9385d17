/**
 * Third parties (relationship ≠ self). Collection talks to the debtor only; a third party may be
 * contacted only to re-establish contact with a debtor who cannot be reached on any own contact point,
 * and then only:
 * - when context.customer.debtorUnreachable is true and proposal.thirdPartyPurpose is
 *   're-establish-contact' (《互联网金融逾期债务催收自律公约（试行）》 arts. 13, 14, 18; the 2025 national
 *   standard; US: 15 U.S.C. 1692b, 12 CFR 1006.10 location information only);
 * - at a recorded contact point (contactPointId), and in China only a contact person the debtor agreed
 *   in advance: one of customer.agreedContactPointIds when the list is given, otherwise never a
 *   colleague or "other" (通知单位/同事 is the abuse the 公约 targets);
 * - by a human: automated messages to third parties are refused (a robocall cannot judge who answers);
 * - never for marketing (the third party is not our customer);
 * - US: once only — a third party already reached is not contacted again (15 U.S.C. 1692b(3)).
 * Every failed condition is listed in the one denial. Not overridable; no allowedFrom (state change).
 * What is said must not reveal the debt: the wording rule applies the third-party-disclosure category.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { latestAtOrBefore, recipientHistory, recipientKey } from '../history-index.ts';
import { denial } from '../rule-support.ts';

const SOURCE =
  '《互联网金融逾期债务催收自律公约（试行）》 arts. 13, 14, 18; 《互联网金融 个人网络消费信贷 贷后催收风控指引》(2025); US: 15 U.S.C. 1692b, 12 CFR 1006.10';

export function checkThirdPartyAllowed(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const { relationship, contactPointId } = proposal.recipient;
  if (relationship === 'self') return null;
  const zh: string[] = [];
  const en: string[] = [];
  if (!context.customer.debtorUnreachable) {
    zh.push('债务人本人仍可联系，催收只能与债务人本人沟通');
    en.push('the debtor can still be reached, and collection talks to the debtor only');
  }
  if (proposal.thirdPartyPurpose !== 're-establish-contact') {
    zh.push('联系第三方仅限于恢复与债务人的联系（thirdPartyPurpose 须为 re-establish-contact）');
    en.push("a third party may only be contacted to re-establish contact with the debtor (thirdPartyPurpose 're-establish-contact')");
  }
  if (proposal.purpose === 'marketing') {
    zh.push('不得向第三方营销');
    en.push('no marketing to third parties');
  }
  if (proposal.mode === 'automated') {
    zh.push('不得以自动方式联系第三方');
    en.push('third parties are contacted by a person, never automatically');
  }
  if (contactPointId === null) {
    zh.push('该第三方不是已登记的联系人');
    en.push('the third party is not a recorded contact point');
  } else if (policy.profile === 'cn-mainland') {
    const agreed = context.customer.agreedContactPointIds;
    const ok = agreed ? agreed.includes(contactPointId) : relationship !== 'colleague' && relationship !== 'other';
    if (!ok) {
      zh.push('该第三方不是债务人事先同意的联系人');
      en.push('the third party is not a contact person the debtor agreed in advance');
    }
  }
  if (policy.profile === 'us-reg-f' && contactPointId !== null) {
    const reached = recipientHistory(context, recipientKey(relationship, contactPointId)).reached;
    if (latestAtOrBefore(reached, proposal.at.getTime()) !== null) {
      zh.push('该第三方已联系过一次，不得再次联系（15 U.S.C. 1692b(3)）');
      en.push('this third party was already reached once (15 U.S.C. 1692b(3))');
    }
  }
  if (!zh.length) return null;
  return denial('third-party-not-allowed', {
    zh: `不得联系第三方：${zh.join('；')}`,
    en: `Third-party contact not allowed: ${en.join('; ')}`,
    source: SOURCE,
    allowedFrom: null,
  });
}
