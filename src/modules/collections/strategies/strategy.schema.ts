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
import { checkStrategy } from './strategy-checks.ts';
import { CARE_FLAGS, STRATEGY_ACTIONS, STRATEGY_CHANNELS, WILLINGNESS } from './treatments.ts';

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Same rule as communications template keys (templates.contract.ts). */
const TEMPLATE_KEY = /^[a-z0-9][a-z0-9-]{2,60}$/;
const MAX_WAIT_DAYS = 366;

const id = (what: string) =>
  z.string({ error: `${what} is required` }).regex(ID, `${what} must be lower-case letters, digits and -, 1–63 characters, e.g. "early-sms"`);
const label = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} must not be empty`).max(100, `${what} must be at most 100 characters`);
const wholeNumber = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);
const oneOf = <T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, { error: `${what} must be one of: ${values.join(', ')}` });
const nonEmptySet = <T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.array(oneOf(what, values)).min(1, `list at least one ${what}, or leave the condition out to match any`);

/** A strict object whose unknown-key message lists the allowed fields (a typo in hand-written JSON is the usual cause). */
function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed here: ${allowed}` : undefined),
  });
}

/** An inclusive range; max null = no upper bound. min ≤ max is checked in strategy-checks.ts with the real numbers in the message. */
const range = (min: z.ZodNumber, max: z.ZodNumber) => strict({ min, max: max.nullable() });

const DpdRange = range(
  z
    .number({ error: 'dpd.min must be a number' })
    .int('dpd.min must be a whole number')
    .min(1, 'dpd.min must be at least 1: collections start at 1 day past due (earlier reminders are servicing messages)'),
  wholeNumber('dpd.max', 1),
);
const FenRange = range(wholeNumber('outstandingFen.min (fen)', 0), wholeNumber('outstandingFen.max (fen)', 0));
const AgeRange = range(wholeNumber('age.min (years)', 0, 150), wholeNumber('age.max (years)', 0, 150));
const ScoreRange = range(
  z.number({ error: 'riskScore.min must be a number' }).refine(Number.isFinite, 'riskScore.min must be a finite number'),
  z.number({ error: 'riskScore.max must be a number' }).refine(Number.isFinite, 'riskScore.max must be a finite number'),
);

/** Every condition is optional; a missing condition matches any account. All present conditions must hold. */
export const SegmentConditions = strict({
  dpd: DpdRange.optional().describe('Days past due, inclusive; missing = any DPD ≥ 1'),
  outstandingFen: FenRange.optional().describe('Outstanding balance in fen (1 yuan = 100 fen), inclusive'),
  products: nonEmptySet('product', LOAN_PRODUCTS).optional(),
  customerTypes: nonEmptySet('customer type', CUSTOMER_TYPES).optional(),
  riskScore: ScoreRange.optional().describe('Score from the risk model, inclusive; an account without a score does not match'),
  brokenPromises: strict({
    withinDays: wholeNumber('brokenPromises.withinDays', 1, 3650),
    atLeast: wholeNumber('brokenPromises.atLeast', 1, 1000),
  })
    .optional()
    .describe('At least `atLeast` broken promises to pay due within the last `withinDays` days'),
  flags: nonEmptySet('care flag', CARE_FLAGS).optional().describe('Matches when the account has ANY of these flags'),
  age: AgeRange.optional().describe('Borrower age in whole years, inclusive; an account without an age (enterprise, unknown) does not match'),
  willingness: nonEmptySet('willingness', WILLINGNESS).optional(),
}).describe('All listed conditions must hold');

const StepTarget = z
  .union([z.enum(['next', 'repeat']), z.number().int('a step index must be a whole number').min(0, 'a step index is 0 or more')], {
    error: 'must be "next", "repeat" or the 0-based index of a later step in this ladder',
  })
  .describe('"next" = the following step (after the last: ladder complete), "repeat" = this step again, a number = jump to that later step');

const Escalation = strict({
  onNoResponse: StepTarget.default('next'),
  onResponse: StepTarget.default('repeat'),
  onBrokenPromise: StepTarget.default('next'),
});
const DEFAULT_ESCALATION = { onNoResponse: 'next', onResponse: 'repeat', onBrokenPromise: 'next' } as const;

const stepCommon = {
  waitDays: wholeNumber('waitDays', 0, MAX_WAIT_DAYS).describe('Days after this step is done before the next one is due'),
  escalation: Escalation.default(DEFAULT_ESCALATION),
};
const templateKey = (what: string) =>
  z.string({ error: `${what} is required` }).regex(TEMPLATE_KEY, `${what} must be a template key: lower-case letters, digits and -, 3–61 characters`);

export const ContactStep = strict({
  type: z.literal('contact'),
  channel: oneOf('channel', STRATEGY_CHANNELS),
  templateKey: templateKey('templateKey').describe('Message template, or call / chat script for human channels'),
  ...stepCommon,
});

export const ActionStep = strict({
  type: z.literal('action'),
  action: oneOf('action', STRATEGY_ACTIONS).describe('legal-referral-proposal and external-agency-proposal always need supervisor approval'),
  templateKey: templateKey('templateKey').optional().describe('Script, checklist or brief for the task'),
  ...stepCommon,
});

export const StrategyStep = z.discriminatedUnion('type', [ContactStep, ActionStep], {
  error: 'type must be "contact" (a message or call on a channel) or "action" (a task or proposal)',
});

export const Segment = strict({
  id: id('segment id'),
  nameZh: label('nameZh'),
  nameEn: label('nameEn'),
  conditions: SegmentConditions.default({}),
  overlapIntended: z
    .boolean()
    .default(false)
    .describe('Accept that part of this segment\'s DPD range is taken by an earlier segment of the same or broader scope'),
  ladder: z.array(StrategyStep).min(1, 'a segment needs at least one treatment step').max(50, 'a ladder has at most 50 steps'),
});

export const StrategyDefinition = strict({
  id: id('strategy id'),
  version: wholeNumber('version', 1),
  nameZh: label('nameZh'),
  nameEn: label('nameEn'),
  description: z.string().max(2000, 'description must be at most 2000 characters').optional(),
  segments: z
    .array(Segment, { error: 'segments must be a list of segments' })
    .min(1, 'a strategy needs at least one segment')
    .max(200, 'a strategy has at most 200 segments'),
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
    return { ok: false, problems: [{ field: '(root)', message: `not valid JSON: ${(error as Error).message}`, code: 'invalid_json' }] };
  }
  return parseStrategy(data);
}
