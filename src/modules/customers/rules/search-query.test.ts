import { describe, it, expect } from 'vitest';
import { interpretSearchQuery } from './search-query.ts';

describe('interpretSearchQuery', () => {
  it.each([
    ['11010519491231002X', ['id-number', 'reference']],
    ['11010519491231002x', ['id-number', 'reference']],
    ['91350100M000100Y43', ['credit-code', 'reference', 'name']],
    ['13800138000', ['phone', 'reference']],
    ['+86 138 0013 8000', ['phone']],
    ['138-0013-8000', ['phone', 'reference']],
    ['张伟', ['reference', 'name']],
    ['LN2024000123', ['reference', 'name']],
    ['杭州 科技', ['name']],
  ])('%s is looked up by %j', (q, expected) => {
    expect(interpretSearchQuery(q).map((i) => i.by)).toEqual(expected);
  });

  it('an empty or blank query looks up nothing', () => {
    expect(interpretSearchQuery('   ')).toEqual([]);
  });

  it('upper-cases the ID check character so the keyed hash matches', () => {
    expect(interpretSearchQuery('11010519491231002x')[0]).toEqual({ by: 'id-number', value: '11010519491231002X' });
  });
});
