/**
 * A large synthetic portfolio for benchmarks, built in SQL (generate_series) in a dedicated
 * PostgreSQL database and reused between runs when it already matches. 12 monthly instalments per
 * loan; about 8% of loans stopped paying at a point 0–360 days before the as-of date, the rest pay
 * on the due date. Valid for timing only: names and ID hashes are synthetic filler, not demo data.
 */
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.ts';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function ensureBenchPortfolio(dbName: string, loans: number, asOf: string): Promise<{ url: string }> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount! > 0;
  if (exists) {
    const probe = new pg.Client({ connectionString: url.toString() });
    await probe.connect();
    const marker = await probe.query(`SELECT loans, as_of::text AS as_of FROM bench_marker`).catch(() => ({ rows: [] as any[] }));
    await probe.end();
    if (marker.rows[0] && Number(marker.rows[0].loans) === loans && marker.rows[0].as_of === asOf) {
      await admin.end();
      console.log(`bench portfolio: reusing ${loans.toLocaleString('en')} loans in ${dbName}`);
      return { url: url.toString() };
    }
    // Contact records and audit rows refuse deletion by design, so a stale bench database is dropped whole.
    await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  const sql = database.sql;
  await sql.query(`CREATE TABLE bench_marker (loans int, as_of date)`);
  const step = async (label: string, text: string, params: unknown[] = []) => {
    const t = performance.now();
    process.stdout.write(`bench portfolio: ${label}…`);
    await sql.query(text, params);
    console.log(` ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await step('branch', `INSERT INTO branches (id, name_zh, name_en) VALUES ('BJ001', '北京分行', 'Beijing Branch') ON CONFLICT DO NOTHING`);
  await step(`${loans.toLocaleString('en')} customers`,
    `INSERT INTO customers (external_id, type, name, id_number_ciphertext, id_number_hash, id_number_masked, branch_id)
     SELECT 'BC' || g, 'individual', '基准客户' || g, 'v1:bench', md5(g::text), '110101********0000', 'BJ001' FROM generate_series(1, $1::int) g`, [loans]);
  await step(`${loans.toLocaleString('en')} loans`,
    `INSERT INTO loans (loan_number, customer_id, product, principal_fen, annual_rate_bps, term_months, disbursement_date, branch_id)
     SELECT 'BL' || substr(c.external_id, 3), c.id, 'personal-consumer', 12000000, 435, 12,
            $1::date - ((substr(c.external_id, 3)::int * 37) % 700), 'BJ001'
       FROM customers c`, [asOf]);
  await step(`${(loans * 12).toLocaleString('en')} instalments`,
    `INSERT INTO instalments (loan_id, sequence, due_date, principal_fen, interest_fen, fee_fen, paid_principal_fen, paid_interest_fen, paid_fee_fen, fully_paid_on)
     SELECT l.id, s.seq, s.due, 1000000, 43500, 0,
            CASE WHEN s.paid THEN 1000000 ELSE 0 END, CASE WHEN s.paid THEN 43500 ELSE 0 END, 0,
            CASE WHEN s.paid THEN s.due END
       FROM loans l
       CROSS JOIN LATERAL (
         SELECT i AS seq, (l.disbursement_date + make_interval(months => i))::date AS due,
                (l.disbursement_date + make_interval(months => i))::date <= CASE
                  WHEN abs(hashtext(l.loan_number)) % 100 < 8 THEN $1::date - (abs(hashtext(l.loan_number || 'x')) % 360)
                  ELSE $1::date END AS paid
           FROM generate_series(1, 12) i) s`, [asOf]);
  await step('analyze', 'ANALYZE');
  await sql.query(`INSERT INTO bench_marker VALUES ($1, $2)`, [loans, asOf]);
  await database.close();
  return { url: url.toString() };
}
