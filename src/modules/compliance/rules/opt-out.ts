/**
 * Opt-outs ("STOP" to an SMS, unsubscribe from e-mail, do-not-call on a number) are honoured
 * immediately for that channel, for every purpose — collections, servicing and marketing alike —
 * from the recorded instant onwards. Sources: 《通信短信息服务管理规定》 art. 19 (no further messages
 * once the user refuses); 12 CFR 1006.6(d)(4)(ii), 1006.6(e) (opt-out notice in electronic collection
 * communications, honoured); CAN-SPAM 15 U.S.C. 7704(a)(4).
 *
 * Decision (mandated notices): a servicing notice the lender is legally obliged to send
 * (legallyRequiredNotice, purpose 'servicing') still goes — a transactional/relationship message is
 * outside the opt-out (CAN-SPAM 15 U.S.C. 7702(17)) and in China rests on legal obligation, not
 * consent (PIPL art. 13(1)(3)). Every other purpose is blocked.
 * Re-opt-in: a consent for (purpose, channel) granted after the latest opt-out lifts it for that purpose.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { consentState, futureGrants, latestGrantAt } from '../consent-state.ts';
import { CHANNEL_ZH, denial, fromText, horizonEnd, isMandatedNotice, whenText, zonesFor } from '../rule-support.ts';

const SOURCE =
  'Opt-out honoured immediately: 《通信短信息服务管理规定》 art. 19; 12 CFR 1006.6(d)(4)(ii) and 1006.6(e); CAN-SPAM 15 U.S.C. 7704(a)(4)';

function latestOptOut(context: ContactContext, channel: ContactProposal['channel'], at: number): number | null {
  let latest: number | null = null;
  for (const o of context.optOuts) {
    if (o.channel !== channel) continue;
    const ms = o.at.getTime();
    if (ms <= at && (latest === null || ms > latest)) latest = ms;
  }
  return latest;
}

function optedOutAt(proposal: ContactProposal, context: ContactContext, at: number): number | null {
  const optOut = latestOptOut(context, proposal.channel, at);
  if (optOut === null) return null;
  const grant = latestGrantAt(context.consents, proposal.purpose, proposal.channel, at);
  return grant !== null && grant > optOut ? null : optOut;
}

export function checkOptOut(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  if (!context.optOuts.length || isMandatedNotice(proposal)) return null;
  const t = proposal.at.getTime();
  const optOut = optedOutAt(proposal, context, t);
  if (optOut === null) return null;
  let allowedFrom: number | null = null;
  const end = horizonEnd(proposal, policy);
  for (const g of futureGrants(context.consents, proposal.purpose, proposal.channel, t)) {
    if (g > end) break;
    if (consentState(context.consents, proposal.purpose, proposal.channel, g) === 'granted' && optedOutAt(proposal, context, g) === null) {
      allowedFrom = g;
      break;
    }
  }
  const zone = zonesFor(context, policy)[0];
  const from = fromText(allowedFrom, zone);
  const when = whenText(optOut, zone);
  return denial('opted-out', {
    zh: `债务人已于 ${when} 退订${CHANNEL_ZH[proposal.channel]}，该渠道不得再联系（法定必须发送的服务通知除外）${from.zh}`,
    en: `The debtor opted out of ${proposal.channel} at ${when}; no contact by this channel except legally required servicing notices${from.en}`,
    source: SOURCE,
    allowedFrom,
  });
}
