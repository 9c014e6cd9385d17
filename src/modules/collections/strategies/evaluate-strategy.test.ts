import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../../platform/time/calendar-date.ts';
import type { CollectionAccount, PromiseToPay, TreatmentRecord } from './collection-account.ts';
import { DEFAULT_STRATEGY } from './default-strategy.ts';
import { nextTreatment, selectSegment, type NextTreatment, type PlannedTreatment } from './evaluate-strategy.ts';
import { account, segment, sms, strategyOf } from './strategy.test-support.ts';

const AS_OF = '2026-03-10';
const NO_FLAGS = { hardship: false, bereavement: false, vulnerable: false };
const planned = (result: NextTreatment): PlannedTreatment => {
  if ('none' in result) throw new Error(`expected a treatment, got none: ${result.reason}`);
  return result;
};
const done = (segmentId: string, stepIndex: number, on: string, outcome: TreatmentRecord['outcome'] = 'no-response'): TreatmentRecord => ({ segmentId, stepIndex, on, outcome });
const promise = (dueOn: string, status: PromiseToPay['status'], promisedOn = '2026-03-01'): PromiseToPay => ({ promisedOn, dueOn, amountFen: 50_000, status });
const next = (a: Partial<CollectionAccount>, history: TreatmentRecord[] = [], asOf = AS_OF) => nextTreatment(DEFAULT_STRATEGY, account(a), history, asOf);

describe('selectSegment with the default strategy', () => {
  it.each<[string, Partial<CollectionAccount>, string | null]>([
    ['DPD 0', { dpd: 0 }, null],
    ['DPD 1', { dpd: 1 }, 'early'],
    ['DPD 30', { dpd: 30 }, 'early'],
    ['DPD 31', { dpd: 31 }, 'mid'],
    ['DPD 90', { dpd: 90 }, 'mid'],
    ['DPD 91', { dpd: 91 }, 'late'],
    ['DPD 180', { dpd: 180 }, 'late'],
    ['DPD 181', { dpd: 181 }, 'severe'],
    ['DPD 2000', { dpd: 2000 }, 'severe'],
    ['age 34, DPD 10', { age: 34 }, 'early-young'],
    ['age 35, DPD 10', { age: 35 }, 'early'],
    ['age 59, DPD 10', { age: 59 }, 'early'],
    ['age 60, DPD 10', { age: 60 }, 'early-older'],
    ['age 34, DPD 31', { age: 34, dpd: 31 }, 'mid-young'],
    ['age 82, DPD 90', { age: 82, dpd: 90 }, 'mid-older'],
    ['age 25, DPD 91: no age band after 90', { age: 25, dpd: 91 }, 'late'],
    ['enterprise without an age', { customerType: 'enterprise', age: null }, 'early'],
    ['an enterprise never gets the individual age bands', { customerType: 'enterprise', age: 25 }, 'early'],
    ['hardship flag, DPD 10', { flags: { ...NO_FLAGS, hardship: true }, age: 25 }, 'care-flagged'],
    ['bereavement, DPD 120', { flags: { ...NO_FLAGS, bereavement: true }, dpd: 120 }, 'care-flagged'],
    ['vulnerable, DPD 400', { flags: { ...NO_FLAGS, vulnerable: true }, dpd: 400 }, 'care-flagged'],
    ['hardship and unwilling: care first', { flags: { ...NO_FLAGS, hardship: true }, willingness: 'unwilling', dpd: 200 }, 'care-flagged'],
    ['willing but unable, DPD 5', { willingness: 'willing-but-unable', dpd: 5 }, 'willing-but-unable'],
    ['willing but unable, DPD 250', { willingness: 'willing-but-unable', dpd: 250 }, 'willing-but-unable'],
    ['unwilling, DPD 30: still the gentle early stage', { willingness: 'unwilling', dpd: 30 }, 'early'],
    ['unwilling, DPD 31: the legal path', { willingness: 'unwilling', dpd: 31 }, 'unwilling-legal'],
  ])('%s → %s', (_, overrides, expected) => {
    expect(selectSegment(DEFAULT_STRATEGY, account(overrides), AS_OF)?.id ?? null).toBe(expected);
  });
});

