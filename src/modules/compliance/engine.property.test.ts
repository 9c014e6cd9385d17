/**
 * Property-based tests of the engine (fast-check):
 * (a) when the engine allows, every rule function passes on its own (bar overridable ones under an override);
 * (b) when it gives earliestAllowedAt, the same proposal at that instant with the same context is
 *     allowed, and no sampled instant between the proposal and it is;
 * (c) a loop that keeps proposing calls and appends the allowed ones never exceeds the caps in any
 *     local day or 7-day window.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  CompliancePolicy,
  ConsentRecord,
  ContactChannel,
  ContactContext,
  ContactHistoryEntry,
  ContactProposal,
  OpenCase,
} from './compliance.types.ts';
import { evaluateContact } from './engine.ts';
import { localEpochDay } from './local-time.ts';
import { CN_BANK_STRICT_POLICY, CN_MAINLAND_POLICY, US_REG_F_POLICY } from './policies.ts';
import { CONTACT_RULES } from './rules/index.ts';

const DAY = 86_400_000;
const ZONES = ['Asia/Shanghai', 'America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
const CHANNELS: ContactChannel[] = ['sms', 'email', 'phone', 'portal', 'letter', 'field-visit', 'video'];
const OUTCOMES: ContactHistoryEntry['outcome'][] = ['attempted', 'no-answer', 'connected', 'conversation', 'refused', 'wrong-number', 'delivered', 'failed'];
const DEBTS = ['L1', 'L2', null];
const CP = ['cp-self', 'cp-ec', 'cp-rel', null];
const MESSAGES: Array<{ text: string; language: 'zh-CN' | 'en' }> = [
  { text: '我们关注到您的账户最近出现了延迟还款的情况，对此我们深表关心。', language: 'zh-CN' },
  { text: '您好，请转告张先生方便时回电。', language: 'zh-CN' },
  { text: '再不还就让你坐牢', language: 'zh-CN' },
  { text: 'Please call us back about your account.', language: 'en' },
  { text: 'Pay today or we will sue you today.', language: 'en' },
];

// Instants in 2026, biased towards DST changes, holidays and the hour boundaries around them.
const SPECIAL = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-09-30T14:00:00Z', '2026-10-01T00:00:00Z', '2026-10-09T16:00:00Z', '2026-02-14T00:00:00Z'].map(
  (s) => Date.parse(s),
);
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 20) }),
  fc.tuple(fc.constantFrom(...SPECIAL), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([s, d]) => s + d),
  fc.tuple(fc.constantFrom(...SPECIAL), fc.integer({ min: -48, max: 48 })).map(([s, h]) => s + h * 3_600_000),
);
const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const window = fc.record({ start: clock, end: clock });

const policy: fc.Arbitrary<CompliancePolicy> = fc
  .record({
    base: fc.constantFrom(CN_MAINLAND_POLICY, CN_BANK_STRICT_POLICY, US_REG_F_POLICY),
    burst: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
    holidays: fc.boolean(),
    smsCap: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    phoneCap: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    general: fc.option(window, { nil: undefined }),
  })
  .map(({ base, burst, holidays, smsCap, phoneCap, general }) => {
    const caps: CompliancePolicy['channelDailyCaps'] = { ...base.channelDailyCaps };
    if (smsCap !== undefined) caps.sms = smsCap;
    if (phoneCap !== undefined) caps.phone = phoneCap;
    return { ...base, burstMinutes: burst, collectionsOnPublicHolidays: holidays, channelDailyCaps: caps, generalHours: general ?? base.generalHours };
  });

function historyAround(t: number) {
  return fc.array(
    fc.record({
      offset: fc.integer({ min: -10 * DAY, max: DAY / 2 }),
      channel: fc.constantFrom<ContactChannel>('phone', 'phone', 'phone', 'sms', 'email'),
      mode: fc.constantFrom<'human' | 'automated'>('human', 'automated'),
      purpose: fc.constantFrom<ContactProposal['purpose']>('collections', 'collections', 'servicing', 'marketing'),
      debtId: fc.constantFrom(...DEBTS),
      third: fc.boolean(),
      cp: fc.constantFrom(...CP),
      outcome: fc.constantFrom(...OUTCOMES),
    }),
    { maxLength: 30 },
  ).map((rows) =>
    rows.map(
      (r): ContactHistoryEntry => ({
        at: new Date(t + r.offset),
        channel: r.channel,
        mode: r.mode,
        purpose: r.purpose,
        debtId: r.debtId,
        relationship: r.third ? 'emergency-contact' : 'self',
        contactPointId: r.third ? r.cp : 'cp-self',
        outcome: r.outcome,
        agency: null,
      }),
    ),
  );
}

const scenario = instant.chain((t) =>
  fc.record({
    policy,
    proposal: fc
      .record({
        channel: fc.constantFrom(...CHANNELS, 'phone', 'phone'),
        purpose: fc.constantFrom<ContactProposal['purpose']>('collections', 'collections', 'servicing', 'follow-up-visit', 'marketing'),
        mode: fc.constantFrom<'human' | 'automated'>('human', 'automated'),
        debtId: fc.constantFrom(...DEBTS),
        third: fc.integer({ min: 0, max: 5 }),
        cp: fc.constantFrom(...CP),
        refused: fc.option(fc.integer({ min: -20 * DAY, max: 20 * DAY }), { nil: null }),
        purposeTp: fc.boolean(),
        message: fc.option(fc.constantFrom(...MESSAGES), { nil: undefined }),
        override: fc.integer({ min: 0, max: 3 }),
        mandated: fc.boolean(),
      })
      .map(
        (p): ContactProposal => ({
          at: new Date(t),
          channel: p.channel,
          purpose: p.purpose,
          mode: p.mode,
          debtId: p.debtId,
          recipient: p.third === 0 ? { contactPointId: p.cp, relationship: 'spouse', refusedAt: p.refused === null ? null : new Date(t + p.refused) } : { contactPointId: 'cp-self', relationship: 'self', refusedAt: null },
          thirdPartyPurpose: p.purposeTp ? 're-establish-contact' : undefined,
          message: p.message,
          override: p.override === 0 ? { by: 'supervisor', reason: 'property test' } : undefined,
          legallyRequiredNotice: p.mandated,
        }),
      ),
    context: fc
      .record({
        zones: fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 0, maxLength: 2 }),
        quiet: fc.option(window, { nil: null }),
        inconvenient: fc.array(window, { maxLength: 2 }),
        agreed: fc.option(window, { nil: null }),
        unreachable: fc.boolean(),
        hardship: fc.boolean(),
        bereavement: fc.boolean(),
        consents: fc.array(
          fc.record({
            purpose: fc.constantFrom<ContactProposal['purpose']>('collections', 'servicing', 'marketing', 'follow-up-visit'),
            channel: fc.constantFrom(...CHANNELS),
            granted: fc.integer({ min: -60 * DAY, max: 3 * DAY }),
            withdrawn: fc.option(fc.integer({ min: -30 * DAY, max: 3 * DAY }), { nil: null }),
          }),
          { maxLength: 4 },
        ),
        optOuts: fc.array(fc.record({ channel: fc.constantFrom<ContactChannel>('sms', 'email', 'phone'), offset: fc.integer({ min: -30 * DAY, max: 3 * DAY }) }), { maxLength: 2 }),
        cases: fc.array(
          fc.record({ type: fc.constantFrom<OpenCase['type']>('collection-conduct-complaint', 'fraud-incident', 'dispute', 'legal-hold'), debtId: fc.constantFrom(...DEBTS) }),
          { maxLength: 1 },
        ),
        history: historyAround(t),
      })
      .map(
        (c): ContactContext => ({
          customer: {
            timeZones: c.zones,
            quietHours: c.quiet,
            inconvenientTimes: c.inconvenient,
            agreedContactWindow: c.agreed,
            debtorUnreachable: c.unreachable,
            flags: { hardship: c.hardship, bereavement: c.bereavement, vulnerable: false },
          },
          consents: c.consents.map(
            (r): ConsentRecord => ({ purpose: r.purpose, channel: r.channel, grantedAt: new Date(t + r.granted), withdrawnAt: r.withdrawn === null ? null : new Date(t + r.withdrawn) }),
          ),
          optOuts: c.optOuts.map((o) => ({ channel: o.channel, at: new Date(t + o.offset) })),
          openCases: c.cases.map((k) => ({ type: k.type, debtId: k.debtId, openedAt: new Date(t - DAY) })),
          history: c.history,
        }),
      ),
  }),
);

/** The same worlds with the state obstacles removed, so most denials are time rules with an answer. */
const timeScenario = scenario.map(({ proposal, context, policy: pol }) => ({
  policy: pol,
  proposal: {
    ...proposal,
    recipient: { contactPointId: 'cp-self', relationship: 'self' as const, refusedAt: null },
    message: proposal.message && !/坐牢|sue/.test(proposal.message.text) ? proposal.message : undefined,
  },
  context: {
    ...context,
    customer: { ...context.customer, flags: { hardship: false, bereavement: false, vulnerable: false } },
    consents: [{ purpose: proposal.purpose, channel: proposal.channel, grantedAt: new Date(proposal.at.getTime() - 90 * DAY), withdrawnAt: null }],
    optOuts: [],
    openCases: [],
  },
}));

