/**
 * Prohibited wording in the rendered message: threats, insults, obscenity, false legal claims and false
 * criminal liability for every recipient, plus any mention of the debt in a message to a third party.
 * Sources: 《互联网金融逾期债务催收自律公约（试行）》 (no threats, insults or false claims; no disclosure
 * to unrelated persons); the 2025 national collection standard; FDCPA 15 U.S.C. 1692d, 1692e, 1692b(2),
 * 1692c(b); 12 CFR 1006.14, 1006.18, 1006.10. Lexicons: wording/lexicon.*.json. Not overridable: the
 * message must be rewritten.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { checkWording } from '../wording/check-wording.ts';
import { denial, isThirdParty } from '../rule-support.ts';

const SOURCE =
  '《互联网金融逾期债务催收自律公约（试行）》; 《互联网金融 个人网络消费信贷 贷后催收风控指引》(2025); FDCPA 15 U.S.C. 1692d, 1692e, 1692b(2), 1692c(b); 12 CFR 1006.14, 1006.18';

const CATEGORY_ZH: Record<string, string> = {
  threat: '威胁恐吓',
  insult: '侮辱性用语',
  obscenity: '粗俗用语',
  'false-legal-claim': '虚假法律后果',
  'false-criminal-liability': '虚假刑事责任',
  'third-party-disclosure': '向第三方透露债务',
};

export function checkMessageWording(proposal: ContactProposal, _context: ContactContext, _policy: CompliancePolicy): Denial | null {
  const message = proposal.message;
  if (!message || !message.text) return null;
  const result = checkWording(message.text, message.language, { thirdParty: isThirdParty(proposal) });
  if (result.ok) return null;
  const phrases = [...new Set(result.findings.map((f) => f.phrase))];
  const categories = [...new Set(result.findings.map((f) => f.category))];
  return denial('wording', {
    zh: `消息含有禁止用语（${categories.map((c) => CATEGORY_ZH[c]).join('、')}）：${phrases.map((p) => `“${p}”`).join('、')}，请修改后再发送`,
    en: `The message contains prohibited wording (${categories.join(', ')}): ${phrases.map((p) => `"${p}"`).join(', ')}; rewrite it before sending`,
    source: SOURCE,
    allowedFrom: null,
    phrases,
  });
}
