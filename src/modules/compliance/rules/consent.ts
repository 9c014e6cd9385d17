/**
 * Consent (rule code 'consent-missing'). A matching active consent for (purpose, channel) is required:
 * - always for marketing (《通信短信息服务管理规定》 art. 19: no commercial messages without the user's
 *   consent; PIPL art. 13; US: TCPA 47 U.S.C. 227(b), 47 CFR 64.1200(a)(2) prior express written consent);
 * - for contacts matching policy.consentRequired (US profile: automated calls and texts, TCPA
 *   227(b)(1)(A)(iii); China profile: follow-up visits, consent agreed at signing per PIPL art. 13);
 * - and for ANY purpose once the debtor has withdrawn the consent for that (purpose, channel) and not
 *   granted it again (PIPL art. 15: withdrawal takes effect for future processing; China: collection
 *   contact by a channel the debtor withdrew is refused). Withdrawn one second before = withdrawn.
 * Mandated servicing notices (proposal.legallyRequiredNotice, purpose 'servicing') are exempt: their
 * legal basis is the lender's legal obligation (PIPL art. 13(1)(3)), not consent.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { consentState, futureGrants } from '../consent-state.ts';
import { CHANNEL_ZH, PURPOSE_ZH, denial, fromText, horizonEnd, isMandatedNotice, zonesFor } from '../rule-support.ts';

const SOURCE_MARKETING =
  'Marketing needs consent: 《通信短信息服务管理规定》 art. 19, PIPL art. 13; US: TCPA 47 U.S.C. 227(b), 47 CFR 64.1200(a)(2)';
const SOURCE_REQUIRED = 'Policy consentRequired (US: TCPA 47 U.S.C. 227(b)(1)(A)(iii) for automated calls/texts; China: PIPL art. 13)';
const SOURCE_WITHDRAWN = 'Consent withdrawn by the debtor (PIPL art. 15; China collection standard 2025: no contact by a withdrawn channel)';

export function consentRequired(proposal: ContactProposal, policy: CompliancePolicy): boolean {
  if (proposal.purpose === 'marketing') return true;
  const rules = policy.consentRequired;
  if (!rules) return false;
  for (const r of rules) {
    if ((r.purpose === undefined || r.purpose === proposal.purpose) && (r.channel === undefined || r.channel === proposal.channel) && (r.mode === undefined || r.mode === proposal.mode)) return true;
  }
  return false;
}

export function checkConsent(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  if (isMandatedNotice(proposal)) return null;
  const t = proposal.at.getTime();
  const { purpose, channel } = proposal;
  const state = consentState(context.consents, purpose, channel, t);
  if (state === 'granted') return null;
  const required = consentRequired(proposal, policy);
  if (state === 'none' && !required) return null;
  // The consent comes back only with a grant recorded for a later instant.
  let allowedFrom: number | null = null;
  const end = horizonEnd(proposal, policy);
  for (const g of futureGrants(context.consents, purpose, channel, t)) {
    if (g > end) break;
    if (consentState(context.consents, purpose, channel, g) === 'granted') {
      allowedFrom = g;
      break;
    }
  }
  const from = fromText(allowedFrom, zonesFor(context, policy)[0]);
  const what = `${PURPOSE_ZH[purpose]}（${CHANNEL_ZH[channel]}）`;
  if (state === 'withdrawn') {
    return denial('consent-missing', {
      zh: `债务人已撤回对${what}联系的同意，不得通过该渠道联系${from.zh}`,
      en: `The debtor withdrew consent to ${purpose} contact by ${channel}; this channel may not be used${from.en}`,
      source: SOURCE_WITHDRAWN,
      allowedFrom,
    });
  }
  return denial('consent-missing', {
    zh: `缺少债务人对${what}联系的有效同意${from.zh}`,
    en: `No active consent from the debtor for ${purpose} contact by ${channel}${from.en}`,
    source: purpose === 'marketing' ? SOURCE_MARKETING : SOURCE_REQUIRED,
    allowedFrom,
  });
}
