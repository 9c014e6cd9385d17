import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { executorFor } from '../../../platform/db/drizzle-executor.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { todayInZone } from '../../../platform/time/calendar-date.ts';
import { queueMessage } from '../../communications/index.ts';
import { openContactHold } from '../../compliance/context/index.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import { customers } from '../../customers/customers.schema.ts';
import { loans } from '../../loans/loans.schema.ts';
import { CATEGORY_LABELS, type ComplaintCategory, type ComplaintSeverity } from '../classifier/index.ts';
import {
  DUPLICATE_SIMILARITY, DUPLICATE_WINDOW_DAYS, addTimeline, appendEvent, nextReferenceNumber, suggestFor, textSimilarity,
} from '../complaint-support.ts';
import { complaintClassificationCorrections, complaintLoans, complaints, type ComplaintChannel, COMPLAINT_PRODUCTS } from '../complaints.schema.ts';
import { assignOnOpen } from '../routing/assign-handler.ts';

export type OpenComplaintInput = {
  customerId: string | null;
  loanIds?: string[];
  channel: ComplaintChannel;
  description: string;
  /** When it reached us (a letter's receipt date, a call's time); default now. */
  receivedAt?: Date;
  regulatorReference?: string | null;
  regulatorDeadline?: string | null;
  product?: (typeof COMPLAINT_PRODUCTS)[number] | null;
  /** Staff may classify at intake; otherwise the classifier's suggestion stands until confirmed. */
  category?: ComplaintCategory;
  severity?: ComplaintSeverity;
  /** The category the complainant picked (portal): kept beside the suggestion as a hint, never as a confirmed classification. */
  complainantCategory?: ComplaintCategory;
  ownerId?: string | null;
  relatedComplaintId?: string | null;
  complainantEmail?: string | null;
  sourceMessageId?: string | null;
  requestId?: string | null;
};

export type OpenComplaintResult = {
  complaintId: string;
  referenceNumber: string;
  acknowledgement: { status: 'queued' | 'blocked' | 'not-sent'; messageId: string | null; channel: string | null };
  possibleDuplicates: Array<{ id: string; referenceNumber: string; similarity: number }>;
  contactHoldId: string | null;
  fraudFlagged: boolean;
  created: boolean;
};

/**
 * Registers a complaint from any channel, in one transaction: the reference number, the classifier's
 * suggestion, possible duplicates (same customer, similar text, last 30 days), a contact hold for a
 * collection-conduct complaint, the fraud flag, the acknowledgement through the outbox, the
 * customer's timeline entry and the audit row.
 */
