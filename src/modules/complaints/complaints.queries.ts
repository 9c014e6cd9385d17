import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/errors/domain-error.ts';
import { customers } from '../customers/customers.schema.ts';
import { staffUsers } from '../../platform/auth/staff.schema.ts';
import type { ComplaintClock } from './rules/index.ts';
import { clockFor, complaintScope, hasOpenHold, loadEventsFor, type ComplaintRow } from './complaint-support.ts';
import { executorFor } from '../../platform/db/drizzle-executor.ts';
import { complaintLoans, complaints } from './complaints.schema.ts';
import { listSurveys } from './use-cases/answer-survey.ts';
import type { ComplaintClockView, ComplaintDetail, ComplaintListQuery, ComplaintSummary, PortalComplaint } from './complaints.contract.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const isOverdue = (clock: ComplaintClock) => clock.breaches.some((b) => b.kind === 'overdue');

function clockView(clock: ComplaintClock): z.infer<typeof ComplaintClockView> {
  return {
    profile: clock.profile, status: clock.status, firstHandlingDue: clock.firstHandlingDue.toISOString(), decisionDue: clock.decisionDue.toISOString(),
    decisionDueDate: clock.decisionDueDate, decisionGovernedBy: clock.decisionGovernedBy, decisionPeriodDays: clock.decisionPeriodDays,
    paused: clock.paused, pausedDays: clock.pausedDays, extensionDays: clock.extensionDays,
    reviewRequestDeadline: iso(clock.reviewRequestDeadline), reviewDue: iso(clock.reviewDue),
    warnings: clock.warnings.map((w) => ({ code: w.code, clock: w.clock ?? null, due: iso(w.due), zh: w.zh, en: w.en })),
    breaches: clock.breaches.map((b) => ({ clock: b.clock, kind: b.kind, due: b.due.toISOString(), zh: b.zh, en: b.en })),
    notificationsOwed: clock.notificationsOwed.map((n) => ({ kind: n.kind, dueBy: n.dueBy.toISOString(), zh: n.zh, en: n.en })),
  };
}

function summary(row: ComplaintRow, customerName: string | null, clock: ComplaintClock): z.infer<typeof ComplaintSummary> {
  return {
    id: row.id, referenceNumber: row.referenceNumber, customerId: row.customerId, customerName, channel: row.channel, category: row.category,
    severity: row.severity, classificationConfirmed: row.classificationConfirmedAt !== null, status: row.status, ownerId: row.ownerId,
    receivedAt: row.receivedAt.toISOString(), firstHandlingDue: clock.firstHandlingDue.toISOString(), decisionDue: clock.decisionDue.toISOString(),
    // A closed complaint owes nothing more; its late limits stay visible as 'late' breaches on the detail.
    overdue: row.status !== 'closed' && isOverdue(clock),
    firstHandlingState: clockState(clock, 'first-handling'), decisionState: clockState(clock, 'decision'), fraudFlagged: row.fraudFlaggedAt !== null, mergedIntoId: row.mergedIntoId,
  };
}

function clockState(clock: ComplaintClock, name: 'first-handling' | 'decision'): 'breached' | 'warned' | 'ok' {
  if (clock.breaches.some((b) => b.clock === name)) return 'breached';
  if (clock.warnings.some((w) => w.clock === name)) return 'warned';
  return 'ok';
}

const MAX_SCAN = 2000;

/** Complaints within the actor's scope, newest first; `overdue` is computed from each clock. */
export async function listComplaints(deps: AppDeps, actor: Actor, q: z.infer<typeof ComplaintListQuery>) {
  const { db } = deps.database;
  const where: Array<SQL | undefined> = [complaintScope(actor)];
  if (q.status) where.push(eq(complaints.status, q.status));
  if (q.category) where.push(eq(complaints.category, q.category));
  if (q.ownerId) where.push(eq(complaints.ownerId, q.ownerId));
  if (q.customerId) where.push(eq(complaints.customerId, q.customerId));
  const rows = await db
    .select({ c: complaints, name: customers.name })
    .from(complaints)
    .leftJoin(customers, eq(customers.id, complaints.customerId))
    .where(and(...where))
    .orderBy(desc(complaints.receivedAt))
    .limit(MAX_SCAN);
  const events = await loadEventsFor(db, rows.map((r) => r.c.id));
  const now = deps.now();
  let items = rows.map((r) => summary(r.c, r.name, clockFor(deps, r.c, events.get(r.c.id)!, now)));
  if (q.overdue) items = items.filter((i) => i.overdue === (q.overdue === 'true'));
  return { items: items.slice(q.offset, q.offset + q.limit), total: items.length };
}

