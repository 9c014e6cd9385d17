/**
 * Legal and external-agency referral packages: assemble the evidence chain of a case, freeze it
 * with a bilingual PDF index in the evidence store, and let a supervisor other than the proposer
 * approve or reject it. A package answers the daily run's proposal action when there is one (the
 * action is closed with the decision), so the strategy's escalation and the console agree.
 */
import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { createEvidence, evidenceStoreFor } from '../../../platform/evidence/evidence-service.ts';
import { classifyUpload } from '../../../platform/evidence/evidence-upload.ts';
import { EvidenceUploadFields } from '../../../platform/evidence/evidence.contract.ts';
import { todayInZone } from '../../../platform/time/calendar-date.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import { timeline, visibleCase } from '../agreements/agreement-service.ts';
import { assembleReferralPackage, type ReferralKind, type ReferralSources } from './referral-package.ts';
import { renderReferralIndexPdf } from './referral-pdf.ts';

export const ProposeReferralRequest = z
  .object({
    kind: z.enum(['legal', 'external-agency']).describe('legal = 诉讼; external-agency = 委外催收'),
    note: z.string().trim().max(2000).optional().describe('Why the case should be referred'),
  })
  .openapi('ProposeReferralRequest');
export const DecideReferralRequest = z
  .object({ reason: z.string().trim().max(2000).optional().describe('Required when rejecting') })
  .openapi('DecideReferralRequest');

const ACTION_FOR: Record<ReferralKind, string> = { legal: 'legal-referral-proposal', 'external-agency': 'external-agency-proposal' };
const KIND_ZH: Record<ReferralKind, string> = { legal: '诉讼移交', 'external-agency': '委外移交' };

export type PackageRow = {
  id: string; reference_number: string; case_id: string; loan_id: string; customer_id: string; action_id: string | null; kind: ReferralKind; status: string;
  contents: ReturnType<typeof assembleReferralPackage>; note: string | null; pdf_evidence_id: string | null; proposed_by: string; proposed_at: Date;
  decided_by: string | null; decided_at: Date | null; decision_reason: string | null;
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function packageView(p: PackageRow) {
  return {
    id: p.id, referenceNumber: p.reference_number, caseId: p.case_id, loanId: p.loan_id, customerId: p.customer_id, actionId: p.action_id, kind: p.kind,
    status: p.status, note: p.note, pdfEvidenceId: p.pdf_evidence_id, proposedBy: p.proposed_by, proposedAt: iso(p.proposed_at)!, decidedBy: p.decided_by,
    decidedAt: iso(p.decided_at), decisionReason: p.decision_reason, contents: p.contents,
  };
}

/** Everything on file for the case's loan and customer, as plain data for assembleReferralPackage. */
export async function loadReferralSources(exec: SqlExecutor, c: { id: string; loan_id: string; customer_id: string }, kind: ReferralKind, asOf: string): Promise<ReferralSources> {
  // One after another on the caller's connection: node-postgres queued concurrent queries on one
  // client itself, which pg 8 deprecates and pg 9 removes.
  let previous: Promise<unknown> = Promise.resolve();
  const q = <T>(text: string, params: unknown[]): Promise<T[]> => {
    const rows = previous.then(async () => (await exec.query<T & Record<string, unknown>>(text, params)).rows as T[]);
    previous = rows.catch(() => undefined);
    return rows;
  };
  const [evidence, schedule, payments, contacts, messages, actions, promises, agreements] = await Promise.all([
    q<{ id: string; kind: string; file_name: string; sha256: string; uploaded_at: Date; description: string | null; removed: boolean; agreement_document: boolean }>(
      `SELECT e.id, e.kind, e.original_file_name AS file_name, e.sha256, e.uploaded_at, e.description, e.removed_at IS NOT NULL AS removed,
              EXISTS (SELECT 1 FROM evidence_links a WHERE a.evidence_id = e.id AND a.entity_type = 'agreement') AS agreement_document
         FROM evidence_items e
        WHERE e.id IN (SELECT evidence_id FROM evidence_links WHERE (entity_type = 'customer' AND entity_id = $1) OR (entity_type = 'loan' AND entity_id = $2) OR (entity_type = 'case' AND entity_id = $3))
          AND NOT EXISTS (SELECT 1 FROM legal_referral_packages p WHERE p.pdf_evidence_id = e.id)
        ORDER BY e.uploaded_at`,
      [c.customer_id, c.loan_id, c.id],
    ),
    q<{ sequence: number; due_date: string; due: string; paid: string }>(
      `SELECT sequence, due_date::text AS due_date, principal_fen + interest_fen + fee_fen AS due, paid_principal_fen + paid_interest_fen + paid_fee_fen AS paid
         FROM instalments WHERE loan_id = $1 ORDER BY due_date, sequence`, [c.loan_id],
    ),
    q<{ value_date: string; amount_fen: string }>(`SELECT value_date::text AS value_date, amount_fen FROM repayments WHERE loan_id = $1 ORDER BY value_date`, [c.loan_id]),
    q<{ occurred_at: Date; channel: string; direction: string; mode: string; outcome: string; relationship: string }>(
      `SELECT occurred_at, channel, direction, mode, outcome, relationship FROM contact_attempts WHERE customer_id = $1 AND message_id IS NULL ORDER BY occurred_at`, [c.customer_id],
    ),
    q<{ created_at: Date; channel: string; status: string; purpose: string }>(
      `SELECT created_at, channel, status, purpose FROM outbox_messages WHERE customer_id = $1 ORDER BY created_at`, [c.customer_id],
    ),
    q<{ as_of: string; kind: string; status: string; channel: string | null }>(
      `SELECT as_of::text AS as_of, kind, status, channel FROM collection_actions WHERE case_id = $1 ORDER BY as_of`, [c.id],
    ),
    q<{ promised_on: string; due_on: string; amount_fen: string; status: string }>(
      `SELECT promised_on::text AS promised_on, due_on::text AS due_on, amount_fen, status FROM promises_to_pay WHERE loan_id = $1 ORDER BY promised_on`, [c.loan_id],
    ),
    q<{ reference_number: string; kind: string; status: string; resolved_at: Date | null; new_schedule: Array<{ dueDate: string }> }>(
      `SELECT reference_number, kind, status, resolved_at, new_schedule FROM repayment_agreements WHERE loan_id = $1 ORDER BY proposed_at`, [c.loan_id],
    ),
  ]);
  return {
    kind, asOf,
    evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, fileName: e.file_name, sha256: e.sha256, uploadedAt: iso(e.uploaded_at)!, description: e.description, removed: e.removed, agreementDocument: e.agreement_document })),
    schedule: schedule.map((i) => ({ sequence: Number(i.sequence), dueDate: i.due_date, dueFen: Number(i.due), paidFen: Number(i.paid) })),
    payments: payments.map((p) => ({ valueDate: p.value_date, amountFen: Number(p.amount_fen) })),
    contacts: contacts.map((x) => ({ at: iso(x.occurred_at)!, channel: x.channel, direction: x.direction, mode: x.mode, outcome: x.outcome, relationship: x.relationship })),
    messages: messages.map((m) => ({ at: iso(m.created_at)!, channel: m.channel, status: m.status, purpose: m.purpose })),
    actions: actions.map((a) => ({ asOf: a.as_of, kind: a.kind, status: a.status, channel: a.channel })),
    promises: promises.map((p) => ({ promisedOn: p.promised_on, dueOn: p.due_on, amountFen: Number(p.amount_fen), status: p.status })),
    agreements: agreements.map((a) => ({ referenceNumber: a.reference_number, kind: a.kind, status: a.status, resolvedAt: iso(a.resolved_at), newSchedule: a.new_schedule })),
  };
}

