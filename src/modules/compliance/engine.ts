/**
 * The contact compliance engine: `evaluateContact(proposal, context, policy)`, a pure function over
 * plain data (no I/O, no clock: the proposal carries its instant).
 *
 * Every rule in rules/ runs and EVERY denial is returned. A supervisor override (proposal.override)
 * lifts the overridable denials (hours, frequency, holiday) and they are reported in `overridden`; the
 * others (consent, opt-out, third party, pauses, wording) always stand.
 *
 * earliestAllowedAt is the earliest instant ≥ proposal.at at which every rule passes, found by stepping
 * between candidate instants rather than scanning minutes: each time rule reports the instant it would
 * next pass (next window opening in each zone, the instant a cap's oldest counted call ages out, the end
 * of a wait, the next non-holiday day), no instant before it can pass, so the latest of them is a lower
 * bound; the engine re-evaluates every rule there and repeats until all pass. It is null when a denial
 * can only be lifted by a state change, or when nothing passes within policy.searchHorizonDays (60).
 *
 * Throws RangeError on malformed data (an 'HH:MM' that is not a clock time, an invalid Date), which
 * the caller's schema validation should have caught; an unknown time zone is a denial instead.
 * Decisions (opt-outs vs mandated notices, pauses, third parties, counting): see README.md.
 */
import type { CompliancePolicy, ContactContext, ContactDecision, ContactProposal, Denial, RuleCode } from './compliance.types.ts';
import { CONTACT_RULES } from './rules/index.ts';
import { DAY_MS } from './local-time.ts';

// The horizon is the real bound; rounds only guard against a rule that fails to move time forward.
const MAX_ROUNDS = 512;

/** Every denial of every rule for the proposal as it stands (override not applied). */
export function collectDenials(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial[] {
  const denials: Denial[] = [];
  for (const rule of CONTACT_RULES) {
    const d = rule.check(proposal, context, policy);
    if (d !== null) denials.push(d);
  }
  return denials;
}

function standing(denials: Denial[], overriding: boolean): Denial[] {
  return overriding ? denials.filter((d) => !d.overridable) : denials;
}

function latestAllowedFrom(denials: Denial[]): number | null {
  let t = -Infinity;
  for (const d of denials) {
    if (d.allowedFrom === null) return null;
    const ms = d.allowedFrom.getTime();
    if (ms > t) t = ms;
  }
  return t;
}

/** The earliest instant ≥ proposal.at at which the proposal would be allowed, or null (see header). */
export function findEarliestAllowedAt(
  proposal: ContactProposal,
  context: ContactContext,
  policy: CompliancePolicy,
  denialsAtProposal?: Denial[],
): Date | null {
  const overriding = proposal.override !== undefined;
  const start = proposal.at.getTime();
  const end = start + (policy.searchHorizonDays ?? 60) * DAY_MS;
  let denials = standing(denialsAtProposal ?? collectDenials(proposal, context, policy), overriding);
  let t = start;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!denials.length) return new Date(t);
    const next = latestAllowedFrom(denials);
    if (next === null) return null;
    t = next > t ? next : t + 1000; // a rule must move time forward; a second guards against a bad rule
    if (t > end) return null;
    denials = standing(collectDenials({ ...proposal, at: new Date(t) }, context, policy), overriding);
  }
  return null;
}

/** Allowed, or denied with every reason and the earliest instant it would be allowed. */
export function evaluateContact(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): ContactDecision {
  if (!(proposal.at instanceof Date) || !Number.isFinite(proposal.at.getTime())) {
    throw new TypeError('proposal.at must be a valid Date');
  }
  const all = collectDenials(proposal, context, policy);
  const overriding = proposal.override !== undefined;
  const denials = standing(all, overriding);
  if (!denials.length) {
    const overridden: RuleCode[] = overriding ? all.map((d) => d.rule) : [];
    return { allowed: true, overridden };
  }
  return { allowed: false, denials, earliestAllowedAt: findEarliestAllowedAt(proposal, context, policy, denials) };
}
