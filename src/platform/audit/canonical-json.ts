/**
 * Canonical JSON for hashing audit events: object keys sorted by UTF-16 code unit, no whitespace,
 * Dates as ISO 8601 (UTC, milliseconds), `undefined` object members dropped (as JSON.stringify does).
 *
 * Why not JSON.stringify: key order follows insertion order, and PostgreSQL's jsonb re-orders keys,
 * so the same event read back from the database would hash differently. Values JSON cannot carry
 * exactly (NaN, Infinity, BigInt, functions, symbols) are refused rather than silently turned into
 * null: an audit record must hash what was really stored.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  try {
    return writeFast(value);
  } catch (err) {
    if (err === UNSUPPORTED) write(value, '$'); // throws the TypeError that names where
    throw err;
  }
}

/** The value as plain JSON data (what jsonb will hand back), e.g. Dates become ISO strings. */
export function toJsonValue(value: unknown): JsonValue {
  return JSON.parse(canonicalJson(value)) as JsonValue;
}

const UNSUPPORTED = new TypeError('canonicalJson: unsupported value');

/**
 * The writer every audit append runs (the daily collections run hashes thousands of events): no
 * path strings, no intermediate arrays. On a value it cannot write it throws UNSUPPORTED, and
 * `write` below walks the value again to say where. The two must agree on every value they accept.
 */
function writeFast(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw UNSUPPORTED;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += value[i] === undefined ? 'null' : writeFast(value[i]);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        if (value instanceof Date) {
          if (Number.isNaN(value.getTime())) throw UNSUPPORTED;
          return JSON.stringify(value.toISOString());
        }
        const json = (value as { toJSON?: () => unknown }).toJSON;
        if (typeof json === 'function') return writeFast(json.call(value));
        throw UNSUPPORTED;
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      for (const key of sortKeys(Object.keys(record))) {
        const member = record[key];
        if (member === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(key)}:${writeFast(member)}`;
      }
      return `${out}}`;
    }
    default:
      throw UNSUPPORTED;
  }
}

/**
 * Sorts keys in place in Array.prototype.sort's default order (UTF-16 code units, as `<` compares
 * strings). An insertion sort for the few keys audit states have: the built-in sort allocated about a
 * tenth of what a complaint intake allocates (a heap profile of npm run bench:complaints).
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`canonicalJson: invalid Date at ${path}`);
    return JSON.stringify(value.toISOString());
  }
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${path}`);
      return JSON.stringify(value); // -0 becomes "0", as in JSON.stringify
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => (v === undefined ? 'null' : write(v, `${path}[${i}]`))).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const json = (value as { toJSON?: () => unknown }).toJSON;
        if (typeof json === 'function') return write(json.call(value), path);
        throw new TypeError(`canonicalJson: unsupported object (${proto?.constructor?.name ?? 'unknown'}) at ${path}`);
      }
      const entries = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${path}.${k}`)}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value} at ${path}`);
  }
}
