import { describe, expect, it } from 'vitest';
import { assembleReferralPackage, type ReferralSources } from './referral-package.ts';

const base: ReferralSources = {
  kind: 'legal', asOf: '2026-11-26',
  evidence: [{ id: 'e1', kind: 'contract', fileName: '借款合同.pdf', sha256: 'a'.repeat(64), uploadedAt: '2025-01-02T00:00:00.000Z', description: null, removed: false, agreementDocument: false }],
  schedule: [
    { sequence: 1, dueDate: '2026-09-15', dueFen: 100_00, paidFen: 100_00 },
    { sequence: 2, dueDate: '2026-10-15', dueFen: 100_00, paidFen: 40_00 },
    { sequence: 3, dueDate: '2026-11-15', dueFen: 100_00, paidFen: 0 },
    { sequence: 4, dueDate: '2026-11-26', dueFen: 100_00, paidFen: 0 }, // due today: not overdue yet
  ],
  payments: [{ valueDate: '2026-09-15', amountFen: 140_00 }],
  contacts: [{ at: '2026-11-20T02:00:00.000Z', channel: 'phone', direction: 'outbound', mode: 'human', outcome: 'conversation', relationship: 'self' }],
  messages: [], actions: [], promises: [], agreements: [],
};

const checklist = (s: ReferralSources) => Object.fromEntries(assembleReferralPackage(s).checklist.map((c) => [c.item, c.ok]));

describe('assembleReferralPackage', () => {
  it('totals the statement: overdue is what is unpaid on instalments due before the as-of date', () => {
    const pkg = assembleReferralPackage(base);
    expect(pkg.statement.totals).toEqual({ dueFen: 400_00, paidFen: 140_00, overdueFen: 160_00, outstandingFen: 260_00, overdueInstalments: 2, oldestUnpaidDueDate: '2026-10-15' });
    expect(pkg.complete).toBe(true);
  });

  it.each([
    ['no evidence at all', { evidence: [] }, { contract: false }, false],
    ['only a removed contract', { evidence: [{ ...base.evidence[0]!, removed: true }] }, { contract: false }, false],
    ['only a repayment agreement PDF (not the loan contract)', { evidence: [{ ...base.evidence[0]!, agreementDocument: true }] }, { contract: false }, false],
    ['nothing overdue', { schedule: [{ sequence: 1, dueDate: '2026-11-15', dueFen: 100, paidFen: 100 }] }, { debt: false }, false],
    ['only a refused call', { contacts: [{ ...base.contacts[0]!, outcome: 'refused' }] }, { 'contact-history': false }, false],
    ['a conversation with a third party only', { contacts: [{ ...base.contacts[0]!, relationship: 'relative' }] }, { 'contact-history': false }, false],
    ['a delivered SMS instead of a call', { contacts: [], messages: [{ at: '2026-11-01T00:00:00Z', channel: 'sms', status: 'delivered', purpose: 'collections' }] }, { 'contact-history': true }, true],
    ['a failed SMS only', { contacts: [], messages: [{ at: '2026-11-01T00:00:00Z', channel: 'sms', status: 'failed', purpose: 'collections' }] }, { 'contact-history': false }, false],
  ] as Array<[string, Partial<ReferralSources>, Record<string, boolean>, boolean]>)('%s', (_name, change, expected, complete) => {
    const s: ReferralSources = { ...base, ...change };
    expect(checklist(s)).toMatchObject(expected);
    expect(assembleReferralPackage(s).complete).toBe(complete);
  });

  it('broken promises and a confirmed agreement whose own instalment is overdue count as defaults; open promises and declined offers do not', () => {
    const pkg = assembleReferralPackage({
      ...base,
      promises: [
        { promisedOn: '2026-10-01', dueOn: '2026-10-10', amountFen: 500, status: 'broken' },
        { promisedOn: '2026-11-20', dueOn: '2026-11-30', amountFen: 500, status: 'open' },
      ],
      agreements: [
        { referenceNumber: 'RA1', kind: 'instalment-plan', status: 'confirmed', resolvedAt: '2026-10-01T00:00:00Z', newSchedule: [{ dueDate: '2026-11-15' }, { dueDate: '2026-12-15' }] },
        { referenceNumber: 'RA2', kind: 'grace-period', status: 'declined', resolvedAt: '2026-09-01T00:00:00Z', newSchedule: [{ dueDate: '2026-10-15' }] },
        { referenceNumber: 'RA3', kind: 'grace-period', status: 'confirmed', resolvedAt: '2026-11-01T00:00:00Z', newSchedule: [{ dueDate: '2026-12-15' }] },
      ],
    });
    expect(pkg.broken.promises.map((p) => p.dueOn)).toEqual(['2026-10-10']);
    expect(pkg.broken.agreements.map((a) => a.referenceNumber)).toEqual(['RA1']);
    expect(checklist({ ...base })['default-shown']).toBe(false);
    expect(assembleReferralPackage(base).complete).toBe(true); // a default is not required to refer
  });
});
