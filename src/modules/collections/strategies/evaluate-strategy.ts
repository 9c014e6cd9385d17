/**
 * Evaluating a strategy for one account — pure, deterministic, no clock: `asOf` is an input.
 *
 * selectSegment: the first segment whose conditions all hold.
 * nextTreatment: the next thing to do in that segment's ladder, and when (`dueOn`, possibly in the
 * future — the daily run acts on treatments with dueOn ≤ asOf, the console shows what comes next).
 *  1. No treatment in this segment yet (this episode) → step 0, due asOf.
 *  2. Otherwise from the latest treatment in the segment (latest `on`, then highest step):
 *     - a promise broken since that treatment (status broken, dueOn ≥ its date) → escalation
 *       `onBrokenPromise`, due the day after the promised date;
 *     - responded → `onResponse` (default: repeat the step), due `waitDays` after it;
 *     - no response, or outcome still pending → `onNoResponse` (default: next step), due `waitDays` after it.
 *     "next" past the last step → { none: 'ladder-complete' }: a person decides (or DPD moves the account on).
 *  3. An open promise holds the treatment until the day after its promised date.
 * The same inputs give the same answer, and recording the returned treatment in the history is what
 * moves the ladder on; treatments recorded in other segments do not (a new stage starts at step 0).
 * History order does not matter. After a strategy edit the step index is kept per segment id; an index
 * past the end of the new ladder counts as ladder complete.
 */
import { addDays, daysBetween, isValidCalendarDate, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { ContactChannel, ContactMode } from '../../compliance/compliance.types.ts';
import type { Conditions, Range, Step, Strategy, StrategySegment } from './strategy.schema.ts';
import {
  assertCollectionAccount, assertHistory, type CollectionAccount, type PromiseToPay, type TreatmentRecord,
} from './collection-account.ts';
import { ACTION_INFO, CHANNEL_CONTACT, COLLECTIONS_PURPOSE, type StepTarget, type StrategyAction, type StrategyChannel } from './treatments.ts';

export type TreatmentAction = {
  kind: 'contact' | StrategyAction;
  /** The strategy's channel for a contact step (e.g. 'online-chat'); null for tasks and proposals. */
  channel: StrategyChannel | null;
  /** What the compliance engine checks: ContactProposal.channel / mode / purpose; null when no contact is implied. */
  contact: { channel: ContactChannel; mode: ContactMode; purpose: typeof COLLECTIONS_PURPOSE } | null;
  templateKey: string | null;
  requiresApproval: boolean;
};

export type TreatmentTrigger = 'segment-entry' | 'no-response' | 'responded' | 'broken-promise';

export type PlannedTreatment = {
  segmentId: string;
  stepIndex: number;
  step: Step;
  action: TreatmentAction;
  dueOn: CalendarDate;
  trigger: TreatmentTrigger;
  reason: string;
};

export type NoTreatment = {
  none: 'not-delinquent' | 'no-matching-segment' | 'ladder-complete';
  reason: string;
  segmentId: string | null;
};

export type NextTreatment = PlannedTreatment | NoTreatment;

export function selectSegment(strategy: Strategy, account: CollectionAccount, asOf: CalendarDate): StrategySegment | null {
  assertAsOf(asOf);
  assertCollectionAccount(account);
  return strategy.segments.find((s) => matches(s.conditions, account, asOf)) ?? null;
}

export function matches(c: Conditions, account: CollectionAccount, asOf: CalendarDate): boolean {
  if (account.dpd < 1) return false;
  if (c.dpd && !inRange(account.dpd, c.dpd)) return false;
  if (c.outstandingFen && !inRange(account.outstandingFen, c.outstandingFen)) return false;
  if (c.products && !c.products.includes(account.product)) return false;
  if (c.customerTypes && !c.customerTypes.includes(account.customerType)) return false;
  if (c.riskScore && (account.riskScore === null || !inRange(account.riskScore, c.riskScore))) return false;
  if (c.age && (account.age === null || !inRange(account.age, c.age))) return false;
  if (c.willingness && !c.willingness.includes(account.willingness)) return false;
  if (c.flags && !c.flags.some((f) => account.flags[f])) return false;
  if (c.brokenPromises && brokenPromisesWithin(account.promises, asOf, c.brokenPromises.withinDays) < c.brokenPromises.atLeast) return false;
  return true;
}

/** Broken promises whose promised date is in the last `days` days up to and including asOf. */
export function brokenPromisesWithin(promises: readonly PromiseToPay[], asOf: CalendarDate, days: number): number {
  return promises.filter((p) => {
    if (p.status !== 'broken') return false;
    const age = daysBetween(p.dueOn, asOf);
    return age >= 0 && age < days;
  }).length;
}

const inRange = (value: number, r: Range): boolean => value >= r.min && (r.max === null || value <= r.max);

export function nextTreatment(
  strategy: Strategy,
  account: CollectionAccount,
  history: readonly TreatmentRecord[],
  asOf: CalendarDate,
): NextTreatment {
  assertHistory(history);
  const segment = selectSegment(strategy, account, asOf);
  if (account.dpd === 0) return { none: 'not-delinquent', reason: 'the account is not past due (DPD 0)', segmentId: null };
  if (!segment) return { none: 'no-matching-segment', reason: `no segment of strategy ${strategy.id} v${strategy.version} matches this account (DPD ${account.dpd})`, segmentId: null };

  const last = latest(history.filter((h) => h.segmentId === segment.id));
  let planned: { stepIndex: number; dueOn: CalendarDate; trigger: TreatmentTrigger; reason: string } | NoTreatment;
  if (!last) {
    planned = { stepIndex: 0, dueOn: asOf, trigger: 'segment-entry', reason: `entered segment ${segment.id} (${segment.nameEn})` };
  } else if (last.stepIndex >= segment.ladder.length) {
    planned = ladderComplete(segment, `history records step ${last.stepIndex}, but this ladder has ${segment.ladder.length} steps (the strategy changed)`);
  } else {
    planned = advance(segment, last, account.promises);
  }
  if ('none' in planned) return planned;

  const hold = openPromiseHold(account.promises, planned.dueOn);
  const step = segment.ladder[planned.stepIndex]!;
  return {
    segmentId: segment.id,
    stepIndex: planned.stepIndex,
    step,
    action: actionOf(step),
    dueOn: hold ? hold.until : planned.dueOn,
    trigger: planned.trigger,
    reason: hold ? `${planned.reason}; held until ${hold.until}, the day after the open promise to pay due ${hold.promise.dueOn}` : planned.reason,
  };
}

function advance(segment: StrategySegment, last: TreatmentRecord, promises: readonly PromiseToPay[]) {
  const step = segment.ladder[last.stepIndex]!;
  const done = `step ${last.stepIndex} (${stepLabel(step)}) on ${last.on}`;
  const broken = promises
    .filter((p) => p.status === 'broken' && p.dueOn >= last.on)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))[0];
  if (broken) {
    return resolve(segment, last.stepIndex, step.escalation.onBrokenPromise, addDays(broken.dueOn, 1), 'broken-promise', `promise to pay due ${broken.dueOn} was broken after ${done}`);
  }
  const dueOn = addDays(last.on, step.waitDays);
  if (last.outcome === 'responded') {
    return resolve(segment, last.stepIndex, step.escalation.onResponse, dueOn, 'responded', `borrower responded to ${done}; wait ${step.waitDays} days`);
  }
  const pending = last.outcome === 'pending' ? ' (outcome pending: no response by then escalates)' : '';
  return resolve(segment, last.stepIndex, step.escalation.onNoResponse, dueOn, 'no-response', `no response to ${done} within ${step.waitDays} days${pending}`);
}