async function* once(buf: Buffer): AsyncGenerator<Uint8Array> {
  yield buf;
}

export async function proposeReferral(deps: AppDeps, actor: Actor, caseId: string, input: z.infer<typeof ProposeReferralRequest>, requestId: string | null) {
  const c = await visibleCase(deps, actor, caseId);
  if (c.status !== 'open') throw new DomainError('conflict', { zh: '案件已结案', en: 'The case is closed' });
  const now = deps.now();
  const asOf = todayInZone(now, deps.config.defaultTimeZone);
  const referenceNumber = `LR${asOf.replaceAll('-', '')}-${createHash('sha256').update(`${caseId}:${now.toISOString()}:${Math.random()}`).digest('hex').slice(0, 8).toUpperCase()}`;

  const row = await deps.database.transaction(async (exec) => {
    await exec.query(`SELECT id FROM collection_cases WHERE id = $1 FOR UPDATE`, [caseId]);
    const { rows: pending } = await exec.query(`SELECT 1 FROM legal_referral_packages WHERE case_id = $1 AND status = 'proposed'`, [caseId]);
    if (pending.length) throw new DomainError('conflict', { zh: '该案件已有待审批的移交申请', en: 'A referral package for this case is already awaiting approval' });
    const pkg = assembleReferralPackage(await loadReferralSources(exec, c, input.kind, asOf));
    const { rows: [action] } = await exec.query<{ id: string }>(
      `SELECT id FROM collection_actions WHERE case_id = $1 AND kind = $2 AND status = 'proposed-awaiting-approval' ORDER BY as_of DESC LIMIT 1`, [caseId, ACTION_FOR[input.kind]],
    );
    const { rows: [inserted] } = await exec.query<PackageRow>(
      `INSERT INTO legal_referral_packages (reference_number, case_id, loan_id, customer_id, action_id, kind, status, contents, note, proposed_by, proposed_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7::jsonb, $8, $9, $10::timestamptz) RETURNING *`,
      [referenceNumber, c.id, c.loan_id, c.customer_id, action?.id ?? null, input.kind, JSON.stringify(pkg), input.note ?? null, actorId(actor), now.toISOString()],
    );
    await timeline(exec, c.customer_id, now, 'legal-referral-proposed', inserted!.id, `提出${KIND_ZH[input.kind]}申请 ${referenceNumber}，待主管审批`, `${input.kind} referral ${referenceNumber} proposed for supervisor approval`, { caseId });
    await recordAudit(exec, {
      actor, action: 'collections.legal-referral.proposed', entityType: 'legal-referral', entityId: inserted!.id, requestId,
      after: { caseId, loanId: c.loan_id, kind: input.kind, actionId: action?.id ?? null, complete: pkg.complete, checklist: pkg.checklist.map((i) => ({ item: i.item, ok: i.ok })), totals: pkg.statement.totals },
    }, now);
    return inserted!;
  });

  // The index PDF is a plus: the package stands without it, so a rendering failure is logged, not fatal.
  try {
    const pdf = await renderReferralIndexPdf({ referenceNumber, customerName: c.customer_name, loanNumber: c.loan_number, pkg: row.contents, createdAt: now });
    const staged = await evidenceStoreFor(deps).stage(once(pdf), { maxBytes: deps.config.evidenceMaxUploadBytes });
    try {
      const verdict = await classifyUpload(staged, `${referenceNumber}.pdf`);
      const fields = EvidenceUploadFields.parse({
        kind: 'other', source: 'LoanDesk 移交材料清单 / referral index', capturedAt: now.toISOString(),
        description: `${KIND_ZH[input.kind]}材料清单 ${referenceNumber} / Referral evidence index ${referenceNumber}`,
        links: [`customer:${c.customer_id}`, `loan:${c.loan_id}`, `case:${c.id}`],
      });
      const item = await createEvidence(deps, {}, actor, { staged, fileName: `${referenceNumber}.pdf`, input: fields, verdict, requestId });
      const { rows: [updated] } = await deps.database.sql.query<PackageRow>(`UPDATE legal_referral_packages SET pdf_evidence_id = $2 WHERE id = $1 RETURNING *`, [row.id, item.id]);
      return packageView(updated!);
    } finally {
      await staged.discard();
    }
  } catch (err) {
    deps.log.error('referral index PDF failed', { packageId: row.id, error: String(err) });
    return packageView(row);
  }
}

