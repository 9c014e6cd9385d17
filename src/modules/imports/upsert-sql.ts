/**
 * One set-based statement per batch: `INSERT … SELECT FROM unnest(array params) ON CONFLICT DO
 * UPDATE … WHERE old IS DISTINCT FROM new`. The WHERE makes re-imports of identical rows touch
 * nothing (no dead tuples, no updated_at churn), and `xmax = 0` in RETURNING tells a fresh insert
 * from an update; rows neither inserted nor updated were unchanged. Works the same on PGlite.
 */
export type UpsertColumn = {
  name: string;
  /** PostgreSQL element type of the array parameter, e.g. 'text', 'bigint', 'uuid', 'date'. */
  type: string;
  /**
   * On conflict: 'set' (default) overwrites and compares; 'keep' never overwrites (e.g. a column
   * whose CSV column is absent from this file, or the conflict key); or a custom SET expression
   * that is not compared (e.g. a ciphertext that differs on every encryption).
   */
  onUpdate?: 'set' | 'keep' | { expr: string };
};

export function buildUpsertSql(opts: {
  table: string;
  conflict: readonly string[];
  columns: readonly UpsertColumn[];
  /** Extra SET clauses applied only when something changed, e.g. 'updated_at = now()'. */
  touch?: string;
  /** Extra RETURNING expressions after `inserted`. */
  returning?: string;
}): string {
  const { table, conflict, columns } = opts;
  const names = columns.map((c) => c.name).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sets: string[] = [];
  const compared: string[] = [];
  for (const c of columns) {
    if (conflict.includes(c.name) || c.onUpdate === 'keep') continue;
    if (c.onUpdate && typeof c.onUpdate === 'object') {
      sets.push(`${c.name} = ${c.onUpdate.expr}`);
    } else {
      sets.push(`${c.name} = excluded.${c.name}`);
      compared.push(c.name);
    }
  }
  if (opts.touch) sets.push(opts.touch);
  const conflictClause =
    compared.length === 0
      ? `ON CONFLICT (${conflict.join(', ')}) DO NOTHING`
      : `ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${sets.join(', ')}
     WHERE (${compared.map((n) => `${table}.${n}`).join(', ')}) IS DISTINCT FROM (${compared.map((n) => `excluded.${n}`).join(', ')})`;
  return `INSERT INTO ${table} (${names})
     SELECT * FROM unnest(${params})
     ${conflictClause}
     RETURNING (xmax = 0) AS inserted${opts.returning ? `, ${opts.returning}` : ''}`;
}

/** Wraps an upsert so only two numbers travel back instead of one row per changed row. */
export function countingUpsertSql(upsert: string): string {
  return `WITH up AS (${upsert})
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`;
}

/** Transposes row objects into one array per column, in `columns` order, for the unnest params. */
export function columnArrays<T>(rows: readonly T[], getters: ReadonlyArray<(row: T) => unknown>): unknown[][] {
  const arrays = getters.map(() => new Array<unknown>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < getters.length; c++) arrays[c]![r] = getters[c]!(rows[r]!) ?? null;
  }
  return arrays;
}
