/**
 * Contact verification (联系方式核实): staff add a contact point with where it came from, mark one
 * wrong, or record that the borrower confirmed it. Each change and its audit row commit together;
 * the compliance engine reads contact points live, so a wrong number is never dialled again.
 */
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { maskAddress, maskEmail, maskPhone } from '../../../platform/privacy/masking.ts';
import { assertCustomerVisible } from '../customer-scope.ts';
import { presentContactValue } from '../customers.queries.ts';
import { normalisePhone } from '../rules/phone.ts';
import type { AddContactPointRequest } from './contact-points.contract.ts';

type Kind = 'phone' | 'email' | 'address';
type PointRow = {
  id: string; customer_id: string; kind: Kind; value: string; label: string | null; relationship: string; third_party_name: string | null;
  is_primary: boolean; verified: boolean; source: string; last_verified_at: Date | null; marked_wrong_at: Date | null; marked_wrong_reason: string | null;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Audit rows keep the masked value: the trail is read widely and must not become a copy of the personal data. */
const maskedForAudit = (kind: Kind, value: string) => (kind === 'phone' ? maskPhone(value) : kind === 'email' ? maskEmail(value) : maskAddress(value));

/** The stored form of a value (phones in E.164, e-mails lower-cased), or a field problem. */
export function normaliseContactValue(kind: Kind, raw: string): { ok: true; value: string } | { ok: false; message: string; zh: string } {
  const value = raw.trim();
  if (kind === 'phone') {
    const phone = normalisePhone(value);
    return phone.ok ? { ok: true, value: phone.e164 } : { ok: false, message: 'not a valid phone number', zh: '不是有效的电话号码' };
  }
  if (kind === 'email') return EMAIL.test(value) ? { ok: true, value: value.toLowerCase() } : { ok: false, message: 'not a valid e-mail address', zh: '不是有效的电子邮箱地址' };
  return value.length >= 4 ? { ok: true, value } : { ok: false, message: 'too short for a postal address', zh: '邮寄地址过短' };
}

export function contactPointView(p: PointRow, actor: Actor) {
  const shown = presentContactValue(p.kind, p.value, actor);
  return {
    id: p.id, kind: p.kind, value: shown, masked: shown !== p.value, label: p.label, relationship: p.relationship, thirdPartyName: p.third_party_name,
    isPrimary: p.is_primary, verified: p.verified, source: p.source,
    lastVerifiedAt: p.last_verified_at ? new Date(p.last_verified_at).toISOString() : null,
    markedWrongAt: p.marked_wrong_at ? new Date(p.marked_wrong_at).toISOString() : null, markedWrongReason: p.marked_wrong_reason,
  };
}

export async function addContactPoint(deps: AppDeps, actor: Actor, customerId: string, input: AddContactPointRequest, requestId: string | null) {
  await assertCustomerVisible(deps.database.db, actor, customerId);
  const normalised = normaliseContactValue(input.kind, input.value);
  if (!normalised.ok) {
    throw new DomainError('validation', { zh: '联系方式格式无效', en: `The ${input.kind} is invalid: ${normalised.message}` }, [{ field: 'value', message: `${normalised.message} / ${normalised.zh}` }]);
  }
  const at = deps.now();
  return deps.database.transaction(async (exec) => {
    const { rows: dup } = await exec.query(
      `SELECT 1 FROM contact_points WHERE customer_id = $1 AND kind = $2 AND value = $3 AND marked_wrong_at IS NULL`, [customerId, input.kind, normalised.value],
    );
    if (dup.length) throw new DomainError('conflict', { zh: '该联系方式已存在', en: 'This contact point is already on file' }, [{ field: 'value', message: 'already on file / 已存在' }]);
    const { rows: [row] } = await exec.query<PointRow>(
      `INSERT INTO contact_points (customer_id, kind, value, label, relationship, third_party_name, is_primary, verified, source, last_verified_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, false, $7, $8, $9::timestamptz, $10::timestamptz) RETURNING *`,
      [customerId, input.kind, normalised.value, input.label ?? null, input.relationship, input.relationship === 'self' ? null : input.thirdPartyName,
        input.verified, input.source, input.verified ? at.toISOString() : null, at.toISOString()],
    );
    await exec.query(
      `INSERT INTO timeline_events (customer_id, occurred_at, module, kind, ref_id, summary_zh, summary_en) VALUES ($1, $2::timestamptz, 'customers', 'contact-point-added', $3, $4, $5)`,
      [customerId, at.toISOString(), row!.id, `新增联系方式（${maskedForAudit(input.kind, normalised.value)}，来源：${input.source}）`, `Contact point added (${input.kind}, source: ${input.source})`],
    );
    await recordAudit(exec, {
      actor, action: 'contact-point.added', entityType: 'contact-point', entityId: row!.id, requestId,
      after: {
        customerId, kind: input.kind, value: maskedForAudit(input.kind, normalised.value), relationship: input.relationship, source: input.source,
        sourceNote: input.sourceNote ?? null, verified: input.verified,
      },
    }, at);
    return contactPointView(row!, actor);
  });
}

async function lockPoint(exec: SqlExecutor, customerId: string, id: string) {
  const { rows: [row] } = await exec.query<PointRow>(`SELECT * FROM contact_points WHERE id = $1 AND customer_id = $2 FOR UPDATE`, [id, customerId]);
  if (!row) throw notFound({ zh: '联系方式', en: 'Contact point' });
  return row;
}

export async function markContactPointWrong(deps: AppDeps, actor: Actor, customerId: string, id: string, reason: string, requestId: string | null) {
  await assertCustomerVisible(deps.database.db, actor, customerId);
  const at = deps.now();
  return deps.database.transaction(async (exec) => {
    const p = await lockPoint(exec, customerId, id);
    if (p.marked_wrong_at) throw new DomainError('conflict', { zh: '该号码已标记为错误', en: 'This contact point is already marked wrong' });
    const { rows: [row] } = await exec.query<PointRow>(
      `UPDATE contact_points SET marked_wrong_at = $2::timestamptz, marked_wrong_reason = $3, is_primary = false WHERE id = $1 RETURNING *`, [id, at.toISOString(), reason],
    );
    await recordAudit(exec, {
      actor, action: 'contact-point.marked-wrong', entityType: 'contact-point', entityId: id, requestId, reason,
      before: { markedWrongAt: null, isPrimary: p.is_primary }, after: { customerId, source: 'contact-verification', markedWrongAt: at.toISOString() },
    }, at);
    return contactPointView(row!, actor);
  });
}

export async function verifyContactPoint(deps: AppDeps, actor: Actor, customerId: string, id: string, requestId: string | null) {
  await assertCustomerVisible(deps.database.db, actor, customerId);
  const at = deps.now();
  return deps.database.transaction(async (exec) => {
    const p = await lockPoint(exec, customerId, id);
    if (p.marked_wrong_at) throw new DomainError('conflict', { zh: '已标记为错误的号码不能核实', en: 'A contact point marked wrong cannot be verified; add it again if it is right after all' });
    const { rows: [row] } = await exec.query<PointRow>(`UPDATE contact_points SET verified = true, last_verified_at = $2::timestamptz WHERE id = $1 RETURNING *`, [id, at.toISOString()]);
    await recordAudit(exec, {
      actor, action: 'contact-point.verified', entityType: 'contact-point', entityId: id, requestId,
      before: { verified: p.verified }, after: { customerId, verified: true, lastVerifiedAt: at.toISOString() },
    }, at);
    return contactPointView(row!, actor);
  });
}
