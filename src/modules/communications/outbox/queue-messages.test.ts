import { beforeAll, expect, it } from 'vitest';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { verifyAuditChain } from '../../../platform/audit/index.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { openContactHold } from '../../compliance/context/contact-holds.ts';
import { buildContactableCustomer, hubFixture, testActor, WORKDAY_10AM } from '../communications.test-support.ts';
import { resolveRecipients } from '../../compliance/context/proposals.ts';
import { withOneStatement } from '../../../platform/audit/index.ts';
import { loadContactContexts, type LoadedContactContext } from '../../compliance/context/load-contact-context.ts';
import { sendableVersionJson, toSendable, type SendableVersion } from '../templates/template-store.ts';
import { knownContextKey, knownRecipientKey, queueMessage, queueMessages, type KnownCustomer, type KnownRecords, type QueueMessageInput, type QueueMessageOutcome } from './queue-message.ts';

const NIGHT = new Date('2026-11-26T15:30:00Z'); // 23:30 in Shanghai: outside collection hours, a time-only refusal

/** Every outcome queueMessage knows, as inputs without their idempotency key. */
type Case = Omit<QueueMessageInput, 'idempotencyKey' | 'actor'> & { tag: string };

describeEachDatabase('bulk queueing (queueMessages) is N queueMessage calls in one', (getDb) => {
  let cases: Case[];
  beforeAll(async () => {
    const db = getDb();
    await hubFixture(db);
    const ok = await buildContactableCustomer(db);
    const disputed = await buildContactableCustomer(db);
    const wrongNumber = await buildContactableCustomer(db);
    const other = await buildContactableCustomer(db);
    await db.transaction((exec) =>
      openContactHold(exec, { customerId: disputed.id, type: 'dispute', sourceType: 'test', sourceId: 'd-1', reason: '客户对金额有异议', actor: testActor, at: new Date('2026-11-20T02:00:00Z') }),
    );
    await db.sql.query(`UPDATE contact_points SET marked_wrong_at = '2026-11-01T00:00:00Z', marked_wrong_reason = '空号' WHERE customer_id = $1 AND kind = 'phone'`, [wrongNumber.id]);
    const sms = { channel: 'sms' as const, purpose: 'collections' as const, templateKey: 'overdue-notice', variables: { overdueAmountFen: 123_456, daysPastDue: 12 }, at: WORKDAY_10AM };
    const reminder = { overdueAmountFen: 654_321, daysPastDue: 20, dueDate: '2026-11-06', outstandingAmountFen: 9_000_000 };
    cases = [
      { tag: 'allowed sms', customerId: ok.id, debtId: ok.loan.id, ...sms },
      { tag: 'dispute hold → blocked', customerId: disputed.id, debtId: disputed.loan.id, ...sms },
      { tag: 'at night → queued for the morning', customerId: other.id, debtId: other.loan.id, ...sms, at: NIGHT },
      { tag: 'phone marked wrong → no usable phone', customerId: wrongNumber.id, debtId: wrongNumber.loan.id, ...sms },
      { tag: 'missing variable → 422', customerId: ok.id, debtId: ok.loan.id, ...sms, variables: { daysPastDue: 3 } },
      { tag: 'someone else\'s loan → 422', customerId: ok.id, debtId: other.loan.id, ...sms },
      { tag: 'no such template → 404', customerId: ok.id, debtId: ok.loan.id, ...sms, templateKey: 'no-such-template' },
      { tag: 'unknown customer → 404', customerId: '00000000-0000-4000-8000-000000000000', ...sms },
      { tag: 'e-mail reminder', customerId: other.id, debtId: other.loan.id, channel: 'email', purpose: 'collections', templateKey: 'overdue-reminder-email', variables: reminder, at: WORKDAY_10AM },
      { tag: 'portal reminder', customerId: disputed.id, debtId: disputed.loan.id, channel: 'portal', purpose: 'collections', templateKey: 'overdue-reminder-app', variables: reminder, at: WORKDAY_10AM },
      { tag: 'english', customerId: other.id, debtId: other.loan.id, ...sms, language: 'en' },
    ];
  }, 60_000);

  const inputs = (prefix: string): QueueMessageInput[] => cases.map(({ tag, ...c }, i) => ({ ...c, idempotencyKey: `${prefix}:${i}`, actor: testActor, requestId: `req-${tag}` }));
  const seq = async (exec: SqlExecutor) => Number((await exec.query<{ n: number }>(`SELECT coalesce(max(seq), 0)::int AS n FROM audit_events`)).rows[0]!.n);

  it('gives the same results, messages, refusals and audit events as one queueMessage call per message', async () => {
    const db = getDb();
    const single = await db.transaction(async (exec) => {
      const from = await seq(exec);
      const results: QueueMessageOutcome[] = [];
      for (const input of inputs('single')) {
        results.push(await queueMessage(exec, input).catch((error: unknown) => {
          if (error instanceof DomainError) return { status: 'error' as const, error };
          throw error;
        }));
      }
      return { results, from };
    });
    const bulk = await db.transaction(async (exec) => ({ from: await seq(exec), results: await queueMessages(exec, inputs('bulk')) }));

    // Every kind of outcome is covered, and each message has the same outcome both ways.
    expect(new Set(bulk.results.map((r) => r.status))).toEqual(new Set(['queued', 'blocked', 'error']));
    expect(bulk.results.map(outcome)).toEqual(single.results.map(outcome));
    expect(outcome(bulk.results[2]!)).toMatchObject({ status: 'queued', notBefore: '2026-11-27T00:00:00.000Z', delayedBy: ['contact-hours'] });
    expect(outcome(bulk.results[1]!)).toMatchObject({ status: 'blocked' });
    expect(outcome(bulk.results[3]!)).toMatchObject({ status: 'error', code: 'conflict' });

    const messages = async (prefix: string) =>
      (await db.sql.query(
        `SELECT customer_id, channel, contact_point_id, recipient, relationship, purpose, debt_id, template_version_id, language, subject, body,
                status, not_before, created_by, request_id, created_at
           FROM outbox_messages WHERE idempotency_key LIKE $1 ORDER BY split_part(idempotency_key, ':', 2)::int`,
        [`${prefix}:%`],
      )).rows;
    const singleMessages = await messages('single');
    expect(singleMessages.length).toBe(single.results.filter((r) => r.status === 'queued').length);
    expect(await messages('bulk')).toEqual(singleMessages);
    // The lender's name and the daily run's values reach the new collections templates.
    expect(singleMessages.find((m) => m.channel === 'email')!.body).toContain('北京分行');

    const denials = async (results: QueueMessageOutcome[]) =>
      (await db.sql.query<{ id: string; proposal: Record<string, unknown> }>(
        `SELECT id, customer_id, at, actor_id, source, proposal, denials, earliest_allowed_at, message_id FROM compliance_denials WHERE id = ANY($1::uuid[])`,
        [results.flatMap((r) => (r.status === 'blocked' ? [r.denialId] : []))],
      )).rows.map(({ id: _id, proposal, ...rest }) => ({ ...rest, proposal: { ...proposal, idempotencyKey: null } }));
    expect(await denials(bulk.results)).toEqual(await denials(single.results));
    expect((await denials(bulk.results)).length).toBe(bulk.results.filter((r) => r.status === 'blocked').length);

    // The same audit events in the same order; only ids and keys differ.
    const events = async (from: number, to: number) =>
      (await db.sql.query<{ action: string; entity_type: string; actor_id: string; occurred_at: Date; request_id: string; after: Record<string, unknown> }>(
        `SELECT action, entity_type, actor_id, occurred_at, request_id, after FROM audit_events WHERE seq > $1 AND seq <= $2 ORDER BY seq`, [from, to],
      )).rows.map(({ after, ...e }) => ({ ...e, after: normalise(after) }));
    const singleEvents = await events(single.from, bulk.from);
    expect(singleEvents.map((e) => e.action)).toEqual(
      single.results.flatMap((r) => (r.status === 'queued' ? ['communications.queued'] : r.status === 'blocked' ? ['communications.blocked'] : [])),
    );
    expect(await events(bulk.from, Number.MAX_SAFE_INTEGER)).toEqual(singleEvents);
    expect((await verifyAuditChain(db.sql)).ok).toBe(true);
  });

  it('is idempotent: the same keys again return the same messages and write no message or audit event for them', async () => {
    const db = getDb();
    const first = await db.transaction((exec) => queueMessages(exec, inputs('again')));
    const count = async () => Number((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages`)).rows[0]!.n);
    const before = await count();
    const second = await db.transaction((exec) => queueMessages(exec, inputs('again')));
    expect(await count()).toBe(before);
    second.forEach((r, i) => {
      const f = first[i]!;
      if (f.status === 'queued') expect(r).toMatchObject({ status: 'queued', duplicate: true, messageId: f.messageId });
      else expect(r.status).toBe(f.status); // a refusal is judged again (the situation may have changed)
    });
  });

  it('with `keysAreNew` wrongly given for keys already queued, still returns those messages and writes none', async () => {
    const db = getDb();
    const first = await db.transaction((exec) => queueMessages(exec, inputs('not-new')));
    const count = async () => Number((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages`)).rows[0]!.n);
    const before = await count();
    const second = await db.transaction((exec) => queueMessages(exec, inputs('not-new'), { keysAreNew: true }));
    expect(await count()).toBe(before);
    expect(first.some((r) => r.status === 'queued')).toBe(true);
    second.forEach((r, i) => {
      const f = first[i]!;
      if (f.status === 'queued') expect(r).toMatchObject({ status: 'queued', duplicate: true, messageId: f.messageId });
    });
  });

  it('inside withOneStatement, writes the messages with the caller\'s one statement, and fails it for a key that exists', async () => {
    const db = getDb();
    const count = async () => Number((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages`)).rows[0]!.n);
    const before = await count();
    const inOne = await withOneStatement(db, async (exec) => {
      const results = await queueMessages(exec, inputs('one-statement'), { keysAreNew: true });
      expect(await count()).toBe(before); // not yet
      return results;
    });
    const queued = inOne.filter((r) => r.status === 'queued');
    expect(queued.length).toBeGreaterThan(0);
    expect(await count()).toBe(before + queued.length);
    for (const r of queued) {
      const { rows } = await db.sql.query(`SELECT 1 FROM outbox_messages WHERE id = $1`, [r.messageId]);
      expect(rows).toHaveLength(1);
    }
    expect((await verifyAuditChain(db.sql)).ok).toBe(true);

    // The same keys again, wrongly said to be new: the statement fails and writes nothing.
    const after = await count();
    await expect(withOneStatement(db, (exec) => queueMessages(exec, inputs('one-statement'), { keysAreNew: true }))).rejects.toThrow(/duplicate key|unique/i);
    expect(await count()).toBe(after);
  });

  it('uses the customers, loans and recipients a caller passes in `known` as the ones it would read, and reads the rest', async () => {
    const db = getDb();
    const all = inputs('read');
    // Known records exactly as the database has them, for every customer and loan but the last input's.
    const { rows: customerRows } = await db.sql.query<KnownCustomer & { id: string }>(
      `SELECT c.id, c.name, c.preferred_language, b.name_zh AS branch_name_zh, b.name_en AS branch_name_en FROM customers c JOIN branches b ON b.id = c.branch_id`,
    );
    const { rows: loanRows } = await db.sql.query<{ id: string; loan_number: string; customer_id: string }>(`SELECT id, loan_number, customer_id FROM loans`);
    const lastCustomer = all.at(-1)!.customerId;
    const withRecipient = all.filter((i) => i.customerId !== lastCustomer && !i.contactPointId);
    const resolved = await resolveRecipients(db.sql, withRecipient.map((i) => ({ customerId: i.customerId, channel: i.channel })));
    // Every template the inputs name, read the way a caller folds it into its own query.
    const templateKeys = [...new Set(all.map((i) => i.templateKey!))];
    const templates = new Map<string, SendableVersion | DomainError>();
    for (const key of templateKeys) {
      const { rows: [row] } = await db.sql.query<{ t: Parameters<typeof toSendable>[0] }>(`SELECT ${sendableVersionJson('$1')} AS t`, [key]);
      templates.set(key, toSendable(row!.t));
    }
    expect([...templates.values()].filter((t) => t instanceof DomainError)).toHaveLength(1); // no-such-template
    // Compliance contexts as the hub would read them, for every input but the last customer's.
    const contexts = new Map<string, LoadedContactContext>();
    for (const i of all.filter((x) => x.customerId !== lastCustomer)) {
      const at = i.at!;
      const loaded = (await loadContactContexts(db.sql, [i.customerId], at)).get(i.customerId);
      if (loaded) contexts.set(knownContextKey(i.customerId, at), loaded);
    }
    expect(contexts.size).toBeGreaterThan(0);
    const known: KnownRecords = {
      contexts,
      templates,
      customers: new Map(customerRows.filter((c) => c.id !== lastCustomer).map((c) => [c.id, c])),
      loans: new Map(loanRows.filter((l) => l.customer_id !== lastCustomer).map((l) => [l.id, l])),
      recipients: new Map(withRecipient.flatMap((i, n) => {
        const r = resolved[n]!;
        return r instanceof DomainError ? [] : [[knownRecipientKey(i.customerId, i.channel), r] as const];
      })),
    };
    expect(known.recipients!.size).toBeGreaterThan(0);
    const read = await db.transaction((exec) => queueMessages(exec, all));
    const given = await db.transaction((exec) => queueMessages(exec, inputs('known'), known));
    expect(given.map(outcome)).toEqual(read.map(outcome));
    const bodies = async (prefix: string) =>
      (await db.sql.query(`SELECT customer_id, debt_id, language, subject, body FROM outbox_messages WHERE idempotency_key LIKE $1 ORDER BY split_part(idempotency_key, ':', 2)::int`, [`${prefix}:%`])).rows;
    expect(await bodies('known')).toEqual(await bodies('read'));

    // What is given is what is used: a name given for a customer is the name written.
    const renamed = new Map(known.customers);
    const okId = all[0]!.customerId;
    renamed.set(okId, { ...renamed.get(okId)!, name: '另一名称' });
    const [first] = await db.transaction((exec) => queueMessages(exec, [{ ...all[0]!, idempotencyKey: 'renamed:0' }], { ...known, customers: renamed }));
    expect(first).toMatchObject({ status: 'queued' });
    expect((await db.sql.query<{ body: string }>(`SELECT body FROM outbox_messages WHERE idempotency_key = 'renamed:0'`)).rows[0]!.body).toContain('另一名称');

    // And a recipient given is the recipient written.
    const [input] = withRecipient;
    const key = knownRecipientKey(input!.customerId, input!.channel);
    const redirected = new Map(known.recipients);
    redirected.set(key, { ...redirected.get(key)!, value: '+8613900000000' });
    const [sent] = await db.transaction((exec) => queueMessages(exec, [{ ...input!, idempotencyKey: 'redirected:0' }], { ...known, recipients: redirected }));
    expect(sent).toMatchObject({ status: 'queued' });
    expect((await db.sql.query<{ recipient: string }>(`SELECT recipient FROM outbox_messages WHERE idempotency_key = 'redirected:0'`)).rows[0]!.recipient).toBe('+8613900000000');

    // And a compliance context given is the one judged: here, one with an SMS opt-out.
    const ctxKey = knownContextKey(all[0]!.customerId, all[0]!.at!);
    const asRead = contexts.get(ctxKey)!;
    const optedOut = new Map(contexts).set(ctxKey, { ...asRead, context: { ...asRead.context, optOuts: [{ channel: 'sms', at: new Date(all[0]!.at!.getTime() - 86_400_000) }] } });
    const [judged] = await db.transaction((exec) => queueMessages(exec, [{ ...all[0]!, idempotencyKey: 'opted-out:0' }], { ...known, contexts: optedOut }));
    expect(judged).toMatchObject({ status: 'blocked' });
    expect(first).toMatchObject({ status: 'queued' }); // the same input with the context as read

    // And a template given is the one used: here, the error that it cannot be sent.
    const refused = new Map(templates).set(all[0]!.templateKey!, new DomainError('conflict', { zh: '模板已停用', en: 'Template retired' }));
    const [notSent] = await db.transaction((exec) => queueMessages(exec, [{ ...all[0]!, idempotencyKey: 'refused:0' }], { ...known, templates: refused }));
    expect(notSent).toMatchObject({ status: 'error', error: { userMessage: { en: 'Template retired' } } });
  });

  it('writes one message for a key given twice in the same list; the second is its duplicate', async () => {
    const db = getDb();
    const [input] = inputs('twice');
    const results = await db.transaction((exec) => queueMessages(exec, [input!, { ...input!, variables: { overdueAmountFen: 1, daysPastDue: 1 } }]));
    expect(results[0]).toMatchObject({ status: 'queued', duplicate: false });
    expect(results[1]).toMatchObject({ status: 'queued', duplicate: true, messageId: (results[0] as { messageId: string }).messageId });
    expect((await db.sql.query(`SELECT 1 FROM outbox_messages WHERE idempotency_key = $1`, [input!.idempotencyKey])).rows).toHaveLength(1);
  });
});

function outcome(r: QueueMessageOutcome) {
  if (r.status === 'error') return { status: r.status, code: r.error.code, message: r.error.userMessage, fields: r.error.fields };
  if (r.status === 'blocked') return { status: r.status, rules: r.denials.map((d) => d.rule), earliestAllowedAt: r.earliestAllowedAt?.toISOString() ?? null };
  return { status: r.status, duplicate: r.duplicate, notBefore: r.notBefore.toISOString(), delayedBy: r.delayedBy.map((d) => d.rule) };
}

/** An audit `after` without the ids and keys that differ between two otherwise equal runs. */
function normalise(after: Record<string, unknown>) {
  const proposal = after.proposal as Record<string, unknown> | undefined;
  return { ...after, idempotencyKey: null, denialId: after.denialId ? 'id' : null, ...(proposal ? { proposal: { ...proposal, idempotencyKey: null } } : {}) };
}
