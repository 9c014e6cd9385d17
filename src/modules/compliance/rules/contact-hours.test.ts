import { describe, expect, it } from 'vitest';
import { CN_BANK_STRICT_POLICY, CN_MAINLAND_POLICY, US_REG_F_POLICY } from '../policies.ts';
import { LOS_ANGELES, NEW_YORK, SHANGHAI, at, buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkContactHours } from './contact-hours.ts';

describe('contact hours in the debtor\'s local time', () => {
  it.each([
    ['China standard', CN_MAINLAND_POLICY, SHANGHAI, '2026-06-01 07:59', false, '2026-06-01 08:00'],
    ['China standard', CN_MAINLAND_POLICY, SHANGHAI, '2026-06-01 08:00', true, null],
    ['China standard', CN_MAINLAND_POLICY, SHANGHAI, '2026-06-01 21:59', true, null],
    ['China standard', CN_MAINLAND_POLICY, SHANGHAI, '2026-06-01 22:00', false, '2026-06-02 08:00'],
    ['China standard', CN_MAINLAND_POLICY, SHANGHAI, '2026-06-01 22:30', false, '2026-06-02 08:00'],
    ['China standard', CN_MAINLAND_POLICY, SHANGHAI, '2026-06-02 00:15', false, '2026-06-02 08:00'],
    ['bank 08:00–21:00', CN_BANK_STRICT_POLICY, SHANGHAI, '2026-06-01 20:59', true, null],
    ['bank 08:00–21:00', CN_BANK_STRICT_POLICY, SHANGHAI, '2026-06-01 21:00', false, '2026-06-02 08:00'],
    ['Reg F', US_REG_F_POLICY, NEW_YORK, '2026-06-01 07:59', false, '2026-06-01 08:00'],
    ['Reg F', US_REG_F_POLICY, NEW_YORK, '2026-06-01 08:00', true, null],
    ['Reg F', US_REG_F_POLICY, NEW_YORK, '2026-06-01 20:59', true, null],
    ['Reg F', US_REG_F_POLICY, NEW_YORK, '2026-06-01 21:00', false, '2026-06-02 08:00'],
  ] as const)('%s in %s at %s → allowed %s', (_label, policy, zone, local, allowed, from) => {
    const d = checkContactHours(buildProposal({ at: at(local, zone) }), buildContext({ customer: { timeZones: [zone] } }), policy);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('contact-hours');
      expect(d.overridable).toBe(true);
      expect(d.allowedFrom).toEqual(at(from!, zone));
      expect(d.messageZh).toMatch(/时段/);
      expect(d.messageEn).toMatch(/outside/);
    }
  });

  describe('US debtor whose address is in Los Angeles and phone in New York: inside the window in EVERY zone', () => {
    const context = buildContext({ customer: { timeZones: [LOS_ANGELES, NEW_YORK] } });
    it.each([
      // [UTC instant, allowed, allowedFrom]: NY 08:00 EDT = 12:00Z, LA 08:00 PDT = 15:00Z, NY 21:00 EDT = 01:00Z
      ['2026-06-01T12:00:00Z', false, '2026-06-01T15:00:00Z'], // NY 08:00 but LA 05:00
      ['2026-06-01T14:59:00Z', false, '2026-06-01T15:00:00Z'],
      ['2026-06-01T15:00:00Z', true, null], // LA 08:00, NY 11:00
      ['2026-06-02T00:59:00Z', true, null], // NY 20:59, LA 17:59
      ['2026-06-02T01:00:00Z', false, '2026-06-02T15:00:00Z'], // NY 21:00
    ] as const)('%s → allowed %s', (iso, allowed, from) => {
      const d = checkContactHours(buildProposal({ at: new Date(iso) }), context, US_REG_F_POLICY);
      expect(d === null).toBe(allowed);
      if (d) {
        expect(d.allowedFrom?.toISOString()).toBe(new Date(from!).toISOString());
        expect(d.messageEn).toMatch(/every zone/);
      }
    });
  });

  describe('US daylight-saving changes (New York)', () => {
    const context = buildContext({ customer: { timeZones: [NEW_YORK] } });
    it.each([
      // 2026-03-08: clocks spring forward at 02:00 → 08:00 EDT is 12:00Z (13:00Z the day before)
      ['2026-03-07T12:59:00Z', false, '2026-03-07T13:00:00Z'],
      ['2026-03-08T11:59:00Z', false, '2026-03-08T12:00:00Z'],
      ['2026-03-08T12:00:00Z', true, null],
      ['2026-03-09T00:59:00Z', true, null], // 20:59 EDT
      ['2026-03-09T01:00:00Z', false, '2026-03-09T12:00:00Z'], // 21:00 EDT
      // 2026-11-01: clocks fall back at 02:00 → 08:00 EST is 13:00Z (12:00Z the day before)
      ['2026-10-31T12:00:00Z', true, null],
      ['2026-11-01T12:30:00Z', false, '2026-11-01T13:00:00Z'], // 07:30 EST, was 08:30 EDT the day before
      ['2026-11-01T13:00:00Z', true, null],
      ['2026-11-02T01:59:00Z', true, null], // 20:59 EST
      ['2026-11-02T02:00:00Z', false, '2026-11-02T13:00:00Z'], // 21:00 EST
    ] as const)('%s → allowed %s', (iso, allowed, from) => {
      const d = checkContactHours(buildProposal({ at: new Date(iso) }), context, US_REG_F_POLICY);
      expect(d === null).toBe(allowed);
      if (d) expect(d.allowedFrom?.toISOString()).toBe(new Date(from!).toISOString());
    });
  });

  it('a time window the debtor agreed lifts the China night ban inside that window', () => {
    const context = buildContext({ customer: { agreedContactWindow: { start: '22:00', end: '23:00' } } });
    expect(checkContactHours(buildProposal({ at: at('2026-06-01 22:30') }), context, CN_MAINLAND_POLICY)).toBeNull();
    const late = checkContactHours(buildProposal({ at: at('2026-06-01 23:00') }), context, CN_MAINLAND_POLICY);
    expect(late?.allowedFrom).toEqual(at('2026-06-02 08:00'));
    expect(late?.messageEn).toMatch(/agreed/);
  });

  it('other purposes use the general hours', () => {
    const d = checkContactHours(buildProposal({ purpose: 'servicing', at: at('2026-06-01 21:30') }), buildContext(), CN_MAINLAND_POLICY);
    expect(d?.source).toMatch(/generalHours/);
    expect(checkContactHours(buildProposal({ at: at('2026-06-01 21:30') }), buildContext(), CN_MAINLAND_POLICY)).toBeNull();
  });

  it('letters are exempt (their instant is the posting)', () => {
    expect(checkContactHours(buildProposal({ channel: 'letter', at: at('2026-06-01 23:30') }), buildContext(), CN_MAINLAND_POLICY)).toBeNull();
  });

  it('an unknown time zone fails closed with no allowedFrom', () => {
    const d = checkContactHours(buildProposal(), buildContext({ customer: { timeZones: ['Mars/Olympus_Mons'] } }), CN_MAINLAND_POLICY);
    expect(d?.allowedFrom).toBeNull();
    expect(d?.messageEn).toMatch(/Unknown time zone/);
  });

  it('no time zone on file: the profile default zones (US: every US zone) must all pass', () => {
    const context = buildContext({ customer: { timeZones: [] } });
    // 15:00Z = 11:00 New York, 08:00 Los Angeles, but 05:00 Honolulu
    const d = checkContactHours(buildProposal({ at: new Date('2026-06-01T15:00:00Z') }), context, US_REG_F_POLICY);
    expect(d?.messageEn).toMatch(/Pacific\/Honolulu/);
    expect(d?.allowedFrom?.toISOString()).toBe('2026-06-01T18:00:00.000Z');
  });

  it('zones whose windows never overlap give no allowedFrom', () => {
    const context = buildContext({ customer: { timeZones: ['Asia/Shanghai', 'America/New_York'] } });
    const policy = { ...CN_MAINLAND_POLICY, collectionHours: { start: '09:00', end: '12:00' } };
    const d = checkContactHours(buildProposal({ at: at('2026-06-01 10:00') }), context, policy);
    expect(d).not.toBeNull();
    expect(d?.allowedFrom).toBeNull();
  });
});
