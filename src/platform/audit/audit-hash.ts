import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.ts';

/** The first event chains from this fixed value (64 zeros), so the chain has a known start. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields covered by the hash. `seq` is deliberately not among them: the order of events is
 * proven by each row naming its predecessor's hash, and keeping seq out lets verification tell a
 * reordering (rows swapped) from an edit (content changed) instead of reporting both as "modified".
 */
export type HashedAuditFields = {
  id: string;
  occurredAt: string; // ISO 8601, milliseconds, UTC
  actorId: string;
  actorKind: string;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: JsonValue | null;
  after: JsonValue | null;
  diff: JsonValue | null;
  reason: string | null;
  requestId: string | null;
};

export function auditEventHash(prevHash: string, fields: HashedAuditFields): string {
  return createHash('sha256').update(prevHash).update(auditEventBody(fields)).digest('hex');
}

/**
 * What the hash covers after the predecessor's hash: the fields' canonical JSON, in this key order
 * (canonicalJson sorts keys anyway). The append sends it to PostgreSQL, which chains the hashes
 * itself in the same way (drizzle/0022 audit_append: sha256(prev_hash || body)).
 */
export function auditEventBody(fields: HashedAuditFields): string {
  const body: HashedAuditFields = {
    id: fields.id,
    occurredAt: fields.occurredAt,
    actorId: fields.actorId,
    actorKind: fields.actorKind,
    actorRole: fields.actorRole,
    action: fields.action,
    entityType: fields.entityType,
    entityId: fields.entityId,
    before: fields.before,
    after: fields.after,
    diff: fields.diff,
    reason: fields.reason,
    requestId: fields.requestId,
  };
  return canonicalJson(body);
}

/** The fields of the body that are JSON states, each given already written as canonical JSON ('null' for none). */
export type SerialisedAuditStates = { before: string; after: string; diff: string };

type ScalarAuditFields = Omit<HashedAuditFields, 'before' | 'after' | 'diff'>;

/** The body's keys in canonicalJson's order (sorted by UTF-16 code unit). */
const BODY_KEYS = (Object.keys({
  id: 0, occurredAt: 0, actorId: 0, actorKind: 0, actorRole: 0, action: 0, entityType: 0, entityId: 0, before: 0, after: 0, diff: 0, reason: 0, requestId: 0,
} satisfies Record<keyof HashedAuditFields, 0>) as Array<keyof HashedAuditFields>).sort();

/**
 * `auditEventBody` for an event whose states the caller has already written as canonical JSON
 * (record-audit.ts: it sends those same strings as the jsonb columns), so they are not written a
 * second time: the same text, character for character (audit-hash.test.ts).
 */
export function auditEventBodyOf(fields: ScalarAuditFields, states: SerialisedAuditStates): string {
  let out = '{';
  for (const key of BODY_KEYS) {
    if (out.length > 1) out += ',';
    const value = key === 'before' || key === 'after' || key === 'diff' ? states[key] : canonicalJson(fields[key]);
    out += `"${key}":${value}`;
  }
  return `${out}}`;
}

export type AuditDiff = Record<string, { from: JsonValue | null; to: JsonValue | null }>;

/**
 * Changed top-level keys, from → to (a missing key counts as null). Null when the event has neither
 * a before nor an after state (an access event such as evidence.viewed).
 */
export function computeDiff(before: JsonValue | null, after: JsonValue | null): AuditDiff | null {
  if (before === null && after === null) return null;
  const b = asRecord(before);
  const a = asRecord(after);
  const diff: AuditDiff = {};
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    const from = b[key] ?? null;
    const to = a[key] ?? null;
    // Only null writes as "null": a member on one side only differs without being written out.
    const differs = from === null || to === null ? from !== to : canonicalJson(from) !== canonicalJson(to);
    if (differs) diff[key] = { from, to };
  }
  return diff;
}

function asRecord(value: JsonValue | null): Record<string, JsonValue> {
  if (value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value;
  return { value }; // a scalar or array state is diffed as a single pseudo-key
}
