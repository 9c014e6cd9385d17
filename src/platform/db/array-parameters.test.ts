import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arrayLiteral, encodeArrayParameters } from './array-parameters.ts';

// node-postgres's own encoding of a parameter: the reference the fast path must reproduce exactly.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

describe('arrayLiteral: array parameters as node-postgres would write them', () => {
  const element = fc.oneof(
    fc.string({ unit: 'binary' }), fc.constantFrom('', '"', '\\', 'a"b\\c', '{x,y}', 'NULL', ' 催收 ', '客户没有可用的地址 / no usable address'),
    fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
  );

  it('writes every flat array of strings, numbers, booleans and nulls exactly as node-postgres does', () => {
    fc.assert(fc.property(fc.array(element, { maxLength: 30 }), (values) => {
      expect(arrayLiteral(values)).toBe(prepareValue(values));
    }), { numRuns: 2000 });
  });

  it('leaves what it does not write (nested arrays, Dates, objects, non-finite numbers) to node-postgres', () => {
    for (const values of [[['a']], [new Date('2026-11-26T02:00:00Z')], [{ a: 1 }], [Number.NaN], [Buffer.from('x')]]) expect(arrayLiteral(values)).toBeNull();
    const dates = [new Date('2026-11-26T02:00:00Z')];
    const params = [1, ['a', null], dates, 'x'];
    const encoded = encodeArrayParameters(params)!;
    expect(encoded).toEqual([1, '{"a",NULL}', dates, 'x']);
    expect(params[1]).toEqual(['a', null]); // the caller's array is not modified
  });

  it('returns the same parameter list when nothing is encoded', () => {
    const params = [1, 'a', null];
    expect(encodeArrayParameters(params)).toBe(params);
    expect(encodeArrayParameters(undefined)).toBeUndefined();
  });
});
