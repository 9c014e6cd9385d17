import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { fixture, importBuffer, insertReferenceData, reasonsByLine, utf8 } from './imports.test-support.ts';

const LOAN_HEADER = 'loan_number,customer_external_id,product,principal,annual_rate,term_months,disbursement_date,branch_id';

describeEachDatabase('import loans', (getDb) => {
  beforeAll(async () => {
    await insertReferenceData(getDb());
    await importBuffer(getDb(), 'customers', fixture('customers.csv'));
  });

  it('imports loans with amounts in integer fen and rates in basis points', async () => {
    const summary = await importBuffer(getDb(), 'loans', fixture('loans.csv'));
    expect(summary).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    const { rows } = await getDb().sql.query(
      `SELECT loan_number, principal_fen, annual_rate_bps, term_months, disbursement_date::text AS disbursement_date, status, officer_id IS NOT NULL AS has_officer
         FROM loans ORDER BY loan_number`,
    );
    expect(rows).toEqual([
      { loan_number: 'LN001', principal_fen: 50_000_000, annual_rate_bps: 435, term_months: 12, disbursement_date: '2024-01-15', status: 'active', has_officer: true },
      { loan_number: 'LN002', principal_fen: 12_000_000, annual_rate_bps: 650, term_months: 36, disbursement_date: '2023-06-20', status: 'active', has_officer: false },
      { loan_number: 'LN003', principal_fen: 500_000_000, annual_rate_bps: 420, term_months: 60, disbursement_date: '2022-09-01', status: 'active', has_officer: true },
    ]);
  });

  it('is idempotent: the same file again reports every row unchanged', async () => {
    expect(await importBuffer(getDb(), 'loans', fixture('loans.csv'))).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  it('updates a changed loan only', async () => {
    const csv = `${LOAN_HEADER},status\nLN001,C003,working-capital,500000.00,4.35,12,2024-01-15,SH001,recalled\nLN002,C001,personal-consumer,120000,6.5,36,2023-06-20,BJ001,active\n`;
    expect(await importBuffer(getDb(), 'loans', utf8(csv))).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const { rows } = await getDb().sql.query(`SELECT status, officer_id IS NOT NULL AS has_officer FROM loans WHERE loan_number = 'LN001'`);
    expect(rows[0]).toEqual({ status: 'recalled', has_officer: true }); // officer_code absent from the header: kept
  });

  it('rejects bad rows with line, column and reason and imports the valid ones', async () => {
    const summary = await importBuffer(getDb(), 'loans', fixture('loans-problems.csv'));
    expect(summary).toMatchObject({ read: 15, inserted: 2, rejected: 13 });
    expect(reasonsByLine(summary)).toEqual({
      3: ['principal: must not be negative'],
      4: ['principal: must be a number of yuan, e.g. 1234.56'],
      5: ['principal: has more than 2 decimal places'],
      6: ['disbursement_date: is not a real calendar date'],
      7: ['customer_external_id: unknown customer'],
      8: ['branch_id: unknown branch'],
      9: ['officer_code: unknown staff employee code'],
      10: ['loan_number: duplicate of line 2 in this file'],
      11: ['loan_number: looks like a spreadsheet formula'],
      12: ['annual_rate: has more than 2 decimal places'],
      13: ['term_months: must be between 1 and 600'],
      14: ['product: must be one of project-finance, working-capital, fixed-asset, personal-consumer'],
      16: ['principal: must be greater than 0'],
    });
    const { rows } = await getDb().sql.query(`SELECT principal_fen FROM loans WHERE loan_number = 'LN112'`);
    expect(rows).toEqual([{ principal_fen: 123_456_789 }]);
  });

  it('writes in batches: results do not depend on the batch size', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => `LB${String(i).padStart(3, '0')},C00${(i % 6) + 1},personal-consumer,${1000 + i}.50,5.5,12,2024-05-01,BJ001`);
    rows.splice(7, 0, 'LB005,C001,personal-consumer,1,5.5,12,2024-05-01,BJ001'); // duplicate across batches
    rows.splice(15, 0, 'LB999,C404,personal-consumer,1,5.5,12,2024-05-01,BJ001'); // unknown customer mid-file
    const summary = await importBuffer(getDb(), 'loans', utf8(`${LOAN_HEADER}\n${rows.join('\n')}\n`), { batchSize: 4 });
    expect(summary).toMatchObject({ read: 25, inserted: 23, rejected: 2 });
    expect(reasonsByLine(summary)).toEqual({ 9: ['loan_number: duplicate of line 7 in this file'], 17: ['customer_external_id: unknown customer'] });
    expect(await importBuffer(getDb(), 'loans', utf8(`${LOAN_HEADER}\n${rows.join('\n')}\n`), { batchSize: 3 })).toMatchObject({ inserted: 0, updated: 0, unchanged: 23 });
  });
});