describe('selectSegment — conditions', () => {
  const strategy = strategyOf([
    segment('repeat-breakers', { brokenPromises: { withinDays: 30, atLeast: 2 } }),
    segment('big-business', { products: ['working-capital'], outstandingFen: { min: 50_000_000, max: null } }),
    segment('risky', { riskScore: { min: 0, max: 499.5 } }),
    segment('rest', { dpd: { min: 1, max: 365 } }),
  ]);
  const pick = (a: Partial<CollectionAccount>) => selectSegment(strategy, account(a), AS_OF)?.id ?? null;

  it.each<[string, Partial<CollectionAccount>, string | null]>([
    ['two broken promises in the last 30 days', { promises: [promise('2026-03-09', 'broken'), promise('2026-02-09', 'broken')] }, 'repeat-breakers'],
    ['the older one is exactly 30 days ago: outside the window', { promises: [promise('2026-03-09', 'broken'), promise('2026-02-08', 'broken')] }, 'rest'],
    ['kept and open promises do not count', { promises: [promise('2026-03-09', 'kept'), promise('2026-03-08', 'open')] }, 'rest'],
    ['a promise due after asOf does not count', { promises: [promise('2026-03-09', 'broken'), promise('2026-03-11', 'broken')] }, 'rest'],
    ['working capital at exactly ¥500,000', { product: 'working-capital', outstandingFen: 50_000_000 }, 'big-business'],
    ['working capital 1 fen below', { product: 'working-capital', outstandingFen: 49_999_999 }, 'rest'],
    ['consumer loan of the same size', { outstandingFen: 90_000_000 }, 'rest'],
    ['risk 499.5', { riskScore: 499.5 }, 'risky'],
    ['risk 499.6', { riskScore: 499.6 }, 'rest'],
    ['no risk score', { riskScore: null }, 'rest'],
    ['DPD 366: nothing matches', { dpd: 366 }, null],
  ])('%s → %s', (_, overrides, expected) => {
    expect(pick(overrides)).toBe(expected);
  });
});

describe('nextTreatment — entering a segment', () => {
  it('no history: step 0 due today, with the action the run needs', () => {
    expect(planned(next({ dpd: 3 }))).toEqual({
      segmentId: 'early',
      stepIndex: 0,
      step: DEFAULT_STRATEGY.segments.find((s) => s.id === 'early')!.ladder[0],
      action: { kind: 'contact', channel: 'sms', contact: { channel: 'sms', mode: 'automated', purpose: 'collections' }, templateKey: 'overdue-notice', requiresApproval: false },
      dueOn: AS_OF,
      trigger: 'segment-entry',
      reason: 'entered segment early (1–30 DPD)',
    });
  });

  it.each<[number, string, string]>([
    [30, 'early', 'contact'],
    [31, 'mid', 'agent-call-task'],
    [90, 'mid', 'agent-call-task'],
    [91, 'late', 'agent-call-task'],
    [180, 'late', 'agent-call-task'],
    [181, 'severe', 'contact'],
  ])('DPD %i → %s step 0 (%s)', (dpd, segmentId, kind) => {
    const result = planned(next({ dpd }));
    expect([result.segmentId, result.stepIndex, result.action.kind, result.trigger]).toEqual([segmentId, 0, kind, 'segment-entry']);
  });

  it('moving from 30 to 31 DPD starts the mid ladder at step 0, whatever was done in the early one', () => {
    const history = [done('early', 0, '2026-03-01'), done('early', 1, '2026-03-04'), done('early', 2, '2026-03-08')];
    expect(planned(next({ dpd: 30 }, history))).toMatchObject({ segmentId: 'early', stepIndex: 3, dueOn: '2026-03-13' });
    expect(planned(next({ dpd: 31 }, history))).toMatchObject({ segmentId: 'mid', stepIndex: 0, dueOn: AS_OF, trigger: 'segment-entry' });
  });

  it('a hardship flag diverts an account mid-ladder to the hardship path', () => {
    const history = [done('mid', 0, '2026-03-01'), done('mid', 1, '2026-03-04')];
    const result = planned(next({ dpd: 45, flags: { ...NO_FLAGS, hardship: true } }, history));
    expect(result).toMatchObject({ segmentId: 'care-flagged', stepIndex: 0, trigger: 'segment-entry', dueOn: AS_OF });
    expect(result.action).toEqual({ kind: 'hardship-review-task', channel: null, contact: null, templateKey: 'hardship-arrangement-offer', requiresApproval: false });
  });

  it('age bands choose the channel: under 35 the app, 60 and over a phone call', () => {
    expect(planned(next({ age: 34 })).action.contact).toEqual({ channel: 'portal', mode: 'automated', purpose: 'collections' });
    expect(planned(next({ age: 35 })).action.contact).toEqual({ channel: 'sms', mode: 'automated', purpose: 'collections' });
    expect(planned(next({ age: 60 })).action.contact).toEqual({ channel: 'phone', mode: 'human', purpose: 'collections' });
    expect(planned(next({ age: 34, dpd: 40 })).action).toMatchObject({ kind: 'contact', channel: 'online-chat', contact: { channel: 'portal', mode: 'human' } });
  });
});

