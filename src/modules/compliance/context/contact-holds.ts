import type { Actor } from '../../../platform/auth/actor.ts';
import { actorId } from '../../../platform/auth/actor.ts';
import { randomUUID } from 'node:crypto';
import { recordAudit, sendWrite, type AuditEventInput } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import type { ContactFlag, ContactHoldType } from './context.schema.ts';

const HOLD_ZH: Record<ContactHoldType, string> = {
  'collection-conduct-complaint': '催收行为投诉',
  'fraud-incident': '欺诈事件',
  dispute: '争议',
  'legal-hold': '法律程序暂停',
};

export type OpenContactHoldInput = {
  customerId: string;
  /** null = every debt of the customer. */
  debtId?: string | null;
  type: ContactHoldType;
  /** The case that asks for the pause, e.g. { sourceType: 'complaint', sourceId: complaint.id }. */
  sourceType: string;
  sourceId: string;
  reason: string;
  actor: Actor;
  at: Date;
  requestId?: string | null;
};

/**
 * Pauses collection contact while a case is open. Called by the complaints module when a complaint
 * about collection conduct is received, by the fraud module when the borrower is a fraud victim,
 * and for disputes and legal holds. Runs in the caller's transaction (`tx` = executorFor(tx) or the
 * SqlExecutor of database.transaction), together with the case change, its timeline entry and audit.
 * Idempotent per source: opening the same type again for the same open source returns the open hold.
 */
export async function openContactHold(tx: SqlExecutor, input: OpenContactHoldInput): Promise<{ holdId: string; created: boolean }> {
  const { rows: [existing] } = await tx.query<{ id: string }>(
    `SELECT id FROM contact_holds WHERE customer_id = $1 AND type = $2 AND source_type = $3 AND source_id = $4 AND closed_at IS NULL`,
    [input.customerId, input.type, input.sourceType, input.sourceId],
  );
  if (existing) return { holdId: existing.id, created: false };
  const { rows: [row] } = await tx.query<{ id: string }>(
    `INSERT INTO contact_holds (customer_id, debt_id, type, opened_at, source_type, source_id, reason, opened_by)
     VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8) RETURNING id`,
    [input.customerId, input.debtId ?? null, input.type, input.at.toISOString(), input.sourceType, input.sourceId, input.reason, actorId(input.actor)],
  );
  await timeline(tx, input.customerId, input.at, 'contact-hold-opened', row!.id,
    `暂停催收联系：${HOLD_ZH[input.type]}`, `Collection contact paused: ${input.type}`);
  await recordAudit(tx, holdOpenedEvent(input, row!.id), input.at);
  return { holdId: row!.id, created: true };
}

function holdOpenedEvent(input: OpenContactHoldInput, holdId: string): AuditEventInput {
  return {
    actor: input.actor, action: 'contact-hold.opened', entityType: 'contact-hold', entityId: holdId,
    after: { customerId: input.customerId, debtId: input.debtId ?? null, type: input.type, sourceType: input.sourceType, sourceId: input.sourceId },
    reason: input.reason, requestId: input.requestId ?? null,
  };
}

/**
 * `openContactHold` for a case being created in the same unit of work (complaint intake), so no hold
 * of that source can exist yet: nothing is read, and the writes go through `sendWrite` and
 * `recordAudit`, so it also runs inside `withOneStatement`. The hold's id is made here. The caller
 * judges later contacts of that unit with `withOpenedHold` (load-contact-context.ts), since its reads
 * cannot see the hold before the statement runs.
 */
export async function openContactHoldForNewCase(tx: SqlExecutor, input: OpenContactHoldInput): Promise<{ holdId: string }> {
  const holdId = randomUUID();
  await sendWrite(tx, {
    text: `INSERT INTO contact_holds (id, customer_id, debt_id, type, opened_at, source_type, source_id, reason, opened_by)
           VALUES ($1::uuid, $2, $3, $4, $5::timestamptz, $6, $7, $8, $9) RETURNING 1`,
    params: [holdId, input.customerId, input.debtId ?? null, input.type, input.at.toISOString(), input.sourceType, input.sourceId, input.reason, actorId(input.actor)],
  });
  await sendWrite(tx, timelineStatement(input.customerId, input.at, 'contact-hold-opened', holdId, `暂停催收联系：${HOLD_ZH[input.type]}`, `Collection contact paused: ${input.type}`));
  await recordAudit(tx, holdOpenedEvent(input, holdId), input.at);
  return { holdId };
}

/**
 * Ends a pause. Identify it by `holdId`, or by source (`sourceType` + `sourceId`, closing every open
 * hold that case opened). Closing an already closed hold is a conflict, so a double close is noticed.
 */
