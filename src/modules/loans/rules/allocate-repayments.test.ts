import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  allocateRepayments,
  DEFAULT_ALLOCATION_POLICY,
  type AllocationPolicy,
  type Component,
  type InstalmentDue,
  type Payment,
} from './allocate-repayments.ts';

const inst = (id: string, sequence: number, dueDate: string, principalFen: number, interestFen: number, feeFen = 0): InstalmentDue => ({
  id,
  sequence,
  dueDate,
  principalFen,
  interestFen,
  feeFen,
});
const pay = (id: string, valueDate: string, amountFen: number): Payment => ({ id, valueDate, amountFen });

// Three monthly instalments of 100 principal + 10 interest + 5 fee = 115 each.
const THREE = [
  inst('i1', 1, '2024-01-31', 100, 10, 5),
  inst('i2', 2, '2024-02-29', 100, 10, 5),
  inst('i3', 3, '2024-03-31', 100, 10, 5),
];

const compact = (allocations: ReturnType<typeof allocateRepayments>['allocations']): string[] =>
  allocations.map((a) => `${a.paymentId}>${a.instalmentId}.${a.component}:${a.amountFen}`);

describe('allocateRepayments — instalment-first (default)', () => {
  it.each<[string, Payment[], string[], number]>([
    ['no payments', [], [], 0],
    ['zero payment', [pay('p1', '2024-01-31', 0)], [], 0],
    ['fee only', [pay('p1', '2024-01-31', 5)], ['p1>i1.fee:5'], 0],
    ['partial interest', [pay('p1', '2024-01-31', 8)], ['p1>i1.fee:5', 'p1>i1.interest:3'], 0],
    ['exactly one instalment', [pay('p1', '2024-01-31', 115)], ['p1>i1.fee:5', 'p1>i1.interest:10', 'p1>i1.principal:100'], 0],
    [
      'spills into the next instalment',
      [pay('p1', '2024-01-31', 130)],
      ['p1>i1.fee:5', 'p1>i1.interest:10', 'p1>i1.principal:100', 'p1>i2.fee:5', 'p1>i2.interest:10'],
      0,
    ],
    [
      'overpays everything',
      [pay('p1', '2024-01-31', 400)],
      [
        'p1>i1.fee:5', 'p1>i1.interest:10', 'p1>i1.principal:100',
        'p1>i2.fee:5', 'p1>i2.interest:10', 'p1>i2.principal:100',
        'p1>i3.fee:5', 'p1>i3.interest:10', 'p1>i3.principal:100',
      ],
      55,
    ],
    [
      'a second payment continues where the first stopped',
      [pay('p1', '2024-01-31', 50), pay('p2', '2024-02-05', 70)],
      ['p1>i1.fee:5', 'p1>i1.interest:10', 'p1>i1.principal:35', 'p2>i1.principal:65', 'p2>i2.fee:5'],
      0,
    ],
    [
      'payments are applied in value-date order, not input order',
      [pay('late', '2024-02-29', 10), pay('early', '2024-01-31', 10)],
      ['early>i1.fee:5', 'early>i1.interest:5', 'late>i1.interest:5', 'late>i1.principal:5'],
      0,
    ],
    [
      'same-day payments keep input order',
      [pay('b', '2024-01-31', 3), pay('a', '2024-01-31', 3)],
      ['b>i1.fee:3', 'a>i1.fee:2', 'a>i1.interest:1'],
      0,
    ],
  ])('%s', (_, payments, expected, overpaymentFen) => {
    const result = allocateRepayments(THREE, payments);
    expect(compact(result.allocations)).toEqual(expected);
    expect(result.overpaymentFen).toBe(overpaymentFen);
  });

  it('reports what each instalment received and when it was cleared', () => {
    const result = allocateRepayments(THREE, [pay('p1', '2024-01-31', 100), pay('p2', '2024-02-03', 20), pay('p3', '2024-03-01', 110)]);
    expect(Object.fromEntries(result.paidByInstalment)).toEqual({
      i1: { feeFen: 5, interestFen: 10, principalFen: 100, fullyPaidOn: '2024-02-03' },
      i2: { feeFen: 5, interestFen: 10, principalFen: 100, fullyPaidOn: '2024-03-01' },
      i3: { feeFen: 0, interestFen: 0, principalFen: 0, fullyPaidOn: null },
    });
  });

  it('orders instalments by due date, then sequence, regardless of input order', () => {
    const shuffled = [THREE[2]!, THREE[0]!, THREE[1]!];
    const result = allocateRepayments(shuffled, [pay('p1', '2024-01-01', 120)]);
    expect(compact(result.allocations)).toEqual(['p1>i1.fee:5', 'p1>i1.interest:10', 'p1>i1.principal:100', 'p1>i2.fee:5']);
    const sameDay = [inst('b', 2, '2024-01-31', 10, 0), inst('a', 1, '2024-01-31', 10, 0)];
    expect(compact(allocateRepayments(sameDay, [pay('p', '2024-01-31', 15)]).allocations)).toEqual(['p>a.principal:10', 'p>b.principal:5']);
  });

  it('treats an instalment that owes nothing as cleared on its due date', () => {
    const result = allocateRepayments([inst('holiday', 1, '2024-01-31', 0, 0), inst('i2', 2, '2024-02-29', 10, 0)], []);
    expect(result.paidByInstalment.get('holiday')?.fullyPaidOn).toBe('2024-01-31');
    expect(result.paidByInstalment.get('i2')?.fullyPaidOn).toBeNull();
  });

  it('credits everything as overpayment when nothing is owed', () => {
    const result = allocateRepayments([], [pay('p1', '2024-01-01', 999)]);
    expect(result).toEqual({ allocations: [], overpaymentFen: 999, paidByInstalment: new Map() });
  });

  it('honours a custom component order', () => {
    const policy: AllocationPolicy = { componentOrder: ['principal', 'interest', 'fee'], mode: 'instalment-first' };
    const result = allocateRepayments(THREE, [pay('p1', '2024-01-31', 120)], policy);
    expect(compact(result.allocations)).toEqual(['p1>i1.principal:100', 'p1>i1.interest:10', 'p1>i1.fee:5', 'p1>i2.principal:5']);
  });
});

