/**
 * Array parameters written as PostgreSQL array literals here rather than by node-postgres.
 *
 * Bulk statements send columns as arrays (`unnest($1::uuid[], $2::text[], …)`): the daily
 * collections run sends about 2.5 million elements at 1,000,000 loans. node-postgres quotes each
 * element through two regular-expression replacements; this writes numbers, booleans and strings
 * that need no escaping as they are, which took the run's parameter encoding from about 0.8 s of
 * CPU to a fraction of it. Only flat arrays of strings, finite numbers, booleans and null are
 * encoded here; anything else (nested arrays, Dates, Buffers, objects) is left to node-postgres,
 * whose encoding is the reference this must match (array-parameters.test.ts).
 */
export function encodeArrayParameters(params: unknown[] | undefined): unknown[] | undefined {
  if (!params) return params;
  let out: unknown[] | undefined;
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    if (!Array.isArray(value)) continue;
    const literal = arrayLiteral(value);
    if (literal === null) continue;
    out ??= params.slice();
    out[i] = literal;
  }
  return out ?? params;
}

/** `{"a","b",NULL}`, or null when an element is not a string, finite number, boolean or null. */
export function arrayLiteral(values: readonly unknown[]): string | null {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'string') out += quote(v);
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return null; // node-postgres writes "NaN" / "Infinity"; leave it that
      out += `"${v}"`;
    } else if (typeof v === 'boolean') out += v ? '"true"' : '"false"';
    else return null;
  }
  return `${out}}`;
}

function quote(s: string): string {
  if (s.indexOf('"') === -1 && s.indexOf('\\') === -1) return `"${s}"`;
  // Two plain-string passes: faster than one regular expression with a '$&' replacement on the
  // JSON texts audit appends send (a quote every few characters).
  return `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