export async function openComplaint(deps: AppDeps, actor: Actor, input: OpenComplaintInput): Promise<OpenComplaintResult> {
  const { db } = deps.database;
  const now = deps.now();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime()) {
    throw new DomainError('validation', { zh: '受理时间不能晚于当前时间', en: 'receivedAt cannot be in the future' }, [{ field: 'json.receivedAt', message: 'in the future' }]);
  }
  if (input.customerId) await assertCustomerVisible(db, actor, input.customerId);
  const loanIds = [...new Set(input.loanIds ?? [])];
  if (loanIds.length > 0) {
    const found = input.customerId
      ? await db.select({ id: loans.id }).from(loans).where(and(inArray(loans.id, loanIds), eq(loans.customerId, input.customerId)))
      : [];
    if (found.length !== loanIds.length) {
      throw new DomainError('validation', { zh: '贷款不属于该客户', en: 'A loan does not belong to this customer' }, [{ field: 'json.loanIds', message: 'unknown loan' }]);
    }
  }
  const suggestion = suggestFor(input.description);
  const category = input.category ?? suggestion.category;
  const severity = input.severity ?? suggestion.severity;
  const staffClassified = input.category !== undefined;
  // An owner named at intake is kept; otherwise the routing rules pick one inside the transaction.
  const ownerId = input.ownerId ?? null;
  const zone = deps.config.defaultTimeZone;

  // The year's counter row in its own short transaction: taken inside the intake transaction, its row
  // lock serialised all concurrent intakes (npm run bench:complaints). Trade-off: an intake that fails
  // after this point, or a re-delivered e-mail, leaves a gap in the numbers (never a duplicate).
  const referenceNumber = await db.transaction((t) => nextReferenceNumber(t, receivedAt, zone));
  return db.transaction(async (tx) => {
    const exec = executorFor(tx);
    if (input.sourceMessageId) {
      const [existing] = await tx.select().from(complaints).where(eq(complaints.sourceMessageId, input.sourceMessageId));
      if (existing) {
        return {
          complaintId: existing.id, referenceNumber: existing.referenceNumber, created: false, possibleDuplicates: [], contactHoldId: null,
          fraudFlagged: existing.fraudFlaggedAt !== null,
          acknowledgement: { status: existing.acknowledgementStatus ?? 'not-sent', messageId: existing.acknowledgementMessageId, channel: null },
        };
      }
    }

    // Possible duplicates: the same customer's complaints of the last 30 days with similar text.
    const possibleDuplicates: OpenComplaintResult['possibleDuplicates'] = [];
    if (input.customerId) {
      const since = new Date(receivedAt.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
      const recent = await tx
        .select({ id: complaints.id, referenceNumber: complaints.referenceNumber, description: complaints.description })
        .from(complaints)
        .where(and(eq(complaints.customerId, input.customerId), gte(complaints.receivedAt, since), isNull(complaints.mergedIntoId)));
      for (const r of recent) {
        const similarity = Math.round(textSimilarity(r.description, input.description) * 100) / 100;
        if (similarity >= DUPLICATE_SIMILARITY) possibleDuplicates.push({ id: r.id, referenceNumber: r.referenceNumber, similarity });
      }
      possibleDuplicates.sort((a, b) => b.similarity - a.similarity);
    }

    const fraud = category === 'fraud-or-identity-misuse';
    const [row] = await tx
      .insert(complaints)
      .values({
        referenceNumber, customerId: input.customerId, channel: input.channel, regulatorReference: input.regulatorReference ?? null,
        regulatorDeadline: input.regulatorDeadline ?? null, receivedAt, category, severity, suggestion: { ...suggestion, model: 'loandesk-complaint-classifier/1', ...(input.complainantCategory ? { complainantCategory: input.complainantCategory } : {}) },
        classificationConfirmedAt: staffClassified ? now : null, product: input.product ?? null, status: 'received', ownerId,
        description: input.description, complainantEmail: input.complainantEmail ?? null, sourceMessageId: input.sourceMessageId ?? null,
        relatedComplaintId: input.relatedComplaintId ?? null, fraudFlaggedAt: fraud ? now : null,
        possibleDuplicateIds: possibleDuplicates.map((d) => d.id), createdBy: actorId(actor), createdAt: now, updatedAt: now,
      })
      .returning();
    const complaint = row!;
    if (loanIds.length > 0) await tx.insert(complaintLoans).values(loanIds.map((loanId) => ({ complaintId: complaint.id, loanId })));
    await appendEvent(tx, complaint.id, 'received', now, actor, {
      channel: input.channel, receivedAt: receivedAt.toISOString(), regulatorReference: input.regulatorReference ?? null, regulatorDeadline: input.regulatorDeadline ?? null,
    });
    if (staffClassified) {
      await tx.insert(complaintClassificationCorrections).values({
        complaintId: complaint.id, text: input.description, suggestedCategory: suggestion.category, suggestedSeverity: suggestion.severity,
        confirmedCategory: category, confirmedSeverity: severity, suggestionConfidence: suggestion.categoryConfidence,
        corrected: category !== suggestion.category || severity !== suggestion.severity, modelVersion: 'loandesk-complaint-classifier/1',
        confirmedBy: actorId(actor), confirmedAt: now,
      });
    }
    const label = CATEGORY_LABELS[category];
    await addTimeline(tx, input.customerId, now, 'complaint-received', complaint.id,
      `受理投诉 ${referenceNumber}（${label.zh}）`, `Complaint ${referenceNumber} received (${label.en})`, { channel: input.channel, possibleDuplicates: possibleDuplicates.map((d) => d.referenceNumber) });

    let contactHoldId: string | null = null;
    if (input.customerId && category === 'collection-conduct') {
      contactHoldId = (await openContactHold(exec, {
        customerId: input.customerId, type: 'collection-conduct-complaint', sourceType: 'complaint', sourceId: complaint.id,
        reason: `催收行为投诉 ${referenceNumber}`, actor, at: now, requestId: input.requestId ?? null,
      })).holdId;
    }
    if (fraud && input.customerId) {
      await addTimeline(tx, input.customerId, now, 'complaint-fraud-flagged', complaint.id,
        `投诉 ${referenceNumber} 涉及欺诈或身份冒用，已转欺诈处理流程`, `Complaint ${referenceNumber} concerns fraud or identity misuse: flagged for the fraud workflow`);
    }

    const acknowledgement = await acknowledge(tx, exec, { complaintId: complaint.id, customerId: input.customerId, referenceNumber, receivedAt, zone, channel: input.channel, actor, now, requestId: input.requestId ?? null });
    const [final] = await tx
      .update(complaints)
      .set({ acknowledgementStatus: acknowledgement.status, acknowledgementMessageId: acknowledgement.messageId, status: acknowledgement.status === 'queued' ? 'acknowledged' : 'received' })
      .where(eq(complaints.id, complaint.id))
      .returning();

    await recordAudit(exec, {
      actor, action: 'complaint.opened', entityType: 'complaint', entityId: complaint.id, requestId: input.requestId ?? null,
      after: {
        referenceNumber, customerId: input.customerId, channel: input.channel, loanIds, category, severity, status: final!.status,
        suggestion: { category: suggestion.category, severity: suggestion.severity, confidence: suggestion.categoryConfidence },
        possibleDuplicates: possibleDuplicates.map((d) => d.referenceNumber), contactHoldId, fraudFlagged: fraud,
        acknowledgement: acknowledgement.status, regulatorReference: input.regulatorReference ?? null, regulatorDeadline: input.regulatorDeadline ?? null,
      },
    }, now);
    await assignOnOpen(deps, exec, { complaintId: complaint.id, referenceNumber, customerId: input.customerId, category, ownerId, actor, at: now, requestId: input.requestId ?? null });
    return { complaintId: complaint.id, referenceNumber, acknowledgement, possibleDuplicates, contactHoldId, fraudFlagged: fraud, created: true };
  });
}

