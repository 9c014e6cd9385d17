/**
 * Written repayment agreements (还款协议): quote → propose (PDF in the evidence store) → supervisor
 * approval when the calculator asks for it → borrower confirmation in the portal, which replaces
 * the loan's future schedule in one transaction (paid history kept, payments re-allocated).
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
import { addDays, todayInZone, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import { reallocateLoanPayments } from '../../loans/reallocate-payments.ts';
import { gracePeriod, instalmentPlan, restructuring, type ArrangementResult, type Instalment, type OutstandingSchedule } from '../arrangements/index.ts';
import { renderAgreementPdf } from './agreement-pdf.ts';

export const OFFER_DAYS = 14;

export const ArrangementRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grace-period'), months: z.number().int().min(1).max(24), interest: z.enum(['accrue', 'waive']) }),
  z.object({ kind: z.literal('instalment-plan'), months: z.number().int().min(1).max(60), feeFen: z.number().int().min(0).optional() }),
  z.object({
    kind: z.literal('restructuring'), termMonths: z.number().int().min(1).max(360), annualRateBps: z.number().int().min(0).max(10000).optional(),
    arrearsCharges: z.enum(['capitalize', 'waive', 'first-instalment']), principalReductionFen: z.number().int().min(0).optional(),
  }),
]).openapi('ArrangementRequest');
export type ArrangementRequest = z.infer<typeof ArrangementRequest>;

type CaseRow = { id: string; loan_id: string; customer_id: string; status: string; annual_rate_bps: number; loan_number: string; customer_name: string };

export async function loadCase(exec: SqlExecutor, caseId: string): Promise<CaseRow | undefined> {
  const { rows: [row] } = await exec.query<CaseRow>(
    `SELECT c.id, c.loan_id, c.customer_id, c.status, l.annual_rate_bps, l.loan_number, cu.name AS customer_name
       FROM collection_cases c JOIN loans l ON l.id = c.loan_id JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
    [caseId],
  );
  return row;
}

/** A case the staff actor may see (404 otherwise, existence not disclosed). */
export async function visibleCase(deps: AppDeps, actor: Actor, caseId: string): Promise<CaseRow> {
  const row = z.uuid().safeParse(caseId).success ? await loadCase(deps.database.sql, caseId) : undefined;
  if (!row) throw notFound({ zh: '催收案件', en: 'Collection case' });
  await assertCustomerVisible(deps.database.db, actor, row.customer_id);
  return row;
}

/** The unpaid part of every instalment of the loan, in due-date order. */
export async function outstandingOf(exec: SqlExecutor, loanId: string, asOf: CalendarDate): Promise<OutstandingSchedule> {
  const { rows } = await exec.query<{ sequence: number; due_date: string; p: string; i: string; f: string }>(
    `SELECT sequence, due_date::text AS due_date, principal_fen - paid_principal_fen AS p, interest_fen - paid_interest_fen AS i, fee_fen - paid_fee_fen AS f
       FROM instalments WHERE loan_id = $1 ORDER BY due_date, sequence`,
    [loanId],
  );
  return {
    asOf,
    instalments: rows.map((r) => ({ sequence: r.sequence, dueDate: r.due_date, principalFen: Number(r.p), interestFen: Number(r.i), feeFen: Number(r.f) })),
  };
}

export function calculate(outstanding: OutstandingSchedule, request: ArrangementRequest, currentAnnualRateBps: number): ArrangementResult {
  try {
    switch (request.kind) {
      case 'grace-period':
        return gracePeriod(outstanding, { months: request.months, interest: request.interest, annualRateBps: currentAnnualRateBps });
      case 'instalment-plan':
        return instalmentPlan(outstanding, { months: request.months, ...(request.feeFen !== undefined ? { feeFen: request.feeFen } : {}) });
      case 'restructuring':
        return restructuring(outstanding, {
          termMonths: request.termMonths, annualRateBps: request.annualRateBps ?? currentAnnualRateBps, arrearsCharges: request.arrearsCharges,
          ...(request.principalReductionFen !== undefined ? { principalReductionFen: request.principalReductionFen } : {}), currentAnnualRateBps,
        });
    }
  } catch (err) {
    if (err instanceof RangeError) throw new DomainError('validation', { zh: '方案参数无效', en: err.message }, [{ field: 'kind', message: `${err.message} / 方案参数无效，请检查期数、费率和金额` }]);
    throw err;
  }
}

