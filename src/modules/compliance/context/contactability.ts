import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { roleHas } from '../../../platform/auth/permissions.ts';
import { maskAddress, maskEmail, maskPhone } from '../../../platform/privacy/masking.ts';
import { assertCustomerVisible } from '../../customers/customer-scope.ts';
import { evaluateContact, type ContactChannel, type ContactPurpose } from './engine-port.ts';
import { loadContactContext } from './load-contact-context.ts';
import { buildProposal, CHANNEL_POINT_KIND, type Recipient } from './proposals.ts';
import { serialiseDenials, type StoredDenial } from './denials.ts';

/** The channels the page asks about, in the order an agent escalates (domain guide, workflow 1). */
const CHANNELS: ContactChannel[] = ['portal', 'sms', 'email', 'phone', 'video', 'letter', 'field-visit'];

export type ContactabilityRow = {
  channel: ContactChannel;
  contactPointId: string | null;
  /** Masked unless the role may view personal data. */
  value: string | null;
  allowedNow: boolean;
  denials: StoredDenial[];
  earliestAllowedAt: string | null;
};

export type Contactability = {
  at: string;
  purpose: ContactPurpose;
  profile: string;
  timeZones: string[];
  /** True when some channel is allowed right now. */
  contactableNow: boolean;
  /** The soonest instant any channel opens, when none is open now (null: nothing opens by waiting). */
  nextAllowedAt: string | null;
  channels: ContactabilityRow[];
};

const mask = (kind: string, value: string) => (kind === 'phone' ? maskPhone(value) : kind === 'email' ? maskEmail(value) : maskAddress(value));

/**
 * "Can we contact this customer now, on which channel, and if not, when?" — one engine decision per
 * channel and per own (relationship = self) contact point, not stored (nothing was attempted).
 * Third-party contact points are left out: they are never a channel for reaching the debtor.
 */
export async function getContactability(deps: AppDeps, actor: Actor, customerId: string, purpose: ContactPurpose): Promise<Contactability> {
  await assertCustomerVisible(deps.database.db, actor, customerId);
  const at = deps.now();
  const exec = deps.database.sql;
  const { context, policy, customer } = await loadContactContext(exec, customerId, at);
  const { rows: points } = await exec.query<{ id: string; kind: string; value: string }>(
    `SELECT id, kind, value FROM contact_points WHERE customer_id = $1 AND relationship = 'self' AND marked_wrong_at IS NULL ORDER BY is_primary DESC, created_at`,
    [customerId],
  );
  const clear = actor.kind === 'staff' && roleHas(actor.role, 'personal-data.view');
  const rows: ContactabilityRow[] = [];
  for (const channel of CHANNELS) {
    const kind = CHANNEL_POINT_KIND[channel];
    const targets: Recipient[] = kind === null
      ? [{ contactPointId: null, relationship: 'self', value: null, kind: null }]
      : points.filter((p) => p.kind === kind).map((p) => ({ contactPointId: p.id, relationship: 'self', value: p.value, kind: p.kind }));
    for (const recipient of targets) {
      const decision = evaluateContact(buildProposal({ at, channel, purpose, recipient }), context, policy);
      rows.push({
        channel,
        contactPointId: recipient.contactPointId,
        value: recipient.value === null ? null : clear ? recipient.value : mask(recipient.kind!, recipient.value),
        allowedNow: decision.allowed,
        denials: decision.allowed ? [] : serialiseDenials(decision.denials),
        earliestAllowedAt: decision.allowed ? at.toISOString() : (decision.earliestAllowedAt?.toISOString() ?? null),
      });
    }
  }
  const waits = rows.filter((r) => !r.allowedNow && r.earliestAllowedAt).map((r) => r.earliestAllowedAt!).sort();
  const contactableNow = rows.some((r) => r.allowedNow);
  return {
    at: at.toISOString(), purpose, profile: customer.profile, timeZones: context.customer.timeZones, contactableNow,
    nextAllowedAt: contactableNow ? at.toISOString() : (waits[0] ?? null), channels: rows,
  };
}
