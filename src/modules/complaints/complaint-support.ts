/**
 * What every complaint use case shares: the data scope, the classifier instance, reference numbers,
 * the clock (events → computeComplaintClock), and `changeComplaint`, which runs one state change as
 * one transaction: lock the complaint, let the clock accept or refuse the new event, write the
 * complaint_events row, the customer's timeline entry and the audit row together.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { AppDeps } from '../../platform/app-deps.ts';
import { actorId, type Actor } from '../../platform/auth/actor.ts';
import { recordAudit, withDeferredAudits, type AuditAction } from '../../platform/audit/index.ts';
import type { SqlExecutor, Tx } from '../../platform/db/client.ts';
import { executorFor } from '../../platform/db/drizzle-executor.ts';
import { DomainError, notFound } from '../../platform/errors/domain-error.ts';
import { timelineEvents } from '../customers/customers.schema.ts';
import { loadLabelledComplaints, suggestComplaint, trainComplaintClassifier, type ComplaintModel, type ComplaintSuggestion } from './classifier/index.ts';
import { complaintTokens } from './classifier/tokenize.ts';
import { complaintScope } from './complaint-scope.ts';
import {
  applyComplaintEvent, computeComplaintClock, startComplaintClock, type ComplaintClock, type ComplaintEvent,
} from './rules/index.ts';
import { complaintEvents, complaints, type ComplaintEventTypeValue, type ComplaintStatusValue } from './complaints.schema.ts';

export type ComplaintRow = typeof complaints.$inferSelect;
export type ComplaintEventRow = typeof complaintEvents.$inferSelect;

export const CLOCK_PROFILE = 'cn-banking-2020' as const;

// Data scope: complaintScope lives in complaint-scope.ts (the evidence visibility check uses it too).
export { complaintScope };

// ---------------------------------------------------------------------------------------------------
// Classifier: trained once per process on the labelled set (≈150 ms); corrections are stored for retraining.

let model: ComplaintModel | null = null;
export function suggestFor(text: string): ComplaintSuggestion {
  model ??= trainComplaintClassifier(loadLabelledComplaints());
  return suggestComplaint(model, text);
}

/** Jaccard similarity of the classifier's tokens: ≥ 0.5 lists an earlier complaint as a possible duplicate. */
export function textSimilarity(a: string, b: string): number {
  return similarityTo(b)(a);
}

/**
 * `textSimilarity(·, text)` with `text` tokenised once: intake compares one new text with each of the
 * customer's recent complaints. Token sets of recent texts are memoised (bounded; tokenising is pure),
 * since the same earlier complaint is compared again at the customer's next intake.
 */
export function similarityTo(text: string): (other: string) => number {
  const tb = tokenSet(text);
  return (other) => {
    const ta = tokenSet(other);
    if (ta.size === 0 || tb.size === 0) return 0;
    let both = 0;
    for (const t of ta) if (tb.has(t)) both++;
    return both / (ta.size + tb.size - both);
  };
}

const TOKEN_SET_CACHE_MAX = 5_000;
const tokenSets = new Map<string, ReadonlySet<string>>();
function tokenSet(text: string): ReadonlySet<string> {
  let set = tokenSets.get(text);
  if (!set) {
    set = new Set(complaintTokens(text));
    if (tokenSets.size >= TOKEN_SET_CACHE_MAX) tokenSets.delete(tokenSets.keys().next().value!);
    tokenSets.set(text, set);
  }
  return set;
}
export const DUPLICATE_SIMILARITY = 0.5;
export const DUPLICATE_WINDOW_DAYS = 30;

// ---------------------------------------------------------------------------------------------------
export const surveyToken = () => randomBytes(24).toString('base64url');

// ---------------------------------------------------------------------------------------------------
// The clock