const today = (deps: AppDeps) => todayInZone(deps.now(), deps.config.defaultTimeZone);

export function quoteView(r: ArrangementResult) {
  return {
    kind: r.kind, asOf: r.asOf, schedule: r.schedule, before: r.before, after: r.after, movements: r.movements, concessions: r.concessions,
    requiresSupervisorApproval: r.requiresSupervisorApproval, approvalReasons: r.approvalReasons,
  };
}

export async function quoteArrangement(deps: AppDeps, actor: Actor, caseId: string, request: ArrangementRequest) {
  const c = await visibleCase(deps, actor, caseId);
  if (c.status !== 'open') throw new DomainError('conflict', { zh: '案件已结案', en: 'The case is closed' });
  const asOf = today(deps);
  const outstanding = await outstandingOf(deps.database.sql, c.loan_id, asOf);
  return { result: calculate(outstanding, request, Number(c.annual_rate_bps)), outstanding, caseRow: c };
}

const basisHash = (rows: Instalment[]) => createHash('sha256').update(JSON.stringify(rows.filter((r) => r.principalFen + r.interestFen + r.feeFen > 0))).digest('hex');

async function* chunks(buf: Buffer): AsyncGenerator<Uint8Array> {
  yield buf;
}

export type AgreementRow = {
  id: string; case_id: string; loan_id: string; customer_id: string; kind: string; parameters: Record<string, unknown>; as_of: string;
  basis_schedule: Instalment[]; new_schedule: Instalment[]; summary: Record<string, unknown>; requires_approval: boolean; status: string;
  proposed_by: string; approved_by: string | null; expires_on: string; pdf_evidence_id: string | null; reference_number: string;
  proposed_at: Date; offered_at: Date | null; resolved_at: Date | null;
};

/**
 * A DATE column arrives as a string or as a Date (PGlite: UTC midnight; node-postgres: local
 * midnight); agreements compare and show calendar dates, so normalise to 'YYYY-MM-DD'.
 */
export function calendarDateOf(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, 10);
  if (v instanceof Date) {
    if (v.getUTCHours() === 0 && v.getUTCMinutes() === 0) return v.toISOString().slice(0, 10);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
  }
  return String(v);
}

const normalised = (a: AgreementRow): AgreementRow => ({ ...a, as_of: calendarDateOf(a.as_of), expires_on: calendarDateOf(a.expires_on) });

export function agreementView(row: AgreementRow) {
  const a = normalised(row);
  return {
    id: a.id, referenceNumber: a.reference_number, caseId: a.case_id, loanId: a.loan_id, customerId: a.customer_id, kind: a.kind,
    parameters: a.parameters, asOf: a.as_of, status: a.status, requiresSupervisorApproval: a.requires_approval,
    newSchedule: a.new_schedule, summary: a.summary, expiresOn: a.expires_on, pdfEvidenceId: a.pdf_evidence_id,
    proposedBy: a.proposed_by, approvedBy: a.approved_by,
    proposedAt: new Date(a.proposed_at).toISOString(), offeredAt: a.offered_at ? new Date(a.offered_at).toISOString() : null,
    resolvedAt: a.resolved_at ? new Date(a.resolved_at).toISOString() : null,
  };
}

/**
 * Proposes an agreement: frozen quote + bilingual PDF stored as evidence (linked to the customer,
 * loan, case and agreement). Needs no approval → offered at once; else proposed until a supervisor approves.
 */