describe('nextTreatment — moving along the ladder', () => {
  it('no response: the next step, due waitDays after the last one (possibly in the future)', () => {
    const result = planned(next({ dpd: 5 }, [done('early', 0, '2026-03-09')]));
    expect(result).toMatchObject({ stepIndex: 1, dueOn: '2026-03-12', trigger: 'no-response' });
    expect(result.action).toMatchObject({ kind: 'contact', channel: 'email', templateKey: 'overdue-reminder-email' });
    expect(result.reason).toBe('no response to step 0 (sms overdue-notice) on 2026-03-09 within 3 days → step 1');
  });

  it('an outcome still pending plans like no response', () => {
    const result = planned(next({ dpd: 5 }, [done('early', 0, '2026-03-09', 'pending')]));
    expect(result).toMatchObject({ stepIndex: 1, dueOn: '2026-03-12', trigger: 'no-response' });
    expect(result.reason).toMatch(/outcome pending/);
  });

  it('responded: repeat the same step after the wait (no escalation for a borrower who engages)', () => {
    expect(planned(next({ dpd: 5 }, [done('early', 1, '2026-03-05', 'responded')]))).toMatchObject({ stepIndex: 1, dueOn: '2026-03-09', trigger: 'responded' });
  });

  it('the last step may repeat on no response', () => {
    expect(planned(next({ dpd: 25 }, [done('early', 3, '2026-03-01')]))).toMatchObject({ stepIndex: 3, dueOn: '2026-03-08', trigger: 'no-response' });
  });

  it('"next" after the last step: the ladder is complete', () => {
    const history = [done('severe', 2, '2026-01-01'), done('severe', 3, '2026-02-01')];
    expect(next({ dpd: 300 }, history)).toEqual({
      none: 'ladder-complete',
      segmentId: 'severe',
      reason: 'no response to step 3 (legal-referral-proposal) on 2026-02-01 within 30 days; that was the last step; the ladder of segment severe is complete — a collector or supervisor decides what follows',
    });
  });

  it('proposals need supervisor approval', () => {
    const result = planned(next({ dpd: 200 }, [done('severe', 1, '2026-03-01')]));
    expect(result.action).toEqual({ kind: 'external-agency-proposal', channel: null, contact: null, templateKey: 'external-agency-brief', requiresApproval: true });
    expect(result.dueOn).toBe('2026-03-08');
  });

  it('a history index past the end of an edited ladder counts as complete', () => {
    expect(next({ dpd: 5 }, [done('early', 9, '2026-03-01')])).toMatchObject({ none: 'ladder-complete', segmentId: 'early' });
  });
});

