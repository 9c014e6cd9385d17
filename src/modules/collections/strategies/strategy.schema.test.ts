import { describe, expect, it } from 'vitest';
import { parseStrategy, parseStrategyJson, type StrategyInput } from './strategy.schema.ts';
import { segment, sms, strategyInput } from './strategy.test-support.ts';

const problemsOf = (input: unknown) => {
  const result = parseStrategy(input);
  if (result.ok) throw new Error('expected the strategy to be rejected');
  return result.problems.map((p) => [p.field, p.message] as const);
};
const fieldsOf = (input: unknown) => problemsOf(input).map(([field]) => field);
/** A problem with its message's English half: messages are 'English / 中文', and these tests match the English exactly. */
const english = ([field, message]: readonly [string, string]) => [field, message.split(' / ')[0]] as const;

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
    expect(problemsOf(strategyInput([])).map(english)).toEqual([['segments', 'a strategy needs at least one segment']]);
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
    ['repeat without a wait', [segment('a', {}, { ladder: [sms('overdue-notice', 0, { onNoResponse: 'repeat', onResponse: 'next' })] })], 'segments.0.ladder.0.escalation.onNoResponse', /"repeat" needs waitDays ≥ 1, otherwise the same step is due again the same day — set waitDays, or choose "next" \/ /],
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
      expect(problems.map(english)).toEqual([[
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
      expect(problems.map(english)).toEqual([[
        'segments.3',
        'segment "rest" can never match: segments "early" (#0), "mid" (#1), "late" (#2) come first and together match every account this one would — move "rest" above them, or narrow them',
      ]]);
    });

    it('a catch-all after stages with a gap is a partial overlap', () => {
      const problems = problemsOf(strategyInput([STAGES[0]!, STAGES[2]!, segment('rest')]));
      expect(problems).toEqual([['segments.2.conditions', expect.stringMatching(/^DPD 1\+ overlaps segment "early" \(#0, DPD 1–30\).*set overlapIntended: true \/ /)]]);
      expect(parseStrategy(strategyInput([STAGES[0]!, STAGES[2]!, segment('rest', {}, { overlapIntended: true })])).ok).toBe(true);
    });

    it('a complete enum list covers a segment without that condition', () => {
      const problems = problemsOf(strategyInput([segment('a', { customerTypes: ['individual', 'enterprise'] }), segment('b')]));
      expect(problems[0]![0]).toBe('segments.1');
    });
  });
});

describe('parseStrategy — messages are bilingual, "English / 中文"', () => {
  const message = (input: unknown, field: string) => problemsOf(input).find(([f]) => f === field)?.[1];

  it.each<[string, unknown, string, string]>([
    ['a field rule', strategyInput([segment('a', { dpd: { min: 0, max: 30 } })]), 'segments.0.conditions.dpd.min', ' / dpd.min 不能小于 1：催收从逾期第 1 天开始（此前的提醒属于服务类消息）'],
    ['a field rule on waitDays', strategyInput([segment('a', {}, { ladder: [sms('overdue-notice', -1)] })]), 'segments.0.ladder.0.waitDays', 'waitDays must be at least 0 / waitDays 不能小于 0'],
    ['a list of allowed values', strategyInput([segment('a', { customerTypes: ['bank' as never] })]), 'segments.0.conditions.customerTypes.0', 'customer type must be one of: individual, enterprise / 客户类型必须是以下之一：individual, enterprise'],
    ['an unknown field', strategyInput([segment('a', { dpdd: 3 } as never)]), 'segments.0.conditions.dpdd', ' / 未知字段 "dpdd"；此处允许的字段：dpd, outstandingFen, products,'],
    ['max below min', strategyInput([segment('a', { dpd: { min: 30, max: 10 } })]), 'segments.0.conditions.dpd.max', ' / max（10）小于 min（30）；请使 max ≥ min，或设为 null 表示无上限'],
    ['repeat without a wait', strategyInput([segment('a', {}, { ladder: [sms('overdue-notice', 0, { onNoResponse: 'repeat', onResponse: 'next' })] })]), 'segments.0.ladder.0.escalation.onNoResponse', ' / "repeat" 需要 waitDays ≥ 1，否则同一步骤当天会再次到期——请设置 waitDays，或改为 "next"'],
    ['the default repeat without a wait', strategyInput([segment('a', {}, { ladder: [sms('overdue-notice', 0)] })]), 'segments.0.ladder.0.escalation.onResponse', '或改为 "next"（onResponse 未设置时即为 "repeat"）'],
    ['an unreachable segment', strategyInput([...STAGES, segment('rest')]), 'segments.3', ' / 分群 "rest" 永远不会被匹配：分群 "early"（#0）、"mid"（#1）、"late"（#2）排在前面，合起来已匹配本分群会匹配的所有账户——请把 "rest" 移到它们前面，或收窄它们的条件'],
    ['a partial DPD overlap', strategyInput([segment('early', { dpd: { min: 1, max: 30 } }), segment('mid', { dpd: { min: 30, max: 90 } })]), 'segments.1.conditions.dpd', ' / 逾期天数 30–90 与分群 "early"（#0，逾期天数 1–30）重叠；该分群排在前面且覆盖相同或更多账户，因此逾期天数 30 的账户总是归入 "early"——改为从 31 开始，或设置 overlapIntended: true'],
  ])('%s', (_, input, field, zh) => {
    expect(message(input, field)).toContain(zh);
  });

  it('every problem splits into an English and a Chinese half (what the UI\'s pickLanguage needs)', () => {
    const step = (extra: Record<string, unknown>) => ({ type: 'contact', channel: 'sms', templateKey: 'overdue-notice', waitDays: 1, ...extra });
    const bad: unknown[] = [
      {},
      { ...strategyInput(STAGES), id: 'Bad Id', version: 0, nameZh: '', nameEn: 'x'.repeat(101), description: 'x'.repeat(2001), extra: 1 },
      { ...strategyInput(STAGES), id: 1, version: 1.5, nameZh: 1, segments: 'all' },
      strategyInput([]),
      strategyInput(Array.from({ length: 201 }, (_, i) => segment(`s${i}`))),
      strategyInput([
        segment('a', { dpd: { min: 0.5, max: 'x' as never }, outstandingFen: { min: -1, max: 1.5 }, age: { min: 0, max: 151 }, riskScore: { min: 'x' as never, max: null } }),
        segment('b', { products: [], customerTypes: ['bank' as never], flags: ['sick' as never], willingness: ['maybe' as never] }),
        segment('c', { brokenPromises: { withinDays: 0, atLeast: 1001 }, dpd: { min: 1, max: null, typo: 1 } as never }),
        segment('Bad Id', {}, { nameZh: ' ', ladder: [] }),
        segment('d', {}, { ladder: [step({ type: 'wait' }), step({ channel: 'wechat', templateKey: 'A', waitDays: 367 }), step({ templateKey: undefined, waitDays: 'x' })] as never }),
        segment('e', {}, { ladder: [step({ type: 'action', action: 'arrest' }), step({ escalation: { onNoResponse: 'later', onResponse: -1, onBrokenPromise: 0.5 } })] as never }),
        segment('f', {}, { ladder: Array.from({ length: 51 }, () => sms()) }),
      ]),
      strategyInput([
        segment('a', { dpd: { min: 30, max: 10 }, willingness: ['unwilling', 'unwilling'] }),
        segment('a', {}, { ladder: [sms('overdue-notice', 0), sms('overdue-notice', 3, { onNoResponse: 0, onBrokenPromise: 5 })] }),
      ]),
      strategyInput([...STAGES, segment('rest')]),
      strategyInput([STAGES[0]!, segment('mid', { dpd: { min: 20, max: 90 } }), segment('x', { dpd: { min: 95, max: 99 } }), segment('y', { dpd: { min: 1, max: 40 } })]),
    ];
    const messages = bad.flatMap((input) => problemsOf(input).map(([, m]) => m));
    const json = parseStrategyJson('{"id": "x",');
    if (!json.ok) messages.push(...json.problems.map((p) => p.message));
    expect(messages.length).toBeGreaterThan(40);
    for (const m of messages) {
      const halves = m.split(' / ');
      expect(halves, m).toHaveLength(2);
      expect(halves[0], m).not.toMatch(/[\u3400-\u9fff]/);
      expect(halves[1], m).toMatch(/[\u3400-\u9fff]/);
    }
  });
});