describeEachDatabase('import schedules and repayments', (getDb) => {
  const loanId = async () => (await getDb().sql.query<{ id: string }>(`SELECT id FROM loans WHERE loan_number = 'LN900'`)).rows[0]!.id;
  const instalments = async () =>
    (
      await getDb().sql.query(
        `SELECT sequence, paid_principal_fen AS p, paid_interest_fen AS i, fully_paid_on::text AS paid_on
           FROM instalments WHERE loan_id = $1 ORDER BY sequence`,
        [await loanId()],
      )
    ).rows;

  beforeAll(async () => {
    await insertReferenceData(getDb());
    await importBuffer(getDb(), 'customers', fixture('customers.csv'));
    await importBuffer(getDb(), 'loans', utf8(`${LOAN_HEADER}\nLN900,C001,personal-consumer,3000,4.8,3,2024-01-15,BJ001\n`));
  });

  it('imports a schedule and re-imports it as unchanged', async () => {
    expect(await importBuffer(getDb(), 'schedules', fixture('schedules.csv'))).toMatchObject({ inserted: 3, rejected: 0 });
    expect(await importBuffer(getDb(), 'schedules', fixture('schedules.csv'))).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    const bad = 'loan_number,sequence,due_date,principal,interest\nLN404,1,2024-02-15,1,1\nLN900,1,2024-02-15,1,1\nLN900,1,2024-02-15,2,1\n';
    expect(reasonsByLine(await importBuffer(getDb(), 'schedules', utf8(bad)))).toEqual({
      2: ['loan_number: unknown loan'],
      4: ['loan_number+sequence: duplicate of line 3 in this file'],
    });
    // Line 3 changed instalment 1 to 1 yuan principal; put it back.
    expect(await importBuffer(getDb(), 'schedules', fixture('schedules.csv'))).toMatchObject({ updated: 1, unchanged: 2 });
  });

  it('allocates payments, and re-allocates when a backdated payment arrives later', async () => {
    // R002 (20 March) arrives first and pays the oldest instalment (due 15 February).
    expect(await importBuffer(getDb(), 'repayments', fixture('repayments.csv'))).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await instalments()).toEqual([
      { sequence: 1, p: 100_000, i: 10_000, paid_on: '2024-03-20' },
      { sequence: 2, p: 0, i: 0, paid_on: null },
      { sequence: 3, p: 0, i: 0, paid_on: null },
    ]);
    // Then R001 dated 10 February: it takes instalment 1, R002 moves to instalment 2; R003 overpays.
    const summary = await importBuffer(getDb(), 'repayments', fixture('repayments-backdated.csv'));
    expect(summary).toMatchObject({ inserted: 2, unchanged: 1, rejected: 0 });
    expect(await instalments()).toEqual([
      { sequence: 1, p: 100_000, i: 10_000, paid_on: '2024-02-10' },
      { sequence: 2, p: 100_000, i: 10_000, paid_on: '2024-03-20' },
      { sequence: 3, p: 100_000, i: 10_000, paid_on: '2024-04-15' },
    ]);
    const { rows } = await getDb().sql.query(`SELECT credit_balance_fen FROM loans WHERE loan_number = 'LN900'`);
    expect(rows[0]).toEqual({ credit_balance_fen: 500_000 - 110_000 });
    const { rows: alloc } = await getDb().sql.query<{ total: number }>(
      `SELECT sum(ra.amount_fen)::int AS total FROM repayment_allocations ra JOIN repayments r ON r.id = ra.repayment_id WHERE r.loan_id = $1`,
      [await loanId()],
    );
    expect(alloc[0]!.total).toBe(330_000);
  });

  it('treats repayments as immutable: identical → unchanged, different → rejected', async () => {
    const csv = [
      'external_id,loan_number,value_date,amount,channel',
      'R001,LN900,2024-02-10,1100.00,counter',
      'R002,LN900,2024-03-20,1200.00,auto-debit',
      'R003,LN900,2024-04-16,5000.00,bank-transfer',
      'R004,LN900,2024-05-01,-10,counter',
    ].join('\n');
    const summary = await importBuffer(getDb(), 'repayments', utf8(csv));
    expect(summary).toMatchObject({ read: 4, inserted: 0, unchanged: 1, rejected: 3 });
    expect(reasonsByLine(summary)).toEqual({
      3: ['amount: repayments are immutable; post a reversal (stored: 1100.00)'],
      4: ['value_date: repayments are immutable; post a reversal (stored: 2024-04-15)'],
      5: ['amount: must not be negative'],
    });
  });

  it('marks an instalment owing nothing as paid on its due date, even on a loan without payments', async () => {
    await importBuffer(getDb(), 'loans', utf8(`${LOAN_HEADER}\nLN901,C001,personal-consumer,1000,4.8,2,2024-01-15,BJ001\n`));
    const csv = 'loan_number,sequence,due_date,principal,interest\nLN901,1,2024-02-15,0,0\nLN901,2,2024-03-15,1000,8\n';
    expect(await importBuffer(getDb(), 'schedules', utf8(csv))).toMatchObject({ inserted: 2 });
    const read = async () =>
      (await getDb().sql.query(
        `SELECT i.sequence, i.fully_paid_on::text AS paid_on FROM instalments i JOIN loans l ON l.id = i.loan_id WHERE l.loan_number = 'LN901' ORDER BY 1`,
      )).rows;
    expect(await read()).toEqual([{ sequence: 1, paid_on: '2024-02-15' }, { sequence: 2, paid_on: null }]);
    // Corrected to owe something: no longer paid.
    await importBuffer(getDb(), 'schedules', utf8(csv.replace('LN901,1,2024-02-15,0,0', 'LN901,1,2024-02-15,500,4')));
    expect(await read()).toEqual([{ sequence: 1, paid_on: null }, { sequence: 2, paid_on: null }]);
  });

  it('rejects repayments for unknown loans', async () => {
    const summary = await importBuffer(getDb(), 'repayments', utf8('external_id,loan_number,value_date,amount\nR100,LN404,2024-05-01,10\n'));
    expect(reasonsByLine(summary)).toEqual({ 2: ['loan_number: unknown loan'] });
  });
});

