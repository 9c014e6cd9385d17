/**
 * Strategy simulation (策略模拟) — pure: replays a strategy over the portfolio history the daily run
 * stored (one delinquency snapshot per delinquent loan per day) before it is activated.
 *
 *  1. planTreatments: day by day, per loan, `nextTreatment` with a simulated treatment history —
 *     exactly what the daily run would have created (one action per loan per day, every simulated
 *     outcome 'pending' = no response, since responses cannot be known for actions never taken).
 *     A day the loan has no snapshot (cured, or left the book) ends the episode: the history starts
 *     again, as a new case would. Days without any snapshot (no run that day) are not replayed.
 *  2. assessTreatments: each contact is checked the way the hub would check it — an automated
 *     message needs an approved template and a contact point (else not sent), then every contact
 *     goes to the compliance engine with the customer's real context as of that instant, plus the
 *     contacts simulated earlier in the run. Refused only for time (hours, holiday, today's cap) is
 *     "delayed", as queueMessage queues it for later; anything else is refused, by rule. Contacts
 *     made or delayed cost the channel's unit cost.
 * Message wording is not checked (templates are not rendered in a simulation).
 */
import { addDays, ageOn, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { Fen } from '../../../platform/money/fen.ts';
import { evaluateContact } from '../../compliance/engine.ts';
import { instantOfLocal } from '../../compliance/local-time.ts';
import type { CompliancePolicy, ContactContext, ContactHistoryEntry, ContactProposal, RuleCode } from '../../compliance/compliance.types.ts';
import { CHANNEL_POINT_KIND } from '../../compliance/context/proposals.ts';
import { isTimeOnly } from '../../compliance/context/denials.ts';
import type { CollectionAccount, PromiseToPay, TreatmentRecord } from './collection-account.ts';
import { nextTreatment, type TreatmentAction } from './evaluate-strategy.ts';
import type { Strategy } from './strategy.schema.ts';
import { STRATEGY_CHANNELS, type CareFlag, type StrategyAction, type StrategyChannel } from './treatments.ts';

/** Default unit costs per contact, in fen. Assumptions, configurable per simulation. */
export const DEFAULT_UNIT_COSTS_FEN: Readonly<Record<StrategyChannel, Fen>> = Object.freeze({
  sms: 5, // ¥0.05, bulk SMS price of mainland carriers' aggregators
  email: 1, // ¥0.01, sending infrastructure
  portal: 0, // own app inbox
  letter: 800, // ¥8, print and registered post (挂号信)
  phone: 250, // ¥2.50, about 3 agent minutes per call attempt
  'online-chat': 120, // ¥1.20, agent time in a chat session
  'field-visit': 15_000, // ¥150, travel and half a collector's hour
});

export type SimulatedLoan = {
  loanId: string;
  customerId: string;
  product: CollectionAccount['product'];
  customerType: CollectionAccount['customerType'];
  birthDate: CalendarDate | null;
  outstandingFen: Fen;
  willingness: CollectionAccount['willingness'];
  /** The stored snapshot per delinquent day. */
  snapshots: Record<CalendarDate, { dpd: number }>;
  /** Promises to pay of the loan; one resolved after a day counts as open on that day. */
  promises: Array<{ promisedOn: CalendarDate; dueOn: CalendarDate; amountFen: Fen; status: PromiseToPay['status']; resolvedOn: CalendarDate | null }>;
  /** Care flags with the instants they were set and cleared. */
  flags: Array<{ flag: CareFlag; setAt: Date; clearedAt: Date | null }>;
};

export type SimulationDay = { day: CalendarDate; at: Date };

export type PlannedContact = {
  loanId: string;
  customerId: string;
  day: CalendarDate;
  at: Date;
  segmentId: string;
  stepIndex: number;
  action: TreatmentAction;
};

/** The instant each replayed day is judged at: `time` local in `zone` (default 10:00 Asia/Shanghai). */
export function simulationDays(days: readonly CalendarDate[], zone = 'Asia/Shanghai', time = '10:00'): SimulationDay[] {
  return [...new Set(days)].sort().map((day) => ({ day, at: instantOfLocal(zone, day, time) }));
}

export function planTreatments(strategy: Strategy, loans: readonly SimulatedLoan[], days: readonly SimulationDay[]): PlannedContact[] {
  const planned: PlannedContact[] = [];
  for (const loan of loans) {
    let history: TreatmentRecord[] = [];
    for (const { day, at } of days) {
      const snapshot = loan.snapshots[day];
      if (!snapshot) {
        history = []; // not delinquent that day: a later delinquency is a new case
        continue;
      }
      const next = nextTreatment(strategy, accountOn(loan, snapshot.dpd, day, at), history, day);
      if ('none' in next || next.dueOn > day) continue;
      history.push({ segmentId: next.segmentId, stepIndex: next.stepIndex, on: day, outcome: 'pending' });
      planned.push({ loanId: loan.loanId, customerId: loan.customerId, day, at, segmentId: next.segmentId, stepIndex: next.stepIndex, action: next.action });
    }
  }
  return planned;
}

function accountOn(loan: SimulatedLoan, dpd: number, day: CalendarDate, at: Date): CollectionAccount {
  const active = (f: SimulatedLoan['flags'][number]) => f.setAt <= at && (f.clearedAt === null || f.clearedAt > at);
  const has = (flag: CareFlag) => loan.flags.some((f) => f.flag === flag && active(f));
  return {
    dpd,
    outstandingFen: loan.outstandingFen,
    product: loan.product,
    customerType: loan.customerType,
    riskScore: null,
    age: loan.customerType === 'individual' ? ageOn(loan.birthDate, day) : null,
    flags: { hardship: has('hardship'), bereavement: has('bereavement'), vulnerable: has('vulnerable') },
    willingness: loan.willingness,
    promises: loan.promises
      .filter((p) => p.promisedOn <= day)
      .map((p) => ({ promisedOn: p.promisedOn, dueOn: p.dueOn, amountFen: p.amountFen, status: p.resolvedOn !== null && p.resolvedOn <= day ? p.status : 'open' })),
  };
}

export type ChannelFigures = { planned: number; made: number; delayed: number; refused: number; notSent: number; costFen: Fen };
export type NotSentReason = 'no-approved-template' | 'no-contact-point';
export type SimulationSummary = {
  strategy: { id: string; version: number };
  days: number;
  loans: number;
  accountsTreated: number;
  byChannel: Record<StrategyChannel, ChannelFigures>;
  /** Steps that contact nobody: hardship reviews, evidence packs, referral proposals. */
  tasks: Partial<Record<StrategyAction, number>>;
  /** Per compliance rule; a contact refused for two reasons counts under both. */
  refusedByReason: Partial<Record<RuleCode, number>>;
  notSentByReason: Partial<Record<NotSentReason, number>>;
  totals: ChannelFigures;
  contactsPerAccount: number;
};

export type AssessmentInput = {
  strategy: Strategy;
  planned: readonly PlannedContact[];
  loans: number;
  days: number;
  /** The customer's real compliance context as of the day's instant (`${customerId}|${day}`). */
  contexts: ReadonlyMap<string, { context: ContactContext; policy: CompliancePolicy }>;
  /** Kinds of usable own contact points (phone, email, address) per customer. */
  contactPoints: ReadonlyMap<string, ReadonlySet<string>>;
  approvedTemplates: ReadonlySet<string>;
  unitCostsFen?: Partial<Record<StrategyChannel, Fen>>;
};

export const contextKey = (customerId: string, day: CalendarDate) => `${customerId}|${day}`;

const AUTOMATED = new Set<StrategyChannel>(['sms', 'email', 'portal', 'letter']);
const TASK_CHANNEL: Partial<Record<StrategyAction, StrategyChannel>> = { 'agent-call-task': 'phone', 'field-visit-task': 'field-visit' };
const SIMULATED_HISTORY_DAYS = 14; // what loadContactContext reads back (HISTORY_WINDOW_DAYS)

/** The contact channel of a planned treatment, or null for a task that contacts nobody. */
export function channelOf(action: TreatmentAction): StrategyChannel | null {
  if (action.kind === 'contact') return action.channel;
  return TASK_CHANNEL[action.kind] ?? null;
}

export function assessTreatments(input: AssessmentInput): SimulationSummary {
  const costs = { ...DEFAULT_UNIT_COSTS_FEN, ...(input.unitCostsFen ?? {}) };
  const empty = (): ChannelFigures => ({ planned: 0, made: 0, delayed: 0, refused: 0, notSent: 0, costFen: 0 });
  const byChannel = Object.fromEntries(STRATEGY_CHANNELS.map((c) => [c, empty()])) as Record<StrategyChannel, ChannelFigures>;
  const tasks: SimulationSummary['tasks'] = {};
  const refusedByReason: SimulationSummary['refusedByReason'] = {};
  const notSentByReason: SimulationSummary['notSentByReason'] = {};
  const simulated = new Map<string, ContactHistoryEntry[]>();
  const contacted = new Set<string>();

  const ordered = [...input.planned].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.loanId < b.loanId ? -1 : a.loanId > b.loanId ? 1 : 0));
  for (const p of ordered) {
    const channel = channelOf(p.action);
    if (!channel || !p.action.contact) {
      const kind = p.action.kind as StrategyAction;
      tasks[kind] = (tasks[kind] ?? 0) + 1;
      continue;
    }
    const figures = byChannel[channel];
    figures.planned++;
    const notSent = (reason: NotSentReason) => {
      figures.notSent++;
      notSentByReason[reason] = (notSentByReason[reason] ?? 0) + 1;
    };
    if (AUTOMATED.has(channel) && (!p.action.templateKey || !input.approvedTemplates.has(p.action.templateKey))) {
      notSent('no-approved-template');
      continue;
    }
    const pointKind = CHANNEL_POINT_KIND[p.action.contact.channel];
    if (pointKind && !input.contactPoints.get(p.customerId)?.has(pointKind)) {
      notSent('no-contact-point');
      continue;
    }
    const loaded = input.contexts.get(contextKey(p.customerId, p.day));
    if (!loaded) throw new RangeError(`no compliance context loaded for customer ${p.customerId} on ${p.day}`);
    // Entries later the same day count too: the engine applies them to daily caps and ignores them for rolling windows.
    const earlier = (simulated.get(p.customerId) ?? []).filter((h) => h.at.getTime() > p.at.getTime() - SIMULATED_HISTORY_DAYS * 86_400_000);
    // A fresh context object: the engine caches its history index per context.
    const context: ContactContext = { ...loaded.context, history: [...loaded.context.history, ...earlier] };
    const proposal: ContactProposal = {
      at: p.at, channel: p.action.contact.channel, purpose: p.action.contact.purpose, mode: p.action.contact.mode, debtId: p.loanId,
      recipient: { contactPointId: null, relationship: 'self', refusedAt: null },
    };
    const decision = evaluateContact(proposal, context, loaded.policy);
    if (!decision.allowed && !isTimeOnly(decision)) {
      figures.refused++;
      for (const rule of new Set(decision.denials.map((d) => d.rule))) refusedByReason[rule] = (refusedByReason[rule] ?? 0) + 1;
      continue;
    }
    if (!decision.allowed) figures.delayed++;
    figures.made++;
    figures.costFen += costs[channel];
    contacted.add(p.loanId);
    const at = decision.allowed ? p.at : (decision.earliestAllowedAt ?? p.at);
    const entry: ContactHistoryEntry = {
      at, channel: p.action.contact.channel, mode: p.action.contact.mode, purpose: p.action.contact.purpose, debtId: p.loanId,
      relationship: 'self', contactPointId: null, outcome: p.action.contact.mode === 'human' ? 'no-answer' : 'delivered', agency: null,
    };
    simulated.set(p.customerId, [...(simulated.get(p.customerId) ?? []), entry]);
  }

  const totals = empty();
  for (const f of Object.values(byChannel)) for (const k of Object.keys(totals) as (keyof ChannelFigures)[]) totals[k] += f[k];
  const treated = new Set(input.planned.map((p) => p.loanId)).size;
  return {
    strategy: { id: input.strategy.id, version: input.strategy.version },
    days: input.days, loans: input.loans, accountsTreated: treated,
    byChannel, tasks, refusedByReason, notSentByReason, totals,
    contactsPerAccount: treated === 0 ? 0 : Math.round((totals.made / treated) * 100) / 100,
  };
}

/** Both steps at once, for callers that already hold every context (tests, small portfolios). */
export function simulateStrategy(
  strategy: Strategy, loans: readonly SimulatedLoan[], days: readonly SimulationDay[],
  data: Omit<AssessmentInput, 'strategy' | 'planned' | 'loans' | 'days'>,
): SimulationSummary {
  const planned = planTreatments(strategy, loans, days);
  return assessTreatments({ ...data, strategy, planned, loans: loans.filter((l) => days.some((d) => l.snapshots[d.day])).length, days: days.length });
}

/** The days `count` back from `to` (inclusive), oldest first — the candidate window before filtering to days with snapshots. */
export const lastDays = (to: CalendarDate, count: number): CalendarDate[] => Array.from({ length: count }, (_, i) => addDays(to, i - count + 1));
