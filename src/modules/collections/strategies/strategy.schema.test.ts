import { describe, expect, it } from 'vitest';
import { parseStrategy, parseStrategyJson, type StrategyInput } from './strategy.schema.ts';
import { segment, sms, strategyInput } from './strategy.test-support.ts';

const problemsOf = (input: unknown) => {
  const result = parseStrategy(input);
  if (result.ok) throw new Error('expected the strategy to be rejected');
  return result.problems.map((p) => [p.field, p.message] as const);
};
const fieldsOf = (input: unknown) => problemsOf(input).map(([field]) => field);

const STAGES = [
  segment('early', { dpd: { min: 1, max: 30 } }),
  segment('mid', { dpd: { min: 31, max: 90 } }),
  segment('late', { dpd: { min: 91, max: null } }),
];

describe('parseStrategy — a valid strategy', () => {
  it('accepts stages and fills defaults: empty conditions, escalation next / repeat / next, overlapIntended false', () => {
    const severe = { id: 'rest', nameZh: '其他', nameEn: 'Rest', ladder: [{ type: 'action' as const, action: 'agent-call-task' as const, waitDays: 1 }] };
    const result = parseStrategy(strategyInput([segment('hardship', { flags: ['hardship'] }), severe]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rest = result.strategy.segments[1]!;
    expect(rest.conditions).toEqual({});
    expect(rest.overlapIntended).toBe(false);
    expect(rest.ladder[0]!.escalation).toEqual({ onNoResponse: 'next', onResponse: 'repeat', onBrokenPromise: 'next' });
  });

  it('accepts every condition together', () => {
    const all: StrategyInput['segments'][number]['conditions'] = {
      dpd: { min: 1, max: 30 }, outstandingFen: { min: 0, max: 5_000_000 }, products: ['personal-consumer', 'working-capital'],
      customerTypes: ['individual'], riskScore: { min: -1.5, max: 700.5 }, brokenPromises: { withinDays: 30, atLeast: 2 },
      flags: ['hardship'], age: { min: 18, max: 34 }, willingness: ['unknown', 'willing-but-unable'],
    };
    expect(parseStrategy(strategyInput([segment('all', all)])).ok).toBe(true);
  });

  it('parses JSON text', () => {
    expect(parseStrategyJson(JSON.stringify(strategyInput(STAGES))).ok).toBe(true);
  });
});

describe('parseStrategy — field problems are path-precise and say what to do', () => {
  const withSegment = (s: unknown) => strategyInput([s as never]);
  it.each<[string, unknown, string, RegExp]>([
    ['DPD from 0', withSegment(segment('a', { dpd: { min: 0, max: 30 } })), 'segments.0.conditions.dpd.min', /at least 1: collections start at 1 day past due/],
    ['fractional DPD', withSegment(segment('a', { dpd: { min: 1, max: 30.5 } })), 'segments.0.conditions.dpd.max', /whole number/],
    ['negative balance', withSegment(segment('a', { outstandingFen: { min: -1, max: null } })), 'segments.0.conditions.outstandingFen.min', /at least 0/],
    ['unknown product', withSegment(segment('a', { products: ['mortgage' as never] })), 'segments.0.conditions.products.0', /one of: project-finance, working-capital/],
    ['empty product list', withSegment(segment('a', { products: [] })), 'segments.0.conditions.products', /at least one product, or leave the condition out/],
    ['unknown flag', withSegment(segment('a', { flags: ['sick' as never] })), 'segments.0.conditions.flags.0', /hardship, bereavement, vulnerable/],
    ['misspelt condition', withSegment(segment('a', { dpdd: 3 } as never)), 'segments.0.conditions.dpdd', /unknown field "dpdd"; allowed here: dpd, outstandingFen/],
    ['empty ladder', withSegment(segment('a', {}, { ladder: [] })), 'segments.0.ladder', /at least one treatment step/],
    ['negative wait', withSegment(segment('a', {}, { ladder: [sms('overdue-notice', -1)] })), 'segments.0.ladder.0.waitDays', /at least 0/],
    ['unknown channel', withSegment(segment('a', {}, { ladder: [{ type: 'contact', channel: 'wechat', templateKey: 'abc', waitDays: 1 } as never] })), 'segments.0.ladder.0.channel', /sms, email, portal, letter, phone, online-chat, field-visit/],
    ['unknown action', withSegment(segment('a', {}, { ladder: [{ type: 'action', action: 'arrest', waitDays: 1 } as never] })), 'segments.0.ladder.0.action', /legal-referral-proposal/],
    ['contact without template', withSegment(segment('a', {}, { ladder: [{ type: 'contact', channel: 'sms', waitDays: 1 } as never] })), 'segments.0.ladder.0.templateKey', /required/],
    ['bad template key', withSegment(segment('a', {}, { ladder: [sms('Overdue Notice')] })), 'segments.0.ladder.0.templateKey', /lower-case letters/],
    ['unknown step type', withSegment(segment('a', {}, { ladder: [{ type: 'wait' } as never] })), 'segments.0.ladder.0.type', /"contact".*"action"/],
    ['bad escalation target', withSegment(segment('a', {}, { ladder: [sms('overdue-notice', 1, { onNoResponse: 'later' })] })), 'segments.0.ladder.0.escalation.onNoResponse', /"next", "repeat" or the 0-based index/],
    ['bad segment id', withSegment(segment('Early Stage')), 'segments.0.id', /lower-case letters, digits and -/],
    ['blank name', withSegment(segment('a', {}, { nameZh: '  ' })), 'segments.0.nameZh', /must not be empty/],
  ])('%s → %s', (_, input, field, message) => {
    const problems = problemsOf(input);
    expect(problems.map(([f]) => f)).toContain(field);
    expect(problems.find(([f]) => f === field)![1]).toMatch(message);
  });

  it('no segments', () => {
    expect(problemsOf(strategyInput([]))).toEqual([['segments', 'a strategy needs at least one segment']]);
  });

  it('missing top-level fields are each reported', () => {
    expect(fieldsOf({})).toEqual(['id', 'version', 'nameZh', 'nameEn', 'segments']);
  });

  it('malformed JSON', () => {
    const result = parseStrategyJson('{"id": "x",');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({ field: '(root)', code: 'invalid_json', message: expect.stringMatching(/^not valid JSON/) });
  });
});

describe('parseStrategy — cross-field checks', () => {
  it.each<[string, StrategyInput['segments'], string, RegExp]>([
    ['DPD max below min', [segment('a', { dpd: { min: 30, max: 10 } })], 'segments.0.conditions.dpd.max', /max \(10\) is below min \(30\)/],
    ['age max below min', [segment('a', { age: { min: 60, max: 35 } })], 'segments.0.conditions.age.max', /below min/],
    ['balance max below min', [segment('a', { outstandingFen: { min: 100, max: 99 } })], 'segments.0.conditions.outstandingFen.max', /below min/],
    ['risk max below min', [segment('a', { riskScore: { min: 1, max: 0.5 } })], 'segments.0.conditions.riskScore.max', /below min/],
    ['duplicate list entry', [segment('a', { willingness: ['unwilling', 'unwilling'] })], 'segments.0.conditions.willingness.1', /"unwilling" is listed twice/],
    ['duplicate segment id', [segment('a', { dpd: { min: 1, max: 30 } }), segment('a', { dpd: { min: 31, max: null } })], 'segments.1.id', /already used by segment #0/],
    ['escalation to an earlier step', [segment('a', {}, { ladder: [sms(), sms('overdue-notice', 3, { onBrokenPromise: 0 })] })], 'segments.0.ladder.1.escalation.onBrokenPromise', /not after this step \(1\).*use "repeat"/],
    ['escalation to itself by index', [segment('a', {}, { ladder: [sms('overdue-notice', 3, { onNoResponse: 0 })] })], 'segments.0.ladder.0.escalation.onNoResponse', /not after this step/],
    ['escalation past the ladder', [segment('a', {}, { ladder: [sms('overdue-notice', 3, { onNoResponse: 2 }), sms()] })], 'segments.0.ladder.0.escalation.onNoResponse', /no step 2: this ladder has steps 0–1/],
    ['repeat without a wait', [segment('a', {}, { ladder: [sms('overdue-notice', 0, { onNoResponse: 'repeat', onResponse: 'next' })] })], 'segments.0.ladder.0.escalation.onNoResponse', /"repeat" needs waitDays ≥ 1, otherwise the same step is due again the same day — set waitDays, or choose "next"$/],
    ['the default repeat without a wait', [segment('a', {}, { ladder: [sms('overdue-notice', 0)] })], 'segments.0.ladder.0.escalation.onResponse', /choose "next" \(onResponse is "repeat" unless set\)/],
  ])('%s', (_, segments, field, message) => {
    const problems = problemsOf(strategyInput(segments));
    expect(problems).toContainEqual([field, expect.stringMatching(message)]);
  });

  it('repeat with a wait of 0 is fine when the step never repeats', () => {
    const ladder = [sms('overdue-notice', 0, { onResponse: 'next' }), sms()];
    expect(parseStrategy(strategyInput([segment('a', {}, { ladder })])).ok).toBe(true);
  });

  describe('overlapping and unreachable segments', () => {
    it('1–30 then 30–90 for the same accounts: the shared day goes to the first, so it is an error naming the fix', () => {
      const problems = problemsOf(strategyInput([segment('early', { dpd: { min: 1, max: 30 } }), segment('mid', { dpd: { min: 30, max: 90 } })]));
      expect(problems).toEqual([[
        'segments.1.conditions.dpd',
        'DPD 30–90 overlaps segment "early" (#0, DPD 1–30), which comes first and covers the same or more accounts, so DPD 30 always goes to "early" — start at 31, or set overlapIntended: true',
      ]]);
    });

    it('overlapIntended: true accepts the partial overlap', () => {
      const later = segment('mid', { dpd: { min: 30, max: 90 } }, { overlapIntended: true });
      expect(parseStrategy(strategyInput([segment('early', { dpd: { min: 1, max: 30 } }), later])).ok).toBe(true);
    });

    it('a later segment starting before the earlier one is told where to end', () => {
      const problems = problemsOf(strategyInput([segment('late', { dpd: { min: 91, max: null } }), segment('mid', { dpd: { min: 31, max: 100 } })]));
      expect(problems[0]![1]).toMatch(/DPD 91–100 always goes to "late" — end at 90/);
    });

    it('a narrower earlier segment (a carve-out) may overlap a broader later one', () => {
      const carveOut = segment('hardship', { flags: ['hardship'] });
      const consumerEarly = segment('consumer-early', { dpd: { min: 1, max: 30 }, products: ['personal-consumer'] });
      expect(parseStrategy(strategyInput([carveOut, consumerEarly, ...STAGES])).ok).toBe(true);
    });

    it('same DPD but a different product scope is not an overlap', () => {
      const a = segment('consumer', { dpd: { min: 1, max: 30 }, products: ['personal-consumer'] });
      const b = segment('business', { dpd: { min: 1, max: 30 }, products: ['working-capital'] });
      expect(parseStrategy(strategyInput([a, b])).ok).toBe(true);
    });

    it.each<[string, StrategyInput['segments'][number], StrategyInput['segments'][number]]>([
      ['no conditions before anything', segment('all'), segment('early', { dpd: { min: 1, max: 30 } })],
      ['broader DPD, same scope', segment('early', { dpd: { min: 1, max: 60 } }), segment('x', { dpd: { min: 10, max: 20 } })],
      ['broader product set', segment('a', { products: ['personal-consumer', 'working-capital'] }), segment('b', { products: ['working-capital'], dpd: { min: 5, max: 9 } })],
      ['broader flags (any of)', segment('a', { flags: ['hardship', 'vulnerable'] }), segment('b', { flags: ['vulnerable'] })],
      ['broader age band', segment('a', { age: { min: 0, max: 40 } }), segment('b', { age: { min: 18, max: 34 } })],
      ['weaker broken-promise rule', segment('a', { brokenPromises: { withinDays: 60, atLeast: 1 } }), segment('b', { brokenPromises: { withinDays: 30, atLeast: 2 } })],
      ['broader willingness', segment('a', { willingness: ['unwilling', 'unknown'] }), segment('b', { willingness: ['unwilling'] })],
    ])('unreachable: %s', (_, earlier, later) => {
      const problems = problemsOf(strategyInput([earlier, later]));
      expect(problems).toHaveLength(1);
      expect(problems[0]![0]).toBe('segments.1');
      expect(problems[0]![1]).toMatch(new RegExp(`segment "${later.id}" can never match: segment "${earlier.id}" \\(#0\\) comes first.*move "${later.id}" above it`));
    });

    it.each<[string, StrategyInput['segments'][number], StrategyInput['segments'][number]]>([
      ['an age band does not cover accounts without an age', segment('a', { age: { min: 0, max: 150 } }), segment('b')],
      ['a risk range does not cover unscored accounts', segment('a', { riskScore: { min: -1e9, max: null } }), segment('b')],
      ['a flag condition does not cover accounts with no flag', segment('a', { flags: ['hardship', 'bereavement', 'vulnerable'] }), segment('b')],
      ['a stricter broken-promise rule does not cover a weaker one', segment('a', { brokenPromises: { withinDays: 30, atLeast: 2 } }), segment('b', { brokenPromises: { withinDays: 30, atLeast: 1 } })],
      ['a shorter broken-promise window does not cover a longer one', segment('a', { brokenPromises: { withinDays: 30, atLeast: 1 } }), segment('b', { brokenPromises: { withinDays: 60, atLeast: 1 } })],
    ])('reachable: %s', (_, earlier, later) => {
      expect(parseStrategy(strategyInput([earlier, later])).ok).toBe(true);
    });

    it('a catch-all after stages that already cover every DPD can never match', () => {
      const problems = problemsOf(strategyInput([...STAGES, segment('rest')]));
      expect(problems).toEqual([[
        'segments.3',
        'segment "rest" can never match: segments "early" (#0), "mid" (#1), "late" (#2) come first and together match every account this one would — move "rest" above them, or narrow them',
      ]]);
    });

    it('a catch-all after stages with a gap is a partial overlap', () => {
      const problems = problemsOf(strategyInput([STAGES[0]!, STAGES[2]!, segment('rest')]));
      expect(problems).toEqual([['segments.2.conditions', expect.stringMatching(/^DPD 1\+ overlaps segment "early" \(#0, DPD 1–30\).*set overlapIntended: true$/)]]);
      expect(parseStrategy(strategyInput([STAGES[0]!, STAGES[2]!, segment('rest', {}, { overlapIntended: true })])).ok).toBe(true);
    });

    it('a complete enum list covers a segment without that condition', () => {
      const problems = problemsOf(strategyInput([segment('a', { customerTypes: ['individual', 'enterprise'] }), segment('b')]));
      expect(problems[0]![0]).toBe('segments.1');
    });
  });
});
