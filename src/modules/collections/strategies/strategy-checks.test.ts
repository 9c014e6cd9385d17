import { describe, expect, it } from 'vitest';
import { checkStrategy, coversExceptDpd, rangeContains } from './strategy-checks.ts';
import type { Conditions } from './strategy.schema.ts';
import { segment, strategyOf } from './strategy.test-support.ts';

describe('rangeContains', () => {
  it.each([
    [{ min: 1, max: null }, { min: 5, max: 10 }, true],
    [{ min: 1, max: 30 }, { min: 1, max: 30 }, true],
    [{ min: 1, max: 30 }, { min: 0, max: 30 }, false],
    [{ min: 1, max: 30 }, { min: 1, max: 31 }, false],
    [{ min: 1, max: 30 }, { min: 1, max: null }, false],
  ])('%o ⊇ %o is %s', (outer, inner, expected) => {
    expect(rangeContains(outer, inner)).toBe(expected);
  });
});

describe('coversExceptDpd', () => {
  it.each<[string, Conditions, Conditions, boolean]>([
    ['nothing covers everything', {}, { products: ['working-capital'], age: { min: 1, max: 2 } }, true],
    ['DPD is ignored', { dpd: { min: 1, max: 2 } }, { dpd: { min: 100, max: null } }, true],
    ['an age band does not cover missing ages', { age: { min: 0, max: 150 } }, {}, false],
    ['all customer types cover no condition', { customerTypes: ['enterprise', 'individual'] }, {}, true],
    ['one customer type does not', { customerTypes: ['individual'] }, {}, false],
    ['every flag still misses accounts without flags', { flags: ['hardship', 'bereavement', 'vulnerable'] }, {}, false],
    ['flags: any-of superset', { flags: ['hardship', 'bereavement'] }, { flags: ['bereavement'] }, true],
    ['balance ranges', { outstandingFen: { min: 0, max: 100 } }, { outstandingFen: { min: 0, max: 101 } }, false],
  ])('%s', (_, a, b, expected) => {
    expect(coversExceptDpd(a, b)).toBe(expected);
  });
});

describe('checkStrategy', () => {
  it('a valid strategy has no problems', () => {
    expect(checkStrategy(strategyOf([segment('a', { dpd: { min: 1, max: 30 } }), segment('b', { dpd: { min: 31, max: null } })]))).toEqual([]);
  });
});
