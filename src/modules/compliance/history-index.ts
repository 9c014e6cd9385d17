/**
 * A per-context index over the contact history, built lazily on first use and cached in a WeakMap keyed
 * by the ContactContext. The frequency rules then answer "how many connected calls in this local day"
 * or "the 7th-newest call about this debt" by binary search instead of rescanning the history on every
 * check (the daily collections run evaluates many proposals per customer).
 *
 * Contexts are treated as immutable once evaluated. Appending to `history` in place is detected (the
 * cached index remembers the array and its length) and rebuilds the index; editing an entry in place is
 * not detected: pass a new context instead.
 */
import type { ContactChannel, ContactContext, ContactHistoryEntry, Relationship } from './compliance.types.ts';

/** 'self' for the debtor, 'cp:<id>' for a third party's contact point ('cp:?' when unknown). */
export type RecipientKey = string;

export function recipientKey(relationship: Relationship, contactPointId: string | null): RecipientKey {
  return relationship === 'self' ? 'self' : `cp:${contactPointId ?? '?'}`;
}

/** Sorted instants (ms) of one recipient's history, by question asked. */
export type RecipientHistory = {
  /** Every entry, by channel (the channel daily caps count all outcomes). */
  byChannel: Map<ContactChannel, number[]>;
  /** Phone entries (any outcome) by debtId; null = about no particular debt / every debt. */
  phoneByDebt: Map<string | null, number[]>;
  /** Phone entries answered (connected or conversation): the China daily cap. */
  connectedCalls: number[];
  /** Phone entries with outcome 'conversation', by debtId: the Reg F 7-day wait. */
  conversationsByDebt: Map<string | null, number[]>;
  /** Phone entries not answered (no-answer, attempted): the burst limit. */
  unansweredCalls: number[];
  /** Entries reaching the person (connected, conversation, delivered): the US one-contact rule for third parties. */
  reached: number[];
  /** Entries where the person refused further contact. */
  refused: number[];
  /** Lazily merged phoneByDebt[debt] ∪ phoneByDebt[null] (a call about every debt counts toward each). */
  mergedPhone: Map<string | null, number[]>;
  mergedConversations: Map<string | null, number[]>;
};

export type HistoryIndex = {
  source: ContactHistoryEntry[];
  length: number;
  recipients: Map<RecipientKey, RecipientHistory>;
};

const EMPTY: number[] = [];
const cache = new WeakMap<ContactContext, HistoryIndex>();

function emptyRecipient(): RecipientHistory {
  return {
    byChannel: new Map(),
    phoneByDebt: new Map(),
    connectedCalls: [],
    conversationsByDebt: new Map(),
    unansweredCalls: [],
    reached: [],
    refused: [],
    mergedPhone: new Map(),
    mergedConversations: new Map(),
  };
}

function push<K>(map: Map<K, number[]>, key: K, ms: number): void {
  const list = map.get(key);
  if (list) list.push(ms);
  else map.set(key, [ms]);
}

function sortIfNeeded(list: number[]): void {
  for (let i = 1; i < list.length; i++) {
    if (list[i] < list[i - 1]) {
      list.sort((a, b) => a - b);
      return;
    }
  }
}

function build(history: ContactHistoryEntry[]): HistoryIndex {
  const recipients = new Map<RecipientKey, RecipientHistory>();
  for (const entry of history) {
    const ms = entry.at.getTime();
    if (!Number.isFinite(ms)) continue;
    const key = recipientKey(entry.relationship, entry.contactPointId);
    let r = recipients.get(key);
    if (!r) {
      r = emptyRecipient();
      recipients.set(key, r);
    }
    push(r.byChannel, entry.channel, ms);
    const outcome = entry.outcome;
    if (entry.channel === 'phone') {
      push(r.phoneByDebt, entry.debtId, ms);
      if (outcome === 'connected' || outcome === 'conversation') r.connectedCalls.push(ms);
      if (outcome === 'conversation') push(r.conversationsByDebt, entry.debtId, ms);
      if (outcome === 'no-answer' || outcome === 'attempted') r.unansweredCalls.push(ms);
    }
    if (outcome === 'connected' || outcome === 'conversation' || outcome === 'delivered') r.reached.push(ms);
    if (outcome === 'refused') r.refused.push(ms);
  }
  for (const r of recipients.values()) {
    for (const list of r.byChannel.values()) sortIfNeeded(list);
    for (const list of r.phoneByDebt.values()) sortIfNeeded(list);
    for (const list of r.conversationsByDebt.values()) sortIfNeeded(list);
    sortIfNeeded(r.connectedCalls);
    sortIfNeeded(r.unansweredCalls);
    sortIfNeeded(r.reached);
    sortIfNeeded(r.refused);
  }
  return { source: history, length: history.length, recipients };
}

/** The (cached) index of the context's history. */
export function historyIndex(context: ContactContext): HistoryIndex {
  const cached = cache.get(context);
  if (cached && cached.source === context.history && cached.length === context.history.length) return cached;
  const index = build(context.history);
  cache.set(context, index);
  return index;
}

const NO_RECIPIENT: RecipientHistory = emptyRecipient();

export function recipientHistory(context: ContactContext, key: RecipientKey): RecipientHistory {
  return historyIndex(context).recipients.get(key) ?? NO_RECIPIENT;
}

function mergeSorted(a: number[], b: number[]): number[] {
  if (!a.length) return b;
  if (!b.length) return a;
  const out = new Array<number>(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

function merged(by: Map<string | null, number[]>, cacheMap: Map<string | null, number[]>, debtId: string | null): number[] {
  let list = cacheMap.get(debtId);
  if (!list) {
    const own = by.get(debtId) ?? EMPTY;
    list = debtId === null ? own : mergeSorted(own, by.get(null) ?? EMPTY);
    cacheMap.set(debtId, list);
  }
  return list;
}

/**
 * Phone entries that count toward a debt: the debt's own plus calls about no particular debt, which
 * count toward every debt (12 CFR 1006.14(b)(2), comment: a call about several debts counts for each).
 */
export function phoneCallsForDebt(r: RecipientHistory, debtId: string | null): number[] {
  return merged(r.phoneByDebt, r.mergedPhone, debtId);
}

export function conversationsForDebt(r: RecipientHistory, debtId: string | null): number[] {
  return merged(r.conversationsByDebt, r.mergedConversations, debtId);
}

/**
 * The debts a proposal's call counts toward: its own, or (debtId null, a call about the customer's
 * debts in general) every debt in the history and the null bucket itself.
 */
export function debtsToCheck(by: Map<string | null, number[]>, debtId: string | null): Array<string | null> {
  if (debtId !== null) return [debtId];
  const out: Array<string | null> = [null];
  for (const key of by.keys()) if (key !== null) out.push(key);
  return out;
}

/** Index of the first element > value (sorted ascending). */
export function upperBound(list: readonly number[], value: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element >= value (sorted ascending). */
export function lowerBound(list: readonly number[], value: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many instants lie in [from, to). */
export function countInRange(list: readonly number[], from: number, to: number): number {
  if (!list.length) return 0;
  return lowerBound(list, to) - lowerBound(list, from);
}

/** The latest instant <= at, or null. */
export function latestAtOrBefore(list: readonly number[], at: number): number | null {
  const i = upperBound(list, at);
  return i > 0 ? list[i - 1] : null;
}
