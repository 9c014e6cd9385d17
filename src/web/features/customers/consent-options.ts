import type { Consent, ConsentPurpose, ContactChannel } from '../../api/types.ts';

/**
 * Purposes and channels a consent can be recorded for. The server's lists sit in a Drizzle schema
 * file that must not be bundled; the checks below fail `tsc` when it gains a value these lack.
 */
export const CONSENT_PURPOSE_OPTIONS = ['servicing', 'follow-up-visit', 'collections', 'marketing'] as const satisfies readonly ConsentPurpose[];
export const CONSENT_CHANNEL_OPTIONS = ['sms', 'email', 'phone', 'portal', 'letter', 'field-visit', 'video'] as const satisfies readonly ContactChannel[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const everyPurpose: Missing<ConsentPurpose, (typeof CONSENT_PURPOSE_OPTIONS)[number]> = true;
const everyChannel: Missing<ContactChannel, (typeof CONSENT_CHANNEL_OPTIONS)[number]> = true;
void everyPurpose;
void everyChannel;

/** Whether another consent for the same purpose and channel is active (then a withdrawn one cannot be granted again). */
export function activeFor(consents: Consent[], purpose: ConsentPurpose, channel: ContactChannel): boolean {
  return consents.some((c) => c.active && c.purpose === purpose && c.channel === channel);
}

/**
 * One row per purpose and channel: the active consent if there is one, else the latest withdrawn
 * one. Older withdrawn records stay in the audit trail; a borrower needs to see where things stand.
 */
export function currentConsents(consents: Consent[]): Consent[] {
  const byPair = new Map<string, Consent>();
  for (const c of consents) {
    const key = `${c.purpose}|${c.channel}`;
    const seen = byPair.get(key);
    if (!seen || (c.active && !seen.active) || (c.active === seen.active && c.grantedAt > seen.grantedAt)) byPair.set(key, c);
  }
  return [...byPair.values()].sort(
    (a, b) =>
      CONSENT_PURPOSE_OPTIONS.indexOf(a.purpose) - CONSENT_PURPOSE_OPTIONS.indexOf(b.purpose) ||
      CONSENT_CHANNEL_OPTIONS.indexOf(a.channel) - CONSENT_CHANNEL_OPTIONS.indexOf(b.channel),
  );
}
