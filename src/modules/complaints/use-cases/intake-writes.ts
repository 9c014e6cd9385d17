import { sendWithAudits } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { ComplaintChannel, ComplaintStatusValue } from '../complaints.schema.ts';

/**
 * Complaint intake's writes (openComplaint), as fixed SQL text: intake is the busiest write path of
 * the complaints module (npm run bench:complaints), and building these statements with Drizzle's
 * query builder on every request cost more Node CPU than sending them. The columns are those of
 * complaints.schema.ts, the one definition of the tables.
 *
 * They are sent with the transaction's audit append (sendWithAudits), in one statement at its end:
 * the complaint is written with its owner, which locks the handler's workload row (migrations 0021,
 * 0023) until the commit, as every writer waits for the audit chain's lock: both are then held from
 * that one round trip to the commit. Its id is made here, so nothing earlier in the transaction (the
 * acknowledgement, a contact hold) needs the row itself. The statements see the database as it was
 * before all of them; the foreign keys of the event, the timeline, the loans and the correction are
 * checked at the statement's end, when the complaint is there, so the complaint goes last and the
 * workload row is locked only from then.
 */

export type NewComplaintRow = {
  id: string; referenceNumber: string; customerId: string | null; channel: ComplaintChannel; regulatorReference: string | null; regulatorDeadline: string | null;
  receivedAt: Date; category: string; severity: string; suggestion: Record<string, unknown>; classificationConfirmedAt: Date | null;
  product: string | null; status: ComplaintStatusValue; ownerId: string | null; description: string; complainantEmail: string | null;
  sourceMessageId: string | null; relatedComplaintId: string | null; fraudFlaggedAt: Date | null; possibleDuplicateIds: string[];
  acknowledgementStatus: 'queued' | 'blocked' | 'not-sent'; acknowledgementMessageId: string | null; createdBy: string; createdAt: Date;
};
export type TimelineEntry = { kind: string; zh: string; en: string; detail: string | null };
export type ClassificationCorrection = {
  text: string; suggestedCategory: string; suggestedSeverity: string; confirmedCategory: string; confirmedSeverity: string;
  suggestionConfidence: number; modelVersion: string; confirmedBy: string; confirmedAt: Date;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The complaint, its first event ('received'), the customer's timeline entries, the loans it concerns
 * and a classification staff gave at intake, sent with the audit append (see above).
 */
export async function writeNewComplaint(
  exec: SqlExecutor, c: NewComplaintRow,
  extra: { received: { actor: string; payload: Record<string, unknown> }; timeline: readonly TimelineEntry[]; loanIds: readonly string[]; correction: ClassificationCorrection | null },
): Promise<void> {
  await sendWithAudits(exec, {
    text: `INSERT INTO complaint_events (complaint_id, seq, type, at, actor, payload) VALUES ($1::uuid, 1, 'received', $2::timestamptz, $3, $4::jsonb) RETURNING 1`,
    params: [c.id, iso(c.createdAt), extra.received.actor, JSON.stringify(extra.received.payload)],
  });
  if (c.customerId && extra.timeline.length > 0) {
    const t = extra.timeline;
    await sendWithAudits(exec, {
      text: `INSERT INTO timeline_events (customer_id, occurred_at, module, kind, ref_id, summary_zh, summary_en, detail)
             SELECT $1::uuid, $2::timestamptz, 'complaints', u.kind, $3, u.zh, u.en, u.detail::jsonb
               FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS u(kind, zh, en, detail, n)
              ORDER BY u.n
             RETURNING 1`,
      params: [c.customerId, iso(c.createdAt), c.id, t.map((x) => x.kind), t.map((x) => x.zh), t.map((x) => x.en), t.map((x) => x.detail)],
    });
  }
  if (extra.loanIds.length > 0) {
    await sendWithAudits(exec, {
      text: `INSERT INTO complaint_loans (complaint_id, loan_id) SELECT $1::uuid, l FROM unnest($2::uuid[]) AS l RETURNING 1`,
      params: [c.id, extra.loanIds],
    });
  }
  const r = extra.correction;
  if (r) {
    // Kept beside the suggestion for retraining (classifier/README).
    await sendWithAudits(exec, {
      text: `INSERT INTO complaint_classification_corrections (complaint_id, text, suggested_category, suggested_severity, confirmed_category, confirmed_severity,
                                                             suggestion_confidence, corrected, model_version, confirmed_by, confirmed_at)
             VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz) RETURNING 1`,
      params: [
        c.id, r.text, r.suggestedCategory, r.suggestedSeverity, r.confirmedCategory, r.confirmedSeverity, r.suggestionConfidence,
        r.confirmedCategory !== r.suggestedCategory || r.confirmedSeverity !== r.suggestedSeverity, r.modelVersion, r.confirmedBy, iso(r.confirmedAt),
      ],
    });
  }
  // Last: its owner locks the handler's workload row, held from here to the commit.
  await sendWithAudits(exec, {
    text: `INSERT INTO complaints (id, reference_number, customer_id, channel, regulator_reference, regulator_deadline, received_at, category, severity,
                                   suggestion, classification_confirmed_at, product, status, owner_id, description, complainant_email, source_message_id,
                                   related_complaint_id, fraud_flagged_at, possible_duplicate_ids, acknowledgement_status, acknowledgement_message_id,
                                   created_by, created_at, updated_at)
           VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6::date, $7::timestamptz, $8, $9, $10::jsonb, $11::timestamptz, $12, $13, $14::uuid, $15, $16, $17,
                   $18::uuid, $19::timestamptz, $20::jsonb, $21, $22::uuid, $23, $24::timestamptz, $24::timestamptz)
           RETURNING 1`,
    params: [
      c.id, c.referenceNumber, c.customerId, c.channel, c.regulatorReference, c.regulatorDeadline, iso(c.receivedAt), c.category, c.severity,
      JSON.stringify(c.suggestion), iso(c.classificationConfirmedAt), c.product, c.status, c.ownerId, c.description, c.complainantEmail, c.sourceMessageId,
      c.relatedComplaintId, iso(c.fraudFlaggedAt), JSON.stringify(c.possibleDuplicateIds), c.acknowledgementStatus, c.acknowledgementMessageId,
      c.createdBy, iso(c.createdAt),
    ],
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