describe('allocateRepayments — component-first', () => {
  const policy: AllocationPolicy = { componentOrder: ['fee', 'interest', 'principal'], mode: 'component-first' };

  it.each<[string, number, string[], number]>([
    ['fees of all instalments first', 12, ['p1>i1.fee:5', 'p1>i2.fee:5', 'p1>i3.fee:2'], 0],
    ['then interest oldest first', 35, ['p1>i1.fee:5', 'p1>i2.fee:5', 'p1>i3.fee:5', 'p1>i1.interest:10', 'p1>i2.interest:10'], 0],
    [
      'then principal',
      150,
      [
        'p1>i1.fee:5', 'p1>i2.fee:5', 'p1>i3.fee:5',
        'p1>i1.interest:10', 'p1>i2.interest:10', 'p1>i3.interest:10',
        'p1>i1.principal:100', 'p1>i2.principal:5',
      ],
      0,
    ],
    [
      'and overpayment last',
      350,
      [
        'p1>i1.fee:5', 'p1>i2.fee:5', 'p1>i3.fee:5',
        'p1>i1.interest:10', 'p1>i2.interest:10', 'p1>i3.interest:10',
        'p1>i1.principal:100', 'p1>i2.principal:100', 'p1>i3.principal:100',
      ],
      5,
    ],
  ])('%s', (_, amount, expected, overpaymentFen) => {
    const result = allocateRepayments(THREE, [pay('p1', '2024-01-31', amount)], policy);
    expect(compact(result.allocations)).toEqual(expected);
    expect(result.overpaymentFen).toBe(overpaymentFen);
  });

  it('sets fullyPaidOn only when every component of the instalment is settled', () => {
    const result = allocateRepayments(THREE, [pay('p1', '2024-01-31', 45), pay('p2', '2024-02-10', 100)], policy);
    expect(result.paidByInstalment.get('i1')).toEqual({ feeFen: 5, interestFen: 10, principalFen: 100, fullyPaidOn: '2024-02-10' });
    expect(result.paidByInstalment.get('i2')?.fullyPaidOn).toBeNull();
  });
});

