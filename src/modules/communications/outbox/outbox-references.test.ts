import { beforeAll, expect, it } from 'vitest';
import { deleteDuringUncommittedInsert } from '../../../../test/support/held-insert.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { buildBranch, buildIndividual, buildLoan } from '../../../../test/support/factories.ts';
import type { Database, SqlExecutor } from '../../../platform/db/client.ts';
import { ensureDefaultTemplates } from '../templates/default-templates.ts';

type Refs = { customerId: string; contactPointId: string | null; debtId: string | null; templateVersionId: string | null };

/** Migration 0020: a message's customer, contact point, loan and template version must exist, kept by triggers instead of foreign keys. */
describeEachDatabase('outbox messages name existing customers, contact points, loans and template versions', (getDb, kind) => {
  let refs: Refs;
  let serial = 0;
  const bogus = '00000000-0000-4000-8000-000000000000';

  const addContactPoint = async (db: Database, customerId: string, value: string) =>
    (await db.sql.query<{ id: string }>(
      `INSERT INTO contact_points (customer_id, kind, value, relationship, is_primary, verified) VALUES ($1, 'phone', $2, 'self', false, true) RETURNING id`,
      [customerId, value],
    )).rows[0]!.id;
  const queue = (exec: SqlExecutor, rows: Refs[]) =>
    exec.query(
      `INSERT INTO outbox_messages (idempotency_key, customer_id, channel, contact_point_id, recipient, purpose, debt_id, template_version_id,
                                    language, body, not_before, created_by, created_at, updated_at)
       SELECT 'refs-test:' || u.n || ':' || $5, u.customer_id, 'sms', u.contact_point_id, '+8613900000000', 'collections', u.debt_id, u.template_version_id,
              'zh-CN', '您好', now(), 'test', now(), now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS u(customer_id, contact_point_id, debt_id, template_version_id, n)`,
      [rows.map((r) => r.customerId), rows.map((r) => r.contactPointId), rows.map((r) => r.debtId), rows.map((r) => r.templateVersionId), String(++serial)],
    );
  const count = async (db: Database) => (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages`)).rows[0]!.n;

  beforeAll(async () => {
    const db = getDb();
    await buildBranch(db);
    const customer = await buildIndividual(db);
    const { loan } = await buildLoan(db, customer.id);
    await ensureDefaultTemplates(db.sql, new Date('2026-01-01T00:00:00Z'));
    const { rows: [version] } = await db.sql.query<{ id: string }>(`SELECT id FROM template_versions WHERE status = 'approved' LIMIT 1`);
    refs = { customerId: customer.id, contactPointId: await addContactPoint(db, customer.id, '+8613900000001'), debtId: loan.id, templateVersionId: version!.id };
  });

  it('queues messages whose references exist, several in one statement, and without the optional ones', async () => {
    const db = getDb();
    const before = await count(db);
    await queue(db.sql, [refs, { customerId: refs.customerId, contactPointId: null, debtId: null, templateVersionId: null }]);
    expect(await count(db)).toBe(before + 2);
  });

  it.each([
    ['customer', { customerId: bogus }],
    ['contact point', { contactPointId: bogus }],
    ['loan', { debtId: bogus }],
    ['template version', { templateVersionId: bogus }],
  ] as const)('refuses the whole statement when one message names a %s that does not exist', async (what, change) => {
    const db = getDb();
    const before = await count(db);
    await expect(queue(db.sql, [refs, { ...refs, ...change }])).rejects.toThrow(new RegExp(`names ${what} ${bogus} which does not exist`));
    expect(await count(db)).toBe(before); // the valid message went with its statement
  });

  it('refuses pointing a message at a missing row, and lets its other columns change', async () => {
    const db = getDb();
    const { rows: [message] } = await db.sql.query<{ id: string }>(`SELECT id FROM outbox_messages WHERE debt_id = $1 LIMIT 1`, [refs.debtId]);
    await expect(db.sql.query(`UPDATE outbox_messages SET debt_id = $1 WHERE id = $2`, [bogus, message!.id])).rejects.toThrow(/names loan .* which does not exist/);
    await db.sql.query(`UPDATE outbox_messages SET status = 'sent', sent_at = now() WHERE id = $1`, [message!.id]);
  });

  it('refuses deleting, or giving another id to, a row a message names; an unnamed contact point can be deleted', async () => {
    const db = getDb();
    await expect(db.sql.query(`DELETE FROM customers WHERE id = $1`, [refs.customerId])).rejects.toThrow(/customers row .* has outbox messages/);
    await expect(db.sql.query(`DELETE FROM contact_points WHERE id = $1`, [refs.contactPointId])).rejects.toThrow(/contact_points row .* has outbox messages/);
    await expect(db.sql.query(`DELETE FROM loans WHERE id = $1`, [refs.debtId])).rejects.toThrow(/loans row .* has outbox messages/);
    // Template versions are never deleted at all (their own immutability trigger answers first); a new id is refused by this rule.
    await expect(db.sql.query(`DELETE FROM template_versions WHERE id = $1`, [refs.templateVersionId])).rejects.toThrow(/never deleted/);
    await expect(db.sql.query(`UPDATE template_versions SET id = gen_random_uuid() WHERE id = $1`, [refs.templateVersionId])).rejects.toThrow(/template_versions row .* has outbox messages/);
    await expect(db.sql.query(`UPDATE contact_points SET id = gen_random_uuid() WHERE id = $1`, [refs.contactPointId])).rejects.toThrow(/has outbox messages/);
    await db.sql.query(`UPDATE contact_points SET verified = false WHERE id = $1`, [refs.contactPointId]); // other columns: no check
    const spare = await addContactPoint(db, refs.customerId, '+8613900000002');
    await db.sql.query(`DELETE FROM contact_points WHERE id = $1`, [spare]);
    expect((await db.sql.query(`SELECT 1 FROM contact_points WHERE id = $1`, [spare])).rows).toHaveLength(0);
  });

  if (kind === 'postgres') {
    it('sees a message still being inserted by another transaction: the delete waits for it, then is refused', async () => {
      const db = getDb();
      const lone = await addContactPoint(db, refs.customerId, '+8613900000003');
      const { outcome: deleting } = await deleteDuringUncommittedInsert(
        db, (exec) => queue(exec, [{ ...refs, contactPointId: lone }]), () => db.sql.query(`DELETE FROM contact_points WHERE id = $1`, [lone]),
      );
      await expect(deleting).rejects.toThrow(/has outbox messages/);
    });
  }
});
