import { randomUUID } from 'node:crypto';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudits, sendWrite, writesDeferred, type AuditEventInput } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { evaluateContact, type ContactDecision, type ContactPurpose, type Denial } from '../../compliance/context/engine-port.ts';
import { loadContactContexts, type LoadedContactContext } from '../../compliance/context/load-contact-context.ts';
import { buildProposal, resolveRecipients, type Recipient } from '../../compliance/context/proposals.ts';
import { denialAuditEvent, insertDenials, isTimeOnly, proposalSummary, type DenialInput, type Refusal } from '../../compliance/context/denials.ts';
import type { Language } from '../templates/render.ts';
import { findSendableVersion, type SendableVersion } from '../templates/template-store.ts';
import { renderVersion, variablesFromRecords, wordingDenial, type CustomerRecord, type MessageContent } from './message-content.ts';
import type { MessageChannel } from './outbox.schema.ts';

export type QueueMessageInput = {
  customerId: string;
  channel: MessageChannel;
  /** Default: the customer's primary own contact point for the channel (none for the portal). */
  contactPointId?: string | null;
  purpose: ContactPurpose;
  debtId?: string | null;
  /** The template's key (its approved version is used) or one exact approved version. */
  templateKey?: string;
  templateVersionId?: string;
  variables?: Record<string, unknown>;
  /** Default: the customer's preferred language. */
  language?: Language;
  /** Same key → same message, nothing new (a retried request, a re-run job). */
  idempotencyKey: string;
  actor: Actor;
  requestId?: string | null;
  /** The instant of queueing (the caller's clock); default now. */
  at?: Date;
};

export type QueueMessageResult =
  | { status: 'queued'; messageId: string; notBefore: Date; duplicate: boolean; delayedBy: Denial[] }
  | { status: 'blocked'; denials: Denial[]; earliestAllowedAt: Date | null; denialId: string };

export type QueueMessageOutcome = QueueMessageResult | { status: 'error'; error: DomainError };

/**
 * The one way a message leaves LoanDesk. Runs INSIDE the caller's transaction (`exec`), so the
 * message is written if and only if the business change that caused it commits (transactional
 * outbox). Renders an approved template, wording-checks the result, asks the compliance engine
 * (context loaded through the same `exec`), then writes either the outbox row or a stored refusal.
 *
 * A message refused only for time reasons (contact hours, quiet hours, a holiday, today's cap) is
 * not refused: it is queued with not_before = the engine's earliestAllowedAt, and the dispatcher
 * re-checks it when it falls due. Anything needing a change first (consent, opt-out, an open hold,
 * wording) is refused and nothing is queued, so the same idempotency key can be used again once
 * the situation changed.
 *
 * The one-element case of `queueMessages`; a message that cannot be built throws its DomainError.
 */
export async function queueMessage(exec: SqlExecutor, input: QueueMessageInput, known: KnownRecords = {}): Promise<QueueMessageResult> {
  const [result] = await queueMessages(exec, [input], known);
  if (result!.status === 'error') throw result!.error;
  return result!;
}

/**
 * Records a caller has just read itself and may hand over instead of having them read again
 * (complaint intake reads its customer before queueing the acknowledgement): the customer's name,
 * language and branch names, and the loan's number and borrower, by id. Anything not given is read
 * as usual.
 */
