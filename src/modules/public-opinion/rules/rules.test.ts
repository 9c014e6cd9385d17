import { describe, expect, it } from 'vitest';
import { scoreSentimentZh } from './sentiment.ts';
import { SENTIMENT_LEXICON } from './sentiment-lexicon.ts';
import { extractCandidateTokens, matchMention, type MatchCandidates } from './match-mention.ts';
import { detectNegativeSpike } from './negative-spike.ts';

describe('scoreSentimentZh', () => {
  it('has a lexicon of at least 150 entries, all within −3…3', () => {
    const entries = Object.entries(SENTIMENT_LEXICON);
    expect(entries.length).toBeGreaterThanOrEqual(150);
    for (const [, w] of entries) expect(Math.abs(w)).toBeLessThanOrEqual(3);
  });

  it.each([
    ['暴力催收，爆通讯录，骗子公司', 'negative'],
    ['这是套路贷，乱收费', 'negative'],
    ['利息太高了', 'negative'],
    ['催收打电话给我的家人和同事，还威胁要起诉', 'negative'],
    ['客服很专业，非常耐心，满意', 'positive'],
    ['很满意', 'positive'],
    ['今天去银行办理了还款', 'neutral'],
    ['', 'neutral'],
    // negation
    ['我不满意', 'negative'],
    ['服务很不专业', 'negative'],
    ['不是很满意', 'negative'],
    ['没有骚扰我', 'positive'],
    ['别骚扰我了', 'negative'], // a plea, not praise
    // English
    ['Staff were very helpful and professional', 'positive'],
    ['This is a scam, terrible service', 'negative'],
    ['not good', 'negative'],
  ] as const)('%s → %s', (text, label) => {
    const r = scoreSentimentZh(text);
    expect(r.label).toBe(label);
    expect(r.score).toBeGreaterThanOrEqual(-1);
    expect(r.score).toBeLessThanOrEqual(1);
  });

  it('intensifiers strengthen and phrases beat their parts', () => {
    expect(scoreSentimentZh('非常满意').score).toBeGreaterThan(scoreSentimentZh('满意').score);
    expect(scoreSentimentZh('很差').score).toBeLessThan(scoreSentimentZh('差').score);
    expect(scoreSentimentZh('暴力催收').hits).toEqual([{ term: '暴力催收', weight: -3 }]);
  });

  it('a negated complaint word is only mildly positive', () => {
    const r = scoreSentimentZh('态度不差');
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThan(scoreSentimentZh('态度很好').score);
  });
});

describe('matchMention', () => {
  const candidates: MatchCandidates = {
    customers: [
      { id: 'c1', name: '张伟明' },
      { id: 'c2', name: '张伟' },
      { id: 'c3', name: '王芳' },
      { id: 'c4', name: '王芳' },
      { id: 'c5', name: '李' },
      { id: 'c6', name: '北京中鼎经纬实业发展有限公司' },
    ],
    loans: [{ id: 'l1', loanNumber: 'LN00001234', customerId: 'c2' }],
    complaints: [{ id: 'k1', referenceNumber: 'TS-2026-000042', customerId: 'c3' }],
  };
  it.each([
    ['我是张伟明，被骚扰了', { customerId: 'c1', loanId: null, complaintId: null, reasons: ['name:张伟明'] }],
    ['张伟的贷款 LN00001234 多扣了钱', { customerId: 'c2', loanId: 'l1', complaintId: null, reasons: ['loan:LN00001234', 'name:张伟'] }],
    ['贷款ln00001234怎么回事', { customerId: 'c2', loanId: 'l1', complaintId: null, reasons: ['loan:LN00001234'] }],
    ['王芳说投诉没人管', { customerId: null, loanId: null, complaintId: null, reasons: ['ambiguous-name:王芳'] }],
    ['投诉编号TS-2026-000042至今未处理', { customerId: 'c3', loanId: null, complaintId: 'k1', reasons: ['complaint:TS-2026-000042'] }],
    ['李先生很生气', { customerId: null, loanId: null, complaintId: null, reasons: [] }],
    ['北京中鼎经纬实业发展有限公司被催收', { customerId: 'c6', loanId: null, complaintId: null, reasons: ['name:北京中鼎经纬实业发展有限公司'] }],
    ['今天天气不错', { customerId: null, loanId: null, complaintId: null, reasons: [] }],
  ] as const)('%s', (text, expected) => {
    expect(matchMention(text, candidates)).toEqual(expected);
  });

  it('extracts lookup tokens: names as 2–4 character substrings, loan numbers and references by pattern', () => {
    const t = extractCandidateTokens('张伟明的贷款LN00001234，投诉TS-2026-000042；北京中鼎经纬实业发展有限公司');
    expect(t.names).toContain('张伟明');
    expect(t.names).toContain('张伟');
    expect(t.names).toContain('北京中鼎经纬实业发展有限公司');
    expect(t.loanNumbers).toEqual(['LN00001234']);
    expect(t.complaintReferences).toEqual(['TS-2026-000042']);
  });
});

describe('detectNegativeSpike', () => {
  const opts = { window: 1, factor: 3, minCount: 5 };
  it.each([
    ['quiet history, burst of 6', [1, 0, 1, 1, 0, 1, 6], opts, { alert: true, current: 6, baseline: 0.667 }],
    ['burst below minCount', [0, 0, 0, 4], opts, { alert: false, current: 4, baseline: 0 }],
    ['no history, burst', [7], opts, { alert: true, current: 7, baseline: 0 }],
    ['busy history, not 3×', [3, 3, 3, 8], opts, { alert: false, current: 8, baseline: 3 }],
    ['exactly factor × baseline is not a spike', [2, 2, 6], opts, { alert: false, current: 6, baseline: 2 }],
    ['two-hour window', [1, 1, 1, 1, 5, 5], { window: 2, factor: 3, minCount: 5 }, { alert: true, current: 10, baseline: 2 }],
  ] as const)('%s', (_name, counts, options, expected) => {
    expect(detectNegativeSpike(counts, options)).toEqual(expected);
  });
  it('refuses a window that is not a whole number of hours', () => {
    expect(() => detectNegativeSpike([1], { window: 0, factor: 3, minCount: 1 })).toThrow(RangeError);
  });
});
