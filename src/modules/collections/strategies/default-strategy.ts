/**
 * The strategy LoanDesk ships with, following the overdue-communication article (seeds/004):
 *  - 1–30 DPD: gentle automated reminders (SMS, e-mail, app / portal message);
 *  - 31–90: collectors — an agent call to learn why the borrower is late, then calls and online chat;
 *  - 91–180: intensified contact — formal letter, field visits;
 *  - 181+: evidence pack, then external agency and legal referral, proposed for supervisor approval.
 * Ahead of the stages (first match wins):
 *  - care flags (hardship, bereavement, vulnerable) and willing-but-unable → the hardship path:
 *    a hardship review offering a grace period, instalment plan or restructuring (../arrangements),
 *    then human check-ins only — the compliance engine pauses automated collection contact for
 *    hardship and bereavement anyway, and the written confirmation of an arrangement is a servicing
 *    notice sent by the arrangement workflow, not a collections message;
 *  - unwilling (恶意拖欠) from 31 DPD → the legal path with an evidence chain: written demand,
 *    demand call, evidence pack, legal-referral proposal. Before 31 DPD the classification is still
 *    fresh and the article asks for gentle contact first, so unwilling borrowers get the early stage;
 *  - individuals under 35 (app / online first) and 60 or over (phone, face to face) in 1–90 DPD.
 * Template keys are listed in DEFAULT_STRATEGY_TEMPLATE_KEYS for the templates seed to create.
 */
import { parseStrategy, type Strategy, type StrategyInput } from './strategy.schema.ts';
import type { StepTarget, StrategyAction, StrategyChannel } from './treatments.ts';

type Escalation = { onNoResponse?: StepTarget; onResponse?: StepTarget; onBrokenPromise?: StepTarget };
type StepInput = StrategyInput['segments'][number]['ladder'][number];

const contact = (channel: StrategyChannel, templateKey: string, waitDays: number, escalation: Escalation = {}): StepInput => ({
  type: 'contact', channel, templateKey, waitDays, escalation,
});
const action = (kind: StrategyAction, templateKey: string, waitDays: number, escalation: Escalation = {}): StepInput => ({
  type: 'action', action: kind, templateKey, waitDays, escalation,
});

/** Human contact only: used for care-flagged and willing-but-unable borrowers. */
const HARDSHIP_LADDER: StepInput[] = [
  action('hardship-review-task', 'hardship-arrangement-offer', 7, { onResponse: 'next' }),
  contact('phone', 'hardship-check-in-call', 14),
  contact('online-chat', 'hardship-check-in-chat', 14),
  // A monthly re-review until the account is cured, an arrangement is in place or a person takes over.
  action('hardship-review-task', 'hardship-arrangement-offer', 30, { onNoResponse: 'repeat' }),
];

const INDIVIDUAL = ['individual'] as const;
const EARLY = { min: 1, max: 30 };
const MID = { min: 31, max: 90 };
const YOUNG = { min: 0, max: 34 };
const OLDER = { min: 60, max: null };