export type KnownRecords = {
  customers?: ReadonlyMap<string, KnownCustomer>;
  loans?: ReadonlyMap<string, { loan_number: string; customer_id: string }>;
  /**
   * Default recipients the caller has resolved with `resolveRecipients`, by `knownRecipientKey`
   * (the daily run resolves its batch's first, to settle the reminders that have none). Used for
   * inputs that name no contact point.
   */
  recipients?: ReadonlyMap<string, Recipient>;
  /**
   * Every idempotency key names something the caller created in this same transaction (complaint
   * intake's `complaint-ack:<new complaint id>`), so no message can carry it yet and the lookup is
   * skipped. Should a key exist after all, the insert's conflict still returns that message.
   */
  keysAreNew?: boolean;
  /**
   * Templates the caller has read by key (`sendableVersionJson` then `toSendable`), by template key:
   * the version to send, or the error that the template cannot be sent. Used for inputs that name a
   * template key rather than a version.
   */
  templates?: ReadonlyMap<string, SendableVersion | DomainError>;
  /**
   * Compliance contexts the caller has read (`contactContextJson` then `contactContextFromJson`), by
   * `knownContextKey(customer, instant)`: each is used for that customer's messages at that instant.
   * Only for a context nothing in the caller's transaction has changed since it was read.
   */
  contexts?: ReadonlyMap<string, LoadedContactContext>;
};
export const knownContextKey = (customerId: string, at: Date) => `${customerId}|${at.toISOString()}`;
export const knownRecipientKey = (customerId: string, channel: MessageChannel) => `${customerId}|${channel}`;
export type KnownCustomer = CustomerRecord & { preferred_language: Language };

type Prepared = {
  input: QueueMessageInput; at: Date; language: Language; debtId: string | null; recipient: Recipient; content: MessageContent;
};

/**
 * `queueMessage` for many messages at once (the daily collections run), with the same result per
 * message as that many calls in a row in one transaction: the same rows, refusals and audit events
 * (in input order), the same idempotency (a key already queued, or queued earlier in the same list,
 * returns that message). What differs is the cost: the records and compliance contexts of all
 * recipients are read in a few set-based queries, each template version is loaded once, and the
 * rows are written with one INSERT per table; the engine still judges every message on its own,
 * with every rule; customers and loans the caller has just read may be passed in `known`. A message
 * that cannot be built (unknown customer, no usable contact point, no
 * approved template, bad variables) comes back as `{ status: 'error', error }` instead of
 * aborting the others.
 */
