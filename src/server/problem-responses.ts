// Moved to src/platform/http/problem-responses.ts; this re-export is removed once every importer is updated.
export * from '../platform/http/problem-responses.ts';
