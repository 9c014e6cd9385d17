// Moved to src/platform/http/openapi-router.ts; this re-export is removed once every importer is updated.
export { createRouter, type Router } from '../platform/http/openapi-router.ts';