describe('validation', () => {
  it.each<[string, InstalmentDue[], Payment[], AllocationPolicy | undefined]>([
    ['duplicate instalment ids', [inst('a', 1, '2024-01-31', 1, 0), inst('a', 2, '2024-02-29', 1, 0)], [], undefined],
    ['negative instalment amount', [inst('a', 1, '2024-01-31', -1, 0)], [], undefined],
    ['fractional instalment amount', [inst('a', 1, '2024-01-31', 1.5, 0)], [], undefined],
    ['invalid due date', [inst('a', 1, '2024-02-30', 1, 0)], [], undefined],
    ['negative payment', [], [pay('p', '2024-01-01', -1)], undefined],
    ['fractional payment', [], [pay('p', '2024-01-01', 0.5)], undefined],
    ['invalid value date', [], [pay('p', '2024-1-1', 1)], undefined],
    ['payments overflowing safe integers', [], [pay('p', '2024-01-01', Number.MAX_SAFE_INTEGER), pay('q', '2024-01-01', 1)], undefined],
    ['missing component', [], [], { componentOrder: ['fee', 'interest'], mode: 'instalment-first' }],
    ['duplicate component', [], [], { componentOrder: ['fee', 'fee', 'principal'], mode: 'instalment-first' }],
    ['unknown mode', [], [], { componentOrder: ['fee', 'interest', 'principal'], mode: 'random' as 'instalment-first' }],
  ])('rejects %s', (_, instalments, payments, policy) => {
    expect(() => allocateRepayments(instalments, payments, policy)).toThrow(RangeError);
  });

  it('does not mutate its inputs', () => {
    const instalments = structuredClone(THREE);
    const payments = [pay('b', '2024-02-01', 50), pay('a', '2024-01-01', 50)];
    const snapshot = structuredClone(payments);
    allocateRepayments(instalments, payments);
    expect(instalments).toEqual(THREE);
    expect(payments).toEqual(snapshot);
    expect(DEFAULT_ALLOCATION_POLICY).toEqual({ componentOrder: ['fee', 'interest', 'principal'], mode: 'instalment-first' });
  });
});

describe('properties', () => {
  const dateArb = fc.integer({ min: 0, max: 730 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const instalmentsArb = fc
    .array(
      fc.record({
        dueDate: dateArb,
        principalFen: fc.integer({ min: 0, max: 100_000 }),
        interestFen: fc.integer({ min: 0, max: 10_000 }),
        feeFen: fc.integer({ min: 0, max: 1_000 }),
      }),
      { maxLength: 12 },
    )
    .map((xs) => xs.map((x, i) => ({ ...x, id: `i${i}`, sequence: i + 1 })));
  const paymentsArb = fc
    .array(fc.record({ valueDate: dateArb, amountFen: fc.integer({ min: 0, max: 200_000 }) }), { maxLength: 12 })
    .map((xs) => xs.map((x, i) => ({ ...x, id: `p${i}` })));
  const policyArb = fc.record({
    componentOrder: fc.constantFrom<Component[]>(
      ['fee', 'interest', 'principal'], ['fee', 'principal', 'interest'], ['interest', 'fee', 'principal'],
      ['interest', 'principal', 'fee'], ['principal', 'fee', 'interest'], ['principal', 'interest', 'fee'],
    ),
    mode: fc.constantFrom<AllocationPolicy['mode']>('instalment-first', 'component-first'),
  });

  it('conserves money, never over-allocates a component, and reports consistent totals', () => {
    fc.assert(
      fc.property(instalmentsArb, paymentsArb, policyArb, (instalments, payments, policy) => {
        const { allocations, overpaymentFen, paidByInstalment } = allocateRepayments(instalments, payments, policy);
        const paidTotal = payments.reduce((s, p) => s + p.amountFen, 0);
        const allocatedTotal = allocations.reduce((s, a) => s + a.amountFen, 0);
        expect(allocatedTotal + overpaymentFen).toBe(paidTotal);
        expect(overpaymentFen).toBeGreaterThanOrEqual(0);

        const byKey = new Map<string, number>();
        for (const a of allocations) {
          expect(a.amountFen).toBeGreaterThan(0);
          const key = `${a.instalmentId}.${a.component}`;
          byKey.set(key, (byKey.get(key) ?? 0) + a.amountFen);
        }
        for (const p of payments) {
          const used = allocations.filter((a) => a.paymentId === p.id).reduce((s, a) => s + a.amountFen, 0);
          expect(used).toBeLessThanOrEqual(p.amountFen);
        }
        let allSettled = true;
        for (const i of instalments) {
          const state = paidByInstalment.get(i.id)!;
          for (const [component, field] of [['fee', 'feeFen'], ['interest', 'interestFen'], ['principal', 'principalFen']] as const) {
            const got = byKey.get(`${i.id}.${component}`) ?? 0;
            expect(got).toBeLessThanOrEqual(i[field]);
            expect(state[field]).toBe(got);
          }
          const settled = state.feeFen === i.feeFen && state.interestFen === i.interestFen && state.principalFen === i.principalFen;
          expect(state.fullyPaidOn !== null).toBe(settled);
          allSettled &&= settled;
        }
        // Overpayment only exists once everything is settled.
        if (overpaymentFen > 0) expect(allSettled).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
