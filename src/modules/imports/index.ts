/** Imports: CSV files from the lender's core banking system into customers, contacts, loans, schedules, repayments. */
export { runImport } from './run-import.ts';
export {
  ImportRefusedError, type ImportSummary, type ImportRejection, type ImportProgress, type ImportKind, type RunImportOptions,
} from './import-types.ts';
export { IMPORT_KINDS, importRuns, importRejections } from './imports.schema.ts';
export { IMPORT_KIND_DEFINITIONS } from './kinds/index.ts';
export { importsRoutes } from './imports.routes.ts';
