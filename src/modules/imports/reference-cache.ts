import type { SqlExecutor } from '../../platform/db/client.ts';

/**
 * Branches and staff are small, slow-changing tables: read them once per run instead of once per
 * batch. Customers and loans (millions of rows) are resolved per batch with one `= ANY($1)` query.
 */
export type ReferenceCache = {
  hasBranch(id: string): boolean;
  /** staff_users.id for an employee code, or undefined. */
  staffId(employeeCode: string): string | undefined;
};

export async function loadReferenceCache(sql: SqlExecutor): Promise<ReferenceCache> {
  const branches = new Set(
    (await sql.query<{ id: string }>('SELECT id FROM branches')).rows.map((r) => r.id),
  );
  const staff = new Map(
    (await sql.query<{ id: string; employee_code: string }>('SELECT id, employee_code FROM staff_users')).rows.map(
      (r) => [r.employee_code, r.id] as const,
    ),
  );
  return { hasBranch: (id) => branches.has(id), staffId: (code) => staff.get(code) };
}

/** external key → uuid for the keys that exist, in one round trip. */
export async function lookupIds(
  sql: SqlExecutor,
  table: 'customers' | 'loans' | 'credit_lines',
  keyColumn: 'external_id' | 'loan_number',
  keys: Iterable<string>,
): Promise<Map<string, string>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; k: string }>(
    `SELECT id, ${keyColumn} AS k FROM ${table} WHERE ${keyColumn} = ANY($1::text[])`,
    [unique],
  );
  return new Map(rows.map((r) => [r.k, r.id]));
}