const input: StrategyInput = {
  id: 'default',
  version: 1,
  nameZh: '默认催收策略',
  nameEn: 'Default collections strategy',
  description: 'Stages by days past due (1–30 / 31–90 / 91–180 / 181+), a hardship path, a legal path for unwilling borrowers and age-based channels (seeds/004).',
  segments: [
    {
      id: 'care-flagged',
      nameZh: '困难/特殊关怀客户',
      nameEn: 'Hardship, bereavement or vulnerable',
      conditions: { flags: ['hardship', 'bereavement', 'vulnerable'] },
      ladder: HARDSHIP_LADDER,
    },
    {
      id: 'unwilling-legal',
      nameZh: '恶意拖欠—法律路径',
      nameEn: 'Unwilling to pay — legal path',
      conditions: { dpd: { min: 31, max: null }, willingness: ['unwilling'] },
      ladder: [
        contact('letter', 'formal-demand-letter', 10, { onResponse: 'next', onBrokenPromise: 2 }),
        contact('phone', 'formal-demand-call', 5, { onResponse: 'next', onBrokenPromise: 2 }),
        action('evidence-pack-task', 'legal-evidence-checklist', 7, { onResponse: 'next' }),
        action('legal-referral-proposal', 'legal-referral-brief', 30, { onResponse: 'next' }),
      ],
    },
    {
      id: 'willing-but-unable',
      nameZh: '有还款意愿但暂时无力偿还',
      nameEn: 'Willing but unable to pay',
      conditions: { willingness: ['willing-but-unable'] },
      ladder: HARDSHIP_LADDER,
    },
    {
      id: 'early-young',
      nameZh: '逾期1-30天（35岁以下）',
      nameEn: '1–30 DPD, under 35',
      conditions: { dpd: EARLY, customerTypes: [...INDIVIDUAL], age: YOUNG },
      ladder: [
        contact('portal', 'overdue-reminder-app', 3),
        contact('sms', 'overdue-notice', 4),
        contact('online-chat', 'overdue-reminder-chat', 7),
        contact('email', 'overdue-reminder-email', 7, { onNoResponse: 'repeat' }),
      ],
    },
    {
      id: 'early-older',
      nameZh: '逾期1-30天（60岁及以上）',
      nameEn: '1–30 DPD, 60 or over',
      conditions: { dpd: EARLY, customerTypes: [...INDIVIDUAL], age: OLDER },
      ladder: [
        contact('phone', 'gentle-reminder-call', 5),
        contact('letter', 'overdue-reminder-letter', 10),
        contact('phone', 'gentle-reminder-call', 7, { onNoResponse: 'repeat' }),
      ],
    },
    {
      id: 'early',
      nameZh: '逾期1-30天',
      nameEn: '1–30 DPD',
      conditions: { dpd: EARLY },
      ladder: [
        contact('sms', 'overdue-notice', 3),
        contact('email', 'overdue-reminder-email', 4),
        contact('portal', 'overdue-reminder-app', 5),
        contact('sms', 'overdue-reminder-sms', 7, { onNoResponse: 'repeat' }),
      ],
    },
    {
      id: 'mid-young',
      nameZh: '逾期31-90天（35岁以下）',
      nameEn: '31–90 DPD, under 35',
      conditions: { dpd: MID, customerTypes: [...INDIVIDUAL], age: YOUNG },
      ladder: [
        contact('online-chat', 'collections-chat-script', 3),
        action('agent-call-task', 'collections-call-script', 5),
        contact('online-chat', 'collections-chat-script', 5),
        contact('phone', 'collections-call-script', 7, { onNoResponse: 'repeat' }),
      ],
    },
    {
      id: 'mid-older',
      nameZh: '逾期31-90天（60岁及以上）',
      nameEn: '31–90 DPD, 60 or over',
      conditions: { dpd: MID, customerTypes: [...INDIVIDUAL], age: OLDER },
      ladder: [
        action('agent-call-task', 'collections-call-script', 5, { onBrokenPromise: 2 }),
        contact('phone', 'collections-call-script', 7, { onBrokenPromise: 2 }),
        action('field-visit-task', 'face-to-face-visit-brief', 14),
        contact('phone', 'collections-call-script', 7, { onNoResponse: 'repeat' }),
      ],
    },
    {
      id: 'mid',
      nameZh: '逾期31-90天',
      nameEn: '31–90 DPD',
      conditions: { dpd: MID },
      ladder: [
        action('agent-call-task', 'collections-call-script', 3),
        contact('online-chat', 'collections-chat-script', 5),
        contact('phone', 'collections-call-script', 5),
        contact('sms', 'overdue-notice', 3),
        contact('phone', 'collections-call-script', 7, { onNoResponse: 'repeat' }),
      ],
    },
    {
      id: 'late',
      nameZh: '逾期91-180天',
      nameEn: '91–180 DPD',
      conditions: { dpd: { min: 91, max: 180 } },
      ladder: [
        action('agent-call-task', 'late-stage-call-script', 3, { onBrokenPromise: 2 }),
        contact('letter', 'formal-demand-letter', 7, { onBrokenPromise: 2 }),
        action('field-visit-task', 'field-visit-brief', 14),
        contact('phone', 'late-stage-call-script', 7),
        action('field-visit-task', 'field-visit-brief', 30, { onNoResponse: 'repeat' }),
      ],
    },
    {
      id: 'severe',
      nameZh: '逾期180天以上',
      nameEn: 'Over 180 DPD',
      conditions: { dpd: { min: 181, max: null } },
      ladder: [
        contact('letter', 'final-notice-letter', 14, { onBrokenPromise: 1 }),
        action('evidence-pack-task', 'legal-evidence-checklist', 7, { onResponse: 'next' }),
        action('external-agency-proposal', 'external-agency-brief', 30, { onResponse: 'next' }),
        action('legal-referral-proposal', 'legal-referral-brief', 30, { onResponse: 'next' }),
      ],
    },
  ],
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function build(): Strategy {
  const parsed = parseStrategy(input);
  if (!parsed.ok) throw new Error(`The default strategy is invalid: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  return deepFreeze(parsed.strategy);
}

export const DEFAULT_STRATEGY: Strategy = build();

/** Every template / script key the default strategy uses, sorted: the templates seed must provide them. */
export const DEFAULT_STRATEGY_TEMPLATE_KEYS: readonly string[] = Object.freeze(
  [...new Set(DEFAULT_STRATEGY.segments.flatMap((s) => s.ladder.map((step) => step.templateKey).filter((k): k is string => !!k)))].sort(),
);
