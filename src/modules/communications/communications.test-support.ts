import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import { buildBranch, buildIndividual, buildLoan } from '../../../test/support/factories.ts';
import { buildTestApp } from '../../../test/support/test-app.ts';
import { fileSinkAdapter } from './adapters/file-sink.adapter.ts';
import type { AdapterSet } from './adapters/default-adapters.ts';
import { portalInboxAdapter } from './adapters/portal-inbox.adapter.ts';
import { dispatchOutbox } from './outbox/dispatch-outbox.ts';
import { queueMessage, type QueueMessageInput } from './outbox/queue-message.ts';
import { ensureDefaultTemplates } from './templates/default-templates.ts';

/** Thursday 2026-11-26 10:00 in Shanghai: a working day, inside every contact window. */
export const WORKDAY_10AM = new Date('2026-11-26T02:00:00Z');
export const testActor: Actor = systemActor('test');

let phoneSeq = 0;
/** A distinct valid mainland mobile per call (inbound SMS matches customers by number). */
export const nextMobile = () => `+86139${String(10_000_000 + ++phoneSeq * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`;

/**
 * The real app with a clock the test moves (`clock.now = …`), the default templates, and the
 * branch. Every route and job reads deps.now(), so moving the clock moves the whole system.
 */
export async function hubFixture(database: Database) {
  await buildBranch(database);
  await ensureDefaultTemplates(database.sql, new Date('2026-01-01T00:00:00Z'));
  const clock = { now: WORKDAY_10AM };
  const api = buildTestApp(database);
  api.deps.now = () => clock.now;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-hub-'));
  api.deps.config = { ...api.deps.config, dataDir };
  return { api, deps: api.deps, clock, dataDir };
}

/** A borrower with an own mobile and e-mail, a loan, and the consents collections by SMS and e-mail rely on. */
export async function buildContactableCustomer(database: Database, attrs: { name?: string; email?: string; phone?: string; branchId?: string } = {}) {
  const phone = attrs.phone ?? nextMobile();
  const customer = await buildIndividual(database, { name: attrs.name ?? '王小明', phone, branchId: attrs.branchId });
  const email = attrs.email ?? `c${customer.externalId.toLowerCase()}@example.cn`;
  const { rows: [point] } = await database.sql.query<{ id: string }>(
    `INSERT INTO contact_points (customer_id, kind, value, relationship, is_primary, verified) VALUES ($1, 'email', $2, 'self', true, true) RETURNING id`,
    [customer.id, email],
  );
  for (const [purpose, channel] of [['collections', 'sms'], ['collections', 'email'], ['servicing', 'email'], ['collections', 'phone']]) {
    await database.sql.query(`INSERT INTO consents (customer_id, purpose, channel, granted_at) VALUES ($1, $2, $3, '2024-01-10T02:00:00Z')`, [customer.id, purpose, channel]);
  }
  const { loan } = await buildLoan(database, customer.id);
  const { rows: [phonePoint] } = await database.sql.query<{ id: string }>(`SELECT id FROM contact_points WHERE customer_id = $1 AND kind = 'phone'`, [customer.id]);
  return { ...customer, phone, email, emailPointId: point!.id, phonePointId: phonePoint!.id, loan };
}

/** queueMessage in its own transaction, with the overdue-notice defaults filled in. */
export function queue(database: Database, input: Partial<QueueMessageInput> & Pick<QueueMessageInput, 'customerId' | 'idempotencyKey'>) {
  return database.transaction((exec) =>
    queueMessage(exec, {
      channel: 'sms', purpose: 'collections', templateKey: 'overdue-notice', variables: { overdueAmountFen: 123_456, daysPastDue: 12 },
      actor: testActor, ...input,
    }),
  );
}

/** The real adapters the demo runs with: file sink for e-mail, SMS and letters, the portal inbox. */
export function sinkAdapters(database: Database, dataDir: string): AdapterSet {
  return {
    email: fileSinkAdapter('email', dataDir),
    sms: fileSinkAdapter('sms', dataDir),
    letter: fileSinkAdapter('letter', dataDir),
    portal: portalInboxAdapter(database.sql),
  };
}

export const dispatchAt = (database: Database, now: Date, adapters: AdapterSet, extra: Partial<Parameters<typeof dispatchOutbox>[1]> = {}) =>
  dispatchOutbox({ database, log: silent, now: () => now }, { adapters, now, ...extra });

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export async function messageRow(database: Database, id: string) {
  const { rows: [row] } = await database.sql.query<Record<string, any>>(`SELECT * FROM outbox_messages WHERE id = $1`, [id]);
  return row!;
}
