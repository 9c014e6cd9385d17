import { describe, it, expect, beforeEach } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { executorFor } from '../db/drizzle-executor.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { recordAudit, withAudit, withDeferredAudits, withOneStatement } from './record-audit.ts';
import { sendWithAudits, sendWrite, writesDeferred } from './deferred-audits.ts';
import type { SqlExecutor } from '../db/client.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';
import { GENESIS_HASH } from './audit-hash.ts';
import { streamAuditRows } from './audit-rows.ts';

const officer: Actor = { kind: 'staff', userId: 'a0000000-0000-4000-8000-000000000001', role: 'relationship-manager', displayName: '客户经理 张伟', branchId: 'BJ001', team: null };

describeEachDatabase('recordAudit', (getDb) => {
  const all = async () => {
    const rows = [];
    for await (const r of streamAuditRows(getDb().sql)) rows.push(r);
    return rows;
  };
  // Each test starts from an empty trail; only the table owner, with the triggers off, can do this.
  beforeEach(async () => {
    const { sql } = getDb();
    await sql.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await sql.query('DELETE FROM audit_events');
    await sql.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  });

  it('chains events from the genesis hash with gap-free seq and a computed diff', async () => {
    await withAudit(getDb(), (_exec, audit) =>
      audit({ actor: officer, action: 'consent.withdrawn', entityType: 'consent', entityId: 'k1', before: { active: true, channel: 'sms' }, after: { active: false, channel: 'sms' }, reason: '客户来电要求', requestId: 'req-1' }),
    );
    await withAudit(getDb(), (_exec, audit) => audit({ actor: systemActor('import'), action: 'import.completed', entityType: 'import-run', entityId: 'r1', after: { inserted: 3 } }));
    const rows = await all();
    const [first, second] = rows;
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({
      seq: 1, prevHash: GENESIS_HASH, hash: first!.hash, actorId: `staff:${officer.kind === 'staff' && officer.userId}`, actorKind: 'staff',
      actorRole: 'relationship-manager', reason: '客户来电要求', requestId: 'req-1', diff: { active: { from: true, to: false } },
    });
    expect(rows[1]).toMatchObject({ seq: 2, prevHash: first!.hash, actorId: 'system:import', actorRole: null, before: null, diff: { inserted: { from: null, to: 3 } } });
    expect(await verifyAuditChain(getDb().sql)).toEqual({ ok: true, events: 2, lastSeq: 2, lastHash: second!.hash });
  });

  it('joins a Drizzle transaction through executorFor, and rolls back with it', async () => {
    await getDb().db.transaction(async (tx) => {
      await recordAudit(executorFor(tx), { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c1', before: { riskTier: 'low' }, after: { riskTier: 'high' } });
    });
    await expect(
      getDb().db.transaction(async (tx) => {
        await recordAudit(executorFor(tx), { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c2', after: { riskTier: 'high' } });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await expect(
      getDb().transaction(async (exec) => {
        await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c3', after: {} });
        await exec.query('SELECT 1/0');
      }),
    ).rejects.toThrow();
    const rows = await all();
    expect(rows.map((r) => r.entityId)).toEqual(['c1']);
    // The next event takes seq 2: a rolled-back append leaves no gap.
    await withAudit(getDb(), (_e, audit) => audit({ actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c4' }));
    expect((await all()).map((r) => [r.seq, r.entityId])).toEqual([[1, 'c1'], [2, 'c4']]);
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: true, events: 2 });
  });

  it('refuses to append outside a transaction, where the event would not commit with the change', async () => {
    await expect(recordAudit(getDb().sql, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c1' })).rejects.toThrow(/inside a transaction/);
    await expect(recordAudit(executorFor(getDb().db), { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c2' })).rejects.toThrow(/inside a transaction/);
    expect(await all()).toEqual([]);
  });

  it('serialises concurrent appends: seq stays gap-free and every link is the true predecessor', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        withAudit(getDb(), async (exec, audit) => {
          await exec.query('SELECT 1');
          return audit({ actor: officer, action: 'contact-point.verified', entityType: 'contact-point', entityId: `p${i}` });
        }),
      ),
    );
    const rows = await all();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: true, events: 25 });
  });

  describe('withDeferredAudits', () => {
    it('appends the transaction\'s events at its end, in the order recorded, from raw and Drizzle executors alike', async () => {
      const seen: number[] = [];
      await getDb().db.transaction(async (tx) => {
        const exec = executorFor(tx);
        await withDeferredAudits(exec, async () => {
          await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'd1' });
          // A helper that builds its own executor over the same transaction is deferred as well.
          await recordAudit(executorFor(tx), { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'd2' });
          seen.push(Number((await exec.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n));
        });
        seen.push(Number((await exec.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')).rows[0]!.n));
      });
      expect(seen).toEqual([0, 2]);
      expect((await all()).map((r) => [r.seq, r.entityId])).toEqual([[1, 'd1'], [2, 'd2']]);
      expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: true, events: 2 });
    });

    it('holds the chain lock only from the append to the commit, so another writer appends meanwhile', async () => {
      let release!: () => void;
      const paused = new Promise<void>((r) => (release = r));
      const long = getDb().transaction((exec) =>
        withDeferredAudits(exec, async () => {
          await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'long' });
          await paused; // the rest of a long transaction
        }),
      );
      if (getDb().kind === 'postgres') {
        // Without deferral this append would wait for `long` to commit.
        await withAudit(getDb(), (_e, audit) => audit({ actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'short' }));
      }
      release();
      await long;
      const order = (await all()).map((r) => r.entityId);
      expect(order).toEqual(getDb().kind === 'postgres' ? ['short', 'long'] : ['long']);
      expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: true });
    });

    describe('sendWithAudits', () => {
      // A scratch table for the last statement, dropped at the commit.
      const scratch = (exec: SqlExecutor) => exec.query('CREATE TEMP TABLE last_writes (n int NOT NULL) ON COMMIT DROP');
      const count = async (exec: SqlExecutor, table: string) => Number((await exec.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);
      const write = (n: number | null) => ({ text: 'INSERT INTO last_writes (n) VALUES ($1) RETURNING n', params: [n] });

      it('sends the statements with the append at the end, in one statement, and all commit', async () => {
        const seen: Array<[string, number, number]> = [];
        await getDb().transaction(async (exec) => {
          await scratch(exec);
          await withDeferredAudits(exec, async () => {
            await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 's1' });
            await sendWithAudits(exec, write(1));
            seen.push(['one pending', await count(exec, 'last_writes'), await count(exec, 'audit_events')]);
            await sendWithAudits(exec, write(2)); // its $1 becomes the second parameter
            seen.push(['two given', await count(exec, 'last_writes'), await count(exec, 'audit_events')]);
          });
          seen.push(['after', await count(exec, 'last_writes'), await count(exec, 'audit_events')]);
          seen.push(['rows', ...((await exec.query<{ n: number }>('SELECT n FROM last_writes ORDER BY n')).rows.map((r) => r.n) as [number, number])]);
        });
        expect(seen).toEqual([['one pending', 0, 0], ['two given', 0, 0], ['after', 2, 1], ['rows', 1, 2]]);
        expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: true, events: 1 });
      });

      // The order of locks: every path takes its own rows' locks before the chain's (see migration 0023).
      it('runs the statements before the append takes the chain\'s lock', async () => {
        const chainLockHeld = {
          text: `INSERT INTO last_writes (n)
                 SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND classid = $1 AND objid = 1
                 RETURNING n`,
          params: [0x4c444155],
        };
        const held = await getDb().transaction(async (exec) => {
          await scratch(exec);
          await withDeferredAudits(exec, async () => {
            await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'order' });
            await sendWithAudits(exec, chainLockHeld);
            await sendWithAudits(exec, chainLockHeld);
          });
          const after = await exec.query<{ n: number }>(chainLockHeld.text.replace('INSERT INTO last_writes (n)', '').replace('RETURNING n', ''), chainLockHeld.params);
          return { during: (await exec.query<{ n: number }>('SELECT n FROM last_writes')).rows.map((r) => r.n), after: Number(Object.values(after.rows[0]!)[0]) };
        });
        expect(held).toEqual({ during: [0, 0], after: 1 });
      });

      it('runs the statements in the order given', async () => {
        const order = await getDb().transaction(async (exec) => {
          await exec.query('CREATE TEMP TABLE sent_order (pos int, seq bigint) ON COMMIT DROP');
          await exec.query('CREATE TEMP SEQUENCE sent_seq');
          await withDeferredAudits(exec, async () => {
            await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'order' });
            for (const pos of [1, 2, 3, 4]) await sendWithAudits(exec, { text: `INSERT INTO sent_order VALUES ($1, nextval('sent_seq')) RETURNING pos`, params: [pos] });
          });
          const { rows } = await exec.query<{ pos: number }>('SELECT pos FROM sent_order ORDER BY seq');
          await exec.query('DROP SEQUENCE sent_seq');
          return rows.map((r) => r.pos);
        });
        expect(order).toEqual([1, 2, 3, 4]);
      });

      it('writes no event when the statement fails, and sends it alone when there is no event or no deferral', async () => {
        await expect(getDb().transaction(async (exec) => {
          await scratch(exec);
          await withDeferredAudits(exec, async () => {
            await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'fails' });
            await sendWithAudits(exec, write(null)); // NOT NULL
          });
        })).rejects.toThrow(/null/i);
        expect(await all()).toEqual([]);

        const counts = await getDb().transaction(async (exec) => {
          await scratch(exec);
          await withDeferredAudits(exec, () => sendWithAudits(exec, write(1)));
          await sendWithAudits(exec, write(2));
          return count(exec, 'last_writes');
        });
        expect(counts).toBe(2);
        expect(await all()).toEqual([]);
      });
    });

    describe('withOneStatement', () => {
      const count = async (table: string) => Number((await getDb().sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);
      const branch = (id: string, name: string | null) => ({
        text: `INSERT INTO branches (id, name_zh, name_en) VALUES ($1, $2, $2) RETURNING 1`, params: [id, name],
      });

      it('sends every write and the events at the end as one statement, reads going through meanwhile', async () => {
        const branchesBefore = await count('branches');
        const seen = await withOneStatement(getDb(), async (exec) => {
          await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'one-1' });
          await sendWrite(exec, branch('ONE01', '一号'));
          await sendWithAudits(exec, branch('ONE02', '二号'));
          // Nothing is written yet; a read sees the database as it is.
          return [await count('branches') - branchesBefore, await count('audit_events'), writesDeferred(exec)];
        });
        expect(seen).toEqual([0, 0, true]);
        expect(await count('branches') - branchesBefore).toBe(2);
        expect((await all()).map((r) => r.entityId)).toEqual(['one-1']);
        expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: true, events: 1 });
      });

      it('writes nothing at all when one write fails or the work throws', async () => {
        const branchesBefore = await count('branches');
        await expect(withOneStatement(getDb(), async (exec) => {
          await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'one-2' });
          await sendWrite(exec, branch('ONE03', '三号'));
          await sendWrite(exec, branch('ONE04', null)); // name_zh is NOT NULL
        })).rejects.toThrow(/null/i);
        await expect(withOneStatement(getDb(), async (exec) => {
          await sendWrite(exec, branch('ONE05', '五号'));
          throw new Error('the work failed');
        })).rejects.toThrow('the work failed');
        expect(await count('branches')).toBe(branchesBefore);
        expect(await all()).toEqual([]);
      });

      it('outside it, sendWrite writes at once', async () => {
        const branchesBefore = await count('branches');
        await getDb().transaction(async (exec) => {
          expect(writesDeferred(exec)).toBe(false);
          await sendWrite(exec, branch('ONE06', '六号'));
          expect(Number((await exec.query<{ n: number }>('SELECT count(*)::int AS n FROM branches')).rows[0]!.n)).toBe(branchesBefore + 1);
        });
      });
    });

    it('validates at the call and writes nothing when the work fails', async () => {
      await expect(
        getDb().transaction((exec) =>
          withDeferredAudits(exec, () => recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c1', after: { password: 'x' } })),
        ),
      ).rejects.toThrow(/must not be written/);
      await expect(
        getDb().transaction((exec) =>
          withDeferredAudits(exec, async () => {
            await recordAudit(exec, { actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c2' });
            throw new Error('the state change failed');
          }),
        ),
      ).rejects.toThrow('the state change failed');
      expect(await all()).toEqual([]);
    });
  });

  it('refuses an unknown action and secrets in before/after', async () => {
    const write = (event: Parameters<typeof recordAudit>[1]) => withAudit(getDb(), (exec) => recordAudit(exec, event));
    await expect(write({ actor: officer, action: 'customer.teleported' as never, entityType: 'customer', entityId: 'c1' })).rejects.toThrow(/unknown audit action/);
    await expect(write({ actor: officer, action: 'user.password.changed', entityType: 'staff-user', entityId: 'u1', after: { passwordHash: 'x' } })).rejects.toThrow(/must not be written/);
    await expect(write({ actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c1', after: { idNumber: '110105198503151234' } })).rejects.toThrow(/must not be written/);
    expect(await all()).toEqual([]);
  });

  it('keeps occurred_at to the millisecond and jsonb round-trips to the same hash', async () => {
    const at = new Date('2026-11-26T10:15:30.123+08:00');
    await withAudit(getDb(), (_e, audit) =>
      audit({ actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c1', after: { z: 1, a: [1.5, '中文', null, { y: false }], at: new Date(0), big: 1e21, tiny: 1e-7 } }, at),
    );
    const [row] = await all();
    expect(row!.occurredAt).toBe('2026-11-26T02:15:30.123Z');
    expect(row!.after).toEqual({ z: 1, a: [1.5, '中文', null, { y: false }], at: '1970-01-01T00:00:00.000Z', big: 1e21, tiny: 1e-7 });
    expect(await verifyAuditChain(getDb().sql)).toMatchObject({ ok: true, events: 1 });
  });

  describe('append-only', () => {
    beforeEach(async () => {
      await withAudit(getDb(), (_e, audit) => audit({ actor: officer, action: 'customer.updated', entityType: 'customer', entityId: 'c1' }));
    });
    it.each([
      ['UPDATE', "UPDATE audit_events SET reason = 'covered up'"],
      ['DELETE', 'DELETE FROM audit_events'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
    ])('refuses %s', async (op, statement) => {
      await expect(getDb().sql.query(statement)).rejects.toThrow(new RegExp(`append-only: ${op}`));
      expect(await all()).toHaveLength(1);
    });
  });
});
