import { beforeAll, expect, it } from 'vitest';
import { deleteDuringUncommittedInsert } from '../../../../test/support/held-insert.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildBranch, buildIndividual } from '../../../../test/support/factories.ts';
import type { Database, SqlExecutor } from '../../../platform/db/client.ts';

/** Migration 0018: an action's (case, loan, customer) must be a case's, kept by triggers instead of a foreign key. */
describeEachDatabase('collection actions name a real case with its loan and customer', (getDb, kind) => {
  let alice: string;
  let bob: string;
  const cases: Record<'alices' | 'bobs' | 'spare', { id: string; loanId: string; customerId: string }> = {} as never;

  const openCase = async (db: Database, customerId: string, number: string) => {
    const { rows: [loan] } = await db.sql.query<{ id: string }>(
      `INSERT INTO loans (loan_number, customer_id, product, principal_fen, annual_rate_bps, term_months, disbursement_date, branch_id)
       VALUES ($1, $2, 'working-capital', 10000000, 435, 12, '2026-01-15', 'BJ001') RETURNING id`,
      [number, customerId],
    );
    const { rows: [c] } = await db.sql.query<{ id: string }>(
      `INSERT INTO collection_cases (loan_id, customer_id, status, opened_on, arm, dpd, bucket, updated_on)
       VALUES ($1, $2, 'open', '2026-11-26', 'champion', 12, 'M1', '2026-11-26') RETURNING id`,
      [loan!.id, customerId],
    );
    return { id: c!.id, loanId: loan!.id, customerId };
  };
  const addActions = (exec: SqlExecutor, rows: Array<{ id: string; loanId: string; customerId: string; asOf: string }>) =>
    exec.query(
      `INSERT INTO collection_actions (key, case_id, loan_id, customer_id, as_of, strategy_id, strategy_version, arm, segment_id, step_index,
                                       kind, status, trigger, reason, dpd)
       SELECT 'k:' || u.case_id || ':' || u.as_of, u.case_id, u.loan_id, u.customer_id, u.as_of::date, 'default', 1, 'champion', 'early', 0,
              'agent-call-task', 'planned', 'schedule', 'test', 12
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) AS u(case_id, loan_id, customer_id, as_of)`,
      [rows.map((r) => r.id), rows.map((r) => r.loanId), rows.map((r) => r.customerId), rows.map((r) => r.asOf)],
    );
  const count = async (db: Database) => (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM collection_actions`)).rows[0]!.n;

  beforeAll(async () => {
    const db = getDb();
    await buildBranch(db);
    alice = (await buildIndividual(db)).id;
    bob = (await buildIndividual(db)).id;
    cases.alices = await openCase(db, alice, 'LN-ACTIONS-1');
    cases.bobs = await openCase(db, bob, 'LN-ACTIONS-2');
    cases.spare = await openCase(db, bob, 'LN-ACTIONS-3');
  });

  it('adds actions that name their case with its own loan and customer, many in one statement', async () => {
    const db = getDb();
    await addActions(db.sql, [{ ...cases.alices, asOf: '2026-11-26' }, { ...cases.bobs, asOf: '2026-11-26' }]);
    expect(await count(db)).toBe(2);
  });

  it('refuses a whole statement when one action names another case\'s loan or customer, or no case at all', async () => {
    const db = getDb();
    const before = await count(db);
    const good = { ...cases.alices, asOf: '2026-11-27' };
    await expect(addActions(db.sql, [good, { ...cases.alices, loanId: cases.bobs.loanId, asOf: '2026-11-29' }])).rejects.toThrow(/not such a case/);
    await expect(addActions(db.sql, [{ ...cases.alices, customerId: bob, asOf: '2026-11-28' }])).rejects.toThrow(/not such a case/);
    await expect(addActions(db.sql, [{ ...cases.alices, id: '00000000-0000-4000-8000-000000000000', asOf: '2026-11-28' }])).rejects.toThrow(/not such a case/);
    expect(await count(db)).toBe(before); // the valid action went with its statement
  });

  it('refuses moving an action to another case, and lets its other columns change', async () => {
    const db = getDb();
    await expect(db.sql.query(`UPDATE collection_actions SET case_id = $1 WHERE case_id = $2`, [cases.spare.id, cases.alices.id])).rejects.toThrow(/not such a case/);
    await db.sql.query(`UPDATE collection_actions SET outcome = 'responded' WHERE case_id = $1`, [cases.alices.id]);
  });

  it('refuses deleting a case that has actions, or changing its loan or customer; a case without any can be', async () => {
    const db = getDb();
    await expect(db.sql.query(`DELETE FROM collection_cases WHERE id = $1`, [cases.alices.id])).rejects.toThrow(/has actions/);
    await expect(db.sql.query(`UPDATE collection_cases SET loan_id = $1 WHERE id = $2`, [cases.spare.loanId, cases.bobs.id])).rejects.toThrow(/has actions|not a loan/);
    await db.sql.query(`UPDATE collection_cases SET dpd = 40, bucket = 'M2' WHERE id = $1`, [cases.alices.id]); // the daily run's refresh
    await db.sql.query(`DELETE FROM collection_cases WHERE id = $1`, [cases.spare.id]);
    expect((await db.sql.query(`SELECT 1 FROM collection_cases WHERE id = $1`, [cases.spare.id])).rows).toHaveLength(0);
  });

  if (kind === 'postgres') {
    it('sees an action still being inserted by another transaction: the case delete waits for it, then is refused', async () => {
      const db = getDb();
      const lone = await openCase(db, alice, 'LN-ACTIONS-4');
      const { outcome: deleting } = await deleteDuringUncommittedInsert(
        db, (exec) => addActions(exec, [{ ...lone, asOf: '2026-11-26' }]), () => db.sql.query(`DELETE FROM collection_cases WHERE id = $1`, [lone.id]),
      );
      await expect(deleting).rejects.toThrow(/has actions/);
    });
  }
});
