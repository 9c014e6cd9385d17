/**
 * A collections strategy (催收策略), versioned: ordered segments, first match wins; each segment has
 * conditions on the account and a treatment ladder. This zod schema is the single source for
 * validation, the future OpenAPI document and the console editor; every message names what to change
 * and sits on the exact path (e.g. `segments.3.ladder.1.escalation.onBrokenPromise`).
 *
 * Input is plain JSON (`parseStrategyJson`). YAML is not supported: no YAML parser is installed, and
 * the console edits the JSON form.
 *
 * Cross-field checks (strategy-checks.ts): ranges ordered, unique ids, escalation targets inside the
 * ladder and forward only, 'repeat' needs a wait, no segment hidden by an earlier one, and no DPD
 * overlap with an earlier segment of the same or broader scope unless `overlapIntended`.
 */
import { z } from 'zod';
import type { FieldProblem } from '../../../platform/errors/domain-error.ts';
import { CUSTOMER_TYPES } from '../../customers/customers.schema.ts';
import { LOAN_PRODUCTS } from '../../loans/loans.schema.ts';
import { bilingual, checkStrategy } from './strategy-checks.ts';
import { CARE_FLAGS, STRATEGY_ACTIONS, STRATEGY_CHANNELS, WILLINGNESS } from './treatments.ts';

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Same rule as communications template keys (templates.contract.ts). */
const TEMPLATE_KEY = /^[a-z0-9][a-z0-9-]{2,60}$/;
const MAX_WAIT_DAYS = 366;

/**
 * The builders take the field's description in English (`what`) and in Chinese (`zh`). Chinese text
 * puts a space after a Latin field name ('dpd.max 必须是整数') and none after Chinese ('客户类型必须是…').
 */
const subject = (zh: string) => (/[\x21-\x7e]$/.test(zh) ? `${zh} ` : zh);
const id = (what: string, zh: string) =>
  z
    .string({ error: bilingual(`${what} is required`, `${subject(zh)}为必填项`) })
    .regex(ID, bilingual(`${what} must be lower-case letters, digits and -, 1–63 characters, e.g. "early-sms"`, `${subject(zh)}只能包含小写字母、数字和 -，长度 1–63 个字符，例如 "early-sms"`));
const label = (what: string, zh: string) =>
  z
    .string({ error: bilingual(`${what} is required`, `${subject(zh)}为必填项`) })
    .trim()
    .min(1, bilingual(`${what} must not be empty`, `${subject(zh)}不能为空`))
    .max(100, bilingual(`${what} must be at most 100 characters`, `${subject(zh)}不能超过 100 个字符`));
const wholeNumber = (what: string, zh: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ error: bilingual(`${what} must be a number`, `${subject(zh)}必须是数字`) })
    .int(bilingual(`${what} must be a whole number`, `${subject(zh)}必须是整数`))
    .min(min, bilingual(`${what} must be at least ${min}`, `${subject(zh)}不能小于 ${min}`))
    .max(max, bilingual(`${what} must be at most ${max}`, `${subject(zh)}不能大于 ${max}`));
const oneOf = <T extends readonly [string, ...string[]]>(what: string, zh: string, values: T) =>
  z.enum(values, { error: bilingual(`${what} must be one of: ${values.join(', ')}`, `${subject(zh)}必须是以下之一：${values.join(', ')}`) });
const nonEmptySet = <T extends readonly [string, ...string[]]>(what: string, zh: string, values: T) =>
  z.array(oneOf(what, zh, values)).min(1, bilingual(`list at least one ${what}, or leave the condition out to match any`, `请至少列出一个${zh}，或去掉该条件以匹配任意值`));

/** A strict object whose unknown-key message lists the allowed fields (a typo in hand-written JSON is the usual cause). */
function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return bilingual(`unknown field ${keys}; allowed here: ${allowed}`, `未知字段 ${keys}；此处允许的字段：${allowed}`);
    },
  });
}

/** An inclusive range; max null = no upper bound. min ≤ max is checked in strategy-checks.ts with the real numbers in the message. */
const range = (min: z.ZodNumber, max: z.ZodNumber) => strict({ min, max: max.nullable() });