export async function closeContactHold(
  tx: SqlExecutor,
  input: ({ holdId: string } | { sourceType: string; sourceId: string }) & { reason: string; actor: Actor; at: Date; requestId?: string | null },
): Promise<{ closed: string[] }> {
  const where = 'holdId' in input ? 'id = $1' : 'source_type = $1 AND source_id = $2';
  const params = 'holdId' in input ? [input.holdId] : [input.sourceType, input.sourceId];
  const n = params.length;
  const { rows } = await tx.query<{ id: string; customer_id: string; type: ContactHoldType }>(
    `UPDATE contact_holds SET closed_at = GREATEST($${n + 1}::timestamptz, opened_at), closed_by = $${n + 2}, close_reason = $${n + 3}
      WHERE ${where} AND closed_at IS NULL RETURNING id, customer_id, type`,
    [...params, input.at.toISOString(), actorId(input.actor), input.reason],
  );
  if (rows.length === 0) throw new DomainError('conflict', { zh: '没有可解除的联系暂停', en: 'There is no open contact hold to close' });
  for (const hold of rows) {
    await timeline(tx, hold.customer_id, input.at, 'contact-hold-closed', hold.id,
      `恢复催收联系：${HOLD_ZH[hold.type]}已结束`, `Collection contact pause ended: ${hold.type}`);
    await recordAudit(tx, {
      actor: input.actor, action: 'contact-hold.closed', entityType: 'contact-hold', entityId: hold.id,
      before: { open: true }, after: { open: false }, reason: input.reason, requestId: input.requestId ?? null,
    }, input.at);
  }
  return { closed: rows.map((r) => r.id) };
}

const FLAG_ZH: Record<ContactFlag, string> = { hardship: '经济困难', bereavement: '丧亲', vulnerable: '特殊关怀' };

/** Sets or clears a care flag (history kept: a clear stamps the open row). Runs in the caller's transaction. */
export async function changeContactFlag(
  tx: SqlExecutor,
  input: { customerId: string; flag: ContactFlag; action: 'set' | 'clear'; reason: string; actor: Actor; at: Date; requestId?: string | null },
): Promise<{ flagId: string }> {
  const { rows: [open] } = await tx.query<{ id: string }>(
    `SELECT id FROM customer_contact_flags WHERE customer_id = $1 AND flag = $2 AND cleared_at IS NULL`,
    [input.customerId, input.flag],
  );
  let flagId: string;
  if (input.action === 'set') {
    if (open) throw new DomainError('conflict', { zh: '该标记已设置', en: 'This flag is already set' });
    const { rows: [row] } = await tx.query<{ id: string }>(
      `INSERT INTO customer_contact_flags (customer_id, flag, set_at, set_by, reason) VALUES ($1, $2, $3::timestamptz, $4, $5) RETURNING id`,
      [input.customerId, input.flag, input.at.toISOString(), actorId(input.actor), input.reason],
    );
    flagId = row!.id;
  } else {
    if (!open) throw new DomainError('conflict', { zh: '该标记未设置', en: 'This flag is not set' });
    await tx.query(`UPDATE customer_contact_flags SET cleared_at = $2::timestamptz, cleared_by = $3 WHERE id = $1`, [open.id, input.at.toISOString(), actorId(input.actor)]);
    flagId = open.id;
  }
  const verb = input.action === 'set' ? '设置' : '解除';
  await timeline(tx, input.customerId, input.at, `contact-flag-${input.action}`, flagId,
    `${verb}联系关怀标记：${FLAG_ZH[input.flag]}`, `Contact care flag ${input.action === 'set' ? 'set' : 'cleared'}: ${input.flag}`);
  await recordAudit(tx, {
    actor: input.actor, action: 'contact-flag.changed', entityType: 'customer', entityId: input.customerId,
    before: { [input.flag]: input.action === 'clear' }, after: { [input.flag]: input.action === 'set' }, reason: input.reason, requestId: input.requestId ?? null,
  }, input.at);
  return { flagId };
}

/** Records "do not contact me on this channel" the moment it arrives (an SMS STOP reply, a portal request). */
export async function recordOptOut(
  tx: SqlExecutor,
  input: { customerId: string; channel: string; contactPointId: string | null; source: 'sms-reply' | 'email-reply' | 'staff' | 'portal'; text: string | null; actor: Actor; at: Date; requestId?: string | null },
): Promise<{ optOutId: string }> {
  const { rows: [row] } = await tx.query<{ id: string }>(
    `INSERT INTO contact_opt_outs (customer_id, channel, contact_point_id, at, source, text) VALUES ($1, $2, $3, $4::timestamptz, $5, $6) RETURNING id`,
    [input.customerId, input.channel, input.contactPointId, input.at.toISOString(), input.source, input.text],
  );
  await timeline(tx, input.customerId, input.at, 'opted-out', row!.id, `客户退订：${input.channel}`, `Customer opted out of ${input.channel}`);
  await recordAudit(tx, {
    actor: input.actor, action: 'contact.opted-out', entityType: 'customer', entityId: input.customerId,
    after: { channel: input.channel, contactPointId: input.contactPointId, source: input.source }, requestId: input.requestId ?? null,
  }, input.at);
  return { optOutId: row!.id };
}

async function timeline(tx: SqlExecutor, customerId: string, at: Date, kind: string, refId: string, zh: string, en: string) {
  const { text, params } = timelineStatement(customerId, at, kind, refId, zh, en);
  await tx.query(text, params);
}

function timelineStatement(customerId: string, at: Date, kind: string, refId: string, zh: string, en: string) {
  return {
    text: `INSERT INTO timeline_events (customer_id, occurred_at, module, kind, ref_id, summary_zh, summary_en) VALUES ($1, $2::timestamptz, 'compliance', $3, $4, $5, $6) RETURNING 1`,
    params: [customerId, at.toISOString(), kind, refId, zh, en],
  };
}
