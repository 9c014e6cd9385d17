import { describe, expect, it } from 'vitest';
import { collectionStage } from '../../loans/rules/delinquency-bucket.ts';
import { DEFAULT_STRATEGY, DEFAULT_STRATEGY_TEMPLATE_KEYS } from './default-strategy.ts';
import { actionOf, selectSegment } from './evaluate-strategy.ts';
import { parseStrategy } from './strategy.schema.ts';
import { dpdCoverageGaps } from './strategy-coverage.ts';
import { account } from './strategy.test-support.ts';

const segmentById = (id: string) => DEFAULT_STRATEGY.segments.find((s) => s.id === id)!;
const firstAction = (id: string) => actionOf(segmentById(id).ladder[0]!);
const AS_OF = '2026-03-01';

describe('DEFAULT_STRATEGY', () => {
  it('is valid, frozen and covers every DPD from 1', () => {
    expect(parseStrategy(JSON.parse(JSON.stringify(DEFAULT_STRATEGY))).ok).toBe(true);
    expect(Object.isFrozen(DEFAULT_STRATEGY.segments[0]!.ladder[0])).toBe(true);
    expect(dpdCoverageGaps(DEFAULT_STRATEGY)).toEqual([]);
  });

  it('orders care, unwilling and willing-but-unable ahead of the age bands and the stages', () => {
    expect(DEFAULT_STRATEGY.segments.map((s) => s.id)).toEqual([
      'care-flagged', 'unwilling-legal', 'willing-but-unable', 'early-young', 'early-older', 'early', 'mid-young', 'mid-older', 'mid', 'late', 'severe',
    ]);
  });

  it('agrees with collectionStage: each stage segment is exactly the stage\'s DPD range', () => {
    const stageOf = { early: 'early', mid: 'mid', late: 'late', severe: 'severe' } as const;
    for (let dpd = 1; dpd <= 400; dpd++) {
      const id = selectSegment(DEFAULT_STRATEGY, account({ dpd, age: null, customerType: 'enterprise' }), AS_OF)!.id;
      expect(stageOf[id as keyof typeof stageOf]).toBe(collectionStage(dpd));
    }
  });

  it.each([
    ['early', 'contact', 'sms', 'automated'],
    ['early-young', 'contact', 'portal', 'automated'],
    ['early-older', 'contact', 'phone', 'human'],
    ['mid', 'agent-call-task', 'phone', 'human'],
    ['mid-young', 'contact', 'portal', 'human'], // online chat
    ['mid-older', 'agent-call-task', 'phone', 'human'],
    ['late', 'agent-call-task', 'phone', 'human'],
    ['severe', 'contact', 'letter', 'automated'],
    ['unwilling-legal', 'contact', 'letter', 'automated'],
    ['care-flagged', 'hardship-review-task', null, null],
  ])('%s starts with %s (%s, %s)', (id, kind, channel, mode) => {
    const action = firstAction(id);
    expect(action.kind).toBe(kind);
    expect(action.contact?.channel ?? null).toBe(channel);
    expect(action.contact?.mode ?? null).toBe(mode);
  });

  it('1–30 DPD is automated only for the general population', () => {
    expect(segmentById('early').ladder.every((s) => s.type === 'contact' && actionOf(s).contact!.mode === 'automated')).toBe(true);
  });

  it('late stage visits in the field; severe proposes an external agency and legal action, both needing approval', () => {
    expect(segmentById('late').ladder.map((s) => actionOf(s).kind)).toContain('field-visit-task');
    const severe = segmentById('severe').ladder.map(actionOf);
    expect(severe.filter((a) => a.requiresApproval).map((a) => a.kind)).toEqual(['external-agency-proposal', 'legal-referral-proposal']);
  });

  it('the unwilling path builds an evidence pack before the legal referral', () => {
    expect(segmentById('unwilling-legal').ladder.map((s) => actionOf(s).kind)).toEqual(['contact', 'contact', 'evidence-pack-task', 'legal-referral-proposal']);
  });

  it('the hardship path uses no automated contact (the compliance engine pauses it for hardship) and no proposals', () => {
    for (const id of ['care-flagged', 'willing-but-unable']) {
      const actions = segmentById(id).ladder.map(actionOf);
      expect(actions.every((a) => a.contact === null || a.contact.mode === 'human')).toBe(true);
      expect(actions.some((a) => a.requiresApproval)).toBe(false);
      expect(actions[0]!.kind).toBe('hardship-review-task');
    }
  });

  it('lists every template key it uses, sorted and unique; contacts use purpose collections', () => {
    expect(DEFAULT_STRATEGY_TEMPLATE_KEYS).toContain('overdue-notice');
    expect([...DEFAULT_STRATEGY_TEMPLATE_KEYS].sort()).toEqual(DEFAULT_STRATEGY_TEMPLATE_KEYS);
    expect(new Set(DEFAULT_STRATEGY_TEMPLATE_KEYS).size).toBe(DEFAULT_STRATEGY_TEMPLATE_KEYS.length);
    const actions = DEFAULT_STRATEGY.segments.flatMap((s) => s.ladder.map(actionOf));
    expect(actions.every((a) => a.templateKey !== null && DEFAULT_STRATEGY_TEMPLATE_KEYS.includes(a.templateKey))).toBe(true);
    expect(actions.every((a) => a.contact === null || a.contact.purpose === 'collections')).toBe(true);
  });
});