const DpdRange = range(
  z
    .number({ error: bilingual('dpd.min must be a number', 'dpd.min 必须是数字') })
    .int(bilingual('dpd.min must be a whole number', 'dpd.min 必须是整数'))
    .min(
      1,
      bilingual(
        'dpd.min must be at least 1: collections start at 1 day past due (earlier reminders are servicing messages)',
        'dpd.min 不能小于 1：催收从逾期第 1 天开始（此前的提醒属于服务类消息）',
      ),
    ),
  wholeNumber('dpd.max', 'dpd.max', 1),
);
const FenRange = range(wholeNumber('outstandingFen.min (fen)', 'outstandingFen.min（单位：分）', 0), wholeNumber('outstandingFen.max (fen)', 'outstandingFen.max（单位：分）', 0));
const AgeRange = range(wholeNumber('age.min (years)', 'age.min（单位：岁）', 0, 150), wholeNumber('age.max (years)', 'age.max（单位：岁）', 0, 150));
const ScoreRange = range(
  z
    .number({ error: bilingual('riskScore.min must be a number', 'riskScore.min 必须是数字') })
    .refine(Number.isFinite, bilingual('riskScore.min must be a finite number', 'riskScore.min 必须是有限数值')),
  z
    .number({ error: bilingual('riskScore.max must be a number', 'riskScore.max 必须是数字') })
    .refine(Number.isFinite, bilingual('riskScore.max must be a finite number', 'riskScore.max 必须是有限数值')),
);

/** Every condition is optional; a missing condition matches any account. All present conditions must hold. */
export const SegmentConditions = strict({
  dpd: DpdRange.optional().describe('Days past due, inclusive; missing = any DPD ≥ 1'),
  outstandingFen: FenRange.optional().describe('Outstanding balance in fen (1 yuan = 100 fen), inclusive'),
  products: nonEmptySet('product', '贷款产品', LOAN_PRODUCTS).optional(),
  customerTypes: nonEmptySet('customer type', '客户类型', CUSTOMER_TYPES).optional(),
  riskScore: ScoreRange.optional().describe('Score from the risk model, inclusive; an account without a score does not match'),
  brokenPromises: strict({
    withinDays: wholeNumber('brokenPromises.withinDays', 'brokenPromises.withinDays', 1, 3650),
    atLeast: wholeNumber('brokenPromises.atLeast', 'brokenPromises.atLeast', 1, 1000),
  })
    .optional()
    .describe('At least `atLeast` broken promises to pay due within the last `withinDays` days'),
  flags: nonEmptySet('care flag', '关怀标记', CARE_FLAGS).optional().describe('Matches when the account has ANY of these flags'),
  age: AgeRange.optional().describe('Borrower age in whole years, inclusive; an account without an age (enterprise, unknown) does not match'),
  willingness: nonEmptySet('willingness', '还款意愿', WILLINGNESS).optional(),
}).describe('All listed conditions must hold');

const StepTarget = z
  .union(
    [
      z.enum(['next', 'repeat']),
      z.number().int(bilingual('a step index must be a whole number', '步骤序号必须是整数')).min(0, bilingual('a step index is 0 or more', '步骤序号不能小于 0')),
    ],
    { error: bilingual('must be "next", "repeat" or the 0-based index of a later step in this ladder', '必须是 "next"、"repeat"，或本处置阶梯中后续某一步的序号（从 0 开始）') },
  )
  .describe('"next" = the following step (after the last: ladder complete), "repeat" = this step again, a number = jump to that later step');

const Escalation = strict({
  onNoResponse: StepTarget.default('next'),
  onResponse: StepTarget.default('repeat'),
  onBrokenPromise: StepTarget.default('next'),
});
const DEFAULT_ESCALATION = { onNoResponse: 'next', onResponse: 'repeat', onBrokenPromise: 'next' } as const;

const stepCommon = {
  waitDays: wholeNumber('waitDays', 'waitDays', 0, MAX_WAIT_DAYS).describe('Days after this step is done before the next one is due'),
  escalation: Escalation.default(DEFAULT_ESCALATION),
};
const templateKey = (what: string, zh: string) =>
  z
    .string({ error: bilingual(`${what} is required`, `${subject(zh)}为必填项`) })
    .regex(TEMPLATE_KEY, bilingual(`${what} must be a template key: lower-case letters, digits and -, 3–61 characters`, `${subject(zh)}必须是模板标识：小写字母、数字和 -，3–61 个字符`));