export async function proposeAgreement(deps: AppDeps, actor: Actor, caseId: string, request: ArrangementRequest, requestId: string | null) {
  const { result, outstanding, caseRow: c } = await quoteArrangement(deps, actor, caseId, request);
  const now = deps.now();
  const status = result.requiresSupervisorApproval ? 'proposed' : 'offered';
  const expiresOn = addDays(result.asOf, OFFER_DAYS);
  const referenceNumber = `RA${result.asOf.replaceAll('-', '')}-${createHash('sha256').update(`${caseId}:${now.toISOString()}:${Math.random()}`).digest('hex').slice(0, 8).toUpperCase()}`;
  const summary = { before: result.before, after: result.after, movements: result.movements, concessions: result.concessions, approvalReasons: result.approvalReasons, basisHash: basisHash(outstanding.instalments) };

  const agreement = await deps.database.transaction(async (exec) => {
    const { rows: [row] } = await exec.query<AgreementRow>(
      `INSERT INTO repayment_agreements (case_id, loan_id, customer_id, kind, parameters, as_of, basis_schedule, new_schedule, summary, requires_approval,
                                         status, proposed_by, proposed_at, offered_at, expires_on, reference_number)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13::timestamptz, $14::timestamptz, $15, $16) RETURNING *`,
      [c.id, c.loan_id, c.customer_id, request.kind, JSON.stringify(request), result.asOf, JSON.stringify(outstanding.instalments), JSON.stringify(result.schedule),
        JSON.stringify(summary), result.requiresSupervisorApproval, status, actorId(actor), now.toISOString(), status === 'offered' ? now.toISOString() : null, expiresOn, referenceNumber],
    );
    await timeline(exec, c.customer_id, now, 'agreement-proposed', row!.id, `提出还款协议 ${referenceNumber}（${KIND_ZH[request.kind]}）`, `Repayment agreement ${referenceNumber} proposed (${request.kind})`);
    await recordAudit(exec, {
      actor, action: 'collections.agreement.proposed', entityType: 'repayment-agreement', entityId: row!.id, requestId,
      after: { caseId: c.id, loanId: c.loan_id, kind: request.kind, parameters: request, status, requiresSupervisorApproval: result.requiresSupervisorApproval, after: result.after },
    }, now);
    return row!;
  });

  const pdf = await renderAgreementPdf({
    referenceNumber, customerName: c.customer_name, loanNumber: c.loan_number, asOf: result.asOf, expiresOn, kind: request.kind,
    result, oldSchedule: outstanding.instalments, createdAt: now,
  });
  const staged = await evidenceStoreFor(deps).stage(chunks(pdf), { maxBytes: deps.config.evidenceMaxUploadBytes });
  let evidenceId: string;
  try {
    const verdict = await classifyUpload(staged, `${referenceNumber}.pdf`);
    const input = EvidenceUploadFields.parse({
      kind: 'contract', source: 'LoanDesk 还款协议 / repayment agreement', capturedAt: now.toISOString(),
      description: `还款协议 ${referenceNumber}（${KIND_ZH[request.kind]}）/ Repayment agreement ${referenceNumber}`,
      links: [`customer:${c.customer_id}`, `loan:${c.loan_id}`, `case:${c.id}`, `agreement:${agreement.id}`],
    });
    const item = await createEvidence(deps, {}, actor, { staged, fileName: `${referenceNumber}.pdf`, input, verdict, requestId });
    evidenceId = item.id;
  } catch (err) {
    await staged.discard();
    throw err;
  }
  const { rows: [updated] } = await deps.database.sql.query<AgreementRow>(`UPDATE repayment_agreements SET pdf_evidence_id = $2 WHERE id = $1 RETURNING *`, [agreement.id, evidenceId]);
  return { agreement: agreementView(updated!), quote: quoteView(result) };
}

async function lockAgreement(exec: SqlExecutor, id: string): Promise<AgreementRow | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const { rows: [row] } = await exec.query<AgreementRow>(`SELECT * FROM repayment_agreements WHERE id = $1 FOR UPDATE`, [id]);
  return row ? normalised(row) : undefined;
}

