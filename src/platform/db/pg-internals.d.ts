// node-postgres exports its lib/ files (package.json "exports": "./lib/*") without typings for them.
declare module 'pg/lib/utils.js' {
  /** How node-postgres turns a JS value into a parameter's text (Dates, arrays, Buffers, objects as JSON). */
  export function prepareValue(value: unknown): unknown;
}

declare module 'pg/lib/result.js' {
  export type FieldDescription = { name: string; dataTypeID: number; format: string };
  /** What node-postgres builds for each statement's answer: rows parsed by the type parsers of their columns. */
  export default class Result {
    rows: Record<string, unknown>[];
    rowCount: number | null;
    command: string | null;
    addFields(fields: FieldDescription[]): void;
    parseRow(values: Array<string | null>): Record<string, unknown>;
    addRow(row: Record<string, unknown>): void;
    addCommandComplete(msg: { text: string }): void;
  }
}
