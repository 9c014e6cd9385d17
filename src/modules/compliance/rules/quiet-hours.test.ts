import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../policies.ts';
import { at, buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkQuietHours } from './quiet-hours.ts';

describe('customer quiet hours', () => {
  it.each([
    // quiet hours, proposal (local), allowed, allowedFrom
    [{ start: '12:00', end: '14:00' }, '2026-06-01 11:59', true, null],
    [{ start: '12:00', end: '14:00' }, '2026-06-01 12:00', false, '2026-06-01 14:00'],
    [{ start: '12:00', end: '14:00' }, '2026-06-01 13:59', false, '2026-06-01 14:00'],
    [{ start: '12:00', end: '14:00' }, '2026-06-01 14:00', true, null],
    // wrapping midnight
    [{ start: '20:00', end: '09:00' }, '2026-06-01 19:59', true, null],
    [{ start: '20:00', end: '09:00' }, '2026-06-01 20:00', false, '2026-06-02 09:00'],
    [{ start: '20:00', end: '09:00' }, '2026-06-02 08:59', false, '2026-06-02 09:00'],
    [{ start: '20:00', end: '09:00' }, '2026-06-02 09:00', true, null],
    // start === end means none
    [{ start: '10:00', end: '10:00' }, '2026-06-01 10:00', true, null],
  ] as const)('%o at %s → allowed %s', (quietHours, local, allowed, from) => {
    const d = checkQuietHours(buildProposal({ at: at(local) }), buildContext({ customer: { quietHours } }), CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('quiet-hours');
      expect(d.allowedFrom).toEqual(at(from!));
      expect(d.messageZh).toMatch(/免打扰/);
    }
  });

  it.each(['servicing', 'marketing', 'follow-up-visit', 'collections'] as const)('applies to purpose %s', (purpose) => {
    const context = buildContext({ customer: { quietHours: { start: '12:00', end: '14:00' } } });
    expect(checkQuietHours(buildProposal({ purpose, at: at('2026-06-01 12:30') }), context, CN_MAINLAND_POLICY)).not.toBeNull();
  });

  it('letters are exempt', () => {
    const context = buildContext({ customer: { quietHours: { start: '12:00', end: '14:00' } } });
    expect(checkQuietHours(buildProposal({ channel: 'letter', at: at('2026-06-01 12:30') }), context, CN_MAINLAND_POLICY)).toBeNull();
  });
});
