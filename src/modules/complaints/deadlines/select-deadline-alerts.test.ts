import { describe, expect, it } from 'vitest';
import { computeComplaintClock, type ComplaintEvent } from '../rules/index.ts';
import { DEFAULT_WARNING_LEADS } from '../complaint-settings.ts';
import { alertKey, selectDeadlineAlerts } from './select-deadline-alerts.ts';

// Received Thursday 2026-11-26 10:00 Shanghai: first handling due 11-27 10:00 (02:00Z), decision due 12-11 24:00 (12-11T16:00Z).
const RECEIVED = new Date('2026-11-26T02:00:00Z');
const FIRST_DUE = '2026-11-27T02:00:00.000Z';
const DECISION_DUE = '2026-12-11T16:00:00.000Z';
const at = (iso: string) => new Date(iso);

const clockAt = (now: string, events: ComplaintEvent[] = []) =>
  computeComplaintClock({ profile: 'cn-banking-2020', receivedAt: RECEIVED, timeZone: 'Asia/Shanghai', events, now: at(now) });
const select = (now: string, events: ComplaintEvent[] = [], raised: string[] = []) =>
  selectDeadlineAlerts(clockAt(now, events), at(now), DEFAULT_WARNING_LEADS, new Set(raised)).map((a) => `${a.clock} ${a.kind} ${a.dueAt.toISOString()}`);

const handled: ComplaintEvent = { type: 'first-handling', at: at('2026-11-26T05:00:00Z') };

describe('selectDeadlineAlerts (first handling 4 h, decision 3 days before)', () => {
  it.each([
    ['just received: nothing due soon', '2026-11-26T02:00:00Z', [], []],
    ['4 h 1 min before first handling: not yet', '2026-11-26T21:59:00Z', [], []],
    ['exactly 4 h before: warning', '2026-11-26T22:00:00Z', [], [`first-handling warning ${FIRST_DUE}`]],
    ['1 h before: warning', '2026-11-27T01:00:00Z', [], [`first-handling warning ${FIRST_DUE}`]],
    ['at the due instant (exclusive): breach', '2026-11-27T02:00:00Z', [], [`first-handling breach ${FIRST_DUE}`]],
    ['first handling done: no first-handling alert ever', '2026-11-27T03:00:00Z', [handled], []],
    ['3 days 1 min before the decision: not yet', '2026-12-08T15:59:00Z', [handled], []],
    ['3 days before the decision: warning', '2026-12-08T16:00:00Z', [handled], [`decision warning ${DECISION_DUE}`]],
    ['decision deadline passed: breach', '2026-12-11T16:00:00Z', [handled], [`decision breach ${DECISION_DUE}`]],
    ['both passed, nothing done: two breaches', '2026-12-12T00:00:00Z', [], [`first-handling breach ${FIRST_DUE}`, `decision breach ${DECISION_DUE}`]],
    ['decided in time: nothing', '2026-12-12T00:00:00Z', [handled, { type: 'decision', at: at('2026-12-01T02:00:00Z') }], []],
    ['paused for an external appraisal: no decision alert', '2026-12-12T00:00:00Z', [handled, { type: 'pause-start', reason: 'external-appraisal', at: at('2026-12-01T02:00:00Z') }], []],
  ] as const)('%s', (_name, now, events, expected) => {
    expect(select(now, [...events])).toEqual(expected);
  });

  it('raises each alert once: an alert already raised is not selected again', () => {
    const now = '2026-11-27T01:00:00Z';
    expect(select(now, [], [`first-handling|warning|${FIRST_DUE}`])).toEqual([]);
    // …but the breach of the same deadline is a new alert.
    expect(select('2026-11-27T02:30:00Z', [], [`first-handling|warning|${FIRST_DUE}`])).toEqual([`first-handling breach ${FIRST_DUE}`]);
  });

  it('an extension moves the deadline, so the new deadline warns again', () => {
    const extended: ComplaintEvent[] = [handled, { type: 'extension', days: 15, reason: '多笔交易核对', at: at('2026-12-09T02:00:00Z') }];
    const clock = clockAt('2026-12-23T16:00:00Z', extended);
    expect(clock.decisionDue.toISOString()).toBe('2026-12-26T16:00:00.000Z');
    const raised = new Set([alertKey({ clock: 'decision', kind: 'warning', dueAt: at(DECISION_DUE) })]);
    expect(selectDeadlineAlerts(clock, at('2026-12-23T16:00:00Z'), DEFAULT_WARNING_LEADS, raised).map((a) => a.dueAt.toISOString())).toEqual(['2026-12-26T16:00:00.000Z']);
  });

  it('lead times are configurable', () => {
    const leads = { firstHandlingHours: 12, decisionDays: 1 };
    expect(selectDeadlineAlerts(clockAt('2026-11-26T14:00:00Z'), at('2026-11-26T14:00:00Z'), leads).map((a) => a.kind)).toEqual(['warning']);
    expect(selectDeadlineAlerts(clockAt('2026-12-09T16:00:00Z', [handled]), at('2026-12-09T16:00:00Z'), leads)).toEqual([]);
  });
});
