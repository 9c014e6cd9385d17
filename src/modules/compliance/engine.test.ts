import { describe, expect, it } from 'vitest';
import type { ContactContext, ContactDecision, ContactHistoryEntry, ContactProposal } from './compliance.types.ts';
import { evaluateContact } from './engine.ts';
import { CN_BANK_STRICT_POLICY, CN_MAINLAND_POLICY, US_REG_F_POLICY } from './policies.ts';
import { DAY, HOUR, LOS_ANGELES, MINUTE, NEW_YORK, at, buildContext, buildEntry, buildProposal, plus } from './compliance.test-support.ts';

function denied(decision: ContactDecision) {
  if (decision.allowed) throw new Error('expected a denial');
  return decision;
}
const rules = (decision: ContactDecision) => (decision.allowed ? [] : decision.denials.map((d) => d.rule));

describe('evaluateContact — hours at the boundaries', () => {
  it.each([
    ['China', CN_MAINLAND_POLICY, 'Asia/Shanghai', '2026-06-01 07:59', false],
    ['China', CN_MAINLAND_POLICY, 'Asia/Shanghai', '2026-06-01 08:00', true],
    ['China', CN_MAINLAND_POLICY, 'Asia/Shanghai', '2026-06-01 21:59', true],
    ['China', CN_MAINLAND_POLICY, 'Asia/Shanghai', '2026-06-01 22:00', false],
    ['US', US_REG_F_POLICY, NEW_YORK, '2026-06-01 20:59', true],
    ['US', US_REG_F_POLICY, NEW_YORK, '2026-06-01 21:00', false],
    ['bank', CN_BANK_STRICT_POLICY, 'Asia/Shanghai', '2026-06-01 20:59', true],
    ['bank', CN_BANK_STRICT_POLICY, 'Asia/Shanghai', '2026-06-01 21:00', false],
  ] as const)('%s %s %s → allowed %s', (_label, policy, zone, local, allowed) => {
    const decision = evaluateContact(buildProposal({ at: at(local, zone) }), buildContext({ customer: { timeZones: [zone] } }), policy);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(rules(decision)).toEqual(['contact-hours']);
  });

  it('a 22:30 proposal is allowed from 08:00 the next local day', () => {
    const decision = denied(evaluateContact(buildProposal({ at: at('2026-06-01 22:30') }), buildContext(), CN_MAINLAND_POLICY));
    expect(decision.earliestAllowedAt).toEqual(at('2026-06-02 08:00'));
    expect(decision.denials[0].messageZh).toContain('2026-06-02 08:00');
    expect(decision.denials[0].messageEn).toContain('2026-06-02 08:00');
  });

  it('US debtor with address in Los Angeles and phone in New York: the window must hold in both', () => {
    const context = buildContext({ customer: { timeZones: [LOS_ANGELES, NEW_YORK] } });
    // 09:00 in New York is 06:00 in Los Angeles
    const decision = denied(evaluateContact(buildProposal({ at: at('2026-06-01 09:00', NEW_YORK) }), context, US_REG_F_POLICY));
    expect(decision.earliestAllowedAt).toEqual(at('2026-06-01 08:00', LOS_ANGELES));
    // 20:30 in Los Angeles is 23:30 in New York
    const late = denied(evaluateContact(buildProposal({ at: at('2026-06-01 20:30', LOS_ANGELES) }), context, US_REG_F_POLICY));
    expect(late.earliestAllowedAt).toEqual(at('2026-06-02 08:00', LOS_ANGELES));
    expect(evaluateContact(buildProposal({ at: at('2026-06-01 17:59', NEW_YORK) }), context, US_REG_F_POLICY).allowed).toBe(true);
  });

  it.each([
    ['2026-03-08T11:30:00Z', '2026-03-08T12:00:00.000Z'], // spring forward: 07:30 EDT → 08:00 EDT
    ['2026-11-01T12:30:00Z', '2026-11-01T13:00:00.000Z'], // fall back: 07:30 EST → 08:00 EST
    ['2026-03-08T06:30:00Z', '2026-03-08T12:00:00.000Z'], // 01:30 EST, across the gap
    ['2026-11-01T05:30:00Z', '2026-11-01T13:00:00.000Z'], // 01:30 EDT, across the overlap
  ])('US daylight-saving day: %s → earliest %s', (instant, expected) => {
    const decision = denied(evaluateContact(buildProposal({ at: new Date(instant) }), buildContext({ customer: { timeZones: [NEW_YORK] } }), US_REG_F_POLICY));
    expect(decision.earliestAllowedAt?.toISOString()).toBe(expected);
  });
});

