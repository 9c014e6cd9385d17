/**
 * What every rule shares: the zones to check, the search horizon, the denial shape and the
 * "step every zone until all agree" search the time-dependent rules use for allowedFrom.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial, OpenCase, RuleCode } from './compliance.types.ts';
import { DAY_MS, formatLocal, isValidTimeZone } from './local-time.ts';

export type ContactRule = (proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy) => Denial | null;

/**
 * Overridable = a supervisor may lift it with a recorded reason: hours, frequency and holiday rules.
 * Never: consent, opt-out, third-party, wording and the pauses (a state must change instead).
 */
export const OVERRIDABLE: Readonly<Record<RuleCode, boolean>> = Object.freeze({
  'contact-hours': true,
  'quiet-hours': true,
  'inconvenient-time': true,
  'public-holiday': true,
  'daily-connected-call-cap': true,
  'seven-day-call-cap': true,
  'post-conversation-wait': true,
  'call-burst': true,
  'channel-daily-cap': true,
  'consent-missing': false,
  'opted-out': false,
  'third-party-not-allowed': false,
  'third-party-refused': false,
  'paused-complaint': false,
  'paused-fraud': false,
  'paused-dispute': false,
  'paused-legal-hold': false,
  'paused-hardship': false,
  wording: false,
});

/** Zones assumed when the customer has none on file. US: every US zone (the location is unknown). */
export const DEFAULT_ZONES: Readonly<Record<CompliancePolicy['profile'], readonly string[]>> = Object.freeze({
  'cn-mainland': Object.freeze(['Asia/Shanghai']),
  'us-reg-f': Object.freeze([
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
  ]),
});

/** Every zone the debtor may be in; a local-time rule must pass in each (12 CFR 1006.6(b)(1)). */
const dedupedZones = new WeakMap<readonly string[], { length: number; zones: readonly string[] }>();

export function zonesFor(context: ContactContext, policy: CompliancePolicy): readonly string[] {
  const zones = context.customer.timeZones;
  if (zones.length === 1) return zones;
  if (zones.length === 0) return policy.defaultTimeZones?.length ? policy.defaultTimeZones : DEFAULT_ZONES[policy.profile];
  const cached = dedupedZones.get(zones);
  if (cached && cached.length === zones.length) return cached.zones;
  const unique = [...new Set(zones)];
  dedupedZones.set(zones, { length: zones.length, zones: unique });
  return unique;
}

/** Zones Intl knows; the contact-hours rule refuses when any is unknown, the others skip it. */
export function validZones(zones: readonly string[]): readonly string[] {
  for (const z of zones) if (!isValidTimeZone(z)) return zones.filter(isValidTimeZone);
  return zones;
}

export function horizonEnd(proposal: ContactProposal, policy: CompliancePolicy): number {
  return proposal.at.getTime() + (policy.searchHorizonDays ?? 60) * DAY_MS;
}

export function denial(
  rule: RuleCode,
  fields: { zh: string; en: string; source: string; allowedFrom: number | null; phrases?: string[] },
): Denial {
  const d: Denial = {
    rule,
    messageZh: fields.zh,
    messageEn: fields.en,
    source: fields.source,
    allowedFrom: fields.allowedFrom === null ? null : new Date(fields.allowedFrom),
    overridable: OVERRIDABLE[rule],
  };
  if (fields.phrases) d.phrases = fields.phrases;
  return d;
}

/**
 * The earliest instant >= from at which `next(zone, t)` returns t for every zone, where next(zone, t)
 * is the earliest instant >= t that passes in that zone (or null: never). Each round moves to the
 * latest per-zone answer, so it terminates; null past the horizon.
 */
export function nextInAllZones(
  zones: readonly string[],
  from: number,
  end: number,
  next: (zone: string, t: number) => number | null,
): number | null {
  let t = from;
  for (let round = 0; round < 1000; round++) {
    if (t > end) return null;
    let moved = false;
    for (const zone of zones) {
      const n = next(zone, t);
      if (n === null) return null;
      if (n > t) {
        t = n;
        moved = true;
      }
    }
    if (!moved) return t;
  }
  return null;
}

/** 'YYYY-MM-DD HH:MM (zone)' when the zone is known, else ISO. */
export function whenText(ms: number, zone: string | undefined): string {
  return zone && isValidTimeZone(zone) ? `${formatLocal(ms, zone)} (${zone})` : new Date(ms).toISOString();
}

/** 'allowed from 2026-06-02 08:00 (Asia/Shanghai)' in both languages, for messages. */
export function fromText(allowedFrom: number | null, zone: string | undefined): { zh: string; en: string } {
  if (allowedFrom === null) return { zh: '', en: '' };
  if (!zone || !isValidTimeZone(zone)) {
    const iso = new Date(allowedFrom).toISOString();
    return { zh: `；最早 ${iso} 可联系`, en: `; allowed from ${iso}` };
  }
  const local = formatLocal(allowedFrom, zone);
  return { zh: `；最早当地时间 ${local}（${zone}）可联系`, en: `; allowed from ${local} local time (${zone})` };
}

export function isThirdParty(proposal: ContactProposal): boolean {
  return proposal.recipient.relationship !== 'self';
}

/** A mandated servicing notice (see ContactProposal.legallyRequiredNotice). */
export function isMandatedNotice(proposal: ContactProposal): boolean {
  return proposal.purpose === 'servicing' && proposal.legallyRequiredNotice === true;
}

export const CHANNEL_ZH: Readonly<Record<string, string>> = Object.freeze({
  sms: '短信',
  email: '电子邮件',
  phone: '电话',
  portal: '线上门户',
  letter: '信函',
  'field-visit': '上门',
  video: '视频',
});

export const PURPOSE_ZH: Readonly<Record<string, string>> = Object.freeze({
  servicing: '服务通知',
  'follow-up-visit': '回访',
  collections: '催收',
  marketing: '营销',
});

/**
 * The open case of a type that covers the proposal: customer-wide (debtId null), about the proposal's
 * debt, or any case when the proposal concerns no particular debt. An open case applies whatever its
 * openedAt: the context is the state now, and a case stays open until it is closed.
 */
export function openCaseFor(context: ContactContext, proposal: ContactProposal, type: OpenCase['type']): OpenCase | null {
  for (const c of context.openCases) {
    if (c.type !== type) continue;
    if (c.debtId === null || proposal.debtId === null || c.debtId === proposal.debtId) return c;
  }
  return null;
}
