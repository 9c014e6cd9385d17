import type { Readable } from 'node:stream';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { createEvidence, evidenceStoreFor, openEvidenceContent } from '../../../platform/evidence/evidence-service.ts';
import { classifyUpload } from '../../../platform/evidence/evidence-upload.ts';
import { EvidenceUploadFields } from '../../../platform/evidence/evidence.contract.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { todayInZone } from '../../../platform/time/calendar-date.ts';
import { clockFor, loadEventsFor, type ComplaintRow } from '../complaint-support.ts';
import { renderResponseLetterPdf, type ResponseLetterInput } from './response-letter-pdf.ts';

async function* chunks(buf: Buffer) {
  yield buf;
}

/**
 * Renders the final response letter of the complaint's latest decision and stores it in the
 * evidence store, linked to the complaint and the customer (the record a dispute needs). Runs after
 * the decision commits: the letter is derived from it, so a PDF failure never undoes a decision; the
 * download issues a missing letter on demand. Returns the evidence id.
 */
export async function issueResponseLetter(deps: AppDeps, actor: Actor, complaint: ComplaintRow, requestId: string | null): Promise<string> {
  const { db, } = deps.database;
  const events = (await loadEventsFor(db, [complaint.id])).get(complaint.id)!;
  const decision = events.findLast((e) => e.type === 'decision');
  if (!decision || !complaint.outcome) {
    throw new DomainError('conflict', { zh: '投诉尚未作出处理决定，没有处理决定书', en: 'The complaint has no decision yet, so there is no final response letter' });
  }
  const zone = deps.config.defaultTimeZone;
  const { rows: [customer] } = complaint.customerId
    ? await deps.database.sql.query<{ name: string }>(`SELECT name FROM customers WHERE id = $1`, [complaint.customerId])
    : { rows: [] };
  const clock = clockFor(deps, complaint, events, deps.now());
  const p = decision.payload as { kind?: ResponseLetterInput['kind']; outcome?: ResponseLetterInput['outcome']; remedies?: ResponseLetterInput['remedies']; summary?: string };
  const reviewBy = clock.reviewRequestDeadline ? todayInZone(new Date(clock.reviewRequestDeadline.getTime() - 1), zone) : null;
  const pdf = await renderResponseLetterPdf({
    referenceNumber: complaint.referenceNumber, customerName: customer?.name ?? complaint.complainantEmail ?? '投诉人 Complainant',
    receivedDate: todayInZone(complaint.receivedAt, zone), decisionDate: todayInZone(decision.at, zone),
    outcome: p.outcome ?? complaint.outcome, remedies: p.remedies ?? ((complaint.remedies ?? []) as ResponseLetterInput['remedies']), reasons: p.summary ?? '',
    kind: p.kind ?? 'decision', reviewRequestBy: reviewBy, createdAt: decision.at,
  });
  const fileName = `${complaint.referenceNumber}-final-response-${decision.seq}.pdf`;
  const staged = await evidenceStoreFor(deps).stage(chunks(pdf), { maxBytes: deps.config.evidenceMaxUploadBytes });
  let evidenceId: string;
  try {
    const verdict = await classifyUpload(staged, fileName);
    const input = EvidenceUploadFields.parse({
      kind: 'other', source: 'LoanDesk 投诉处理决定书 / final response letter', capturedAt: decision.at.toISOString(),
      description: `投诉 ${complaint.referenceNumber} 处理决定书 / Final response to complaint ${complaint.referenceNumber}`,
      links: [`complaint:${complaint.id}`, ...(complaint.customerId ? [`customer:${complaint.customerId}`] : [])],
    });
    evidenceId = (await createEvidence(deps, {}, actor, { staged, fileName, input, verdict, requestId })).id;
  } catch (err) {
    await staged.discard();
    throw err;
  }
  await deps.database.transaction(async (exec) => {
    await exec.query(`UPDATE complaints SET response_letter_evidence_id = $2 WHERE id = $1`, [complaint.id, evidenceId]);
    await recordAudit(exec, {
      actor, action: 'complaint.response-letter-issued', entityType: 'complaint', entityId: complaint.id, requestId,
      after: { evidenceId, fileName, decisionSeq: decision.seq, outcome: p.outcome ?? complaint.outcome },
    }, deps.now());
  });
  return evidenceId;
}

/**
 * The letter's bytes for a download (console or portal); the caller has checked the complaint is
 * visible to the actor. Issues the letter when the decision has none yet. The evidence.downloaded
 * custody event is recorded by openEvidenceContent.
 */
export async function openResponseLetter(deps: AppDeps, actor: Actor, complaint: ComplaintRow, requestId: string | null): Promise<{ fileName: string; content: Readable }> {
  const evidenceId = complaint.responseLetterEvidenceId ?? (await issueResponseLetter(deps, actor, complaint, requestId));
  const { item, content } = await openEvidenceContent(deps, evidenceStoreFor(deps), {}, actor, evidenceId, requestId);
  return { fileName: item.originalFileName, content };
}