export async function decideReferral(deps: AppDeps, actor: Actor, id: string, decision: 'approve' | 'reject', reason: string | undefined, requestId: string | null) {
  const pre = z.uuid().safeParse(id).success ? (await deps.database.sql.query<PackageRow>(`SELECT * FROM legal_referral_packages WHERE id = $1`, [id])).rows[0] : undefined;
  if (!pre) throw notFound({ zh: '移交申请', en: 'Referral package' });
  await assertCustomerVisible(deps.database.db, actor, pre.customer_id);
  if (decision === 'reject' && !reason) throw new DomainError('validation', { zh: '驳回须填写理由', en: 'A rejection needs a reason' }, [{ field: 'reason', message: 'required when rejecting / 驳回时必填' }]);
  const now = deps.now();
  return deps.database.transaction(async (exec) => {
    const { rows: [p] } = await exec.query<PackageRow>(`SELECT * FROM legal_referral_packages WHERE id = $1 FOR UPDATE`, [id]);
    // Four eyes: the proposer never decides their own referral.
    if (p!.proposed_by === actorId(actor)) throw new DomainError('forbidden', { zh: '不能审批自己提出的移交申请', en: 'You cannot decide a referral you proposed' });
    if (p!.status !== 'proposed') throw new DomainError('conflict', { zh: '该移交申请已处理', en: `The referral is already ${p!.status}` });
    const status = decision === 'approve' ? 'approved' : 'rejected';
    const { rows: [row] } = await exec.query<PackageRow>(
      `UPDATE legal_referral_packages SET status = $2, decided_by = $3, decided_at = $4::timestamptz, decision_reason = $5 WHERE id = $1 RETURNING *`,
      [id, status, actorId(actor), now.toISOString(), reason ?? null],
    );
    if (p!.action_id) {
      await exec.query(`UPDATE collection_actions SET status = 'done', status_reason = $2 WHERE id = $1 AND status = 'proposed-awaiting-approval'`, [
        p!.action_id, `${status} by supervisor (${p!.reference_number})${reason ? `: ${reason}` : ''}`,
      ]);
    }
    const zh = decision === 'approve' ? '批准' : '驳回';
    await timeline(exec, p!.customer_id, now, `legal-referral-${status}`, id, `主管${zh}${KIND_ZH[p!.kind]}申请 ${p!.reference_number}`, `Supervisor ${status} ${p!.kind} referral ${p!.reference_number}`, { caseId: p!.case_id });
    await recordAudit(exec, {
      actor, action: `collections.legal-referral.${status}`, entityType: 'legal-referral', entityId: id, requestId, reason: reason ?? null,
      before: { status: 'proposed' }, after: { status, decidedBy: actorId(actor), actionId: p!.action_id },
    }, now);
    return packageView(row!);
  });
}

export async function listCaseReferrals(deps: AppDeps, actor: Actor, caseId: string) {
  await visibleCase(deps, actor, caseId);
  const { rows } = await deps.database.sql.query<PackageRow>(`SELECT * FROM legal_referral_packages WHERE case_id = $1 ORDER BY proposed_at DESC`, [caseId]);
  return rows.map(packageView);
}