export async function queueMessages(exec: SqlExecutor, inputs: readonly QueueMessageInput[], known: KnownRecords = {}): Promise<QueueMessageOutcome[]> {
  const out: Array<QueueMessageOutcome | undefined> = new Array(inputs.length);
  if (inputs.length === 0) return [];
  const existing = known.keysAreNew ? new Map<string, never>() : await findByKeys(exec, inputs.map((i) => i.idempotencyKey));
  const pending: number[] = [];
  inputs.forEach((input, i) => {
    const found = existing.get(input.idempotencyKey);
    if (found) out[i] = { status: 'queued', messageId: found.id, notBefore: found.notBefore, duplicate: true, delayedBy: [] };
    else pending.push(i);
  });
  if (pending.length === 0) return out as QueueMessageOutcome[];

  // The records every message needs, for the whole list at once.
  const customers = new Map<string, KnownCustomer>();
  const customersToRead = new Set<string>();
  for (const i of pending) {
    const id = inputs[i]!.customerId;
    const given = known.customers?.get(id);
    if (given) customers.set(id, given);
    else customersToRead.add(id);
  }
  if (customersToRead.size > 0) {
    const { rows } = await exec.query<KnownCustomer & { id: string }>(
      `SELECT c.id, c.name, c.preferred_language, b.name_zh AS branch_name_zh, b.name_en AS branch_name_en
         FROM customers c JOIN branches b ON b.id = c.branch_id WHERE c.id = ANY($1::uuid[])`,
      [[...customersToRead]],
    );
    for (const c of rows) customers.set(c.id, c);
  }
  const buildable = pending.filter((i) => customers.has(inputs[i]!.customerId));
  const givenRecipient = (i: number) => (inputs[i]!.contactPointId ? undefined : known.recipients?.get(knownRecipientKey(inputs[i]!.customerId, inputs[i]!.channel)));
  const toResolve = buildable.filter((i) => !givenRecipient(i));
  const resolved = await resolveRecipients(exec, toResolve.map((i) => ({ customerId: inputs[i]!.customerId, channel: inputs[i]!.channel, contactPointId: inputs[i]!.contactPointId })));
  const recipientOf = new Map<number, Recipient | DomainError>(toResolve.map((i, n) => [i, resolved[n]!]));
  for (const i of buildable) if (!recipientOf.has(i)) recipientOf.set(i, givenRecipient(i)!);
  const refOf = (input: QueueMessageInput) => (input.templateVersionId ? `v:${input.templateVersionId}` : `k:${input.templateKey ?? ''}`);
  const versions = new Map<string, SendableVersion | DomainError>();
  for (const [key, found] of known.templates ?? []) versions.set(`k:${key}`, found);
  for (const i of buildable) {
    const ref = refOf(inputs[i]!);
    if (versions.has(ref) || recipientOf.get(i) instanceof DomainError) continue;
    versions.set(ref, await findSendableVersion(exec, inputs[i]!).catch((err: unknown) => { if (err instanceof DomainError) return err; throw err; }));
  }
  const loans = new Map<string, { loan_number: string; customer_id: string }>();
  const loansToRead = new Set<string>();
  for (const i of buildable) {
    const debtId = inputs[i]!.debtId;
    // Not for a message with no recipient: it is never built (the daily run's letters to customers without a postal address).
    if (!debtId || recipientOf.get(i) instanceof DomainError) continue;
    const given = known.loans?.get(debtId);
    if (given) loans.set(debtId, given);
    else loansToRead.add(debtId);
  }
  if (loansToRead.size > 0) {
    const { rows } = await exec.query<{ id: string; loan_number: string; customer_id: string }>(`SELECT id, loan_number, customer_id FROM loans WHERE id = ANY($1::uuid[])`, [[...loansToRead]]);
    for (const l of rows) loans.set(l.id, l);
  }

  // Each message built, or the error queueMessage would have thrown for it (checked in the same order).
  const prepared = new Map<number, Prepared | DomainError>();
  for (const i of pending) {
    const input = inputs[i]!;
    const customer = customers.get(input.customerId);
    if (!customer) { prepared.set(i, notFound({ zh: '客户', en: 'Customer' })); continue; }
    const recipient = recipientOf.get(i)!;
    if (recipient instanceof DomainError) { prepared.set(i, recipient); continue; }
    const found = versions.get(refOf(input))!;
    if (found instanceof DomainError) { prepared.set(i, found); continue; }
    const language = input.language ?? customer.preferred_language;
    const debtId = input.debtId ?? null;
    const vars = variablesFromRecords(input.customerId, customer, language, debtId, debtId ? loans.get(debtId) : undefined);
    if (vars instanceof DomainError) { prepared.set(i, vars); continue; }
    const content = renderVersion(found.template, found.version, language, { ...vars, ...(input.variables ?? {}) });
    if (content instanceof DomainError) { prepared.set(i, content); continue; }
    prepared.set(i, { input, at: input.at ?? new Date(), language, debtId, recipient, content });
  }

  // Compliance contexts per instant (a list normally shares one), then the engine per message.
  const contexts = new Map<number, LoadedContactContext>();
  const byInstant = new Map<number, number[]>();
  for (const [i, p] of prepared) {
    if (p instanceof DomainError) continue;
    const list = byInstant.get(p.at.getTime());
    if (list) list.push(i);
    else byInstant.set(p.at.getTime(), [i]);
  }
  for (const [instant, list] of byInstant) {
    const at = new Date(instant);
    const given = (i: number) => known.contexts?.get(knownContextKey(inputs[i]!.customerId, at));
    const toRead = list.filter((i) => !given(i));
    const loaded = await loadContactContexts(exec, toRead.map((i) => inputs[i]!.customerId), at);
    for (const i of list) contexts.set(i, given(i) ?? loaded.get(inputs[i]!.customerId)!);
  }

  const winner = new Map<string, number>(); // idempotency key → the list position whose message is written
  const duplicateOf = new Map<number, number>();
  const blocked: Array<{ i: number; denial: DenialInput }> = [];
  const queued: Array<Prepared & { i: number; summary: Record<string, unknown>; notBefore: Date; delayedBy: Denial[] }> = [];
  for (const i of pending) {
    const input = inputs[i]!;
    const earlier = winner.get(input.idempotencyKey);
    if (earlier !== undefined) { duplicateOf.set(i, earlier); continue; }
    const p = prepared.get(i)!;
    if (p instanceof DomainError) { out[i] = { status: 'error', error: p }; continue; }
    const { context, policy } = contexts.get(i)!;
    const text = [p.content.rendered.subject, p.content.rendered.body].filter(Boolean).join('\n');
    const proposal = buildProposal({ at: p.at, channel: input.channel, purpose: input.purpose, debtId: p.debtId, recipient: p.recipient, message: { text, language: p.language } });
    const decision = withWording(evaluateContact(proposal, context, policy), wordingDenial(p.content.rendered, p.language, p.recipient.relationship !== 'self'));
    const summary = proposalSummary(proposal, { templateKey: p.content.template.key, templateVersion: p.content.version.version, idempotencyKey: input.idempotencyKey });
    if (!decision.allowed && !isTimeOnly(decision)) {
      blocked.push({ i, denial: { customerId: input.customerId, at: p.at, actor: input.actor, source: 'outbox-queue', proposal: summary, decision, requestId: input.requestId } });
      continue;
    }
    winner.set(input.idempotencyKey, i);
    queued.push({ ...p, i, summary, notBefore: decision.allowed ? p.at : decision.earliestAllowedAt!, delayedBy: decision.allowed ? [] : decision.denials });
  }

  // Writes: the refusals, the messages, then every audit event in list order (as N calls would).
  const events = new Map<number, { event: AuditEventInput; occurredAt: Date }>();
  const denialIds = await insertDenials(exec, blocked.map((b) => b.denial));
  blocked.forEach(({ i, denial }, n) => {
    out[i] = { status: 'blocked', denials: denial.decision.denials, earliestAllowedAt: denial.decision.earliestAllowedAt, denialId: denialIds[n]! };
    events.set(i, { event: denialAuditEvent(denial, denialIds[n]!), occurredAt: denial.at });
  });
  const inserted = await insertMessages(exec, queued);
  const raced = queued.filter((q) => !inserted.has(q.input.idempotencyKey)).map((q) => q.input.idempotencyKey);
  // A concurrent call with the same key committed first (the unique index made us wait for it).
  const racedWinners = raced.length ? await findByKeys(exec, raced) : new Map<string, { id: string; notBefore: Date }>();
  for (const q of queued) {
    const id = inserted.get(q.input.idempotencyKey);
    if (!id) {
      const w = racedWinners.get(q.input.idempotencyKey)!;
      out[q.i] = { status: 'queued', messageId: w.id, notBefore: w.notBefore, duplicate: true, delayedBy: [] };
      continue;
    }
    out[q.i] = { status: 'queued', messageId: id, notBefore: q.notBefore, duplicate: false, delayedBy: q.delayedBy };
    events.set(q.i, {
      occurredAt: q.at,
      event: {
        actor: q.input.actor, action: 'communications.queued', entityType: 'outbox-message', entityId: id,
        after: { ...q.summary, notBefore: q.notBefore.toISOString(), delayedBy: q.delayedBy.map((d) => d.rule) }, requestId: q.input.requestId ?? null,
      },
    });
  }
  for (const [i, first] of duplicateOf) {
    const w = out[first] as Extract<QueueMessageOutcome, { status: 'queued' }>;
    out[i] = { status: 'queued', messageId: w.messageId, notBefore: w.notBefore, duplicate: true, delayedBy: [] };
  }
  await recordAudits(exec, [...events.keys()].sort((a, b) => a - b).map((i) => events.get(i)!));
  return out as QueueMessageOutcome[];
}

