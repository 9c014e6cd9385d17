import { sendWithAudits } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { ComplaintChannel, ComplaintStatusValue } from '../complaints.schema.ts';

/**
 * Complaint intake's writes (openComplaint), as fixed SQL text: intake is the busiest write path of
 * the complaints module (npm run bench:complaints), and building these statements with Drizzle's
 * query builder on every request cost more Node CPU than sending them. The columns are those of
 * complaints.schema.ts, the one definition of the tables.
 */

export type NewComplaintRow = {
  referenceNumber: string; customerId: string | null; channel: ComplaintChannel; regulatorReference: string | null; regulatorDeadline: string | null;
  receivedAt: Date; category: string; severity: string; suggestion: Record<string, unknown>; classificationConfirmedAt: Date | null;
  product: string | null; description: string; complainantEmail: string | null; sourceMessageId: string | null; relatedComplaintId: string | null;
  fraudFlaggedAt: Date | null; possibleDuplicateIds: string[]; createdBy: string; createdAt: Date;
};
export type TimelineEntry = { kind: string; zh: string; en: string; detail: string | null };

/**
 * The complaint (status 'received', no owner yet), its first event ('received') and the customer's
 * timeline entries in ONE statement (data-modifying CTEs; the event's foreign key is checked at the
 * statement's end). Returns the new complaint's id.
 */
export async function insertComplaint(
  exec: SqlExecutor, c: NewComplaintRow,
  received: { actor: string; payload: Record<string, unknown> }, timeline: readonly TimelineEntry[],
): Promise<string> {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const { rows: [row] } = await exec.query<{ id: string }>(
    `WITH c AS (INSERT INTO complaints (reference_number, customer_id, channel, regulator_reference, regulator_deadline, received_at, category, severity,
                                        suggestion, classification_confirmed_at, product, status, description, complainant_email, source_message_id,
                                        related_complaint_id, fraud_flagged_at, possible_duplicate_ids, created_by, created_at, updated_at)
                VALUES ($1, $2::uuid, $3, $4, $5::date, $6::timestamptz, $7, $8, $9::jsonb, $10::timestamptz, $11, 'received', $12, $13, $14,
                        $15::uuid, $16::timestamptz, $17::jsonb, $18, $19::timestamptz, $19::timestamptz)
                RETURNING id),
          e AS (INSERT INTO complaint_events (complaint_id, seq, type, at, actor, payload)
                SELECT c.id, 1, 'received', $19::timestamptz, $20, $21::jsonb FROM c),
          t AS (INSERT INTO timeline_events (customer_id, occurred_at, module, kind, ref_id, summary_zh, summary_en, detail)
                SELECT $2::uuid, $19::timestamptz, 'complaints', u.kind, c.id::text, u.zh, u.en, u.detail::jsonb
                  FROM c CROSS JOIN unnest($22::text[], $23::text[], $24::text[], $25::text[]) WITH ORDINALITY AS u(kind, zh, en, detail, n)
                 ORDER BY u.n)
     SELECT id FROM c`,
    [
      c.referenceNumber, c.customerId, c.channel, c.regulatorReference, c.regulatorDeadline, iso(c.receivedAt), c.category, c.severity,
      JSON.stringify(c.suggestion), iso(c.classificationConfirmedAt), c.product, c.description, c.complainantEmail, c.sourceMessageId,
      c.relatedComplaintId, iso(c.fraudFlaggedAt), JSON.stringify(c.possibleDuplicateIds), c.createdBy, iso(c.createdAt),
      received.actor, JSON.stringify(received.payload),
      timeline.map((x) => x.kind), timeline.map((x) => x.zh), timeline.map((x) => x.en), timeline.map((x) => x.detail),
    ],
  );
  return row!.id;
}

export async function insertComplaintLoans(exec: SqlExecutor, complaintId: string, loanIds: readonly string[]): Promise<void> {
  if (loanIds.length === 0) return;
  await exec.query(`INSERT INTO complaint_loans (complaint_id, loan_id) SELECT $1::uuid, l FROM unnest($2::uuid[]) AS l`, [complaintId, loanIds]);
}

/** A classification staff gave at intake, kept beside the suggestion for retraining (classifier/README). */
export async function insertClassificationCorrection(
  exec: SqlExecutor,
  r: {
    complaintId: string; text: string; suggestedCategory: string; suggestedSeverity: string; confirmedCategory: string; confirmedSeverity: string;
    suggestionConfidence: number; modelVersion: string; confirmedBy: string; confirmedAt: Date;
  },
): Promise<void> {
  await exec.query(
    `INSERT INTO complaint_classification_corrections (complaint_id, text, suggested_category, suggested_severity, confirmed_category, confirmed_severity,
                                                       suggestion_confidence, corrected, model_version, confirmed_by, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz)`,
    [
      r.complaintId, r.text, r.suggestedCategory, r.suggestedSeverity, r.confirmedCategory, r.confirmedSeverity, r.suggestionConfidence,
      r.confirmedCategory !== r.suggestedCategory || r.confirmedSeverity !== r.suggestedSeverity, r.modelVersion, r.confirmedBy, r.confirmedAt.toISOString(),
    ],
  );
}

/**
 * The acknowledgement, the status and the owner (routed or named) in one UPDATE, sent in the same
 * statement as the transaction's audit append (sendWithAudits). Setting the owner updates the
 * handler's workload row (migrations 0021, 0023), which every intake for that handler then waits for
 * until this transaction commits, as every writer waits for the audit chain's lock: both are held
 * from that one round trip to the commit.
 */
export async function storeIntakeOutcome(
  exec: SqlExecutor, complaintId: string,
  o: { acknowledgementStatus: 'queued' | 'blocked' | 'not-sent'; acknowledgementMessageId: string | null; status: ComplaintStatusValue; ownerId: string | null },
): Promise<void> {
  await sendWithAudits(exec, {
    text: `UPDATE complaints SET acknowledgement_status = $2, acknowledgement_message_id = $3::uuid, status = $4, owner_id = coalesce($5::uuid, owner_id)
            WHERE id = $1::uuid RETURNING 1`,
    params: [complaintId, o.acknowledgementStatus, o.acknowledgementMessageId, o.status, o.ownerId],
  });
}

/** The complaint an inbound e-mail (its Message-ID) already opened, if any: the same message delivered twice opens one complaint. */
export async function findBySourceMessage(exec: SqlExecutor, sourceMessageId: string) {
  const { rows: [row] } = await exec.query<{
    id: string; reference_number: string; fraud_flagged: boolean; acknowledgement_status: 'queued' | 'blocked' | 'not-sent' | null; acknowledgement_message_id: string | null;
  }>(
    `SELECT id, reference_number, fraud_flagged_at IS NOT NULL AS fraud_flagged, acknowledgement_status, acknowledgement_message_id
       FROM complaints WHERE source_message_id = $1`,
    [sourceMessageId],
  );
  return row;
}
