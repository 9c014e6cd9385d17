import type { Database } from '../../platform/db/client.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { delinquentLoans } from '../loans/portfolio-delinquency.ts';
import { DEMO_STAFF } from './demo-staff.ts';

/** Passwords of the demo accounts, printed in the README. Demo portfolios only — never production. */
export const DEMO_STAFF_PASSWORD = 'LoanDesk-2026';
export const DEMO_BORROWER_PASSWORD = 'Borrower-2026';
/** Portal accounts for the first customers only: enough to try the portal, cheap at a million customers. */
const PORTAL_ACCOUNTS = 500;

/**
 * Makes the demo usable on its first day: every demo staff member can sign in, the first borrowers
 * have portal accounts (login = customer number), and each delinquent customer is assigned to a
 * collector team of their branch so collectors have a queue (and a data scope) at once.
 */
export async function grantDemoAccess(database: Database, asOf: string): Promise<{ portalAccounts: number; assignments: number }> {
  const [staffHash, borrowerHash] = await Promise.all([hashPassword(DEMO_STAFF_PASSWORD), hashPassword(DEMO_BORROWER_PASSWORD)]);
  await database.sql.query(`UPDATE staff_users SET password_hash = $2 WHERE employee_code = ANY($1::text[]) AND password_hash IS NULL`, [
    DEMO_STAFF.map((s) => s.employeeCode),
    staffHash,
  ]);
  const portal = await database.sql.query<{ n: number }>(
    `WITH inserted AS (
       INSERT INTO portal_users (customer_id, login, password_hash)
       SELECT id, external_id, $2 FROM customers WHERE type = 'individual' ORDER BY external_id LIMIT $1
       ON CONFLICT DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM inserted`,
    [PORTAL_ACCOUNTS, borrowerHash],
  );

  const delinquentLoanIds: string[] = [];
  for await (const loan of delinquentLoans(database.sql, asOf, 0)) delinquentLoanIds.push(loan.loanId);
  const teams = [...new Set(DEMO_STAFF.filter((s) => s.role === 'collector' && s.team).map((s) => `${s.branchId}|${s.team}`))];
  const assigned = await database.sql.query<{ n: number }>(
    `WITH targets AS (
       SELECT DISTINCT c.id, c.branch_id FROM loans l JOIN customers c ON c.id = l.customer_id WHERE l.id = ANY($1::uuid[])),
     teams AS (
       SELECT split_part(t, '|', 1) AS branch_id, split_part(t, '|', 2) AS team,
              row_number() OVER (PARTITION BY split_part(t, '|', 1) ORDER BY t) - 1 AS slot,
              count(*) OVER (PARTITION BY split_part(t, '|', 1)) AS slots
         FROM unnest($2::text[]) AS t),
     numbered AS (
       SELECT id, branch_id, row_number() OVER (PARTITION BY branch_id ORDER BY id) AS n FROM targets),
     inserted AS (
       INSERT INTO account_assignments (customer_id, team)
       SELECT nb.id, tm.team FROM numbered nb JOIN teams tm ON tm.branch_id = nb.branch_id AND tm.slot = nb.n % tm.slots
       WHERE NOT EXISTS (SELECT 1 FROM account_assignments a WHERE a.customer_id = nb.id AND a.ended_at IS NULL)
       RETURNING 1)
     SELECT count(*)::int AS n FROM inserted`,
    [delinquentLoanIds, teams],
  );
  return { portalAccounts: Number(portal.rows[0]?.n ?? 0), assignments: Number(assigned.rows[0]?.n ?? 0) };
}