describe('engine properties', () => {
  it('(a) allowed ⇒ every rule passes on its own (overridable ones may fail only under an override, and are reported)', () => {
    fc.assert(
      fc.property(fc.oneof(scenario, timeScenario), ({ proposal, context, policy: pol }) => {
        const decision = evaluateContact(proposal, context, pol);
        if (!decision.allowed) return;
        const failing = CONTACT_RULES.filter((r) => r.check(proposal, context, pol) !== null);
        if (!proposal.override) expect(failing.map((r) => r.code)).toEqual([]);
        else {
          expect(failing.filter((r) => !r.overridable).map((r) => r.code)).toEqual([]);
          expect([...decision.overridden].sort()).toEqual(failing.map((r) => r.code).sort());
        }
      }),
      { numRuns: 600 },
    );
  });

  it('(b) earliestAllowedAt is allowed, and is the earliest: sampled earlier instants are denied', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof(scenario, timeScenario, timeScenario), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), ({ proposal, context, policy: pol }, samples) => {
        const decision = evaluateContact(proposal, context, pol);
        if (decision.allowed || decision.earliestAllowedAt === null) return;
        checked++;
        const t0 = proposal.at.getTime();
        const t1 = decision.earliestAllowedAt.getTime();
        expect(t1).toBeGreaterThanOrEqual(t0);
        expect(t1).toBeLessThanOrEqual(t0 + 60 * DAY);
        const later = evaluateContact({ ...proposal, at: decision.earliestAllowedAt }, context, pol);
        expect(later.allowed ? [] : later.denials.map((d) => d.rule)).toEqual([]);
        for (const s of [...samples.map((f) => t0 + Math.floor(f * (t1 - t0))), t1 - 1000]) {
          if (s < t0 || s >= t1) continue;
          expect(evaluateContact({ ...proposal, at: new Date(s) }, context, pol).allowed).toBe(false);
        }
      }),
      { numRuns: 800 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('(c) a sequence of calls appended only when allowed never exceeds the caps', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(CN_MAINLAND_POLICY, US_REG_F_POLICY, { ...US_REG_F_POLICY, maxConnectedVoiceCallsPerDay: 2 }),
        fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 1, maxLength: 2 }),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 1) }),
        fc.array(
          fc.record({
            wait: fc.integer({ min: 0, max: 6 * 3_600_000 }),
            debtId: fc.constantFrom('L1', 'L2', null),
            mode: fc.constantFrom<'human' | 'automated'>('human', 'automated'),
            outcome: fc.constantFrom<ContactHistoryEntry['outcome']>('attempted', 'no-answer', 'connected', 'connected', 'conversation'),
            jump: fc.boolean(),
          }),
          { minLength: 10, maxLength: 80 },
        ),
        (pol, zones, start, steps) => {
          const history: ContactHistoryEntry[] = [];
          let t = start;
          for (const step of steps) {
            t += step.wait;
            const context: ContactContext = {
              customer: { timeZones: zones, quietHours: null, inconvenientTimes: [], agreedContactWindow: null, debtorUnreachable: false, flags: { hardship: false, bereavement: false, vulnerable: false } },
              consents: [{ purpose: 'collections', channel: 'phone', grantedAt: new Date(start - DAY), withdrawnAt: null }],
              optOuts: [],
              openCases: [],
              history,
            };
            const proposal: ContactProposal = {
              at: new Date(t),
              channel: 'phone',
              purpose: 'collections',
              mode: step.mode,
              debtId: step.debtId,
              recipient: { contactPointId: 'cp-self', relationship: 'self', refusedAt: null },
            };
            const decision = evaluateContact(proposal, context, pol);
            if (decision.allowed) {
              history.push({ at: new Date(t), channel: 'phone', mode: step.mode, purpose: 'collections', debtId: step.debtId, relationship: 'self', contactPointId: 'cp-self', outcome: step.outcome, agency: null });
            } else if (step.jump && decision.earliestAllowedAt) {
              t = decision.earliestAllowedAt.getTime();
            }
          }
          assertCaps(history, pol, zones);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function assertCaps(history: ContactHistoryEntry[], pol: CompliancePolicy, zones: string[]) {
  const calls = history.map((e) => ({ ms: e.at.getTime(), e }));
  if (pol.maxConnectedVoiceCallsPerDay !== null) {
    for (const zone of zones) {
      const perDay = new Map<number, number>();
      for (const { ms, e } of calls) {
        if (e.outcome !== 'connected' && e.outcome !== 'conversation') continue;
        const day = localEpochDay(zone, ms);
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
      for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(pol.maxConnectedVoiceCallsPerDay);
    }
  }
  const counts = (debt: string, e: ContactHistoryEntry) => e.debtId === debt || e.debtId === null;
  for (const debt of ['L1', 'L2']) {
    const relevant = calls.filter(({ e }) => counts(debt, e));
    for (const { ms } of relevant) {
      if (pol.maxCallAttemptsPer7DaysPerDebt !== null) {
        const inWindow = relevant.filter((c) => c.ms > ms - 7 * DAY && c.ms <= ms).length;
        expect(inWindow).toBeLessThanOrEqual(pol.maxCallAttemptsPer7DaysPerDebt);
      }
      if (pol.noCallDaysAfterConversation !== null) {
        const blocking = relevant.some((c) => c.e.outcome === 'conversation' && c.ms < ms && ms < c.ms + pol.noCallDaysAfterConversation! * DAY);
        expect(blocking).toBe(false);
      }
    }
  }
  if (pol.burstMinutes !== null) {
    const sorted = [...calls].sort((a, b) => a.ms - b.ms);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      if (prev.e.outcome === 'no-answer' || prev.e.outcome === 'attempted') expect(sorted[i].ms - prev.ms).toBeGreaterThanOrEqual(pol.burstMinutes * 60_000);
    }
  }
}