/** The stored events as clock events (history-only events are left out). */
export function clockEventsOf(complaint: Pick<ComplaintRow, 'regulatorDeadline' | 'regulatorReference'>, rows: readonly ComplaintEventRow[]): ComplaintEvent[] {
  const out: ComplaintEvent[] = [];
  if (complaint.regulatorDeadline) out.push({ type: 'regulator-deadline', deadline: complaint.regulatorDeadline, reference: complaint.regulatorReference ?? undefined });
  for (const r of rows) {
    const ev = toClockEvent(r.type, r.at, r.payload);
    if (ev) out.push(ev);
  }
  return out;
}

function toClockEvent(type: ComplaintEventTypeValue, at: Date, p: Record<string, unknown>): ComplaintEvent | null {
  switch (type) {
    case 'first-handling':
      return { type: 'first-handling', at };
    case 'extension':
      return { type: 'extension', days: Number(p.days), approvedBy: (p.approvedBy as string | null) ?? null, reason: (p.reason as string | undefined) ?? undefined, at };
    case 'pause-start':
      return { type: 'pause-start', reason: String(p.reason), at };
    case 'pause-end':
      return { type: 'pause-end', at };
    case 'repeat':
      return { type: 'repeat', at };
    case 'new-facts':
      return { type: 'new-facts', at };
    case 'decision':
      // A decision after a review request is the review decision; one after a plain reopening is history only.
      return p.kind === 'review' ? { type: 'review-decision', at } : p.kind === 'redecision' ? null : { type: 'decision', at };
    case 'review-requested':
      return { type: 'review-requested', at };
    default:
      return null;
  }
}

export function clockFor(deps: Pick<AppDeps, 'config'>, complaint: ComplaintRow, rows: readonly ComplaintEventRow[], now: Date): ComplaintClock {
  return computeComplaintClock({
    profile: CLOCK_PROFILE, receivedAt: complaint.receivedAt, timeZone: deps.config.defaultTimeZone, events: clockEventsOf(complaint, rows), now,
  });
}

/** Refuses (409, or 422 for a missing approval) an event the clock rules do not allow. */
export function assertClockAccepts(deps: Pick<AppDeps, 'config'>, complaint: ComplaintRow, rows: readonly ComplaintEventRow[], type: ComplaintEventTypeValue, at: Date, payload: Record<string, unknown>) {
  const next = toClockEvent(type, at, payload);
  if (!next) return;
  let state = startComplaintClock({ profile: CLOCK_PROFILE, receivedAt: complaint.receivedAt, timeZone: deps.config.defaultTimeZone });
  for (const ev of clockEventsOf(complaint, rows)) state = applyComplaintEvent(state, ev).state;
  const r = applyComplaintEvent(state, next);
  if (r.ok) return;
  const { code, zh, en } = r.refusal;
  if (code === 'senior-approval-required') {
    throw new DomainError('validation', { zh, en }, [{ field: 'json.approvedBy', message: `${en} / ${zh}`, code }]);
  }
  throw new DomainError('conflict', { zh, en }, [], `complaint clock refusal: ${code}`);
}

// ---------------------------------------------------------------------------------------------------
// Writing

export async function loadEvents(tx: Tx, complaintId: string): Promise<ComplaintEventRow[]> {
  return tx.select().from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId)).orderBy(asc(complaintEvents.seq));
}

export async function loadEventsFor(db: Tx | AppDeps['database']['db'], ids: string[]): Promise<Map<string, ComplaintEventRow[]>> {
  const map = new Map<string, ComplaintEventRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return map;
  const rows = await db.select().from(complaintEvents).where(inArray(complaintEvents.complaintId, ids)).orderBy(asc(complaintEvents.complaintId), asc(complaintEvents.seq));
  for (const r of rows) map.get(r.complaintId)!.push(r);
  return map;
}

export async function appendEvent(tx: Tx, complaintId: string, type: ComplaintEventTypeValue, at: Date, actor: Actor, payload: Record<string, unknown> = {}) {
  const [{ last } = { last: 0 }] = await tx.select({ last: max(complaintEvents.seq) }).from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId));
  const [row] = await tx.insert(complaintEvents).values({ complaintId, seq: (last ?? 0) + 1, type, at, actor: actorId(actor), payload }).returning();
  return row!;
}