async function insertMessages(exec: SqlExecutor, rows: ReadonlyArray<Prepared & { notBefore: Date }>): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const col = <T>(f: (r: Prepared & { notBefore: Date }) => T) => rows.map(f);
  const columns = `idempotency_key, customer_id, channel, contact_point_id, recipient, relationship, purpose, debt_id,
                   template_version_id, language, subject, body, status, not_before, created_by, request_id, created_at, updated_at`;
  const select = (idColumn: string) =>
    `SELECT ${idColumn}u.key, u.customer_id, u.channel, u.contact_point_id, u.recipient, u.relationship, u.purpose, u.debt_id,
            u.template_version_id, u.language, u.subject, u.body, 'queued', u.not_before::timestamptz, u.created_by, u.request_id,
            u.created_at::timestamptz, u.created_at::timestamptz
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::uuid[],
                   $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[]${idColumn ? ', $17::uuid[]' : ''})
         AS u(key, customer_id, channel, contact_point_id, recipient, relationship, purpose, debt_id,
              template_version_id, language, subject, body, not_before, created_by, request_id, created_at${idColumn ? ', id' : ''})`;
  const params = [
    col((r) => r.input.idempotencyKey), col((r) => r.input.customerId), col((r) => r.input.channel), col((r) => r.recipient.contactPointId),
    col((r) => r.recipient.value ?? r.input.customerId), col((r) => r.recipient.relationship), col((r) => r.input.purpose), col((r) => r.debtId),
    col((r) => r.content.version.id), col((r) => r.language), col((r) => (r.input.channel === 'sms' ? null : r.content.rendered.subject)),
    col((r) => r.content.rendered.body), col((r) => r.notBefore.toISOString()), col((r) => actorId(r.input.actor)),
    col((r) => r.input.requestId ?? null), col((r) => r.at.toISOString()),
  ];
  if (writesDeferred(exec)) {
    // Written with the caller's one statement (withOneStatement: complaint intake, whose keys are
    // new): the ids are made here, and a key that exists after all fails the whole statement.
    const ids = rows.map(() => randomUUID());
    await sendWrite(exec, { text: `INSERT INTO outbox_messages (id, ${columns}) ${select('u.id, ')} RETURNING 1`, params: [...params, ids] });
    return new Map(rows.map((r, i) => [r.input.idempotencyKey, ids[i]!]));
  }
  const { rows: inserted } = await exec.query<{ id: string; idempotency_key: string }>(
    `INSERT INTO outbox_messages (${columns}) ${select('')} ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, idempotency_key`,
    params,
  );
  return new Map(inserted.map((r) => [r.idempotency_key, r.id]));
}

async function findByKeys(exec: SqlExecutor, keys: string[]): Promise<Map<string, { id: string; notBefore: Date }>> {
  const distinct = [...new Set(keys)];
  // One key (a single message) by equality: its generic plan is reused, a one-element array's was re-planned on every call.
  const { rows } = await exec.query<{ id: string; idempotency_key: string; not_before: Date }>(
    `SELECT id, idempotency_key, not_before FROM outbox_messages WHERE ${distinct.length === 1 ? 'idempotency_key = $1' : 'idempotency_key = ANY($1::text[])'}`,
    [distinct.length === 1 ? distinct[0] : distinct],
  );
  return new Map(rows.map((r) => [r.idempotency_key, { id: r.id, notBefore: new Date(r.not_before) }]));
}

/** Adds the hub's own wording denial unless the engine already reported the wording rule. */
export function withWording(decision: ContactDecision, wording: Denial | null): ContactDecision {
  if (!wording) return decision;
  if (decision.allowed) return { allowed: false, denials: [wording], earliestAllowedAt: null };
  if (decision.denials.some((d) => d.rule === 'wording')) return decision;
  return { allowed: false, denials: [...decision.denials, wording], earliestAllowedAt: null } satisfies Refusal;
}
