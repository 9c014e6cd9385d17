export { recordAudit, recordAudits, withAudit, withDeferredAudits, withOneStatement, type AuditEventInput } from './record-audit.ts';
export { sendWithAudits, sendWrite, writesDeferred } from './deferred-audits.ts';
export { AUDIT_ACTIONS, AUDIT_ACTION_NAMES, isAuditAction, type AuditAction } from './audit-actions.ts';
export { auditEvents } from './audit.schema.ts';
export { verifyAuditChain, type AuditVerification } from './verify-audit-chain.ts';
export { auditRoutes } from './audit.routes.ts';
export { canonicalJson } from './canonical-json.ts';
export { GENESIS_HASH } from './audit-hash.ts';
