import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../platform/time/calendar-date.ts';
import { localClock } from '../../compliance/local-time.ts';
import { computeComplaintClock } from './complaint-clock.ts';
import type { ComplaintEvent, ComplaintProfile } from './complaint-clock.types.ts';

const ZONES = ['Asia/Shanghai', 'Europe/London', 'America/New_York'];
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 10, 1) }).map((ms) => new Date(ms));

describe('complaint clock properties', () => {
  it('every day-based due instant is local midnight, and the due date is receipt date + period (+ paused days)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(...ZONES),
        fc.constantFrom<ComplaintProfile>('cn-banking-2020', 'us-cfpb', 'uk-fca'),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 20 }),
        (receivedAt, zone, profile, extension, pauseDays) => {
          const events: ComplaintEvent[] = [];
          if (profile === 'cn-banking-2020') {
            if (extension > 0) events.push({ type: 'extension', days: extension, at: new Date(receivedAt.getTime() + 3_600_000) });
            if (pauseDays > 0) {
              events.push({ type: 'pause-start', reason: 'external-testing', at: new Date(receivedAt.getTime() + 2 * 3_600_000) });
              events.push({ type: 'pause-end', at: new Date(receivedAt.getTime() + 2 * 3_600_000 + pauseDays * 86_400_000) });
            }
          }
          const c = computeComplaintClock({ profile, receivedAt, timeZone: zone, events, now: new Date(receivedAt.getTime() + 200 * 86_400_000) });
          expect(c.refusals).toEqual([]);
          const receiptDate = localClock(receivedAt, zone).date;
          const due = localClock(c.ownDecisionDue, zone);
          expect(due.time).toBe('00:00');
          const expectedPaused = profile === 'cn-banking-2020' ? c.pausedDays : 0;
          expect(c.decisionDueDate).toBe(addDays(receiptDate, c.decisionPeriodDays + expectedPaused));
          expect(daysBetween(c.decisionDueDate, due.date)).toBe(1);
          // A pause of N×24h excludes N or N-1 whole days (N-1 only if it crosses a DST change backwards).
          if (profile === 'cn-banking-2020' && pauseDays > 0) expect(c.pausedDays).toBeGreaterThanOrEqual(pauseDays - 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pauses and extensions never make a cn deadline earlier; a regulator deadline never makes it later', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }), (receivedAt, ext, pause, reg) => {
        const base = { profile: 'cn-banking-2020' as const, receivedAt, timeZone: 'Asia/Shanghai', now: receivedAt };
        const h = (n: number): Date => new Date(receivedAt.getTime() + n * 3_600_000);
        const plain = computeComplaintClock({ ...base, events: [] });
        const later = { ...base, now: h(24 * 90) };
        const extended = computeComplaintClock({ ...later, events: [{ type: 'extension', days: ext, at: h(1) }] });
        const paused = computeComplaintClock({
          ...later,
          events: [{ type: 'pause-start', reason: 'external-appraisal', at: h(1) }, { type: 'pause-end', at: h(1 + 24 * pause) }],
        });
        const regulated = computeComplaintClock({ ...base, events: [{ type: 'regulator-deadline', deadline: addDays(localClock(receivedAt, 'Asia/Shanghai').date, reg) }] });
        expect(extended.decisionDue.getTime()).toBeGreaterThan(plain.decisionDue.getTime());
        expect(paused.decisionDue.getTime()).toBeGreaterThan(plain.decisionDue.getTime());
        expect(regulated.decisionDue.getTime()).toBeLessThanOrEqual(plain.decisionDue.getTime());
      }),
      { numRuns: 200 },
    );
  });
});