export async function addTimeline(tx: Tx, customerId: string | null, at: Date, kind: string, refId: string, zh: string, en: string, detail?: Record<string, unknown>) {
  if (!customerId) return;
  await tx.insert(timelineEvents).values({ customerId, occurredAt: at, module: 'complaints', kind, refId, summaryZh: zh, summaryEn: en, detail: detail ?? null });
}

export async function hasOpenHold(exec: SqlExecutor, complaintId: string): Promise<boolean> {
  const { rows } = await exec.query(`SELECT 1 FROM contact_holds WHERE source_type = 'complaint' AND source_id = $1 AND closed_at IS NULL`, [complaintId]);
  return rows.length > 0;
}

export type ChangeContext = {
  tx: Tx;
  exec: SqlExecutor;
  complaint: ComplaintRow;
  events: ComplaintEventRow[];
  now: Date;
  actor: Actor;
  requestId: string | null;
  /** Clock check (if a clock event), then the complaint_events row. */
  record(type: ComplaintEventTypeValue, payload?: Record<string, unknown>): Promise<ComplaintEventRow>;
  update(set: Partial<typeof complaints.$inferInsert>): Promise<ComplaintRow>;
  timeline(kind: string, zh: string, en: string, detail?: Record<string, unknown>): Promise<void>;
  audit(action: AuditAction, before: Record<string, unknown> | null, after: Record<string, unknown> | null, reason?: string | null): Promise<void>;
};

/**
 * One state change of one complaint in one transaction. `allowed` lists the statuses the change may
 * start from (409 otherwise). Returns the complaint id for the caller to reload.
 */
export async function changeComplaint<T>(
  deps: AppDeps,
  actor: Actor,
  input: { complaintId: string; requestId?: string | null; allowed: readonly ComplaintStatusValue[]; what: { zh: string; en: string } },
  fn: (ctx: ChangeContext) => Promise<T>,
): Promise<T> {
  const { db } = deps.database;
  const now = deps.now();
  // Audit events appended at the end (withDeferredAudits): a change of owner or status updates the
  // handler's workload row (migration 0021) before its audit, as intake does, so the two locks are
  // always taken in the same order (workload row, then the audit chain) and cannot deadlock.
  return db.transaction((tx) => withDeferredAudits(executorFor(tx), async () => {
    const [complaint] = await tx.select().from(complaints).where(and(eq(complaints.id, input.complaintId), complaintScope(actor))).for('update');
    if (!complaint) throw notFound({ zh: '投诉', en: 'Complaint' });
    if (!input.allowed.includes(complaint.status)) {
      throw new DomainError('conflict', {
        zh: `投诉当前状态为「${complaint.status}」，不能${input.what.zh}`,
        en: `The complaint is ${complaint.status}; cannot ${input.what.en}`,
      });
    }
    const events = await loadEvents(tx, complaint.id);
    let current = complaint;
    const exec = executorFor(tx);
    const ctx: ChangeContext = {
      tx, exec, complaint, events, now, actor, requestId: input.requestId ?? null,
      async record(type, payload = {}) {
        assertClockAccepts(deps, current, events, type, now, payload);
        const row = await appendEvent(tx, current.id, type, now, actor, payload);
        events.push(row);
        return row;
      },
      async update(set) {
        const [row] = await tx.update(complaints).set({ ...set, updatedAt: now }).where(eq(complaints.id, current.id)).returning();
        current = row!;
        ctx.complaint = current;
        return current;
      },
      timeline: (kind, zh, en, detail) => addTimeline(tx, current.customerId, now, kind, current.id, `投诉 ${current.referenceNumber}：${zh}`, `Complaint ${current.referenceNumber}: ${en}`, detail),
      audit: async (action, before, after, reason) => {
        await recordAudit(exec, { actor, action, entityType: 'complaint', entityId: current.id, before, after, reason: reason ?? null, requestId: input.requestId ?? null }, now);
      },
    };
    return fn(ctx);
  }));
}
