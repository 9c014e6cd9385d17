import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { evaluateContact } from '../../compliance/context/engine-port.ts';
import { loadContactContext } from '../../compliance/context/load-contact-context.ts';
import { buildProposal } from '../../compliance/context/proposals.ts';
import { isTimeOnly, proposalSummary, storeDenial } from '../../compliance/context/denials.ts';
import { PermanentError, type ChannelAdapter, type OutboundMessage } from '../adapters/channel-adapter.ts';
import type { AdapterSet } from '../adapters/default-adapters.ts';
import { CHANNEL_ZH, insertContactAttempt, insertTimeline } from '../contact-log/record-contact.ts';
import { wordingDenial } from './message-content.ts';
import { withWording } from './queue-message.ts';
import { MAX_SEND_ATTEMPTS, retryDelayMs } from './retry-policy.ts';
import { TokenBucket } from './token-bucket.ts';
import type { OutboxRow } from './outbox-row.ts';

export type DispatchOptions = {
  adapters: AdapterSet;
  batchSize?: number;
  /** The dispatcher's clock for this run (tests drive it); default deps.now(). */
  now?: Date;
  /** How long a claim is exclusive; a worker that dies holding it is replaced after this. */
  leaseMs?: number;
  /** Identifies this worker in lease_owner; default host:pid:random. */
  owner?: string;
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Test hook: runs after the claim committed and before anything is sent (the crash test kills the process here). */
  afterClaim?: (ids: string[]) => Promise<void>;
};

export type DispatchResult = { claimed: number; sent: number; deferred: number; blocked: number; retried: number; failed: number };

export const DEFAULT_LEASE_MS = 5 * 60_000;
const dispatcher = systemActor('outbox-dispatcher');
const defaultOwner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
// One bucket per adapter object for the life of the process (the worker reuses its adapters).
const buckets = new WeakMap<ChannelAdapter, TokenBucket>();

/**
 * One dispatcher pass. Delivery is AT LEAST ONCE, made as close to exactly-once as SMTP and SMS
 * allow (see outbox/README.md):
 * 1. CLAIM due rows — queued with not_before ≤ now, or `sending` whose lease expired (a worker died)
 *    — with UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING, committed at once:
 *    concurrent workers on PostgreSQL never claim the same row; PGlite is one connection anyway.
 * 2. RE-CHECK compliance at the send instant: hours may have passed, a hold may have opened, the
 *    customer may have replied STOP. Time-only refusals go back to the queue for later; others block.
 * 3. SEND through the channel's adapter with the outbox id as the provider's idempotency key.
 * 4. RECORD sent + provider id + contact log + timeline + audit in one transaction, guarded by our
 *    lease (a worker whose lease was taken over records nothing; contact_attempts.message_id is unique).
 * The remaining window: a crash after the provider accepted (3) and before (4) commits means the
 * lease expires and the message is handed over again, with the same Message-ID / reference.
 */
