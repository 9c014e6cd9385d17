import { describe, expect, it } from 'vitest';
import { applyComplaintEvent, computeComplaintClock, readComplaintClock, startComplaintClock } from './complaint-clock.ts';
import type { ComplaintEvent } from './complaint-clock.types.ts';
import { at, clock, endOf, SHANGHAI } from './complaint-clock.test-support.ts';

const CN = 'cn-banking-2020' as const;
const RECEIVED = at('2026-03-02 10:00'); // a Monday; day 15 = 2026-03-17

describe('cn-banking-2020: when the periods end (natural days, receipt day not counted, 24:00 of the last day)', () => {
  it.each<[string, string, string, string]>([
    // [label, received (local), 24h first handling (local), last day of the 15-day period]
    ['23:59 on a month end (January)', '2026-01-31 23:59', '2026-02-01 23:59', '2026-02-15'],
    ['00:30 on a month end: the UTC date is the day before, the local date counts', '2026-01-31 00:30', '2026-02-01 00:30', '2026-02-15'],
    ['23:59 on the last day of February (non-leap year)', '2026-02-28 23:59', '2026-03-01 23:59', '2026-03-15'],
    ['00:00 exactly', '2026-03-02 00:00', '2026-03-03 00:00', '2026-03-17'],
    ['year end', '2026-12-31 23:59', '2027-01-01 23:59', '2027-01-15'],
  ])('received %s', (_label, received, firstHandling, lastDay) => {
    const c = clock(CN, at(received), [], at(received));
    expect(c.firstHandlingDue).toEqual(at(firstHandling));
    expect(c.decisionDueDate).toBe(lastDay);
    expect(c.decisionDue).toEqual(endOf(lastDay));
    expect(c.decisionPeriodDays).toBe(15);
  });

  it('2026-01-31 23:59 + 15 days is due at 2026-02-16 00:00 +08:00 (= 2026-02-15T16:00Z), the end of the local day', () => {
    const c = clock(CN, at('2026-01-31 23:59'), [], at('2026-02-01 08:00'));
    expect(c.decisionDue.toISOString()).toBe('2026-02-15T16:00:00.000Z');
    expect(c.decisionGovernedBy).toBe('rule');
  });

  it('holiday roll-over (《民法典》第二百零三条) is off by default and, when on, moves a last day in the Spring Festival break to the next working day', () => {
    // 2026-02-15…23 is the Spring Festival break; 2026-02-24 is the first working day after it.
    const strict = clock(CN, at('2026-01-31 23:59'), [], at('2026-02-01 08:00'));
    const rolled = clock(CN, at('2026-01-31 23:59'), [], at('2026-02-01 08:00'), { rollOverHolidays: true });
    expect(strict.decisionDueDate).toBe('2026-02-15');
    expect(rolled.decisionDueDate).toBe('2026-02-24');
    expect(rolled.decisionDue).toEqual(endOf('2026-02-24'));
    // A last day on an ordinary Sunday rolls to Monday; one on a 调休 working Saturday does not move.
    expect(clock(CN, at('2026-03-07 10:00'), [], at('2026-03-07 10:00'), { rollOverHolidays: true }).decisionDueDate).toBe('2026-03-23');
    expect(clock(CN, at('2026-09-25 10:00'), [], at('2026-09-25 10:00'), { rollOverHolidays: true }).decisionDueDate).toBe('2026-10-10');
  });

  it('the first handling clock is 24 hours from the instant of receipt; any response meets it', () => {
    const onTime = clock(CN, RECEIVED, [{ type: 'first-handling', at: at('2026-03-03 09:59') }], at('2026-03-05 10:00'));
    expect(onTime.breaches).toEqual([]);
    const late = clock(CN, RECEIVED, [{ type: 'first-handling', at: at('2026-03-03 10:00') }], at('2026-03-05 10:00'));
    expect(late.breaches).toMatchObject([{ clock: 'first-handling', kind: 'late', doneAt: at('2026-03-03 10:00') }]);
    const decidedAtOnce = clock(CN, RECEIVED, [{ type: 'decision', at: at('2026-03-02 16:00') }], at('2026-03-05 10:00'));
    expect(decidedAtOnce.breaches).toEqual([]);
    const none = clock(CN, RECEIVED, [], at('2026-03-03 10:00'));
    expect(none.breaches).toMatchObject([{ clock: 'first-handling', kind: 'overdue', doneAt: null }]);
  });
});

