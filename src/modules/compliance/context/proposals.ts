import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import type { ContactChannel, ContactMode, ContactProposal, ContactPurpose, Relationship } from './engine-port.ts';

/** Which kind of contact point a channel reaches; portal has none (the borrower's own inbox). */
export const CHANNEL_POINT_KIND: Record<ContactChannel, 'phone' | 'email' | 'address' | null> = {
  sms: 'phone', phone: 'phone', video: 'phone', email: 'email', letter: 'address', 'field-visit': 'address', portal: null,
};

/** Messages are sent by the hub (automated); calls, visits and video calls are made by an agent. */
export const defaultMode = (channel: ContactChannel): ContactMode =>
  channel === 'phone' || channel === 'field-visit' || channel === 'video' ? 'human' : 'automated';

export type Recipient = { contactPointId: string | null; relationship: Relationship; value: string | null; kind: string | null };

/**
 * The contact point a contact goes to: the one named (it must be the customer's, of the kind the
 * channel reaches, and not marked wrong), else the customer's primary own point of that kind.
 */
export async function resolveRecipient(exec: SqlExecutor, customerId: string, channel: ContactChannel, contactPointId?: string | null): Promise<Recipient> {
  const [result] = await resolveRecipients(exec, [{ customerId, channel, contactPointId }]);
  if (result instanceof DomainError) throw result;
  return result!;
}

type PointRow = { id: string; customer_id: string; kind: string; value: string; relationship: Relationship; marked_wrong_at: Date | null };

/** Which of a customer's usable own points of a kind is the default recipient: the primary, then a verified one, then the oldest. */
const defaultPointOrder = (alias = '') => `${alias}is_primary DESC, ${alias}verified DESC, ${alias}created_at`;

/**
 * A subquery for callers that read the customer anyway (complaint intake): the default recipient's
 * point of each kind, as a JSON array of rows, for the customer id expression `customerId`. Hand the
 * point to `defaultRecipient`: the same recipient `resolveRecipients` would find.
 */
export function defaultPointsJson(customerId: string): string {
  return `(SELECT coalesce(json_agg(p), '[]'::json) FROM (
             SELECT DISTINCT ON (cp.kind) cp.id, cp.customer_id, cp.kind, cp.value, cp.relationship, cp.marked_wrong_at FROM contact_points cp
              WHERE cp.customer_id = ${customerId} AND cp.relationship = 'self' AND cp.marked_wrong_at IS NULL
              ORDER BY cp.kind, ${defaultPointOrder('cp.')}) p)`;
}
export type DefaultPoint = PointRow;

/** The recipient of a contact on `channel` to the default point `point` (from `defaultPointsJson`; undefined: none of that kind). */
export function defaultRecipient(point: PointRow | undefined, channel: ContactChannel): Recipient | DomainError {
  const kind = CHANNEL_POINT_KIND[channel];
  if (kind === null) return { contactPointId: null, relationship: 'self', value: null, kind: null };
  return checkPoint(point, kind, channel, false);
}

/**
 * `resolveRecipient` for many contacts in two queries (bulk queueing): each request gets its
 * Recipient, or the DomainError `resolveRecipient` would have thrown for it.
 */