describe('evaluateContact — frequency', () => {
  const connected = (local: string): ContactHistoryEntry => buildEntry({ at: at(local), outcome: 'connected' });

  it('the 3rd connected call of a local day is allowed, the 4th refused', () => {
    const two = buildContext({ history: [connected('2026-06-01 09:00'), connected('2026-06-01 11:00')] });
    expect(evaluateContact(buildProposal({ at: at('2026-06-01 15:00') }), two, CN_MAINLAND_POLICY).allowed).toBe(true);
    const three = buildContext({ history: [...two.history, connected('2026-06-01 15:00')] });
    const decision = denied(evaluateContact(buildProposal({ at: at('2026-06-01 17:00') }), three, CN_MAINLAND_POLICY));
    expect(rules(decision)).toEqual(['daily-connected-call-cap']);
    // next local day starts at 00:00, but the contact hours open at 08:00
    expect(decision.denials[0].allowedFrom).toEqual(at('2026-06-02 00:00'));
    expect(decision.earliestAllowedAt).toEqual(at('2026-06-02 08:00'));
  });

  const ny = (local: string) => at(local, NEW_YORK);
  const usContext = (history: ContactHistoryEntry[]) => buildContext({ customer: { timeZones: [NEW_YORK] }, history });
  const calls = (debtId: string, n: number): ContactHistoryEntry[] =>
    Array.from({ length: n }, (_, i) => buildEntry({ at: ny(`2026-06-0${2 + i} 10:00`), debtId, outcome: 'no-answer' }));

  it('the 7th call in a rolling 7-day window is allowed, the 8th refused until the oldest is 7 days old', () => {
    expect(evaluateContact(buildProposal({ at: ny('2026-06-08 12:00') }), usContext(calls('L1', 6)), US_REG_F_POLICY).allowed).toBe(true);
    const decision = denied(evaluateContact(buildProposal({ at: ny('2026-06-08 12:00') }), usContext(calls('L1', 7)), US_REG_F_POLICY));
    expect(rules(decision)).toEqual(['seven-day-call-cap']);
    expect(decision.earliestAllowedAt).toEqual(ny('2026-06-09 10:00'));
  });

  it('two debts of one consumer count separately', () => {
    const context = usContext(calls('L1', 7));
    expect(evaluateContact(buildProposal({ at: ny('2026-06-08 12:00'), debtId: 'L2' }), context, US_REG_F_POLICY).allowed).toBe(true);
    expect(evaluateContact(buildProposal({ at: ny('2026-06-08 12:00'), debtId: 'L1' }), context, US_REG_F_POLICY).allowed).toBe(false);
  });

  it('a conversation 6 days 23 hours ago blocks the call for one more hour', () => {
    const now = ny('2026-06-10 12:00');
    const context = usContext([buildEntry({ at: plus(now, -(6 * DAY + 23 * HOUR)), outcome: 'conversation' })]);
    const decision = denied(evaluateContact(buildProposal({ at: now }), context, US_REG_F_POLICY));
    expect(rules(decision)).toEqual(['post-conversation-wait']);
    expect(decision.earliestAllowedAt).toEqual(plus(now, HOUR));
  });

  it('a cap lifting at night waits for the morning', () => {
    // oldest of 7 calls at 22:30 → ages out at 22:30 seven days later, outside the hours
    const history = Array.from({ length: 7 }, (_, i) => buildEntry({ at: plus(ny('2026-06-02 20:30'), i * 20 * HOUR), outcome: 'no-answer' }));
    const decision = denied(evaluateContact(buildProposal({ at: ny('2026-06-08 12:00') }), usContext(history), US_REG_F_POLICY));
    expect(decision.denials[0].allowedFrom).toEqual(ny('2026-06-09 20:30'));
    expect(decision.earliestAllowedAt).toEqual(ny('2026-06-09 20:30'));
    const later = history.map((e) => ({ ...e, at: plus(e.at, 60 * MINUTE) }));
    const night = denied(evaluateContact(buildProposal({ at: ny('2026-06-08 12:00') }), usContext(later), US_REG_F_POLICY));
    expect(night.earliestAllowedAt).toEqual(ny('2026-06-10 08:00'));
  });
});

describe('evaluateContact — consent, third parties, holidays', () => {
  it('a consent withdrawn one second before the contact counts as withdrawn', () => {
    const now = at('2026-06-01 10:00');
    const context = buildContext({ consents: [{ purpose: 'collections', channel: 'sms', grantedAt: plus(now, -30 * DAY), withdrawnAt: plus(now, -1000) }] });
    const decision = denied(evaluateContact(buildProposal({ at: now, channel: 'sms' }), context, CN_MAINLAND_POLICY));
    expect(rules(decision)).toEqual(['consent-missing']);
    expect(decision.earliestAllowedAt).toBeNull();
  });

  it('a contact person who refused last week is never contacted again', () => {
    const now = at('2026-06-08 10:00');
    const proposal = buildProposal({
      at: now,
      recipient: { contactPointId: 'cp-ec', relationship: 'emergency-contact', refusedAt: plus(now, -7 * DAY) },
      thirdPartyPurpose: 're-establish-contact',
    });
    const decision = denied(evaluateContact(proposal, buildContext({ customer: { debtorUnreachable: true } }), CN_MAINLAND_POLICY));
    expect(rules(decision)).toEqual(['third-party-refused']);
    expect(decision.earliestAllowedAt).toBeNull();
    expect(decision.denials[0].overridable).toBe(false);
  });

  it('no collection on the National Day holiday (2026-10-01); a 调休 working Saturday (2026-10-10) is a working day', () => {
    const holiday = denied(evaluateContact(buildProposal({ at: at('2026-10-01 10:00') }), buildContext(), CN_MAINLAND_POLICY));
    expect(rules(holiday)).toEqual(['public-holiday']);
    expect(holiday.earliestAllowedAt).toEqual(at('2026-10-08 08:00'));
    expect(evaluateContact(buildProposal({ at: at('2026-10-10 10:00') }), buildContext(), CN_MAINLAND_POLICY).allowed).toBe(true);
  });

  it('22:30 on the eve of the holiday → after the holiday, at 08:00', () => {
    const decision = denied(evaluateContact(buildProposal({ at: at('2026-09-30 22:30') }), buildContext(), CN_MAINLAND_POLICY));
    expect(decision.earliestAllowedAt).toEqual(at('2026-10-08 08:00'));
  });
});

