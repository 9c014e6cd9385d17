import type { CollectionAccount } from './collection-account.ts';
import { StrategyDefinition, type Strategy, type StrategyInput } from './strategy.schema.ts';

type SegmentInput = StrategyInput['segments'][number];
type StepInput = SegmentInput['ladder'][number];

export const sms = (templateKey = 'overdue-notice', waitDays = 3, escalation: Record<string, unknown> = {}): StepInput =>
  ({ type: 'contact', channel: 'sms', templateKey, waitDays, escalation }) as StepInput;

export const segment = (id: string, conditions: SegmentInput['conditions'] = {}, extra: Partial<SegmentInput> = {}): SegmentInput => ({
  id, nameZh: id, nameEn: id, conditions, ladder: [sms()], ...extra,
});

export const strategyInput = (segments: SegmentInput[]): StrategyInput => ({ id: 'test', version: 1, nameZh: '测试', nameEn: 'Test', segments });

/** Parses or throws with the problems, for tests that need a valid strategy. */
export const strategyOf = (segments: SegmentInput[]): Strategy => StrategyDefinition.parse(strategyInput(segments));

export const account = (overrides: Partial<CollectionAccount> = {}): CollectionAccount => ({
  dpd: 10,
  outstandingFen: 1_000_000,
  product: 'personal-consumer',
  customerType: 'individual',
  riskScore: 600,
  age: 45,
  flags: { hardship: false, bereavement: false, vulnerable: false },
  willingness: 'unknown',
  promises: [],
  ...overrides,
});
