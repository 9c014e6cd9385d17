// node-postgres exports its lib/ files (package.json "exports": "./lib/*") without typings for them.
declare module 'pg/lib/utils.js' {
  /** How node-postgres turns a JS value into a parameter's text (Dates, arrays, Buffers, objects as JSON). */
  export function prepareValue(value: unknown): unknown;
}