export async function getComplaint(deps: AppDeps, actor: Actor, id: string): Promise<z.infer<typeof ComplaintDetail>> {
  const { db } = deps.database;
  const [r] = await db
    .select({ c: complaints, name: customers.name })
    .from(complaints)
    .leftJoin(customers, eq(customers.id, complaints.customerId))
    .where(and(eq(complaints.id, id), complaintScope(actor)));
  if (!r) throw notFound({ zh: '投诉', en: 'Complaint' });
  const c = r.c;
  const events = (await loadEventsFor(db, [c.id])).get(c.id)!;
  const clock = clockFor(deps, c, events, deps.now());
  const loanRows = await db.select({ loanId: complaintLoans.loanId }).from(complaintLoans).where(eq(complaintLoans.complaintId, c.id));
  const dupIds = c.possibleDuplicateIds ?? [];
  const dups = dupIds.length
    ? await db.select({ id: complaints.id, referenceNumber: complaints.referenceNumber }).from(complaints).where(inArray(complaints.id, dupIds))
    : [];
  return {
    ...summary(c, r.name, clock),
    description: c.description, product: c.product, regulatorReference: c.regulatorReference, regulatorDeadline: c.regulatorDeadline,
    loanIds: loanRows.map((l) => l.loanId), suggestion: c.suggestion ?? null, relatedComplaintId: c.relatedComplaintId,
    possibleDuplicates: dups, acknowledgement: { status: c.acknowledgementStatus, messageId: c.acknowledgementMessageId },
    outcome: c.outcome, remedies: c.remedies ?? [], contactHoldOpen: await hasOpenHold(executorFor(db), c.id),
    events: events.map((e) => ({ type: e.type, at: e.at.toISOString(), actor: e.actor, payload: e.payload })),
    clock: clockView(clock),
    survey: await latestSurvey(deps, c.id),
    ownerName: c.ownerId ? ((await db.select({ name: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, c.ownerId)))[0]?.name ?? null) : null,
    responseLetter: c.responseLetterEvidenceId ? { evidenceId: c.responseLetterEvidenceId } : null,
  };
}

async function latestSurvey(deps: AppDeps, complaintId: string) {
  const [s] = await listSurveys(deps, complaintId);
  return s ? { status: s.status, score: s.score, comment: s.comment, answeredAt: s.answeredAt } : null;
}

/** What a borrower sees of their own complaints: reference, status, due dates and the main steps. */
const PORTAL_STEPS = new Set(['received', 'first-handling', 'extension', 'pause-start', 'pause-end', 'new-facts', 'decision', 'review-requested', 'closed', 'reopened', 'merged']);

export async function listOwnComplaints(deps: AppDeps, customerId: string): Promise<Array<z.infer<typeof PortalComplaint>>> {
  const { db } = deps.database;
  const rows = await db.select().from(complaints).where(eq(complaints.customerId, customerId)).orderBy(desc(complaints.receivedAt));
  const events = await loadEventsFor(db, rows.map((r) => r.id));
  const now = deps.now();
  return rows.map((c) => {
    const evs = events.get(c.id)!;
    const clock = clockFor(deps, c, evs, now);
    return {
      id: c.id, referenceNumber: c.referenceNumber, status: c.status, receivedAt: c.receivedAt.toISOString(),
      firstHandlingDue: clock.firstHandlingDue.toISOString(), decisionDue: clock.decisionDue.toISOString(), outcome: c.outcome,
      progress: evs.filter((e) => PORTAL_STEPS.has(e.type)).map((e) => ({ type: e.type, at: e.at.toISOString() })),
      responseLetterAvailable: c.outcome !== null && evs.some((e) => e.type === 'decision'),
    };
  });
}
