/**
 * The state of the debtor's consent for one (purpose, channel) at an instant, from the consent records:
 * the latest event at or before the instant wins (a grant, or a withdrawal; on a tie the withdrawal
 * wins). A consent withdrawn one second before the contact — or at the same instant — is withdrawn.
 */
import type { ConsentRecord, ContactChannel, ContactPurpose } from './compliance.types.ts';

export type ConsentState = 'granted' | 'withdrawn' | 'none';

export function consentState(records: readonly ConsentRecord[], purpose: ContactPurpose, channel: ContactChannel, at: number): ConsentState {
  let latest = -Infinity;
  let state: ConsentState = 'none';
  for (const r of records) {
    if (r.purpose !== purpose || r.channel !== channel) continue;
    const g = r.grantedAt.getTime();
    if (g <= at && (g > latest || (g === latest && state === 'none'))) {
      latest = g;
      state = 'granted';
    }
    if (r.withdrawnAt) {
      const w = r.withdrawnAt.getTime();
      if (w <= at && w >= latest) {
        latest = w;
        state = 'withdrawn';
      }
    }
  }
  return state;
}

/** The instant of the latest grant for (purpose, channel) at or before `at`, if the consent is granted then. */
export function latestGrantAt(records: readonly ConsentRecord[], purpose: ContactPurpose, channel: ContactChannel, at: number): number | null {
  if (consentState(records, purpose, channel, at) !== 'granted') return null;
  let latest: number | null = null;
  for (const r of records) {
    if (r.purpose !== purpose || r.channel !== channel) continue;
    const g = r.grantedAt.getTime();
    if (g <= at && (latest === null || g > latest)) latest = g;
  }
  return latest;
}

/** Grant instants after `after`, ascending: the only moments a missing or withdrawn consent can come back. */
export function futureGrants(records: readonly ConsentRecord[], purpose: ContactPurpose, channel: ContactChannel, after: number): number[] {
  const out: number[] = [];
  for (const r of records) {
    if (r.purpose === purpose && r.channel === channel && r.grantedAt.getTime() > after) out.push(r.grantedAt.getTime());
  }
  return out.sort((a, b) => a - b);
}