describe('cn-banking-2020: extensions (15 → 30 → 60 with senior approval)', () => {
  const to30: ComplaintEvent = { type: 'extension', days: 15, reason: '涉及多笔交易核对', at: at('2026-03-10 11:00') };

  it.each<[string, ComplaintEvent[], { period: number; lastDay: string; used: number; refusals: string[] }]>([
    ['to 30 days without approval is accepted', [to30], { period: 30, lastDay: '2026-04-01', used: 1, refusals: [] }],
    [
      'then to 60 without approval is refused',
      [to30, { type: 'extension', days: 30, at: at('2026-03-25 09:00') }],
      { period: 30, lastDay: '2026-04-01', used: 1, refusals: ['senior-approval-required'] },
    ],
    [
      'then to 60 with a senior approval is accepted',
      [to30, { type: 'extension', days: 30, approvedBy: 'head-office-svp-li', at: at('2026-03-25 09:00') }],
      { period: 60, lastDay: '2026-05-01', used: 2, refusals: [] },
    ],
    [
      'a blank approver is no approval',
      [to30, { type: 'extension', days: 30, approvedBy: '  ', at: at('2026-03-25 09:00') }],
      { period: 30, lastDay: '2026-04-01', used: 1, refusals: ['senior-approval-required'] },
    ],
    [
      'straight from 15 to 60 with approval',
      [{ type: 'extension', days: 45, approvedBy: 'branch-president-wang', at: at('2026-03-05 09:00') }],
      { period: 60, lastDay: '2026-05-01', used: 1, refusals: [] },
    ],
    [
      'two small extensions up to 30 need no approval',
      [
        { type: 'extension', days: 5, at: at('2026-03-05 09:00') },
        { type: 'extension', days: 10, at: at('2026-03-06 09:00') },
      ],
      { period: 30, lastDay: '2026-04-01', used: 2, refusals: [] },
    ],
    [
      'beyond 60 is refused even with approval',
      [to30, { type: 'extension', days: 31, approvedBy: 'svp', at: at('2026-03-25 09:00') }],
      { period: 30, lastDay: '2026-04-01', used: 1, refusals: ['exceeds-maximum-period'] },
    ],
    [
      'an extension after the period ran out is refused',
      [{ type: 'extension', days: 15, at: at('2026-03-18 00:00') }],
      { period: 15, lastDay: '2026-03-17', used: 0, refusals: ['deadline-passed'] },
    ],
    [
      'an extension at 23:59 on the last day is in time',
      [{ type: 'extension', days: 15, at: at('2026-03-17 23:59') }],
      { period: 30, lastDay: '2026-04-01', used: 1, refusals: [] },
    ],
    [
      'zero or fractional days are invalid',
      [
        { type: 'extension', days: 0, at: at('2026-03-05 09:00') },
        { type: 'extension', days: 1.5, at: at('2026-03-05 09:00') },
      ],
      { period: 15, lastDay: '2026-03-17', used: 0, refusals: ['invalid-event', 'invalid-event'] },
    ],
    [
      'an extension after the decision is refused',
      [{ type: 'decision', at: at('2026-03-10 09:00') }, { type: 'extension', days: 10, at: at('2026-03-11 09:00') }],
      { period: 15, lastDay: '2026-03-17', used: 0, refusals: ['already-decided'] },
    ],
  ])('%s', (_label, events, expected) => {
    const c = clock(CN, RECEIVED, events, at('2026-03-26 12:00'));
    expect(c.decisionPeriodDays).toBe(expected.period);
    expect(c.decisionDueDate).toBe(expected.lastDay);
    expect(c.extensionsUsed).toBe(expected.used);
    expect(c.refusals.map((r) => r.code)).toEqual(expected.refusals);
  });

  it('a refusal says why, cites its source and points at the event', () => {
    const c = clock(CN, RECEIVED, [to30, { type: 'extension', days: 30, at: at('2026-03-25 09:00') }], at('2026-03-26 12:00'));
    expect(c.refusals).toEqual([
      expect.objectContaining({
        index: 1,
        eventType: 'extension',
        code: 'senior-approval-required',
        zh: expect.stringContaining('高级管理人员审批'),
        en: expect.stringContaining('senior management'),
        source: expect.stringContaining('再延长30日'),
      }),
    ]);
  });

  it('the complainant is owed a notice of each extension, due before the period it extends ends', () => {
    const events: ComplaintEvent[] = [to30, { type: 'extension', days: 30, approvedBy: 'svp', at: at('2026-03-25 09:00') }];
    const c = clock(CN, RECEIVED, events, at('2026-03-26 12:00'));
    expect(c.notificationsOwed).toMatchObject([
      { kind: 'extension', eventIndex: 0, dueBy: endOf('2026-03-17') },
      { kind: 'extension', eventIndex: 1, dueBy: endOf('2026-04-01') },
    ]);
    // The first notice is overdue at now (2026-03-26): a notification breach.
    expect(c.breaches).toMatchObject([
      { clock: 'first-handling', kind: 'overdue' },
      { clock: 'notification', kind: 'overdue', due: endOf('2026-03-17') },
    ]);
    const told = clock(
      CN,
      RECEIVED,
      [
        { type: 'first-handling', at: at('2026-03-02 15:00') },
        to30,
        { type: 'complainant-notified', about: 'extension', at: at('2026-03-10 15:00') },
        events[1],
        { type: 'complainant-notified', about: 'extension', at: at('2026-03-25 10:00') },
      ],
      at('2026-03-26 12:00'),
    );
    expect(told.notificationsOwed).toEqual([]);
    expect(told.breaches).toEqual([]);
    expect(clock(CN, RECEIVED, [{ type: 'complainant-notified', about: 'extension', at: at('2026-03-03 10:00') }], at('2026-03-04 00:00')).refusals[0].code).toBe(
      'nothing-owed',
    );
  });
});

