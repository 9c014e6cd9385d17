import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { WORDING_CATEGORIES, checkWording } from './check-wording.ts';
import { normaliseChinese, normaliseEnglish } from './normalise.ts';

const RESPECTFUL_ZH = '我们关注到您的账户最近出现了延迟还款的情况，对此我们深表关心。期望理解您目前面临的实际情况以便为您提供更合适的解决方案。';
const RESPECTFUL_EN =
  'We noticed a recent late payment on your account and we are concerned. We would like to understand your situation so that we can offer you a suitable solution.';

describe('checkWording — Chinese', () => {
  it.each([
    [RESPECTFUL_ZH, false, []],
    ['再不还钱就让你坐牢', false, [['坐牢', 'false-legal-claim']]],
    ['我们将立即起诉，并通知你单位', false, [['立即起诉', 'false-legal-claim'], ['通知你单位', 'false-legal-claim']]],
    ['逾期不还就上征信黑名单', false, [['上征信黑名单', 'false-legal-claim']]],
    ['你这个老赖', false, [['老赖', 'insult']]],
    ['后果自负', false, [['后果自负', 'threat']]],
    ['你已涉嫌诈骗，将被追究刑事责任', false, [['涉嫌诈骗', 'false-criminal-liability'], ['追究刑事', 'false-criminal-liability']]],
    ['他妈的快还钱', false, [['他妈的', 'obscenity']]],
    // normalisation: full-width spaces, punctuation, half/full width letters, zero-width characters
    ['让你坐　牢！', false, [['坐牢', 'false-legal-claim']]],
    ['坐\u200b牢', false, [['坐牢', 'false-legal-claim']]],
    ['傻Ｂ', false, [['傻b', 'obscenity']]],
    ['拘 留', false, [['拘留', 'false-legal-claim']]],
    // mother's: '妈妈的' must not hit an obscenity
    ['请转告您妈妈的联系方式是否有变化', false, []],
  ] as const)('%s (third party %s)', (text, thirdParty, expected) => {
    const result = checkWording(text, 'zh-CN', { thirdParty });
    expect(result.findings.map((f) => [f.phrase, f.category])).toEqual(expected);
    expect(result.ok).toBe(expected.length === 0);
  });

  it('third-party messages may not mention the debt', () => {
    expect(checkWording(RESPECTFUL_ZH, 'zh-CN', { thirdParty: true }).findings).toEqual([{ phrase: '还款', category: 'third-party-disclosure' }]);
    expect(checkWording('请转告张先生：他的贷款已逾期', 'zh-CN', { thirdParty: true }).findings.map((f) => f.phrase)).toEqual(['贷款', '逾期']);
    expect(checkWording('您好，请转告张先生方便时回电，谢谢。', 'zh-CN', { thirdParty: true }).ok).toBe(true);
  });

  it('the debtor may be told about their own debt', () => {
    expect(checkWording('您的贷款已逾期 3 天，请尽快还款', 'zh-CN', { thirdParty: false }).ok).toBe(true);
  });
});

describe('checkWording — English', () => {
  it.each([
    [RESPECTFUL_EN, false, []],
    ['We will sue you today.', false, [['we will sue you today', 'false-legal-claim']]],
    ['You could be ARRESTED', false, [['arrested', 'false-legal-claim']]],
    ['Pay or go to jail', false, [['jail', 'false-legal-claim']]],
    ["You're a deadbeat and a liar", false, [['deadbeat', 'insult'], ['liar', 'insult']]],
    ['Pay up or else.', false, [['or else', 'threat']]],
    ['You’ll regret ignoring us', false, [["you'll regret", 'threat']]],
    ['This is a criminal offence', false, [['criminal offence', 'false-criminal-liability']]],
    ['What the fuck', false, [['fuck', 'obscenity']]],
    ['We will contact your employer', false, [['contact your employer', 'false-legal-claim']]],
    // whole words only
    ['Jailbreak your phone? Shitake mushrooms. Prisoner of Azkaban.', false, []],
    // full-width letters
    ['ＪＡＩＬ', false, [['jail', 'false-legal-claim']]],
    ['Please ask Ann to call us back.', true, []],
    ['Please tell Ann her loan is overdue and she owes us.', true, [['loan', 'third-party-disclosure'], ['overdue', 'third-party-disclosure'], ['owes', 'third-party-disclosure']]],
  ] as const)('%s (third party %s)', (text, thirdParty, expected) => {
    const result = checkWording(text, 'en', { thirdParty });
    expect(result.findings.map((f) => [f.phrase, f.category])).toEqual(expected);
    expect(result.ok).toBe(expected.length === 0);
  });

  it('the debtor may be told about their own overdue loan', () => {
    expect(checkWording('Your loan payment is overdue. Please call us.', 'en', { thirdParty: false }).ok).toBe(true);
  });

  it('mixed-language messages are checked against both lexicons', () => {
    const r = checkWording('Dear customer 你这个老赖, you will go to jail', 'zh-CN', { thirdParty: false });
    expect(r.findings.map((f) => f.phrase).sort()).toEqual(['jail', '老赖']);
  });
});

describe('lexicon files', () => {
  const require = createRequire(import.meta.url);
  it.each(['./lexicon.zh-CN.json', './lexicon.en.json'])('%s documents sources and rationale and has ≥ 25 phrases over every category', (file) => {
    const lexicon = require(file) as { sources: string[]; categories: Record<string, { rationale: string; phrases: string[] }> };
    expect(lexicon.sources.length).toBeGreaterThan(0);
    let total = 0;
    for (const category of WORDING_CATEGORIES) {
      const entry = lexicon.categories[category];
      expect(entry.rationale.length).toBeGreaterThan(10);
      expect(entry.phrases.length).toBeGreaterThan(0);
      total += entry.phrases.length;
    }
    expect(total).toBeGreaterThanOrEqual(25);
  });
});

describe('normalisation', () => {
  it('Chinese: full-width → half-width, case-folded, whitespace and punctuation dropped', () => {
    expect(normaliseChinese('坐　牢！ＡＢＣ')).toBe('坐牢abc');
  });
  it('English: case-folded, punctuation collapsed, apostrophes straightened', () => {
    expect(normaliseEnglish('You’LL   regret—THIS!')).toBe(" you'll regret this ");
  });
});