describe('nextTreatment — promises to pay', () => {
  it('a broken promise escalates at once, the day after the promised date, without waiting', () => {
    const history = [done('mid', 0, '2026-03-01', 'responded')];
    const result = planned(next({ dpd: 40, promises: [promise('2026-03-05', 'broken')] }, history));
    expect(result).toMatchObject({ segmentId: 'mid', stepIndex: 1, dueOn: '2026-03-06', trigger: 'broken-promise' });
    expect(result.reason).toBe('promise to pay due 2026-03-05 was broken after step 0 (agent-call-task) on 2026-03-01 → step 1');
  });

  it('a broken promise jumps to the step the ladder names (late stage: straight to the field visit)', () => {
    const result = planned(next({ dpd: 100, promises: [promise('2026-03-05', 'broken')] }, [done('late', 0, '2026-03-01', 'responded')]));
    expect(result).toMatchObject({ stepIndex: 2, trigger: 'broken-promise', action: { kind: 'field-visit-task', contact: { channel: 'field-visit', mode: 'human' } } });
  });

  it('a promise broken before the last treatment was already acted on', () => {
    const history = [done('mid', 0, '2026-03-01'), done('mid', 1, '2026-03-06')];
    expect(planned(next({ dpd: 40, promises: [promise('2026-03-05', 'broken')] }, history))).toMatchObject({ stepIndex: 2, trigger: 'no-response', dueOn: '2026-03-11' });
  });

  it('an open promise holds the next treatment until the day after the promised date', () => {
    const result = planned(next({ dpd: 40, promises: [promise('2026-03-20', 'open')] }, [done('mid', 0, '2026-03-01', 'responded')]));
    expect(result).toMatchObject({ stepIndex: 0, dueOn: '2026-03-21', trigger: 'responded' });
    expect(result.reason).toMatch(/held until 2026-03-21, the day after the open promise to pay due 2026-03-20$/);
  });

  it('an open promise also holds the first step of a segment; a past one holds nothing', () => {
    expect(planned(next({ dpd: 40, promises: [promise('2026-03-15', 'open')] }))).toMatchObject({ stepIndex: 0, dueOn: '2026-03-16' });
    expect(planned(next({ dpd: 40, promises: [promise('2026-03-01', 'open')] }))).toMatchObject({ stepIndex: 0, dueOn: AS_OF });
  });
});

describe('nextTreatment — no treatment', () => {
  it('not delinquent', () => {
    expect(next({ dpd: 0 })).toEqual({ none: 'not-delinquent', reason: 'the account is not past due (DPD 0)', segmentId: null });
  });

  it('no matching segment', () => {
    const strategy = strategyOf([segment('early', { dpd: { min: 1, max: 30 } })]);
    expect(nextTreatment(strategy, account({ dpd: 31 }), [], AS_OF)).toEqual({ none: 'no-matching-segment', reason: 'no segment of strategy test v1 matches this account (DPD 31)', segmentId: null });
  });
});

describe('nextTreatment — determinism', () => {
  const history = [done('mid', 0, '2026-03-01'), done('mid', 1, '2026-03-04', 'responded'), done('mid', 2, '2026-03-04'), done('early', 3, '2026-02-20')];
  const acct = account({ dpd: 50, promises: [promise('2026-03-20', 'open')] });

  it('same inputs, same answer; inputs are not modified', () => {
    const frozen = structuredClone({ acct, history });
    Object.freeze(frozen.history);
    frozen.history.forEach(Object.freeze);
    expect(nextTreatment(DEFAULT_STRATEGY, frozen.acct, frozen.history, AS_OF)).toEqual(nextTreatment(DEFAULT_STRATEGY, acct, history, AS_OF));
  });

  it('history order does not matter; the same day goes to the higher step', () => {
    const expected = planned(nextTreatment(DEFAULT_STRATEGY, acct, history, AS_OF));
    expect(expected).toMatchObject({ stepIndex: 3, dueOn: '2026-03-21' });
    fc.assert(fc.property(fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }), (shuffled) => {
      expect(nextTreatment(DEFAULT_STRATEGY, acct, shuffled, AS_OF)).toEqual(expected);
    }));
  });

  it('idempotent per asOf: until the returned treatment is recorded, every run on that day returns it', () => {
    const first = planned(next({ dpd: 10 }, [done('early', 0, '2026-03-07')]));
    expect(first.dueOn).toBe(AS_OF);
    expect(next({ dpd: 10 }, [done('early', 0, '2026-03-07')])).toEqual(first);
    expect(planned(next({ dpd: 10 }, [done('early', 0, '2026-03-07'), done('early', 1, AS_OF, 'pending')]))).toMatchObject({ stepIndex: 2, dueOn: '2026-03-14' });
  });
});

