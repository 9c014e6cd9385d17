import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildBranch, buildIndividual } from '../../../../test/support/factories.ts';
import type { Database } from '../../../platform/db/client.ts';

/** Migration 0017: a case's (loan, customer) must be a loan's, kept by triggers instead of a foreign key. */
describeEachDatabase('collection cases name a real loan of their customer', (getDb) => {
  let alice: string;
  let bob: string;
  let alicesLoan: string;

  const newLoan = async (db: Database, customerId: string, number: string) =>
    (await db.sql.query<{ id: string }>(
      `INSERT INTO loans (loan_number, customer_id, product, principal_fen, annual_rate_bps, term_months, disbursement_date, branch_id)
       VALUES ($1, $2, 'working-capital', 10000000, 435, 12, '2026-01-15', 'BJ001') RETURNING id`,
      [number, customerId],
    )).rows[0]!.id;
  const openCases = (db: Database, rows: Array<[loanId: string, customerId: string]>) =>
    db.sql.query(
      `INSERT INTO collection_cases (loan_id, customer_id, status, opened_on, arm, dpd, bucket, updated_on)
       SELECT u.loan_id, u.customer_id, 'open', '2026-11-26', 'champion', 12, 'M1', '2026-11-26'
         FROM unnest($1::uuid[], $2::uuid[]) AS u(loan_id, customer_id)`,
      [rows.map((r) => r[0]), rows.map((r) => r[1])],
    );
  const count = async (db: Database) => (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM collection_cases`)).rows[0]!.n;

  beforeAll(async () => {
    const db = getDb();
    await buildBranch(db);
    alice = (await buildIndividual(db)).id;
    bob = (await buildIndividual(db)).id;
    alicesLoan = await newLoan(db, alice, 'LN-INTEGRITY-1');
  });

  it('opens cases whose loan and customer belong together, many in one statement', async () => {
    const db = getDb();
    const second = await newLoan(db, alice, 'LN-INTEGRITY-2');
    await openCases(db, [[alicesLoan, alice], [second, alice]]);
    expect(await count(db)).toBe(2);
  });

  it('refuses a whole statement when one case names a loan of another customer, or no loan at all', async () => {
    const db = getDb();
    const before = await count(db);
    const bobsLoan = await newLoan(db, bob, 'LN-INTEGRITY-3');
    const alicesThird = await newLoan(db, alice, 'LN-INTEGRITY-5');
    await expect(openCases(db, [[bobsLoan, bob], [alicesThird, bob]])).rejects.toThrow(/not a loan of that customer/);
    await expect(openCases(db, [['00000000-0000-4000-8000-000000000000', bob]])).rejects.toThrow(/not a loan of that customer/);
    expect(await count(db)).toBe(before); // bob's valid case went with the statement
  });

  it('refuses moving a case to another customer\'s loan', async () => {
    const db = getDb();
    await expect(db.sql.query(`UPDATE collection_cases SET customer_id = $1 WHERE loan_id = $2`, [bob, alicesLoan])).rejects.toThrow(/not a loan of that customer/);
    // Updates that leave the pair alone (the daily run's DPD refresh) pass.
    await db.sql.query(`UPDATE collection_cases SET dpd = 13 WHERE loan_id = $1`, [alicesLoan]);
  });

  it('refuses deleting a loan that has a case, or giving it another customer; a loan without one can be', async () => {
    const db = getDb();
    await expect(db.sql.query(`DELETE FROM loans WHERE id = $1`, [alicesLoan])).rejects.toThrow(/has collection cases/);
    await expect(db.sql.query(`UPDATE loans SET customer_id = $1 WHERE id = $2`, [bob, alicesLoan])).rejects.toThrow(/has collection cases/);
    await db.sql.query(`UPDATE loans SET annual_rate_bps = 450 WHERE id = $1`, [alicesLoan]); // other columns: no check
    const spare = await newLoan(db, bob, 'LN-INTEGRITY-4');
    await db.sql.query(`UPDATE loans SET customer_id = $1 WHERE id = $2`, [alice, spare]);
    await db.sql.query(`DELETE FROM loans WHERE id = $1`, [spare]);
    expect((await db.sql.query(`SELECT 1 FROM loans WHERE id = $1`, [spare])).rows).toHaveLength(0);
  });
});
