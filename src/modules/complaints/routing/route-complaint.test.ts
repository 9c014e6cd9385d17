import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING_RULES, routeComplaint, type RoutingCandidate } from './route-complaint.ts';

const h = (id: string, branchId: string | null, openComplaints: number, team: string | null = null): RoutingCandidate => ({ id, displayName: id, branchId, team, openComplaints });

const BJ_A = h('bj-a', 'BJ001', 3);
const BJ_B = h('bj-b', 'BJ001', 1);
const BJ_C = h('bj-c', 'BJ001', 1);
const SH_A = h('sh-a', 'SH001', 0);
const HO_A = h('ho-a', null, 2);
const HO_B = h('ho-b', null, 5);
const BJ_COLL = h('bj-coll', 'BJ001', 9, 'complaints-collection-conduct');
const HO_COLL = h('ho-coll', null, 4, 'complaints-collection-conduct');
const HO_FRAUD = h('ho-fraud', null, 7, 'complaints-fraud');

describe('routeComplaint', () => {
  it.each([
    // [case, category, branch, candidates, expected handler, expected pool]
    ['least-loaded handler of the customer branch', 'interest-and-fee-calculation', 'BJ001', [BJ_A, BJ_B, HO_A], 'bj-b', 'branch'],
    ['a tie goes to the lower id (deterministic)', 'other', 'BJ001', [BJ_C, BJ_B, BJ_A], 'bj-b', 'branch'],
    ['another branch is never chosen, even idle', 'other', 'BJ001', [SH_A, BJ_A], 'bj-a', 'branch'],
    ['no handler in the branch → head office, least loaded', 'other', 'BJ001', [SH_A, HO_B, HO_A], 'ho-a', 'head-office'],
    ['no customer (unmatched e-mail) → head office', 'other', null, [BJ_B, HO_A], 'ho-a', 'head-office'],
    ['collection conduct → branch specialist even when busier', 'collection-conduct', 'BJ001', [BJ_B, BJ_COLL, HO_COLL], 'bj-coll', 'specialised-branch'],
    ['collection conduct, no branch specialist → head-office specialist', 'collection-conduct', 'SH001', [SH_A, BJ_COLL, HO_COLL], 'ho-coll', 'specialised-head-office'],
    ['fraud → head-office fraud team before the branch handlers', 'fraud-or-identity-misuse', 'BJ001', [BJ_B, HO_FRAUD], 'ho-fraud', 'specialised-head-office'],
    ['fraud without a fraud specialist → ordinary branch pool', 'fraud-or-identity-misuse', 'BJ001', [BJ_A, BJ_B, HO_COLL], 'bj-b', 'branch'],
    ['specialists are kept out of the ordinary pool', 'service-quality-or-delay', 'BJ001', [BJ_COLL, HO_FRAUD, HO_A], 'ho-a', 'head-office'],
    ['an unclassified complaint uses the ordinary pool', null, 'BJ001', [BJ_A, HO_A], 'bj-a', 'branch'],
  ] as const)('%s', (_name, category, branchId, candidates, handlerId, pool) => {
    const d = routeComplaint({ category, branchId }, candidates, DEFAULT_ROUTING_RULES);
    expect(d).toMatchObject({ handlerId, pool });
    expect(d.zh).toContain(handlerId);
  });

  it('nobody eligible → unassigned, with a reason for the supervisor', () => {
    expect(routeComplaint({ category: 'other', branchId: 'BJ001' }, [SH_A, BJ_COLL], DEFAULT_ROUTING_RULES)).toMatchObject({ handlerId: null, pool: null });
    expect(routeComplaint({ category: 'other', branchId: 'BJ001' }, [], DEFAULT_ROUTING_RULES).en).toMatch(/supervisor/);
  });

  it('specialisedOnly leaves a specialised category unassigned rather than give it to a generalist', () => {
    const rules = { ...DEFAULT_ROUTING_RULES, specialisedOnly: true };
    expect(routeComplaint({ category: 'fraud-or-identity-misuse', branchId: 'BJ001' }, [BJ_B, HO_A], rules).handlerId).toBeNull();
    expect(routeComplaint({ category: 'other', branchId: 'BJ001' }, [BJ_B, HO_A], rules).handlerId).toBe('bj-b');
  });

  it('configurable rules: a new category pool', () => {
    const rules = { specialised: [{ category: 'personal-data-and-privacy', team: 'privacy-desk' }] };
    const privacy = h('ho-privacy', null, 10, 'privacy-desk');
    expect(routeComplaint({ category: 'personal-data-and-privacy', branchId: 'BJ001' }, [BJ_B, privacy], rules).handlerId).toBe('ho-privacy');
    // Under these rules collection conduct is ordinary, and the old specialist team is just another handler.
    expect(routeComplaint({ category: 'collection-conduct', branchId: 'BJ001' }, [BJ_A, BJ_COLL], rules).handlerId).toBe('bj-a');
  });
});