export async function resolveRecipients(
  exec: SqlExecutor, requests: ReadonlyArray<{ customerId: string; channel: ContactChannel; contactPointId?: string | null }>,
): Promise<Array<Recipient | DomainError>> {
  const named = requests.filter((r) => r.contactPointId && CHANNEL_POINT_KIND[r.channel] !== null);
  const defaults = requests.filter((r) => !r.contactPointId && CHANNEL_POINT_KIND[r.channel] !== null);
  const namedRows = new Map<string, PointRow>();
  if (named.length > 0) {
    const { rows } = await exec.query<PointRow>(
      `SELECT id, customer_id, kind, value, relationship, marked_wrong_at FROM contact_points WHERE id = ANY($1::uuid[])`,
      [[...new Set(named.map((r) => r.contactPointId!))]],
    );
    for (const r of rows) namedRows.set(`${r.customer_id}|${r.id}`, r);
  }
  const primary = new Map<string, PointRow>();
  if (defaults.length > 0) {
    // The primary own point of the kind, per customer: the same order as the single lookup. One
    // customer and kind (a single message) by equality, whose generic plan PostgreSQL reuses; for
    // one-element arrays it re-planned the prepared statement on every call.
    const customerIds = [...new Set(defaults.map((r) => r.customerId))];
    const kinds = [...new Set(defaults.map((r) => CHANNEL_POINT_KIND[r.channel]!))];
    const single = customerIds.length === 1 && kinds.length === 1;
    const { rows } = await exec.query<PointRow>(
      `SELECT DISTINCT ON (customer_id, kind) id, customer_id, kind, value, relationship, marked_wrong_at FROM contact_points
        WHERE ${single ? 'customer_id = $1::uuid AND kind = $2::text' : 'customer_id = ANY($1::uuid[]) AND kind = ANY($2::text[])'}
          AND relationship = 'self' AND marked_wrong_at IS NULL
        ORDER BY customer_id, kind, ${defaultPointOrder()}`,
      single ? [customerIds[0], kinds[0]] : [customerIds, kinds],
    );
    for (const r of rows) primary.set(`${r.customer_id}|${r.kind}`, r);
  }
  return requests.map((r) => {
    const kind = CHANNEL_POINT_KIND[r.channel];
    if (kind === null) return { contactPointId: null, relationship: 'self', value: null, kind: null };
    const point = r.contactPointId ? namedRows.get(`${r.customerId}|${r.contactPointId}`) : primary.get(`${r.customerId}|${kind}`);
    return checkPoint(point, kind, r.channel, !!r.contactPointId);
  });
}

const KIND_ZH = { phone: '电话', email: '电子邮箱', address: '地址' } as const;

function checkPoint(point: PointRow | undefined, kind: 'phone' | 'email' | 'address', channel: ContactChannel, named: boolean): Recipient | DomainError {
  if (!point) {
    return named
      ? new DomainError('validation', { zh: '该联系方式不属于此客户', en: 'That contact point does not belong to this customer' }, [{ field: 'contactPointId', message: 'unknown contact point / 联系方式不存在' }])
      : new DomainError('conflict', { zh: `客户没有可用的${KIND_ZH[kind]}`, en: `The customer has no usable ${kind}` });
  }
  if (point.kind !== kind) {
    return new DomainError('validation', { zh: '联系方式类型与渠道不符', en: `Channel ${channel} needs a ${kind} contact point` }, [{ field: 'contactPointId', message: `not a ${kind} / 不是${KIND_ZH[kind]}` }]);
  }
  if (point.marked_wrong_at) {
    return new DomainError('conflict', { zh: '该联系方式已被标记为错误', en: 'That contact point is marked wrong' });
  }
  return { contactPointId: point.id, relationship: point.relationship, value: point.value, kind: point.kind };
}

export function buildProposal(input: {
  at: Date; channel: ContactChannel; purpose: ContactPurpose; mode?: ContactMode; debtId?: string | null; recipient: Recipient;
  message?: ContactProposal['message']; override?: ContactProposal['override'];
}): ContactProposal {
  const thirdParty = input.recipient.relationship !== 'self';
  return {
    at: input.at,
    channel: input.channel,
    purpose: input.purpose,
    mode: input.mode ?? defaultMode(input.channel),
    debtId: input.debtId ?? null,
    recipient: { contactPointId: input.recipient.contactPointId, relationship: input.recipient.relationship, refusedAt: null },
    // A third party is only ever contacted to re-establish contact with the debtor (the engine
    // refuses it unless the debtor is unreachable).
    ...(thirdParty ? { thirdPartyPurpose: 're-establish-contact' as const } : {}),
    ...(input.message ? { message: input.message } : {}),
    ...(input.override ? { override: input.override } : {}),
  };
}
