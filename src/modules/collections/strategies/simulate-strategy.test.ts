import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_POLICY } from '../../compliance/policies.ts';
import { buildContext } from '../../compliance/compliance.test-support.ts';
import type { ContactContext } from '../../compliance/compliance.types.ts';
import { addDays } from '../../../platform/time/calendar-date.ts';
import {
  assessTreatments, contextKey, DEFAULT_UNIT_COSTS_FEN, lastDays, planTreatments, simulateStrategy, simulationDays, type SimulatedLoan,
} from './simulate-strategy.ts';
import { segment, sms, strategyOf } from './strategy.test-support.ts';
import { DEFAULT_STRATEGY } from './default-strategy.ts';

const D = (n: number) => addDays('2026-11-01', n - 1); // D(1) = Nov 1
const phone = (waitDays = 3) => ({ type: 'contact', channel: 'phone', templateKey: 'call-script', waitDays, escalation: {} }) as const;
const visit = { type: 'action', action: 'field-visit-task', waitDays: 5, escalation: {} } as const;
const legal = { type: 'action', action: 'legal-referral-proposal', waitDays: 5, escalation: {} } as const;

/** early (1–30): SMS, wait 2, then a call; late (31+): a field visit, then a legal proposal. Hardship first: a call only. */
const STRATEGY = strategyOf([
  segment('care', { flags: ['hardship'] }, { ladder: [phone(7)] }),
  segment('early', { dpd: { min: 1, max: 30 } }, { ladder: [sms('overdue-notice', 2), phone(3)] }),
  segment('late', { dpd: { min: 31, max: null } }, { ladder: [visit, legal] }),
]);

function loan(id: string, dpdByDay: Record<number, number>, extra: Partial<SimulatedLoan> = {}): SimulatedLoan {
  return {
    loanId: id, customerId: `cust-${id}`, product: 'personal-consumer', customerType: 'individual', birthDate: '1980-05-01', outstandingFen: 1_000_000,
    willingness: 'unknown', promises: [], flags: [],
    snapshots: Object.fromEntries(Object.entries(dpdByDay).map(([day, dpd]) => [D(Number(day)), { dpd }])),
    ...extra,
  };
}
const days = (n: number) => simulationDays(Array.from({ length: n }, (_, i) => D(i + 1)));
const steps = (plans: ReturnType<typeof planTreatments>) => plans.map((p) => `${p.day.slice(8)} ${p.segmentId}:${p.stepIndex}`);

