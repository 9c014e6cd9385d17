import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkMessageWording } from './wording.ts';

const RESPECTFUL = '我们关注到您的账户最近出现了延迟还款的情况，对此我们深表关心。期望理解您目前面临的实际情况以便为您提供更合适的解决方案。';
const thirdParty = { contactPointId: 'cp-ec', relationship: 'emergency-contact' as const, refusedAt: null };

describe('wording rule', () => {
  it.each([
    ['respectful message to the debtor (seed 004)', { message: { text: RESPECTFUL, language: 'zh-CN' as const } }, true],
    ['threat to the debtor', { message: { text: '三天内不还款，后果自负！', language: 'zh-CN' as const } }, false],
    ['the respectful message sent to a contact person discloses the debt', { message: { text: RESPECTFUL, language: 'zh-CN' as const }, recipient: thirdParty }, false],
    ['a neutral request to a contact person', { message: { text: '您好，请转告张先生方便时回电，谢谢。', language: 'zh-CN' as const }, recipient: thirdParty }, true],
    ['English threat of arrest', { message: { text: 'Pay now or face arrest.', language: 'en' as const } }, false],
    ['no message (a phone call)', {}, true],
  ])('%s → allowed %s', (_label, over, allowed) => {
    const d = checkMessageWording(buildProposal({ channel: 'sms', ...over }), buildContext(), CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('wording');
      expect(d.overridable).toBe(false);
      expect(d.allowedFrom).toBeNull();
      expect(d.phrases?.length).toBeGreaterThan(0);
    }
  });

  it('names the offending phrases and categories in both languages', () => {
    const d = checkMessageWording(buildProposal({ channel: 'sms', message: { text: '老赖，再不还钱就让你坐牢', language: 'zh-CN' } }), buildContext(), CN_MAINLAND_POLICY);
    expect(d?.phrases).toEqual(['老赖', '坐牢']);
    expect(d?.messageZh).toContain('侮辱性用语');
    expect(d?.messageEn).toContain('false-legal-claim');
  });
});