describe('cn-banking-2020: external appraisal pauses the clock', () => {
  const appraisal: ComplaintEvent[] = [
    { type: 'first-handling', at: at('2026-03-02 12:00') },
    { type: 'pause-start', reason: 'external-appraisal', at: at('2026-03-05 09:00') },
    { type: 'complainant-notified', about: 'pause', at: at('2026-03-05 17:00') },
    { type: 'pause-end', at: at('2026-03-15 17:00') },
  ];

  it('a 10-day appraisal adds 10 days (2026-03-17 → 2026-03-27)', () => {
    const c = clock(CN, RECEIVED, appraisal, at('2026-03-20 09:00'));
    expect(c.paused).toBe(false);
    expect(c.pausedDays).toBe(10);
    expect(c.decisionDueDate).toBe('2026-03-27');
    expect(c.decisionDue).toEqual(endOf('2026-03-27'));
    expect(c.breaches).toEqual([]);
    expect(c.notificationsOwed).toEqual([]);
  });

  it('while the appraisal runs the clock is paused and the deadline provisional; nothing breaches', () => {
    const c = clock(CN, RECEIVED, appraisal.slice(0, 3), at('2026-03-18 09:00'));
    expect(c.status).toBe('paused');
    expect(c.paused).toBe(true);
    expect(c.pausedDays).toBe(13);
    expect(c.decisionDueDate).toBe('2026-03-30');
    expect(c.breaches).toEqual([]);
    expect(c.warnings.map((w) => w.code)).toEqual(['paused']);
  });

  it('the complainant must be told of the pause by the end of the next day', () => {
    const c = clock(CN, RECEIVED, [appraisal[0], appraisal[1]], at('2026-03-07 09:00'));
    expect(c.notificationsOwed).toMatchObject([{ kind: 'pause', dueBy: endOf('2026-03-06') }]);
    expect(c.breaches).toMatchObject([{ clock: 'notification', kind: 'overdue' }]);
  });

  it.each<[string, ComplaintEvent[], string]>([
    ['internal investigation does not stop the clock', [{ type: 'pause-start', reason: 'internal-investigation', at: at('2026-03-05 09:00') }], 'pause-reason-not-allowed'],
    ['ending a pause that never started', [{ type: 'pause-end', at: at('2026-03-05 09:00') }], 'not-paused'],
    [
      'pausing twice',
      [
        { type: 'pause-start', reason: 'external-testing', at: at('2026-03-05 09:00') },
        { type: 'pause-start', reason: 'external-testing', at: at('2026-03-06 09:00') },
      ],
      'already-paused',
    ],
    ['a pause after the deadline cannot cure it', [{ type: 'pause-start', reason: 'external-evaluation', at: at('2026-03-19 09:00') }], 'deadline-passed'],
  ])('%s is refused', (_label, events, code) => {
    expect(clock(CN, RECEIVED, events, at('2026-03-20 09:00')).refusals.map((r) => r.code)).toContain(code);
  });

  it('a pause that starts and ends on the same day excludes nothing (whole days only)', () => {
    const c = clock(
      CN,
      RECEIVED,
      [
        { type: 'pause-start', reason: 'external-testing', at: at('2026-03-05 09:00') },
        { type: 'pause-end', at: at('2026-03-05 18:00') },
      ],
      at('2026-03-06 09:00'),
    );
    expect(c.pausedDays).toBe(0);
    expect(c.decisionDueDate).toBe('2026-03-17');
  });

  it('pauses add up with extensions, and a decision closes an open pause', () => {
    const c = clock(
      CN,
      RECEIVED,
      [
        { type: 'extension', days: 15, at: at('2026-03-04 09:00') },
        { type: 'pause-start', reason: 'external-appraisal', at: at('2026-03-05 09:00') },
        { type: 'decision', at: at('2026-03-09 09:00') },
      ],
      at('2026-03-20 09:00'),
    );
    expect(c.pausedDays).toBe(4);
    expect(c.paused).toBe(false);
    expect(c.decisionDueDate).toBe('2026-04-05');
    expect(c.status).toBe('decided');
  });
});

