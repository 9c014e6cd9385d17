import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, toJsonValue } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: '中文' } })).toBe('{"a":{"c":"中文","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('writes Dates as ISO 8601 UTC with milliseconds', () => {
    expect(canonicalJson({ at: new Date('2026-11-26T10:00:00+08:00') })).toBe('{"at":"2026-11-26T02:00:00.000Z"}');
  });

  it('drops undefined members like JSON.stringify, and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('refuses values JSON cannot carry exactly instead of silently writing null', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: 10n })).toThrow(/bigint/);
    expect(() => canonicalJson({ m: new Map() })).toThrow(/unsupported object/);
    expect(() => canonicalJson({ d: new Date('nope') })).toThrow(/invalid Date/);
    expect(() => canonicalJson({ a: { b: [1, Number.NaN] } })).toThrow('non-finite number at $.a.b[1]');
    expect(() => canonicalJson([{ when: new (class { toJSON = () => 1n })() }])).toThrow('unsupported bigint at $[0].when');
  });

  it('is independent of key insertion order (as jsonb re-orders keys)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it('orders keys as Array.prototype.sort does, for few keys and many', () => {
    const reference = (v: unknown): string =>
      v === null || typeof v !== 'object'
        ? JSON.stringify(v)
        : Array.isArray(v)
          ? `[${v.map(reference).join(',')}]`
          : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`).join(',')}}`;
    const anyKey = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a', 'A', '_', 'Z', 'é', '中', '\u{1F600}', '10', '9'));
    fc.assert(
      fc.property(fc.dictionary(anyKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 40 }), (obj) => {
        expect(canonicalJson(obj)).toBe(reference(obj));
      }),
    );
  });

  it('round-trips: parsing canonical JSON and writing it again gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(canonicalJson(toJsonValue(value))).toBe(text);
      }),
    );
  });
});
