/**
 * The account view of one case (what the agent sees on opening it) and the supervisor's approvals
 * list. Reads only; the customer, loan, timeline and compliance panels come from their own APIs.
 */
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { customers } from '../../customers/customers.schema.ts';
import { customerScope } from '../../customers/customer-scope.ts';
import { agreementView, visibleCase, type AgreementRow } from '../agreements/agreement-service.ts';
import { packageView, type PackageRow } from '../legal-referral/legal-referral-service.ts';
import { phoneCheck } from './workbench-service.ts';
import { todayInZone } from '../../../platform/time/calendar-date.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function getCaseView(deps: AppDeps, actor: Actor, caseId: string) {
  const c = await visibleCase(deps, actor, caseId);
  const sql = deps.database.sql;
  const [{ rows: [kase] }, { rows: actions }, { rows: promises }, { rows: outcomes }, { rows: agreements }, { rows: referrals }, { rows: otherCases }, { rows: complaints }] = await Promise.all([
    sql.query<{ opened_on: string; closed_on: string | null; close_reason: string | null; arm: string; segment_id: string | null; dpd: number; bucket: string; willingness: string; risk_tier: string }>(
      `SELECT c.opened_on::text AS opened_on, c.closed_on::text AS closed_on, c.close_reason, c.arm,
              (SELECT a.segment_id FROM collection_actions a WHERE a.case_id = c.id ORDER BY a.as_of DESC LIMIT 1) AS segment_id, c.dpd, c.bucket, c.willingness, cu.risk_tier
         FROM collection_cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`, [caseId],
    ),
    sql.query<{ id: string; as_of: string; kind: string; channel: string | null; template_key: string | null; status: string; status_reason: string | null; outcome: string; reason: string; requires_approval: boolean }>(
      `SELECT id, as_of::text AS as_of, kind, channel, template_key, status, status_reason, outcome, reason, requires_approval FROM collection_actions WHERE case_id = $1 ORDER BY as_of DESC LIMIT 200`, [caseId],
    ),
    sql.query<{ id: string; promised_on: string; due_on: string; amount_fen: string; status: string; resolved_on: string | null }>(
      `SELECT id, promised_on::text AS promised_on, due_on::text AS due_on, amount_fen, status, resolved_on::text AS resolved_on FROM promises_to_pay WHERE case_id = $1 ORDER BY created_at DESC`, [caseId],
    ),
    sql.query<{ id: string; outcome: string; willingness: string | null; hardship_reason: string | null; note: string | null; callback_at: Date | null; recorded_by: string; recorded_at: Date }>(
      `SELECT id, outcome, willingness, hardship_reason, note, callback_at, recorded_by, recorded_at FROM collection_outcomes WHERE case_id = $1 ORDER BY recorded_at DESC LIMIT 200`, [caseId],
    ),
    sql.query<AgreementRow>(`SELECT * FROM repayment_agreements WHERE case_id = $1 ORDER BY proposed_at DESC`, [caseId]),
    sql.query<PackageRow>(`SELECT * FROM legal_referral_packages WHERE case_id = $1 ORDER BY proposed_at DESC`, [caseId]),
    sql.query<{ id: string; loan_number: string; dpd: number; bucket: string }>(
      `SELECT c.id, l.loan_number, c.dpd, c.bucket FROM collection_cases c JOIN loans l ON l.id = c.loan_id WHERE c.customer_id = $1 AND c.status = 'open' AND c.id <> $2 ORDER BY c.dpd DESC`, [c.customer_id, caseId],
    ),
    // Open complaints: an agent must know before calling (the contact hold follows from them); no content, only that they exist.
    sql.query<{ id: string; reference_number: string; status: string; received_at: Date }>(
      `SELECT id, reference_number, status, received_at FROM complaints WHERE customer_id = $1 AND status <> 'closed' ORDER BY received_at DESC LIMIT 20`, [c.customer_id],
    ),
  ]);
  const k = kase!;
  return {
    asOf: todayInZone(deps.now(), deps.config.defaultTimeZone),
    id: c.id, status: c.status, openedOn: k.opened_on, closedOn: k.closed_on, closeReason: k.close_reason, arm: k.arm, segmentId: k.segment_id,
    dpd: Number(k.dpd), bucket: k.bucket, willingness: k.willingness,
    customer: { id: c.customer_id, name: c.customer_name, riskTier: k.risk_tier },
    loan: { id: c.loan_id, loanNumber: c.loan_number, annualRateBps: Number(c.annual_rate_bps) },
    callNow: c.status === 'open' ? await phoneCheck(sql, c.customer_id, c.loan_id, deps.now()) : null,
    actions: actions.map((a) => ({ id: a.id, asOf: a.as_of, kind: a.kind, channel: a.channel, templateKey: a.template_key, status: a.status, statusReason: a.status_reason, outcome: a.outcome, reason: a.reason, requiresApproval: a.requires_approval })),
    promises: promises.map((p) => ({ id: p.id, promisedOn: p.promised_on, dueOn: p.due_on, amountFen: Number(p.amount_fen), status: p.status, resolvedOn: p.resolved_on })),
    outcomes: outcomes.map((o) => ({ id: o.id, outcome: o.outcome, willingness: o.willingness, hardshipReason: o.hardship_reason, note: o.note, callbackAt: iso(o.callback_at), recordedBy: o.recorded_by, recordedAt: iso(o.recorded_at)! })),
    agreements: agreements.map(agreementView),
    referrals: referrals.map(packageView),
    otherOpenCases: otherCases.map((o) => ({ caseId: o.id, loanNumber: o.loan_number, dpd: Number(o.dpd), bucket: o.bucket })),
    openComplaints: complaints.map((x) => ({ id: x.id, referenceNumber: x.reference_number, status: x.status, receivedAt: iso(x.received_at)! })),
  };
}