describe('cn-banking-2020: repeats merge, new facts restart the clock', () => {
  it('a repeat with no new facts merges: no new clock', () => {
    const c = clock(CN, RECEIVED, [{ type: 'repeat', at: at('2026-03-07 09:00') }], at('2026-03-08 09:00'));
    expect(c.mergedRepeats).toBe(1);
    expect(c.clockStartedAt).toEqual(RECEIVED);
    expect(c.decisionDueDate).toBe('2026-03-17');
  });

  it('new facts on day 12 restart the 15 days from that date (2026-03-14 → 2026-03-29)', () => {
    const c = clock(
      CN,
      RECEIVED,
      [{ type: 'first-handling', at: at('2026-03-02 11:00') }, { type: 'new-facts', at: at('2026-03-14 16:20') }],
      at('2026-03-20 09:00'),
    );
    expect(c.clockStartedAt).toEqual(at('2026-03-14 16:20'));
    expect(c.decisionDueDate).toBe('2026-03-29');
    expect(c.firstHandlingDue).toEqual(at('2026-03-03 10:00')); // the first-handling clock does not restart
    expect(c.warnings).toEqual([]);
  });

  it('a restart resets extensions and warns when it shortens the deadline', () => {
    const c = clock(
      CN,
      RECEIVED,
      [
        { type: 'extension', days: 45, approvedBy: 'svp', at: at('2026-03-05 09:00') },
        { type: 'new-facts', at: at('2026-03-14 16:20') },
      ],
      at('2026-03-20 09:00'),
    );
    expect(c.extensionsUsed).toBe(0);
    expect(c.decisionPeriodDays).toBe(15);
    expect(c.decisionDueDate).toBe('2026-03-29');
    expect(c.warnings.map((w) => w.code)).toContain('restart-shortened-deadline');
  });

  it('an appraisal running when new facts arrive carries on into the new period', () => {
    const c = clock(
      CN,
      RECEIVED,
      [
        { type: 'pause-start', reason: 'external-appraisal', at: at('2026-03-05 09:00') },
        { type: 'new-facts', at: at('2026-03-14 16:20') },
        { type: 'pause-end', at: at('2026-03-16 10:00') },
      ],
      at('2026-03-20 09:00'),
    );
    expect(c.pausedDays).toBe(2);
    expect(c.decisionDueDate).toBe('2026-03-31');
  });

  it('new facts after the decision are a new complaint', () => {
    const c = clock(CN, RECEIVED, [{ type: 'decision', at: at('2026-03-10 09:00') }, { type: 'new-facts', at: at('2026-03-12 09:00') }], at('2026-03-20 09:00'));
    expect(c.refusals.map((r) => r.code)).toEqual(['already-decided']);
  });
});

