import { describe, expect, it } from 'vitest';
import { US_REG_F_POLICY } from '../policies.ts';
import { NEW_YORK, at, buildContext, buildProposal } from '../compliance.test-support.ts';
import { checkInconvenientTime } from './inconvenient-time.ts';

const ny = (local: string) => at(local, NEW_YORK);

describe('times the consumer said are inconvenient (12 CFR 1006.6(b)(1)(i))', () => {
  const context = buildContext({
    customer: {
      timeZones: [NEW_YORK],
      inconvenientTimes: [
        { start: '09:00', end: '17:00' }, // at work
        { start: '17:00', end: '18:30' }, // commuting: adjacent, so 09:00 → 18:30 in one go
        { start: '23:30', end: '07:00' }, // asleep (wraps)
      ],
    },
  });
  it.each([
    ['2026-06-01 08:59', true, null],
    ['2026-06-01 09:00', false, '2026-06-01 18:30'],
    ['2026-06-01 17:45', false, '2026-06-01 18:30'],
    ['2026-06-01 18:30', true, null],
    ['2026-06-01 23:30', false, '2026-06-02 07:00'],
  ] as const)('%s → allowed %s', (local, allowed, from) => {
    const d = checkInconvenientTime(buildProposal({ at: ny(local) }), context, US_REG_F_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('inconvenient-time');
      expect(d.overridable).toBe(true);
      expect(d.allowedFrom).toEqual(ny(from!));
    }
  });

  it('no stated times → no denial', () => {
    expect(checkInconvenientTime(buildProposal({ at: ny('2026-06-01 12:00') }), buildContext({ customer: { timeZones: [NEW_YORK] } }), US_REG_F_POLICY)).toBeNull();
  });

  it('times covering the whole day never pass (no allowedFrom)', () => {
    const allDay = buildContext({ customer: { timeZones: [NEW_YORK], inconvenientTimes: [{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }] } });
    const d = checkInconvenientTime(buildProposal({ at: ny('2026-06-01 12:00') }), allDay, US_REG_F_POLICY);
    expect(d?.allowedFrom).toBeNull();
  });
});