export async function dispatchOutbox(deps: Pick<AppDeps, 'database' | 'log' | 'now'>, options: DispatchOptions): Promise<DispatchResult> {
  const now = options.now ?? deps.now();
  const owner = options.owner ?? defaultOwner;
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
  const result: DispatchResult = { claimed: 0, sent: 0, deferred: 0, blocked: 0, retried: 0, failed: 0 };
  const { rows: claimed } = await deps.database.sql.query<OutboxRow>(
    `UPDATE outbox_messages SET status = 'sending', lease_owner = $1, lease_until = $2::timestamptz, updated_at = $3::timestamptz
      WHERE id IN (SELECT id FROM outbox_messages
                    WHERE (status = 'queued' AND not_before <= $3::timestamptz) OR (status = 'sending' AND lease_until < $3::timestamptz)
                    ORDER BY not_before, created_at LIMIT $4
                    FOR UPDATE SKIP LOCKED)
      RETURNING *`,
    [owner, leaseUntil.toISOString(), now.toISOString(), options.batchSize ?? 20],
  );
  result.claimed = claimed.length;
  if (claimed.length === 0) return result;
  await options.afterClaim?.(claimed.map((m) => m.id));
  for (const message of claimed) {
    try {
      result[await dispatchOne(deps, options, message, now, owner)] += 1;
    } catch (err) {
      // A database error while recording: leave the lease to expire, the next pass retries.
      deps.log.error('outbox: dispatching a message failed', { messageId: message.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

type Outcome = 'sent' | 'deferred' | 'blocked' | 'retried' | 'failed';

async function dispatchOne(deps: Pick<AppDeps, 'database' | 'log'>, options: DispatchOptions, m: OutboxRow, now: Date, owner: string): Promise<Outcome> {
  const { database } = deps;
  const release = (status: 'queued' | 'blocked' | 'failed', extra: { notBefore?: Date; attempts?: number; error?: string } = {}) =>
    database.sql.query(
      `UPDATE outbox_messages SET status = $3, lease_owner = NULL, lease_until = NULL, updated_at = $4::timestamptz,
              not_before = COALESCE($5::timestamptz, not_before), attempts = COALESCE($6, attempts), last_error = COALESCE($7, last_error),
              failed_at = CASE WHEN $3 = 'failed' THEN $4::timestamptz ELSE failed_at END
        WHERE id = $1 AND lease_owner = $2`,
      [m.id, owner, status, now.toISOString(), extra.notBefore?.toISOString() ?? null, extra.attempts ?? null, extra.error ?? null],
    );

  // 2. Re-check at the send instant, against the history as it is now.
  const { context, policy } = await loadContactContext(database.sql, m.customer_id, now);
  const language = m.language;
  const rendered = { subject: m.subject, body: m.body };
  const proposal = buildProposal({
    at: now, channel: m.channel, purpose: m.purpose, debtId: m.debt_id,
    recipient: { contactPointId: m.contact_point_id, relationship: m.relationship, value: m.recipient, kind: null },
    message: { text: [m.subject, m.body].filter(Boolean).join('\n'), language },
  });
  const decision = withWording(evaluateContact(proposal, context, policy), wordingDenial(rendered, language, m.relationship !== 'self'));
  if (!decision.allowed) {
    if (isTimeOnly(decision)) {
      await release('queued', { notBefore: decision.earliestAllowedAt! });
      return 'deferred';
    }
    await database.transaction(async (exec) => {
      await exec.query(`UPDATE outbox_messages SET status = 'blocked', lease_owner = NULL, lease_until = NULL, updated_at = $2::timestamptz WHERE id = $1`, [m.id, now.toISOString()]);
      await storeDenial(exec, { customerId: m.customer_id, at: now, actor: dispatcher, source: 'outbox-dispatch', proposal: proposalSummary(proposal), decision, messageId: m.id });
    });
    return 'blocked';
  }

  // Rate limit per provider: no token → back to the queue until one is due (not an attempt).
  const adapter = options.adapters[m.channel];
  if (adapter?.rateLimit) {
    let bucket = buckets.get(adapter);
    if (!bucket) buckets.set(adapter, (bucket = new TokenBucket(adapter.rateLimit.perSecond, adapter.rateLimit.burst)));
    const token = bucket.take(now.getTime());
    if (!token.ok) {
      await release('queued', { notBefore: new Date(now.getTime() + token.waitMs) });
      return 'deferred';
    }
  }

  // 3. Hand over.
  const attempts = m.attempts + 1;
  let providerMessageId: string;
  try {
    if (!adapter) throw new Error(`no adapter configured for channel ${m.channel}`);
    // A number marked wrong since queueing may now belong to someone else: sending would tell a
    // stranger about the debt. Never retried.
    if (m.contact_point_id) {
      const { rows: [p] } = await database.sql.query<{ marked_wrong_at: Date | null }>(`SELECT marked_wrong_at FROM contact_points WHERE id = $1`, [m.contact_point_id]);
      if (p?.marked_wrong_at) throw new PermanentError('the contact point was marked wrong after the message was queued');
    }
    const outbound: OutboundMessage = {
      id: m.id, channel: m.channel, customerId: m.customer_id, to: m.recipient, subject: m.subject, body: m.body, language,
      createdAt: new Date(m.created_at), at: now,
    };
    ({ providerMessageId } = await adapter.send(outbound));
  } catch (err) {
    const error = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 1000);
    const permanent = err instanceof PermanentError;
    if (!permanent && attempts < (options.maxAttempts ?? MAX_SEND_ATTEMPTS)) {
      await release('queued', { attempts, error, notBefore: new Date(now.getTime() + retryDelayMs(attempts, options.retryBaseMs)) });
      return 'retried';
    }
    await database.transaction(async (exec) => {
      await exec.query(
        `UPDATE outbox_messages SET status = 'failed', attempts = $2, last_error = $3, failed_at = $4::timestamptz, lease_owner = NULL, lease_until = NULL, updated_at = $4::timestamptz WHERE id = $1`,
        [m.id, attempts, error, now.toISOString()],
      );
      await insertTimeline(exec, {
        customerId: m.customer_id, at: now, kind: 'message-failed', refId: m.id,
        summaryZh: `${CHANNEL_ZH[m.channel]}发送失败`, summaryEn: `${m.channel} message could not be sent`, detail: { error: permanent ? 'permanent' : 'retries exhausted' },
      });
      await recordAudit(exec, { actor: dispatcher, action: 'communications.failed', entityType: 'outbox-message', entityId: m.id, after: { attempts, permanent, error } }, now);
    });
    return 'failed';
  }

  // 4. Record, only while the lease is still ours.
  const provider = adapter.provider;
  await database.transaction(async (exec) => {
    const { rows } = await exec.query(
      // A delivery report can beat us here (see handleDeliveryStatus): it stamped delivered_at only.
      `UPDATE outbox_messages SET status = CASE WHEN delivered_at IS NOT NULL THEN 'delivered' ELSE 'sent' END, attempts = $3, provider = $4, provider_message_id = $5, sent_at = $6::timestamptz,
              lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = $6::timestamptz
        WHERE id = $1 AND status = 'sending' AND lease_owner = $2 RETURNING id`,
      [m.id, owner, attempts, provider, providerMessageId, now.toISOString()],
    );
    if (rows.length === 0) {
      deps.log.warn('outbox: lease lost before recording; another worker owns the message', { messageId: m.id });
      return;
    }
    await insertContactAttempt(exec, {
      customerId: m.customer_id, occurredAt: now, direction: 'outbound', channel: m.channel, mode: 'automated', purpose: m.purpose, debtId: m.debt_id,
      contactPointId: m.contact_point_id, relationship: m.relationship, outcome: m.channel === 'portal' ? 'delivered' : 'attempted',
      actorId: m.created_by, messageId: m.id,
    });
    await insertTimeline(exec, {
      customerId: m.customer_id, at: now, kind: 'message-sent', refId: m.id,
      summaryZh: `已发送${CHANNEL_ZH[m.channel]}${m.subject ? `：${m.subject}` : ''}`, summaryEn: `${m.channel} message sent${m.subject ? `: ${m.subject}` : ''}`,
      detail: { channel: m.channel, purpose: m.purpose, provider },
    });
    await recordAudit(exec, {
      actor: dispatcher, action: 'communications.sent', entityType: 'outbox-message', entityId: m.id,
      after: { customerId: m.customer_id, channel: m.channel, purpose: m.purpose, provider, providerMessageId, attempts },
    }, now);
  });
  return 'sent';
}