describe('cn-banking-2020: decision and review (复核/核查)', () => {
  const decided: ComplaintEvent[] = [
    { type: 'first-handling', at: at('2026-03-02 11:00') },
    { type: 'decision', at: at('2026-03-16 15:00') },
  ];

  it('a decision in time, then a review requested on day 25 runs its own 30-day clock', () => {
    const c = clock(CN, RECEIVED, [...decided, { type: 'review-requested', at: at('2026-04-10 10:00') }], at('2026-04-20 09:00'));
    expect(c.status).toBe('under-review');
    expect(c.reviewRequestDeadline).toEqual(endOf('2026-04-15'));
    expect(c.reviewDue).toEqual(endOf('2026-05-10'));
    expect(c.clocks.find((l) => l.clock === 'review')).toMatchObject({ status: 'pending', dueDate: '2026-05-10' });
    expect(c.breaches).toEqual([]);
  });

  it.each<[string, string, boolean]>([
    ['on the 30th day, 23:59', '2026-04-15 23:59', true],
    ['on the 31st day', '2026-04-16 00:00', false],
    ['two months later', '2026-05-20 10:00', false],
  ])('a review requested %s → accepted %s', (_label, requested, accepted) => {
    const c = clock(CN, RECEIVED, [...decided, { type: 'review-requested', at: at(requested) }], at('2026-05-21 00:00'));
    expect(c.refusals.map((r) => r.code)).toEqual(accepted ? [] : ['review-window-closed']);
  });

  it('a late review decision is a breach; the case then closes', () => {
    const c = clock(
      CN,
      RECEIVED,
      [...decided, { type: 'review-requested', at: at('2026-04-10 10:00') }, { type: 'review-decision', at: at('2026-05-11 09:00') }],
      at('2026-05-12 09:00'),
    );
    expect(c.status).toBe('closed');
    expect(c.breaches).toMatchObject([{ clock: 'review', kind: 'late', due: endOf('2026-05-10') }]);
  });

  it('a review needs a decision first; a decided case closes when the review window ends', () => {
    expect(clock(CN, RECEIVED, [{ type: 'review-requested', at: at('2026-03-05 09:00') }], at('2026-03-06 00:00')).refusals[0].code).toBe('not-decided');
    expect(clock(CN, RECEIVED, decided, at('2026-04-15 23:00')).status).toBe('decided');
    expect(clock(CN, RECEIVED, decided, at('2026-04-16 00:00')).status).toBe('closed');
  });

  it('a late decision is a breach; an undecided complaint past the deadline is overdue', () => {
    const late = clock(CN, RECEIVED, [decided[0], { type: 'decision', at: at('2026-03-18 00:00') }], at('2026-03-20 00:00'));
    expect(late.breaches).toMatchObject([{ clock: 'decision', kind: 'late', governedBy: 'rule', due: endOf('2026-03-17') }]);
    const overdue = clock(CN, RECEIVED, [decided[0]], at('2026-03-18 00:00'));
    expect(overdue.breaches).toMatchObject([{ clock: 'decision', kind: 'overdue', doneAt: null }]);
    expect(overdue.breaches[0].en).toContain('2026-03-17 24:00');
  });

  it('a decision due within 48 hours raises a warning (configurable)', () => {
    const c = clock(CN, RECEIVED, [decided[0]], at('2026-03-16 09:00'));
    expect(c.warnings).toMatchObject([{ code: 'due-soon', clock: 'decision', hoursLeft: 39 }]);
    expect(clock(CN, RECEIVED, [decided[0]], at('2026-03-16 09:00'), { warnWithinHours: 24 }).warnings).toEqual([]);
  });
});

