/**
 * Factories for compliance tests: plain ContactProposal / ContactContext values with sensible defaults
 * (a China debtor in Asia/Shanghai, a human collection call to the debtor about loan L1).
 */
import type { ContactContext, ContactHistoryEntry, ContactProposal } from './compliance.types.ts';
import { instantOfLocal } from './local-time.ts';

export const SHANGHAI = 'Asia/Shanghai';
export const NEW_YORK = 'America/New_York';
export const LOS_ANGELES = 'America/Los_Angeles';

/** The instant of a local wall-clock reading, e.g. at('2026-06-01 08:00', SHANGHAI). */
export function at(local: string, zone = SHANGHAI): Date {
  const [date, time] = local.split(' ');
  return instantOfLocal(zone, date, time.slice(0, 5), { disambiguation: 'compatible' });
}

export function buildProposal(overrides: Partial<ContactProposal> = {}): ContactProposal {
  return {
    at: at('2026-06-01 10:00'),
    channel: 'phone',
    purpose: 'collections',
    mode: 'human',
    debtId: 'L1',
    recipient: { contactPointId: 'cp-self', relationship: 'self', refusedAt: null },
    ...overrides,
  };
}

export type ContextOverrides = Partial<Omit<ContactContext, 'customer'>> & { customer?: Partial<ContactContext['customer']> };

export function buildContext(overrides: ContextOverrides = {}): ContactContext {
  const { customer, ...rest } = overrides;
  return {
    customer: {
      timeZones: [SHANGHAI],
      quietHours: null,
      inconvenientTimes: [],
      agreedContactWindow: null,
      debtorUnreachable: false,
      flags: { hardship: false, bereavement: false, vulnerable: false },
      ...customer,
    },
    consents: [],
    optOuts: [],
    openCases: [],
    history: [],
    ...rest,
  };
}

export function buildEntry(overrides: Partial<ContactHistoryEntry> & { at: Date }): ContactHistoryEntry {
  return {
    channel: 'phone',
    mode: 'human',
    purpose: 'collections',
    debtId: 'L1',
    relationship: 'self',
    contactPointId: 'cp-self',
    outcome: 'connected',
    agency: null,
    ...overrides,
  };
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function plus(d: Date, ms: number): Date {
  return new Date(d.getTime() + ms);
}