/** What waits for a supervisor in their scope: agreements above the limits, referral packages, and run proposals not yet assembled. */
export async function listApprovals(deps: AppDeps, actor: Actor) {
  // The actor's data scope as a sub-select (its own $n parameters; the queries below have none of their own).
  const scope = deps.database.db.select({ id: customers.id }).from(customers).where(customerScope(actor)).toSQL();
  const inScope = (column: string) => `${column} IN (${scope.sql})`;
  const scopeParams = scope.params;
  const sql = deps.database.sql;
  const [{ rows: agreements }, { rows: referrals }, { rows: proposals }] = await Promise.all([
    sql.query<AgreementRow & { customer_name: string; loan_number: string }>(
      `SELECT a.*, cu.name AS customer_name, l.loan_number FROM repayment_agreements a JOIN customers cu ON cu.id = a.customer_id JOIN loans l ON l.id = a.loan_id
        WHERE a.status = 'proposed' AND ${inScope('a.customer_id')} ORDER BY a.proposed_at`, scopeParams,
    ),
    sql.query<PackageRow & { customer_name: string; loan_number: string }>(
      `SELECT p.*, cu.name AS customer_name, l.loan_number FROM legal_referral_packages p JOIN customers cu ON cu.id = p.customer_id JOIN loans l ON l.id = p.loan_id
        WHERE p.status = 'proposed' AND ${inScope('p.customer_id')} ORDER BY p.proposed_at`, scopeParams,
    ),
    sql.query<{ id: string; case_id: string; as_of: string; kind: string; reason: string; dpd: number; customer_id: string; customer_name: string; loan_number: string }>(
      `SELECT a.id, a.case_id, a.as_of::text AS as_of, a.kind, a.reason, a.dpd, a.customer_id, cu.name AS customer_name, l.loan_number
         FROM collection_actions a JOIN customers cu ON cu.id = a.customer_id JOIN loans l ON l.id = a.loan_id JOIN collection_cases c ON c.id = a.case_id
        WHERE a.status = 'proposed-awaiting-approval' AND c.status = 'open' AND ${inScope('a.customer_id')}
          AND NOT EXISTS (SELECT 1 FROM legal_referral_packages p WHERE p.action_id = a.id)
        ORDER BY a.as_of LIMIT 500`, scopeParams,
    ),
  ]);
  return {
    agreements: agreements.map((a) => ({ ...agreementView(a), customerName: a.customer_name, loanNumber: a.loan_number })),
    referrals: referrals.map((p) => ({ ...packageView(p), customerName: p.customer_name, loanNumber: p.loan_number })),
    pendingProposals: proposals.map((p) => ({ actionId: p.id, caseId: p.case_id, asOf: p.as_of, kind: p.kind, reason: p.reason, dpd: Number(p.dpd), customerId: p.customer_id, customerName: p.customer_name, loanNumber: p.loan_number })),
  };
}
