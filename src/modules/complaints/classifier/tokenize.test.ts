import { describe, expect, it } from 'vitest';
import { analyseComplaintText, classifierFeatures, complaintTokens, conceptTokens, readableTerms, stemEnglish } from './tokenize.ts';

describe('complaint tokeniser', () => {
  it('Chinese: segmenter words, Han bigrams, numbers as <num>, concepts', () => {
    const t = complaintTokens('催收人员半夜打电话骂人，欠款3260元！');
    expect(t).toEqual(expect.arrayContaining(['w:人员', 'w:半夜', 'w:打电话', 'w:<num>', 'b:催收', 'b:骂人', 'c:collection', 'c:abuse-threat', 'c:unsocial-hours']));
    expect(t.some((x) => x.includes('3260'))).toBe(false);
  });

  it('English: lowercased, stop words dropped, light stemming, adjacent pairs', () => {
    const t = complaintTokens('I was CHARGED late fees twice');
    expect(t).toEqual(expect.arrayContaining(['e:charg', 'e:late', 'e:fee', 'e2:late_fee', 'e:twic', 'c:fee-interest']));
    expect(t).not.toContain('e:was');
    expect(['charged', 'charges', 'charging', 'charge'].map(stemEnglish)).toEqual(['charg', 'charg', 'charg', 'charg']);
  });

  it('ID and phone numbers never become features', () => {
    const t = complaintTokens('身份证号11010519491231002X，电话13800138000, ref AB12345678');
    expect(t.filter((x) => /\d/.test(x))).toEqual([]);
    expect(t.filter((x) => x === 'w:<num>')).toHaveLength(3);
  });

  it('full-width text is normalised (NFKC)', () => {
    expect(complaintTokens('ＡＰＰ闪退')).toContain('c:online-system');
    expect(complaintTokens('ＡＰＰ闪退')).toEqual(complaintTokens('app闪退'));
  });

  it('concepts are shared across languages', () => {
    expect(conceptTokens('有人冒用我的身份证贷款')).toContain('c:identity-misuse');
    expect(conceptTokens('Someone took out a loan in my name')).toContain('c:identity-misuse');
    expect(conceptTokens('你们泄露了我的个人信息')).toContain('c:personal-data');
    expect(conceptTokens('You leaked my personal information')).toContain('c:personal-data');
    expect(conceptTokens('柜员一直在玩手机，对我很不耐烦')).toContain('c:staff-conduct');
    expect(conceptTokens('The adviser hung up on me')).toContain('c:staff-conduct');
    expect(conceptTokens('账单上只写了总额，不显示利息')).toContain('c:not-shown');
    expect(conceptTokens("The statement doesn't show the interest")).toContain('c:not-shown');
  });

  it('the classifier also reads single Han characters; the duplicate check does not', () => {
    const text = '催收员骂人, rude';
    expect(classifierFeatures(text)).toEqual([...complaintTokens(text), 'u:催', 'u:收', 'u:员', 'u:骂', 'u:人']);
    expect(complaintTokens(text).some((t) => t.startsWith('u:'))).toBe(false);
    expect(classifierFeatures('English only, no Han')).toEqual(complaintTokens('English only, no Han'));
  });

  it('readable terms keep surface forms and drop fragments across words', () => {
    const terms = readableTerms('催收人员半夜打电话, keeps calling me');
    expect([...terms.values()]).toEqual(expect.arrayContaining(['催收', '人员', '半夜', '打电话', 'keeps', 'calling', 'keeps calling']));
    expect(terms.has('b:收人')).toBe(false);
  });

  it('intake\'s one pass gives the same features and terms as the separate functions', () => {
    for (const text of ['催收人员半夜打电话, keeps calling me', 'I was CHARGED late fees twice', 'ＡＰＰ闪退，身份证号11010519491231002X', '', '😡😡 投诉']) {
      expect(analyseComplaintText(text)).toEqual({ features: classifierFeatures(text), readable: readableTerms(text) });
    }
  });

  it('is deterministic and total (empty, punctuation, emoji)', () => {
    expect(complaintTokens('')).toEqual([]);
    expect(complaintTokens('！？…')).toEqual([]);
    expect(complaintTokens('😡😡 投诉')).toEqual(complaintTokens('😡😡 投诉'));
  });
});