type Tx = Parameters<Parameters<AppDeps['database']['db']['transaction']>[0]>[0];

/**
 * The acknowledgement (投诉受理回执) through the outbox: by the channel the complaint came in on where
 * that can carry it (portal, e-mail), else e-mail, SMS, then the portal inbox. A refusal (no consent,
 * an opt-out) is recorded as 'blocked'; the handler then acknowledges another way.
 */
async function acknowledge(
  tx: Tx,
  exec: ReturnType<typeof executorFor>,
  a: { complaintId: string; customerId: string | null; referenceNumber: string; receivedAt: Date; zone: string; channel: ComplaintChannel; actor: Actor; now: Date; requestId: string | null },
): Promise<OpenComplaintResult['acknowledgement']> {
  if (!a.customerId) return { status: 'not-sent', messageId: null, channel: null };
  const [customer] = await tx.select({ name: customers.name }).from(customers).where(eq(customers.id, a.customerId));
  const { rows: points } = await exec.query<{ kind: string }>(
    `SELECT DISTINCT kind FROM contact_points WHERE customer_id = $1 AND relationship = 'self' AND marked_wrong_at IS NULL`, [a.customerId],
  );
  const kinds = new Set(points.map((p) => p.kind));
  const channel: 'portal' | 'email' | 'sms' =
    a.channel === 'portal' ? 'portal' : a.channel === 'email' && kinds.has('email') ? 'email' : kinds.has('email') ? 'email' : kinds.has('phone') ? 'sms' : 'portal';
  try {
    const result = await queueMessage(exec, {
      customerId: a.customerId, channel, purpose: 'servicing', templateKey: 'complaint-acknowledgement',
      variables: { customerName: customer?.name ?? '', complaintReference: a.referenceNumber, receivedDate: todayInZone(a.receivedAt, a.zone) },
      idempotencyKey: `complaint-ack:${a.complaintId}`, actor: a.actor, requestId: a.requestId, at: a.now,
    });
    return result.status === 'queued' ? { status: 'queued', messageId: result.messageId, channel } : { status: 'blocked', messageId: null, channel };
  } catch (err) {
    if (err instanceof DomainError) return { status: 'not-sent', messageId: null, channel };
    throw err;
  }
}
