import { describe, expect, it } from 'vitest';
import { DEFAULT_UNIT_COST_FEN, parseUnitCosts, recoveryPerCost } from './contact-cost.ts';

describe('parseUnitCosts', () => {
  it.each([
    [undefined, DEFAULT_UNIT_COST_FEN],
    ['', DEFAULT_UNIT_COST_FEN],
    ['sms:8', { ...DEFAULT_UNIT_COST_FEN, sms: 8 }],
    [' phone : 250 , field-visit:0 ', { ...DEFAULT_UNIT_COST_FEN, phone: 250, 'field-visit': 0 }],
  ])('%j', (text, expected) => expect(parseUnitCosts(text)).toEqual(expected));
  it.each([
    ['fax:3', /unknown channel "fax"/],
    ['sms:-1', /whole number of fen/],
    ['sms:1.5', /whole number of fen/],
    ['sms', /whole number of fen/],
  ])('refuses %j', (text, message) => expect(() => parseUnitCosts(text)).toThrow(message));
});

describe('recoveryPerCost', () => {
  it('prices each channel and divides the amount recovered by the total', () => {
    const r = recoveryPerCost(100_000, { sms: 10, phone: 3, 'field-visit': 1 });
    expect(r.contactCostFen).toBe(10 * 5 + 3 * 200 + 5000);
    expect(r.recoveredPerCostFen).toBeCloseTo(100_000 / 5650, 10);
    expect(r.byChannel.find((c) => c.channel === 'phone')).toEqual({ channel: 'phone', contacts: 3, unitCostFen: 200, costFen: 600 });
    expect(r.byChannel.find((c) => c.channel === 'letter')).toEqual({ channel: 'letter', contacts: 0, unitCostFen: 300, costFen: 0 });
  });
  it('gives null per cost when nothing was spent (free portal messages only)', () => {
    expect(recoveryPerCost(500, { portal: 4 })).toMatchObject({ contactCostFen: 0, recoveredPerCostFen: null });
  });
  it('uses the given unit costs', () => {
    expect(recoveryPerCost(0, { sms: 2 }, parseUnitCosts('sms:7')).contactCostFen).toBe(14);
  });
  it('refuses an unknown channel', () => expect(() => recoveryPerCost(0, { pigeon: 1 })).toThrow(RangeError));
});
