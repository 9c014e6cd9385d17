import { describe, expect, it } from 'vitest';
import type { ContactProposal } from '../compliance.types.ts';
import { CN_MAINLAND_POLICY, US_REG_F_POLICY } from '../policies.ts';
import { DAY, at, buildContext, buildEntry, buildProposal, plus } from '../compliance.test-support.ts';
import { checkThirdPartyAllowed } from './third-party-not-allowed.ts';

const now = at('2026-06-01 10:00');
const toContact = (over: Partial<ContactProposal> = {}, relationship: ContactProposal['recipient']['relationship'] = 'emergency-contact') =>
  buildProposal({ at: now, recipient: { contactPointId: 'cp-ec', relationship, refusedAt: null }, thirdPartyPurpose: 're-establish-contact', ...over });
const unreachable = buildContext({ customer: { debtorUnreachable: true } });

describe('third parties: only to re-establish contact with an unreachable debtor', () => {
  it.each([
    ['debtor unreachable, emergency contact, re-establish', toContact(), unreachable, true],
    ['debtor reachable', toContact(), buildContext(), false],
    ['no third-party purpose', toContact({ thirdPartyPurpose: undefined }), unreachable, false],
    ['automated', toContact({ mode: 'automated' }), unreachable, false],
    ['marketing', toContact({ purpose: 'marketing' }), unreachable, false],
    ['colleague (never agreed in China)', toContact({}, 'colleague'), unreachable, false],
    ['unrecorded contact point', toContact({ recipient: { contactPointId: null, relationship: 'relative', refusedAt: null } }), unreachable, false],
  ] as const)('%s → allowed %s', (_label, proposal, context, allowed) => {
    const d = checkThirdPartyAllowed(proposal, context, CN_MAINLAND_POLICY);
    expect(d === null).toBe(allowed);
    if (d) {
      expect(d.rule).toBe('third-party-not-allowed');
      expect(d.overridable).toBe(false);
      expect(d.allowedFrom).toBeNull();
    }
  });

  it('the debtor themself is never a third party', () => {
    expect(checkThirdPartyAllowed(buildProposal({ at: now }), buildContext(), CN_MAINLAND_POLICY)).toBeNull();
  });

  it('lists every failed condition in one denial', () => {
    const d = checkThirdPartyAllowed(toContact({ thirdPartyPurpose: undefined, mode: 'automated' }), buildContext(), CN_MAINLAND_POLICY);
    expect(d?.messageEn.split(';').length).toBe(3);
  });

  it('China: when the agreed contact list is given, only those contact points', () => {
    const agreed = buildContext({ customer: { debtorUnreachable: true, agreedContactPointIds: ['cp-other'] } });
    expect(checkThirdPartyAllowed(toContact(), agreed, CN_MAINLAND_POLICY)?.messageEn).toMatch(/agreed in advance/);
  });

  it('US: a third party already reached is not contacted again (15 U.S.C. 1692b(3))', () => {
    const context = buildContext({
      customer: { debtorUnreachable: true },
      history: [buildEntry({ at: plus(now, -DAY), relationship: 'emergency-contact', contactPointId: 'cp-ec', outcome: 'connected' })],
    });
    expect(checkThirdPartyAllowed(toContact(), context, US_REG_F_POLICY)?.messageEn).toMatch(/1692b\(3\)/);
    expect(checkThirdPartyAllowed(toContact(), unreachable, US_REG_F_POLICY)).toBeNull();
  });
});