describe('cn-banking-2020: regulator-forwarded complaints (监管转办)', () => {
  it('an earlier regulator deadline governs', () => {
    const c = clock(CN, RECEIVED, [{ type: 'regulator-deadline', deadline: '2026-03-10', reference: '京金监转〔2026〕118号' }], at('2026-03-09 09:00'));
    expect(c.decisionDue).toEqual(endOf('2026-03-10'));
    expect(c.ownDecisionDue).toEqual(endOf('2026-03-17'));
    expect(c.decisionGovernedBy).toBe('regulator');
    expect(c.warnings.map((w) => w.code)).toEqual(['due-soon', 'regulator-deadline-governs']);
    expect(c.warnings[1].zh).toContain('京金监转〔2026〕118号');
  });

  it('extensions and pauses do not move it; missing it is a regulator breach', () => {
    const c = clock(
      CN,
      RECEIVED,
      [
        { type: 'regulator-deadline', deadline: '2026-03-10' },
        { type: 'extension', days: 15, at: at('2026-03-04 09:00') },
        { type: 'decision', at: at('2026-03-12 09:00') },
      ],
      at('2026-03-13 09:00'),
    );
    expect(c.decisionDue).toEqual(endOf('2026-03-10'));
    expect(c.breaches).toMatchObject([
      { clock: 'first-handling' },
      { clock: 'decision', kind: 'late', governedBy: 'regulator' },
    ]);
  });

  it('a later regulator deadline changes nothing; an instant deadline is taken as is; the earliest of several binds', () => {
    expect(clock(CN, RECEIVED, [{ type: 'regulator-deadline', deadline: '2026-03-30' }], at('2026-03-03 09:00')).decisionGovernedBy).toBe('rule');
    const c = clock(
      CN,
      RECEIVED,
      [
        { type: 'regulator-deadline', deadline: at('2026-03-12 17:00') },
        { type: 'regulator-deadline', deadline: '2026-03-14' },
      ],
      at('2026-03-03 09:00'),
    );
    expect(c.decisionDue).toEqual(at('2026-03-12 17:00'));
    expect(clock(CN, RECEIVED, [{ type: 'regulator-deadline', deadline: '2026-02-30' }], at('2026-03-03 09:00')).refusals[0].code).toBe('invalid-event');
  });
});

describe('cn-banking-2020: event validation', () => {
  it.each<[string, ComplaintEvent[], string]>([
    ['an event before receipt', [{ type: 'first-handling', at: at('2026-03-02 09:59') }], 'out-of-order'],
    ['events out of time order', [{ type: 'repeat', at: at('2026-03-05 09:00') }, { type: 'first-handling', at: at('2026-03-04 09:00') }], 'out-of-order'],
    ['an event after now', [{ type: 'first-handling', at: at('2026-03-09 09:00') }], 'future-event'],
    ['a holding response (FCA only)', [{ type: 'holding-response', at: at('2026-03-03 09:00') }], 'not-applicable-to-profile'],
    ['an invalid date', [{ type: 'decision', at: new Date(Number.NaN) }], 'invalid-event'],
    ['an unknown type', [{ type: 'escalated', at: at('2026-03-03 09:00') } as unknown as ComplaintEvent], 'invalid-event'],
    ['a second decision', [{ type: 'decision', at: at('2026-03-03 09:00') }, { type: 'decision', at: at('2026-03-04 09:00') }], 'already-recorded'],
  ])('%s is refused', (_label, events, code) => {
    const c = clock(CN, RECEIVED, events, at('2026-03-08 09:00'));
    expect(c.refusals.map((r) => r.code)).toEqual([code]);
    expect(c.refusals[0].index).toBe(events.length - 1);
  });

  it('applyComplaintEvent validates one event at a time for a route, leaving the state unchanged on refusal', () => {
    const s0 = startComplaintClock({ profile: CN, receivedAt: RECEIVED, timeZone: SHANGHAI });
    const r1 = applyComplaintEvent(s0, { type: 'extension', days: 15, at: at('2026-03-10 11:00') });
    expect(r1.ok).toBe(true);
    const r2 = applyComplaintEvent(r1.state, { type: 'extension', days: 30, at: at('2026-03-25 09:00') });
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.refusal.code).toBe('senior-approval-required');
      expect(r2.refusal.index).toBe(1);
    }
    expect(readComplaintClock(r2.state, at('2026-03-26 00:00')).decisionDueDate).toBe('2026-04-01');
    expect(readComplaintClock(r2.state, at('2026-03-26 00:00'))).toEqual(readComplaintClock(r1.state, at('2026-03-26 00:00')));
  });

  it('malformed input throws', () => {
    expect(() => computeComplaintClock({ profile: CN, receivedAt: RECEIVED, timeZone: 'Mars/Olympus', events: [], now: RECEIVED })).toThrow(RangeError);
    expect(() => computeComplaintClock({ profile: 'eu' as never, receivedAt: RECEIVED, timeZone: SHANGHAI, events: [], now: RECEIVED })).toThrow(RangeError);
    expect(() => computeComplaintClock({ profile: CN, receivedAt: new Date(Number.NaN), timeZone: SHANGHAI, events: [], now: RECEIVED })).toThrow(RangeError);
  });
});