describe('evaluateContact — every reason, overrides, bounds', () => {
  const now = at('2026-06-01 22:30');
  const withdrawn = buildContext({
    consents: [{ purpose: 'collections', channel: 'sms', grantedAt: plus(now, -30 * DAY), withdrawnAt: plus(now, -DAY) }],
    openCases: [{ type: 'collection-conduct-complaint', debtId: null, openedAt: plus(now, -DAY) }],
    customer: { quietHours: { start: '21:00', end: '09:00' } },
  });

  it('returns every denial, not only the first', () => {
    const proposal = buildProposal({ at: now, channel: 'sms', mode: 'automated', message: { text: '老赖，后果自负', language: 'zh-CN' } });
    const decision = denied(evaluateContact(proposal, withdrawn, CN_MAINLAND_POLICY));
    expect(rules(decision).sort()).toEqual(['consent-missing', 'contact-hours', 'paused-complaint', 'quiet-hours', 'wording'].sort());
    expect(decision.earliestAllowedAt).toBeNull();
    for (const d of decision.denials) {
      expect(d.messageZh.length).toBeGreaterThan(5);
      expect(d.messageEn.length).toBeGreaterThan(5);
      expect(d.source.length).toBeGreaterThan(5);
    }
  });

  it('a supervisor override lifts the hours but not a withdrawn consent', () => {
    const override = { by: 'supervisor-1', reason: 'debtor asked for a call-back tonight' };
    const consentOnly = buildContext({ consents: withdrawn.consents });
    const decision = denied(evaluateContact(buildProposal({ at: now, channel: 'sms', override }), consentOnly, CN_MAINLAND_POLICY));
    expect(rules(decision)).toEqual(['consent-missing']);
    expect(decision.earliestAllowedAt).toBeNull();
    expect(evaluateContact(buildProposal({ at: now, override }), buildContext(), CN_MAINLAND_POLICY)).toEqual({ allowed: true, overridden: ['contact-hours'] });
  });

  it('without a denial the override lifts nothing', () => {
    expect(evaluateContact(buildProposal({ override: { by: 's', reason: 'r' } }), buildContext(), CN_MAINLAND_POLICY)).toEqual({ allowed: true, overridden: [] });
  });

  it('the search is bounded: nothing within the horizon → earliestAllowedAt null', () => {
    const days = Array.from({ length: 70 }, (_, i) => new Date(Date.UTC(2026, 5, 2 + i)).toISOString().slice(0, 10));
    const decision = denied(evaluateContact(buildProposal({ at: now }), buildContext(), { ...CN_MAINLAND_POLICY, extraPublicHolidays: days }));
    expect(decision.earliestAllowedAt).toBeNull();
    const shorter = denied(evaluateContact(buildProposal({ at: now }), buildContext(), { ...CN_MAINLAND_POLICY, extraPublicHolidays: days.slice(0, 50) }));
    expect(shorter.earliestAllowedAt).toEqual(at('2026-07-22 08:00'));
    const tight = denied(evaluateContact(buildProposal({ at: now }), buildContext(), { ...CN_MAINLAND_POLICY, extraPublicHolidays: days.slice(0, 50), searchHorizonDays: 30 }));
    expect(tight.earliestAllowedAt).toBeNull();
  });

  it('is pure: frozen inputs are not touched and the answer does not depend on the wall clock', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object' && !(o instanceof Date)) {
        for (const v of Object.values(o)) deepFreeze(v);
        Object.freeze(o);
      }
      return o;
    };
    const proposal: ContactProposal = deepFreeze(buildProposal({ at: now }));
    const context: ContactContext = deepFreeze(buildContext({ history: [buildEntry({ at: plus(now, -HOUR) })] }));
    const first = evaluateContact(proposal, context, CN_MAINLAND_POLICY);
    expect(evaluateContact(proposal, context, CN_MAINLAND_POLICY)).toEqual(first);
  });

  it('rejects an invalid instant', () => {
    expect(() => evaluateContact(buildProposal({ at: new Date('nope') }), buildContext(), CN_MAINLAND_POLICY)).toThrow(TypeError);
  });
});