/** A supervisor approves an agreement that needs it; never their own proposal. Approval also offers it. */
export async function approveAgreement(deps: AppDeps, actor: Actor, id: string, requestId: string | null) {
  const now = deps.now();
  const pre = z.uuid().safeParse(id).success ? (await deps.database.sql.query<AgreementRow>(`SELECT * FROM repayment_agreements WHERE id = $1`, [id])).rows[0] : undefined;
  if (!pre) throw notFound({ zh: '还款协议', en: 'Repayment agreement' });
  await assertCustomerVisible(deps.database.db, actor, pre.customer_id);
  return deps.database.transaction(async (exec) => {
    const a = (await lockAgreement(exec, id))!;
    if (a.proposed_by === actorId(actor)) throw new DomainError('forbidden', { zh: '不能审批自己提出的协议', en: 'You cannot approve an agreement you proposed' });
    if (a.status !== 'proposed') throw new DomainError('conflict', { zh: '该协议不在待审批状态', en: `The agreement is ${a.status}, not awaiting approval` });
    const { rows: [row] } = await exec.query<AgreementRow>(
      `UPDATE repayment_agreements SET status = 'offered', approved_by = $2, approved_at = $3::timestamptz, offered_at = $3::timestamptz, expires_on = $4 WHERE id = $1 RETURNING *`,
      [id, actorId(actor), now.toISOString(), addDays(today(deps), OFFER_DAYS)],
    );
    await timeline(exec, a.customer_id, now, 'agreement-approved', id, `主管批准还款协议 ${a.reference_number}`, `Repayment agreement ${a.reference_number} approved by a supervisor`);
    await recordAudit(exec, { actor, action: 'collections.agreement.approved', entityType: 'repayment-agreement', entityId: id, before: { status: a.status }, after: { status: 'offered', approvedBy: actorId(actor) }, requestId }, now);
    return agreementView(row!);
  });
}

export async function listBorrowerAgreements(deps: AppDeps, customerId: string) {
  const { rows } = await deps.database.sql.query<AgreementRow>(
    `SELECT * FROM repayment_agreements WHERE customer_id = $1 AND status IN ('offered', 'confirmed', 'declined', 'expired') ORDER BY proposed_at DESC`,
    [customerId],
  );
  return rows.map(agreementView);
}

/**
 * The borrower confirms an offered agreement: status confirmed, and the loan's unpaid schedule is
 * replaced by the agreement's (instalments keep what was paid; unpaid amounts move to the new
 * instalments), payments re-allocated, audit and timeline — one transaction.
 */
export async function confirmAgreement(deps: AppDeps, actor: Actor, customerId: string, id: string, decision: 'confirm' | 'decline', requestId: string | null) {
  const now = deps.now();
  const asOf = today(deps);
  const outcome = await deps.database.transaction(async (exec) => {
    const a = await lockAgreement(exec, id);
    if (!a || a.customer_id !== customerId || !['offered', 'confirmed', 'declined', 'expired'].includes(a.status)) throw notFound({ zh: '还款协议', en: 'Repayment agreement' });
    if (a.status !== 'offered') throw new DomainError('conflict', { zh: '该协议已处理', en: `The agreement is already ${a.status}` });
    if (asOf > a.expires_on) {
      await exec.query(`UPDATE repayment_agreements SET status = 'expired', resolved_at = $2::timestamptz WHERE id = $1`, [id, now.toISOString()]);
      await recordAudit(exec, { actor, action: 'collections.agreement.expired', entityType: 'repayment-agreement', entityId: id, before: { status: 'offered' }, after: { status: 'expired' }, requestId }, now);
      return { expired: true as const };
    }
    if (decision === 'decline') {
      const { rows: [row] } = await exec.query<AgreementRow>(`UPDATE repayment_agreements SET status = 'declined', resolved_at = $2::timestamptz, resolved_by = $3 WHERE id = $1 RETURNING *`, [id, now.toISOString(), actorId(actor)]);
      await timeline(exec, a.customer_id, now, 'agreement-declined', id, `客户拒绝还款协议 ${a.reference_number}`, `Borrower declined repayment agreement ${a.reference_number}`);
      await recordAudit(exec, { actor, action: 'collections.agreement.declined', entityType: 'repayment-agreement', entityId: id, before: { status: 'offered' }, after: { status: 'declined' }, requestId }, now);
      return { agreement: row! };
    }
    // The loan must still owe what the agreement was computed from.
    const current = await outstandingOf(exec, a.loan_id, a.as_of);
    if (basisHash(current.instalments) !== a.summary['basisHash']) {
      throw new DomainError('conflict', { zh: '贷款情况已变化（如已有还款），请联系我们重新出具协议', en: 'The loan has changed since this agreement was written (e.g. a payment); ask for a new one' });
    }
    await replaceUnpaidSchedule(exec, a.loan_id, a.new_schedule);
    const { rows: [row] } = await exec.query<AgreementRow>(`UPDATE repayment_agreements SET status = 'confirmed', resolved_at = $2::timestamptz, resolved_by = $3 WHERE id = $1 RETURNING *`, [id, now.toISOString(), actorId(actor)]);
    await timeline(exec, a.customer_id, now, 'agreement-confirmed', id, `客户确认还款协议 ${a.reference_number}，还款计划已更新`, `Borrower confirmed repayment agreement ${a.reference_number}; the repayment schedule was replaced`);
    await recordAudit(exec, {
      actor, action: 'collections.agreement.confirmed', entityType: 'repayment-agreement', entityId: id, requestId,
      before: { status: 'offered', schedule: a.basis_schedule }, after: { status: 'confirmed', schedule: a.new_schedule },
    }, now);
    return { agreement: row! };
  });
  if ('expired' in outcome) throw new DomainError('conflict', { zh: '该协议已过期', en: 'The agreement offer has expired' });
  return agreementView(outcome.agreement);
}