export const ContactStep = strict({
  type: z.literal('contact'),
  channel: oneOf('channel', 'channel', STRATEGY_CHANNELS),
  templateKey: templateKey('templateKey', 'templateKey').describe('Message template, or call / chat script for human channels'),
  ...stepCommon,
});

export const ActionStep = strict({
  type: z.literal('action'),
  action: oneOf('action', 'action', STRATEGY_ACTIONS).describe('legal-referral-proposal and external-agency-proposal always need supervisor approval'),
  templateKey: templateKey('templateKey', 'templateKey').optional().describe('Script, checklist or brief for the task'),
  ...stepCommon,
});

export const StrategyStep = z.discriminatedUnion('type', [ContactStep, ActionStep], {
  error: bilingual('type must be "contact" (a message or call on a channel) or "action" (a task or proposal)', 'type 必须是 "contact"（在某个渠道发消息或打电话）或 "action"（任务或提议）'),
});

export const Segment = strict({
  id: id('segment id', '分群 id'),
  nameZh: label('nameZh', 'nameZh'),
  nameEn: label('nameEn', 'nameEn'),
  conditions: SegmentConditions.default({}),
  overlapIntended: z
    .boolean()
    .default(false)
    .describe('Accept that part of this segment\'s DPD range is taken by an earlier segment of the same or broader scope'),
  ladder: z
    .array(StrategyStep)
    .min(1, bilingual('a segment needs at least one treatment step', '每个分群至少需要一个处置步骤'))
    .max(50, bilingual('a ladder has at most 50 steps', '处置阶梯最多 50 步')),
});

export const StrategyDefinition = strict({
  id: id('strategy id', '策略 id'),
  version: wholeNumber('version', 'version', 1),
  nameZh: label('nameZh', 'nameZh'),
  nameEn: label('nameEn', 'nameEn'),
  description: z.string().max(2000, bilingual('description must be at most 2000 characters', 'description 不能超过 2000 个字符')).optional(),
  segments: z
    .array(Segment, { error: bilingual('segments must be a list of segments', 'segments 必须是分群列表') })
    .min(1, bilingual('a strategy needs at least one segment', '策略至少需要一个分群'))
    .max(200, bilingual('a strategy has at most 200 segments', '策略最多 200 个分群')),
}).superRefine((strategy, ctx) => {
  for (const problem of checkStrategy(strategy)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

export type Strategy = z.output<typeof StrategyDefinition>;
export type StrategyInput = z.input<typeof StrategyDefinition>;
export type StrategySegment = z.output<typeof Segment>;
export type Conditions = z.output<typeof SegmentConditions>;
export type Step = z.output<typeof StrategyStep>;
export type Range = { min: number; max: number | null };

export type ParseResult = { ok: true; strategy: Strategy } | { ok: false; problems: FieldProblem[] };

/** Validates a plain object (already parsed JSON, a database row's jsonb, a console draft). */
export function parseStrategy(input: unknown): ParseResult {
  const result = StrategyDefinition.safeParse(input);
  return result.success ? { ok: true, strategy: result.data } : { ok: false, problems: toProblems(result.error) };
}

/** Field problems in the API's shape (`a.b.0.c`); an unknown key is reported on the key itself. */
function toProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const field = (path: PropertyKey[]) => path.map(String).join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: field([...issue.path, key]), message: issue.message, code: issue.code }));
    }
    return [{ field: field(issue.path), message: issue.message, code: issue.code }];
  });
}

/** Validates JSON text. YAML is not accepted (no YAML parser is installed). */
export function parseStrategyJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message; // the parser's English text, with the position: kept in both halves
    return { ok: false, problems: [{ field: '(root)', message: bilingual(`not valid JSON: ${detail}`, `不是有效的 JSON：${detail}`), code: 'invalid_json' }] };
  }
  return parseStrategy(data);
}