describe('planTreatments: the daily run replayed with a simulated history', () => {
  it.each([
    ['a ladder advances after each wait, then completes', { 1: 10, 2: 11, 3: 12, 4: 13, 5: 14, 6: 15, 7: 16 }, ['01 early:0', '03 early:1']],
    ['a day without a snapshot ends the episode; the next delinquency starts at step 0', { 1: 10, 2: 11, 4: 1, 5: 2 }, ['01 early:0', '04 early:0']],
    ['30 → 31 DPD moves to the late stage at step 0 (boundary)', { 1: 30, 2: 31, 3: 32 }, ['01 early:0', '02 late:0']],
    ['31 DPD on the first day goes straight to late', { 1: 31 }, ['01 late:0']],
    ['no snapshot at all: nothing', {}, []],
  ])('%s', (_name, dpd, expected) => {
    expect(steps(planTreatments(STRATEGY, [loan('a', dpd)], days(7)))).toEqual(expected);
  });

  it('an open promise holds the ladder until the day after its date; once known broken it escalates', () => {
    const promised = loan('p', { 1: 10, 2: 11, 3: 12, 4: 13, 5: 14, 6: 15 }, {
      promises: [{ promisedOn: D(2), dueOn: D(4), amountFen: 50_000, status: 'broken', resolvedOn: D(5) }],
    });
    // Day 1: SMS. Day 2: a promise to pay by day 4 holds the call (due day 3 without it) until day 5.
    // Day 5: the promise is broken (known that day) → onBrokenPromise 'next' → the call, due the day after the promised date.
    expect(steps(planTreatments(STRATEGY, [promised], days(6)))).toEqual(['01 early:0', '05 early:1']);
  });

  it('a care flag set during the window moves the loan to the hardship segment from that day', () => {
    const flagged = loan('f', { 1: 10, 2: 11, 3: 12, 4: 13 }, { flags: [{ flag: 'hardship', setAt: new Date(`${D(2)}T00:00:00Z`), clearedAt: null }] });
    expect(steps(planTreatments(STRATEGY, [flagged], days(4)))).toEqual(['01 early:0', '02 care:0']);
  });

  it('the default strategy over a portfolio: every plan is a real step of a matching segment', () => {
    const portfolio = [loan('x', { 1: 5, 2: 6, 3: 7, 4: 8, 5: 9 }), loan('y', { 1: 95, 2: 96, 3: 97 }), loan('z', { 1: 200, 2: 201 })];
    const plans = planTreatments(DEFAULT_STRATEGY, portfolio, days(5));
    expect(new Set(plans.map((p) => p.segmentId))).toEqual(new Set(['early', 'late', 'severe']));
    for (const p of plans) expect(DEFAULT_STRATEGY.segments.find((s) => s.id === p.segmentId)!.ladder[p.stepIndex]).toBeDefined();
  });

  it('simulationDays sorts, de-duplicates and judges each day at 10:00 Shanghai; lastDays counts back inclusively', () => {
    expect(simulationDays([D(2), D(1), D(2)]).map((d) => [d.day, d.at.toISOString()])).toEqual([[D(1), `${D(1)}T02:00:00.000Z`], [D(2), `${D(2)}T02:00:00.000Z`]]);
    expect(lastDays('2026-11-30', 3)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30']);
  });
});

describe('assessTreatments: templates, contact points, the compliance engine and cost', () => {
  const everyone = (...ids: string[]) => new Map(ids.map((id) => [`cust-${id}`, new Set(['phone', 'email', 'address'])]));
  function contexts(loans: SimulatedLoan[], n: number, build: (customerId: string) => ContactContext = () => buildContext()) {
    const map = new Map<string, { context: ContactContext; policy: typeof CN_MAINLAND_POLICY }>();
    for (const l of loans) for (const d of days(n)) map.set(contextKey(l.customerId, d.day), { context: build(l.customerId), policy: CN_MAINLAND_POLICY });
    return map;
  }
  const run = (loans: SimulatedLoan[], n: number, extra: Partial<Parameters<typeof simulateStrategy>[3]> = {}) =>
    simulateStrategy(STRATEGY, loans, days(n), {
      contexts: contexts(loans, n), contactPoints: everyone(...loans.map((l) => l.loanId)), approvedTemplates: new Set(['overdue-notice']), ...extra,
    });

  it('counts contacts made by channel and costs them at the default unit costs', () => {
    const r = run([loan('a', { 1: 10, 2: 11, 3: 12 }), loan('b', { 1: 40, 2: 41 })], 3);
    expect(r.byChannel.sms).toEqual({ planned: 1, made: 1, delayed: 0, refused: 0, notSent: 0, costFen: DEFAULT_UNIT_COSTS_FEN.sms });
    expect(r.byChannel.phone).toMatchObject({ planned: 1, made: 1, costFen: DEFAULT_UNIT_COSTS_FEN.phone });
    expect(r.byChannel['field-visit']).toMatchObject({ planned: 1, made: 1, costFen: DEFAULT_UNIT_COSTS_FEN['field-visit'] });
    expect(r.totals).toMatchObject({ planned: 3, made: 3, costFen: 5 + 250 + 15_000 });
    expect(r).toMatchObject({ days: 3, loans: 2, accountsTreated: 2, contactsPerAccount: 1.5, strategy: { id: 'test', version: 1 } });
  });

  it('configured unit costs replace the defaults channel by channel', () => {
    const r = run([loan('a', { 1: 10, 2: 11, 3: 12 })], 3, { unitCostsFen: { sms: 8 } });
    expect(r.totals.costFen).toBe(8 + DEFAULT_UNIT_COSTS_FEN.phone);
  });

  it('tasks that contact nobody are counted apart and cost nothing', () => {
    const r = run([loan('b', { 1: 40, 2: 41, 3: 42, 4: 43, 5: 44, 6: 45 })], 6);
    expect(r.tasks).toEqual({ 'legal-referral-proposal': 1 });
    expect(r.totals.costFen).toBe(DEFAULT_UNIT_COSTS_FEN['field-visit']);
  });

  it('no approved template or no usable contact point: not sent, by reason, no cost', () => {
    const noTemplate = run([loan('a', { 1: 10 })], 1, { approvedTemplates: new Set() });
    expect(noTemplate.notSentByReason).toEqual({ 'no-approved-template': 1 });
    expect(noTemplate.byChannel.sms).toMatchObject({ planned: 1, notSent: 1, made: 0, costFen: 0 });
    const noPhone = run([loan('a', { 1: 10 })], 1, { contactPoints: new Map([['cust-a', new Set(['email'])]]) });
    expect(noPhone.notSentByReason).toEqual({ 'no-contact-point': 1 });
  });

  it.each([
    ['an open dispute pauses collection contact', { openCases: [{ type: 'dispute', debtId: null, openedAt: new Date('2026-10-01T00:00:00Z') }] }, 'paused-dispute'],
    ['a hardship flag pauses automated collection', { customer: { flags: { hardship: true, bereavement: false, vulnerable: false } } }, 'paused-hardship'],
    ['an SMS opt-out blocks the channel', { optOuts: [{ channel: 'sms', at: new Date('2026-10-01T00:00:00Z') }] }, 'opted-out'],
  ] as const)('%s: refused, by rule', (_name, overrides, rule) => {
    const l = loan('a', { 1: 10 });
    const r = run([l], 1, { contexts: contexts([l], 1, () => buildContext(overrides as never)) });
    expect(r.byChannel.sms).toMatchObject({ planned: 1, refused: 1, made: 0, costFen: 0 });
    expect(r.refusedByReason).toEqual({ [rule]: 1 });
  });

  it('refused only for time (quiet hours) is delayed, still made and costed — as the hub queues it for later', () => {
    const l = loan('a', { 1: 10 });
    const r = run([l], 1, { contexts: contexts([l], 1, () => buildContext({ customer: { quietHours: { start: '09:00', end: '11:00' } } })) });
    expect(r.byChannel.sms).toMatchObject({ planned: 1, made: 1, delayed: 1, refused: 0, costFen: 5 });
    expect(r.refusedByReason).toEqual({});
  });

  it('contacts simulated earlier count: a third SMS to one customer the same day hits the daily SMS cap', () => {
    // Three loans of one customer, each due an SMS on day 1: the cap is 2 SMS per local day (time-only → the third is delayed).
    const shared = ['a', 'b', 'c'].map((id) => loan(id, { 1: 10 }, { customerId: 'cust-shared' }));
    const r = run(shared, 1, { contexts: contexts(shared, 1), contactPoints: new Map([['cust-shared', new Set(['phone'])]]) });
    expect(r.byChannel.sms).toMatchObject({ planned: 3, made: 3, delayed: 1 });
  });

  it('a missing context for a planned contact is a loading bug, not a silent pass', () => {
    expect(() => run([loan('a', { 1: 10 })], 1, { contexts: new Map() })).toThrow(/no compliance context/);
  });

  it('assessing an empty plan gives zeros', () => {
    const r = assessTreatments({ strategy: STRATEGY, planned: [], loans: 0, days: 0, contexts: new Map(), contactPoints: new Map(), approvedTemplates: new Set() });
    expect(r.totals).toEqual({ planned: 0, made: 0, delayed: 0, refused: 0, notSent: 0, costFen: 0 });
    expect(r.contactsPerAccount).toBe(0);
  });
});