/**
 * Keeps every instalment's paid amounts (an instalment nothing was paid on is removed), appends the
 * new instalments after them, and re-derives the allocations. Allocations are dropped first so the
 * emptied instalments can go; reallocateLoanPayments rewrites them from the payments.
 */
export async function replaceUnpaidSchedule(exec: SqlExecutor, loanId: string, schedule: Instalment[]): Promise<void> {
  await exec.query(`DELETE FROM repayment_allocations ra USING repayments r WHERE ra.repayment_id = r.id AND r.loan_id = $1`, [loanId]);
  await exec.query(
    `UPDATE instalments SET principal_fen = paid_principal_fen, interest_fen = paid_interest_fen, fee_fen = paid_fee_fen WHERE loan_id = $1`,
    [loanId],
  );
  await exec.query(`DELETE FROM instalments WHERE loan_id = $1 AND principal_fen + interest_fen + fee_fen = 0`, [loanId]);
  const { rows: [{ last }] = [{ last: 0 }] } = await exec.query<{ last: number | null }>(`SELECT max(sequence) AS last FROM instalments WHERE loan_id = $1`, [loanId]);
  const base = Number(last ?? 0);
  if (schedule.length) {
    await exec.query(
      `INSERT INTO instalments (loan_id, sequence, due_date, principal_fen, interest_fen, fee_fen)
       SELECT $1, * FROM unnest($2::int[], $3::date[], $4::bigint[], $5::bigint[], $6::bigint[])`,
      [loanId, schedule.map((_, i) => base + i + 1), schedule.map((s) => s.dueDate), schedule.map((s) => s.principalFen), schedule.map((s) => s.interestFen), schedule.map((s) => s.feeFen)],
    );
  }
  await reallocateLoanPayments(exec, [loanId]);
}

export const KIND_ZH: Record<string, string> = { 'grace-period': '宽限期', 'instalment-plan': '分期还款', restructuring: '债务重组' };

export async function timeline(exec: SqlExecutor, customerId: string, at: Date, kind: string, refId: string, summaryZh: string, summaryEn: string, detail?: Record<string, unknown>) {
  await exec.query(
    `INSERT INTO timeline_events (customer_id, occurred_at, module, kind, ref_id, summary_zh, summary_en, detail) VALUES ($1, $2::timestamptz, 'collections', $3, $4, $5, $6, $7::jsonb)`,
    [customerId, at.toISOString(), kind, refId, summaryZh, summaryEn, detail ? JSON.stringify(detail) : null],
  );
}
