import { describe, expect, it } from 'vitest';
import { assertCollectionAccount, assertHistory, type CollectionAccount, type TreatmentRecord } from './collection-account.ts';
import { account } from './strategy.test-support.ts';

describe('assertCollectionAccount', () => {
  it('accepts a well-formed account, with or without score and age', () => {
    expect(() => assertCollectionAccount(account())).not.toThrow();
    expect(() => assertCollectionAccount(account({ riskScore: null, age: null, customerType: 'enterprise' }))).not.toThrow();
  });

  it.each<[string, Partial<CollectionAccount>, RegExp]>([
    ['negative DPD', { dpd: -1 }, /^dpd must be a non-negative integer: -1$/],
    ['fractional DPD', { dpd: 1.5 }, /dpd/],
    ['fractional fen', { outstandingFen: 0.5 }, /outstandingFen/],
    ['infinite risk score', { riskScore: Number.POSITIVE_INFINITY }, /riskScore/],
    ['negative age', { age: -3 }, /age/],
    ['unknown willingness', { willingness: 'maybe' as never }, /Unknown willingness: maybe/],
    ['bad promise date', { promises: [{ promisedOn: '2026-02-30', dueOn: '2026-03-01', amountFen: 1, status: 'open' }] }, /promises\[0\]\.promisedOn/],
    ['bad promise status', { promises: [{ promisedOn: '2026-02-01', dueOn: '2026-03-01', amountFen: 1, status: 'late' as never }] }, /promises\[0\]\.status/],
    ['negative promise amount', { promises: [{ promisedOn: '2026-02-01', dueOn: '2026-03-01', amountFen: -1, status: 'open' }] }, /promises\[0\]\.amountFen/],
  ])('rejects %s', (_, overrides, message) => {
    expect(() => assertCollectionAccount(account(overrides))).toThrow(message);
  });
});

describe('assertHistory', () => {
  const ok: TreatmentRecord = { segmentId: 'early', stepIndex: 0, on: '2026-03-01', outcome: 'pending' };
  it.each<[string, TreatmentRecord, RegExp]>([
    ['bad date', { ...ok, on: '2026-3-1' }, /history\[0\]\.on/],
    ['fractional step', { ...ok, stepIndex: 0.5 }, /history\[0\]\.stepIndex/],
    ['unknown outcome', { ...ok, outcome: 'paid' as never }, /history\[0\]\.outcome/],
  ])('rejects %s', (_, record, message) => {
    expect(() => assertHistory([record])).toThrow(message);
  });

  it('accepts an empty history and every outcome', () => {
    expect(() => assertHistory([])).not.toThrow();
    expect(() => assertHistory(['responded', 'no-response', 'pending'].map((outcome) => ({ ...ok, outcome }) as TreatmentRecord))).not.toThrow();
  });
});
