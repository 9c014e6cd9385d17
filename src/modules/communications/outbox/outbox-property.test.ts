import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { silentLogger } from '../../../platform/logging/logger.ts';
import { closeContactHold, openContactHold, recordOptOut } from '../../compliance/context/contact-holds.ts';
import { evaluateContact } from '../../compliance/context/engine-port.ts';
import { loadContactContext } from '../../compliance/context/load-contact-context.ts';
import { buildProposal } from '../../compliance/context/proposals.ts';
import { buildContactableCustomer, hubFixture, queue, sinkAdapters } from '../communications.test-support.ts';
import { logContact } from '../contact-log/log-contact.ts';
import { dispatchOutbox } from './dispatch-outbox.ts';
import type { OutboxRow } from './outbox-row.ts';

const actor = systemActor('property-test');

type Op =
  | { kind: 'advance'; minutes: number }
  | { kind: 'queue'; channel: 'sms' | 'email'; purpose: 'collections' | 'servicing' }
  | { kind: 'call'; outcome: 'attempted' | 'no-answer' | 'connected' | 'conversation' }
  | { kind: 'dispatch' }
  | { kind: 'hold' }
  | { kind: 'stop' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 16 * 60 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('queue' as const), channel: fc.constantFrom('sms' as const, 'email' as const), purpose: fc.constantFrom('collections' as const, 'servicing' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('call' as const), outcome: fc.constantFrom('attempted' as const, 'no-answer' as const, 'connected' as const, 'conversation' as const) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'dispatch' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'hold' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'stop' as const }) },
);

/**
 * Whatever happens — messages queued at any hour, calls logged, holds opened and closed, an SMS
 * STOP, the clock jumping over nights and holidays — every message the hub actually sent passes
 * the engine at its send instant, judged on the history as it was then (every contact before it).
 * Each operation moves the clock on by at least a second, so "before" is unambiguous.
 */
describeEachDatabase('property: everything the hub sent was allowed when it was sent', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  beforeAll(async () => {
    hub = await hubFixture(getDb());
  });

  it('holds for random sequences of queueing, calls and dispatching over a simulated clock', async () => {
    let run = 0;
    let sentTotal = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 60 * 24 * 50 }), fc.array(opArb, { minLength: 5, maxLength: 18 }), async (startMinutes, ops) => {
        const db = getDb();
        const c = await buildContactableCustomer(db);
        let now = new Date(Date.parse('2026-09-20T00:00:00Z') + startMinutes * 60_000);
        const deps = { ...hub.deps, now: () => now };
        const adapters = sinkAdapters(db, hub.dataDir);
        let holdOpen = false;
        run += 1;
        const dispatch = () => dispatchOutbox({ database: db, log: silentLogger, now: () => now }, { adapters, now, batchSize: 5 });
        for (const [i, op] of [...ops, { kind: 'advance', minutes: 24 * 60 } as Op, { kind: 'dispatch' } as Op, { kind: 'advance', minutes: 24 * 60 } as Op, { kind: 'dispatch' } as Op].entries()) {
          switch (op.kind) {
            case 'advance':
              now = new Date(now.getTime() + op.minutes * 60_000);
              break;
            case 'queue':
              await queue(db, {
                customerId: c.id, channel: op.channel, purpose: op.purpose, debtId: c.loan.id, at: now, idempotencyKey: `prop:${run}:${i}`,
                ...(op.purpose === 'servicing' ? { templateKey: 'payment-reminder', variables: { amountDueFen: 8_800, dueDate: '2026-12-15' } } : {}),
              });
              break;
            case 'call':
              await logContact(deps, actor, c.id, { channel: 'phone', purpose: 'collections', outcome: op.outcome, debtId: c.loan.id });
              break;
            case 'dispatch':
              await dispatch();
              break;
            case 'hold':
              await db.transaction<unknown>((exec) =>
                holdOpen
                  ? closeContactHold(exec, { sourceType: 'complaint', sourceId: `P-${run}`, reason: 'closed', actor, at: now })
                  : openContactHold(exec, { customerId: c.id, type: 'collection-conduct-complaint', sourceType: 'complaint', sourceId: `P-${run}`, reason: 'complaint', actor, at: now }),
              );
              holdOpen = !holdOpen;
              break;
            case 'stop':
              await db.transaction((exec) => recordOptOut(exec, { customerId: c.id, channel: 'sms', contactPointId: c.phonePointId, source: 'sms-reply', text: 'TD', actor, at: now }));
              break;
          }
          now = new Date(now.getTime() + 1000);
        }

        const { rows: sent } = await db.sql.query<OutboxRow>(`SELECT * FROM outbox_messages WHERE customer_id = $1 AND status = 'sent' ORDER BY sent_at`, [c.id]);
        sentTotal += sent.length;
        for (const m of sent) {
          const at = new Date(m.sent_at!);
          const { context, policy } = await loadContactContext(db.sql, c.id, at);
          const recordedBefore = { ...context, history: context.history.filter((h) => h.at < at) };
          const proposal = buildProposal({
            at, channel: m.channel, purpose: m.purpose, debtId: m.debt_id,
            recipient: { contactPointId: m.contact_point_id, relationship: m.relationship, value: m.recipient, kind: null },
            message: { text: [m.subject, m.body].filter(Boolean).join('\n'), language: m.language },
          });
          const decision = evaluateContact(proposal, recordedBefore, policy);
          expect(decision, `message ${m.id} sent at ${at.toISOString()}`).toMatchObject({ allowed: true });
          const { rows: attempts } = await db.sql.query(`SELECT occurred_at FROM contact_attempts WHERE message_id = $1`, [m.id]);
          expect(attempts.map((a) => new Date(a.occurred_at as string).toISOString())).toEqual([at.toISOString()]);
        }
        // Leave nothing queued for the next run's dispatcher (each run has its own clock).
        await db.sql.query(`UPDATE outbox_messages SET status = 'failed', last_error = 'property test: run ended' WHERE customer_id = $1 AND status = 'queued'`, [c.id]);
      }),
      { numRuns: 25, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
    // The property must not hold vacuously.
    expect(sentTotal).toBeGreaterThan(0);
  }, 240_000);
});
