/** Test worlds for the workbench, referral and contact-point API tests. */
import type { Database } from '../../../platform/db/client.ts';
import { buildLoan } from '../../../../test/support/factories.ts';
import { buildContactableCustomer } from '../../communications/communications.test-support.ts';

export const TODAY = '2026-11-26'; // the hub clock: Thursday 10:00 Asia/Shanghai

/** A contactable borrower whose only active loan has its first `paid` instalments paid, with an open case. */
export async function delinquent(db: Database, paid: number, opts: { dpd: number; bucket: string }) {
  const c = await buildContactableCustomer(db);
  await db.sql.query(`UPDATE loans SET status = 'settled' WHERE id = $1`, [c.loan.id]);
  const probe = await buildLoan(db, c.id);
  const amount = probe.schedule.slice(0, paid).reduce((s, i) => s + i.principalFen + i.interestFen + i.feeFen, 0);
  const { loan, schedule } = await buildLoan(db, c.id, { payments: amount > 0 ? [{ valueDate: probe.schedule[paid - 1]!.dueDate, amountFen: amount }] : [] });
  await db.sql.query(`UPDATE loans SET status = 'settled' WHERE id = $1`, [probe.loan.id]);
  const { rows: [kase] } = await db.sql.query<{ id: string }>(
    `INSERT INTO collection_cases (loan_id, customer_id, opened_on, arm, dpd, bucket, updated_on) VALUES ($1, $2, $3, 'champion', $4, $5, $3) RETURNING id`,
    [loan.id, c.id, TODAY, opts.dpd, opts.bucket],
  );
  return { customer: c, loan, schedule, caseId: kase!.id };
}

export const assign = (db: Database, customerId: string, assigneeId: string) =>
  db.sql.query(`INSERT INTO account_assignments (customer_id, assignee_id) VALUES ($1, $2)`, [customerId, assigneeId]);

/** The daily run's proposal action for a case, as the run writes it. */
export async function proposalAction(db: Database, k: { caseId: string; loanId: string; customerId: string }, kind: 'legal-referral-proposal' | 'external-agency-proposal', asOf = TODAY) {
  const { rows: [row] } = await db.sql.query<{ id: string }>(
    `INSERT INTO collection_actions (key, case_id, loan_id, customer_id, as_of, strategy_id, strategy_version, arm, segment_id, step_index, kind, status, requires_approval, trigger, reason, dpd)
     VALUES ($1, $2, $3, $4, $5, 'default', 1, 'champion', 'severe', 3, $6, 'proposed-awaiting-approval', true, 'ladder', 'severe stage: referral proposal', 200) RETURNING id`,
    [`${k.caseId}:${asOf}:severe:3`, k.caseId, k.loanId, k.customerId, asOf, kind],
  );
  return row!.id;
}