describeEachDatabase('import contacts', (getDb) => {
  beforeAll(async () => {
    await insertReferenceData(getDb());
    await importBuffer(getDb(), 'customers', fixture('customers.csv'));
  });

  it('normalises phones to E.164 and e-mails to lower case; rejects invalid ones', async () => {
    const summary = await importBuffer(getDb(), 'contacts', fixture('contacts.csv'));
    expect(summary).toMatchObject({ read: 9, inserted: 4, rejected: 5 });
    expect(reasonsByLine(summary)).toEqual({
      7: ['value: is not a valid phone number'],
      8: ['third_party_name: is required when relationship is relative'],
      9: ['value: is not a valid e-mail address'],
      10: ['customer_external_id: unknown customer'],
      11: ['is_primary: must be true or false'],
    });
    const { rows } = await getDb().sql.query(`SELECT external_id, value, relationship, third_party_name FROM contact_points ORDER BY external_id`);
    expect(rows).toEqual([
      { external_id: 'CP1', value: '+8613800138000', relationship: 'self', third_party_name: null },
      { external_id: 'CP2', value: 'zhang.wei@example.com', relationship: 'self', third_party_name: null },
      { external_id: 'CP3', value: '北京市东城区人民路1号\n2栋3单元401室', relationship: 'self', third_party_name: null },
      { external_id: 'CP4', value: '+8613912345678', relationship: 'spouse', third_party_name: '李娜' },
    ]);
    expect(await importBuffer(getDb(), 'contacts', fixture('contacts.csv'))).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejected: 5 });
  });
});
