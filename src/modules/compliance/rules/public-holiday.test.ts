import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY, US_REG_F_POLICY } from '../policies.ts';
import { at, buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkPublicHoliday } from './public-holiday.ts';

describe('no collection contact on mainland public holidays (policy)', () => {
  it.each([
    ['2026-10-01 10:00', false, '2026-10-08 00:00', 'National Day, Thursday'],
    ['2026-10-07 21:00', false, '2026-10-08 00:00', 'last day of the National Day break'],
    ['2026-10-08 10:00', true, null, 'first working day after it'],
    ['2026-10-10 10:00', true, null, '调休 working Saturday'],
    ['2026-09-20 10:00', true, null, '调休 working Sunday'],
    ['2026-10-11 10:00', true, null, 'ordinary Sunday: not a public holiday'],
    ['2026-02-16 10:00', false, '2026-02-24 00:00', 'Spring Festival'],
    ['2026-01-01 00:00', false, '2026-01-04 00:00', "New Year's Day from local midnight"],
    ['2025-12-31 23:59', true, null, 'the minute before'],
  ] as const)('%s → allowed %s (%s)', (local, allowed, from, _why) => {
    const d = checkPublicHoliday(buildProposal({ at: at(local) }), buildContext(), CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('public-holiday');
      expect(d.overridable).toBe(true);
      expect(d.allowedFrom).toEqual(at(from!));
    }
  });

  it('names the holiday in both languages', () => {
    const d = checkPublicHoliday(buildProposal({ at: at('2026-10-01 10:00') }), buildContext(), CN_MAINLAND_POLICY);
    expect(d?.messageZh).toContain('国庆节');
    expect(d?.messageEn).toContain('National Day');
  });

  it('applies only to collections, and only when the policy says so', () => {
    const holiday = at('2026-10-01 10:00');
    expect(checkPublicHoliday(buildProposal({ at: holiday, purpose: 'servicing' }), buildContext(), CN_MAINLAND_POLICY)).toBeNull();
    expect(checkPublicHoliday(buildProposal({ at: holiday }), buildContext(), US_REG_F_POLICY)).toBeNull();
    expect(checkPublicHoliday(buildProposal({ at: holiday }), buildContext(), { ...CN_MAINLAND_POLICY, collectionsOnPublicHolidays: true })).toBeNull();
  });

  it('extra holidays from the policy count, and push allowedFrom on', () => {
    const policy = { ...CN_MAINLAND_POLICY, extraPublicHolidays: ['2026-06-01', '2026-06-02'] };
    const d = checkPublicHoliday(buildProposal({ at: at('2026-06-01 10:00') }), buildContext(), policy);
    expect(d?.allowedFrom).toEqual(at('2026-06-03 00:00'));
  });

  it('bounded: holidays past the search horizon give no allowedFrom', () => {
    const days = Array.from({ length: 70 }, (_, i) => new Date(Date.UTC(2026, 5, 1 + i)).toISOString().slice(0, 10));
    const d = checkPublicHoliday(buildProposal({ at: at('2026-06-01 10:00') }), buildContext(), { ...CN_MAINLAND_POLICY, extraPublicHolidays: days });
    expect(d).not.toBeNull();
    expect(d?.allowedFrom).toBeNull();
  });
});
