import { describe, expect, it } from 'vitest';
import { auditEventBody, auditEventBodyOf, computeDiff, type HashedAuditFields } from './audit-hash.ts';
import { canonicalJson, toJsonValue, type JsonValue } from './canonical-json.ts';

/** The body record-audit.ts sends (its states written once) must be the body the chain checker recomputes. */
describe('auditEventBodyOf', () => {
  const base = {
    id: '0b5d2c1e-8f4a-4c53-9d8e-3f1a2b4c5d6e', occurredAt: '2026-11-27T01:59:59.999Z', actorId: 'staff:7', actorKind: 'staff',
    actorRole: 'complaint-handler', action: 'complaint.opened', entityType: 'complaint', entityId: 'c-1', reason: null, requestId: 'req-1',
  };
  const states: Array<[string, unknown, unknown]> = [
    ['a creation', null, { referenceNumber: 'TS-2026-000001', amountFen: 5800, tags: ['催收', 'fee'], nested: { z: 1, a: [null, true] } }],
    ['a change', { status: 'received', ownerId: null }, { status: 'acknowledged', ownerId: 'u-2', at: new Date('2026-11-27T02:00:00Z') }],
    ['a removal', { note: '引号 " 与反斜杠 \\ 与换行\n' }, null],
    ['an access event', null, null],
    ['scalars', 'text', 42],
  ];
  for (const [name, before, after] of states) {
    it(`writes the same text as auditEventBody for ${name}`, () => {
      const b = before == null ? null : toJsonValue(before);
      const a = after == null ? null : toJsonValue(after);
      const diff = computeDiff(b, a);
      const fields: HashedAuditFields = { ...base, before: b, after: a, diff: diff as JsonValue | null };
      const text = (v: unknown) => (v == null ? 'null' : canonicalJson(v));
      const body = auditEventBodyOf(base, { before: text(before), after: text(after), diff: text(diff) });
      expect(body).toBe(auditEventBody(fields));
      expect(JSON.parse(body)).toEqual(JSON.parse(auditEventBody(fields)));
    });
  }
  it('writes every scalar field, nulls included', () => {
    const body = JSON.parse(auditEventBodyOf({ ...base, actorRole: null, requestId: null, reason: '客户要求' }, { before: 'null', after: '{"a":1}', diff: 'null' }));
    expect(body).toEqual({ ...base, actorRole: null, requestId: null, reason: '客户要求', before: null, after: { a: 1 }, diff: null });
  });
});
