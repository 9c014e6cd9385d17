// Moved to src/platform/app-deps.ts; this re-export is removed once every importer is updated.
export type { AppDeps } from '../platform/app-deps.ts';