describe('nextTreatment — a simulated daily run', () => {
  /** Each day: do every treatment due, record it, until the next one is in the future. */
  function simulate(days: number, outcomeOf: (day: number) => TreatmentRecord['outcome'], accountOn: (day: number) => Partial<CollectionAccount> = () => ({})) {
    const start = '2026-01-01';
    const history: TreatmentRecord[] = [];
    const log: string[] = [];
    for (let day = 1; day <= days; day++) {
      const asOf = addDays(start, day);
      for (let i = 0; ; i++) {
        if (i > 5) throw new Error(`more than 5 treatments on ${asOf}`);
        const result = nextTreatment(DEFAULT_STRATEGY, account({ dpd: day, ...accountOn(day) }), history, asOf);
        if ('none' in result || result.dueOn > asOf) break;
        history.push({ segmentId: result.segmentId, stepIndex: result.stepIndex, on: asOf, outcome: outcomeOf(day) });
        log.push(`${day}:${result.segmentId}/${result.stepIndex}:${result.action.kind}${result.action.channel ? `:${result.action.channel}` : ''}`);
      }
    }
    return log;
  }

  it('a borrower who never responds climbs the ladders stage by stage', () => {
    const log = simulate(260, () => 'no-response');
    expect(log.slice(0, 5)).toEqual(['1:early/0:contact:sms', '4:early/1:contact:email', '8:early/2:contact:portal', '13:early/3:contact:sms', '20:early/3:contact:sms']);
    expect(log).toContain('31:mid/0:agent-call-task');
    expect(log).toContain('91:late/0:agent-call-task');
    expect(log).toContain('101:late/2:field-visit-task');
    expect(log.filter((l) => l.startsWith('181:'))).toEqual(['181:severe/0:contact:letter']);
    expect(log).toContain('195:severe/1:evidence-pack-task');
    expect(log).toContain('202:severe/2:external-agency-proposal');
    expect(log).toContain('232:severe/3:legal-referral-proposal');
    expect(log.filter((l) => Number(l.split(':')[0]) > 232)).toEqual([]); // ladder complete: a person decides
  });

  it('property: whatever the outcomes, flags and willingness, the run stays on the ladders and never acts twice on a step in a day', () => {
    const arb = fc.record({
      outcomes: fc.array(fc.constantFrom<TreatmentRecord['outcome']>('responded', 'no-response', 'pending'), { minLength: 200, maxLength: 200 }),
      flagFrom: fc.integer({ min: 1, max: 400 }),
      willingness: fc.constantFrom<CollectionAccount['willingness']>('unknown', 'unwilling', 'willing-but-unable'),
      age: fc.option(fc.integer({ min: 18, max: 90 }), { nil: null }),
    });
    fc.assert(
      fc.property(arb, ({ outcomes, flagFrom, willingness, age }) => {
        const log = simulate(200, (d) => outcomes[d - 1]!, (d) => ({ willingness, age, flags: { ...NO_FLAGS, hardship: d >= flagFrom } }));
        expect(new Set(log).size).toBe(log.length);
        for (const entry of log) {
          const [, where] = entry.split(':');
          const [segmentId, step] = where!.split('/');
          const ladder = DEFAULT_STRATEGY.segments.find((s) => s.id === segmentId)!.ladder;
          expect(Number(step)).toBeLessThan(ladder.length);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('nextTreatment — invalid input', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['asOf', () => next({}, [], '2026-02-30'), /asOf is not a valid/],
    ['negative DPD', () => next({ dpd: -1 }), /dpd must be a non-negative integer/],
    ['fractional balance', () => next({ outstandingFen: 1.5 }), /outstandingFen/],
    ['bad promise date', () => next({ promises: [promise('2026-13-01', 'open')] }), /promises\[0\]\.dueOn/],
    ['bad history outcome', () => next({}, [{ ...done('early', 0, '2026-03-01'), outcome: 'maybe' as never }]), /history\[0\]\.outcome/],
    ['negative step index', () => next({}, [done('early', -1, '2026-03-01')]), /history\[0\]\.stepIndex/],
  ])('%s', (_, run, message) => {
    expect(run).toThrow(message);
  });
});