function resolve(segment: StrategySegment, from: number, target: StepTarget, dueOn: CalendarDate, trigger: TreatmentTrigger, why: string) {
  const stepIndex = target === 'next' ? from + 1 : target === 'repeat' ? from : target;
  if (stepIndex >= segment.ladder.length) return ladderComplete(segment, `${why}; that was the last step`);
  const move = stepIndex === from ? `repeat step ${from}` : `step ${stepIndex}`;
  return { stepIndex, dueOn, trigger, reason: `${why} → ${move}` };
}

function ladderComplete(segment: StrategySegment, reason: string): NoTreatment {
  return { none: 'ladder-complete', reason: `${reason}; the ladder of segment ${segment.id} is complete — a collector or supervisor decides what follows`, segmentId: segment.id };
}

/** The latest record: by date, then by step (a ladder never moves back within a day), then the most informative outcome. */
function latest(records: readonly TreatmentRecord[]): TreatmentRecord | null {
  const rank = { responded: 2, 'no-response': 1, pending: 0 } as const;
  let best: TreatmentRecord | null = null;
  for (const r of records) {
    if (
      !best || r.on > best.on ||
      (r.on === best.on && (r.stepIndex > best.stepIndex || (r.stepIndex === best.stepIndex && rank[r.outcome] > rank[best.outcome])))
    ) best = r;
  }
  return best;
}

function openPromiseHold(promises: readonly PromiseToPay[], dueOn: CalendarDate): { until: CalendarDate; promise: PromiseToPay } | null {
  let hold: { until: CalendarDate; promise: PromiseToPay } | null = null;
  for (const p of promises) {
    if (p.status !== 'open') continue;
    const until = addDays(p.dueOn, 1);
    if (until > dueOn && (!hold || until > hold.until)) hold = { until, promise: p };
  }
  return hold;
}

export function actionOf(step: Step): TreatmentAction {
  if (step.type === 'contact') {
    return {
      kind: 'contact',
      channel: step.channel,
      contact: { ...CHANNEL_CONTACT[step.channel], purpose: COLLECTIONS_PURPOSE },
      templateKey: step.templateKey,
      requiresApproval: false,
    };
  }
  const info = ACTION_INFO[step.action];
  return {
    kind: step.action,
    channel: null,
    contact: info.channel && info.mode ? { channel: info.channel, mode: info.mode, purpose: COLLECTIONS_PURPOSE } : null,
    templateKey: step.templateKey ?? null,
    requiresApproval: info.requiresApproval,
  };
}

const stepLabel = (step: Step): string => (step.type === 'contact' ? `${step.channel} ${step.templateKey}` : step.action);

function assertAsOf(asOf: CalendarDate): void {
  if (!isValidCalendarDate(asOf)) throw new RangeError(`asOf is not a valid YYYY-MM-DD date: ${String(asOf)}`);
}
