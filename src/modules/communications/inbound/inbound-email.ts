import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AppDeps } from '../../../platform/app-deps.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { insertContactAttempt, insertTimeline } from '../contact-log/record-contact.ts';

export type InboundEmail = {
  from: string | null;
  to: string[];
  subject: string | null;
  text: string;
  messageId: string | null;
  /** The Message-ID this replies to: ours is `<outbox id@domain>`, which ties a reply to its message. */
  inReplyTo: string | null;
  receivedAt: Date;
  raw: Buffer;
};
type Deps = Pick<AppDeps, 'database' | 'log' | 'now'>;
export type InboundEmailHandler = (mail: InboundEmail, deps: Deps) => Promise<void>;

const handlers: InboundEmailHandler[] = [];

/**
 * Lets another module act on inbound e-mail (the complaints module will open a complaint from a
 * message to the complaints mailbox). Handlers run after the default one, in registration order;
 * one failing is logged and does not stop the others. Returns an unregister function.
 */
export function registerInboundEmailHandler(fn: InboundEmailHandler): () => void {
  handlers.push(fn);
  return () => {
    const i = handlers.indexOf(fn);
    if (i >= 0) handlers.splice(i, 1);
  };
}

/**
 * The default handler: a message from an address that is a customer's e-mail contact point is a
 * reply, put on that customer's timeline and contact log. Mail from unknown senders is only logged.
 */
export const attachReplyToTimeline: InboundEmailHandler = async (mail, deps) => {
  if (!mail.from) return;
  await deps.database.transaction(async (exec) => {
    const { rows: points } = await exec.query<{ id: string; customer_id: string; relationship: string }>(
      `SELECT id, customer_id, relationship FROM contact_points WHERE kind = 'email' AND lower(value) = lower($1)`,
      [mail.from],
    );
    const replyTo = /<([0-9a-f-]{36})@/i.exec(mail.inReplyTo ?? '')?.[1] ?? null;
    const seen = new Set<string>();
    for (const p of points) {
      if (seen.has(p.customer_id)) continue;
      seen.add(p.customer_id);
      const contactId = await insertContactAttempt(exec, {
        customerId: p.customer_id, occurredAt: mail.receivedAt, direction: 'inbound', channel: 'email', mode: 'human', purpose: 'servicing',
        contactPointId: p.id, relationship: p.relationship, outcome: 'received', actorId: 'system:inbound-email',
        note: `${mail.subject ?? ''}\n\n${mail.text}`.trim().slice(0, 2000),
      });
      await insertTimeline(exec, {
        customerId: p.customer_id, at: mail.receivedAt, kind: 'email-reply', refId: contactId,
        summaryZh: `收到客户邮件：${(mail.subject ?? '（无主题）').slice(0, 80)}`, summaryEn: `E-mail received: ${(mail.subject ?? '(no subject)').slice(0, 80)}`,
        detail: { inReplyToMessage: replyTo, messageId: mail.messageId },
      });
      await recordAudit(exec, {
        actor: systemActor('inbound-email'), action: 'contact.inbound', entityType: 'contact-attempt', entityId: contactId,
        after: { customerId: p.customer_id, channel: 'email', inReplyToMessage: replyTo },
      }, mail.receivedAt);
    }
    if (points.length === 0) deps.log.info('inbound e-mail from an unknown sender', { messageId: mail.messageId });
  });
};

export async function parseInboundEmail(raw: Buffer, receivedAt: Date): Promise<InboundEmail> {
  const parsed = await simpleParser(raw);
  const addresses = (v: typeof parsed.to) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((a) => a.value.map((x) => x.address ?? '')).filter(Boolean);
  return {
    from: parsed.from?.value[0]?.address?.toLowerCase() ?? null,
    to: addresses(parsed.to),
    subject: parsed.subject ?? null,
    text: parsed.text ?? '',
    messageId: parsed.messageId ?? null,
    inReplyTo: typeof parsed.inReplyTo === 'string' ? parsed.inReplyTo : null,
    receivedAt,
    raw,
  };
}

/** Hands a parsed message to the default handler, then to every registered one. */
export async function dispatchInboundEmail(mail: InboundEmail, deps: Deps): Promise<void> {
  for (const handler of [attachReplyToTimeline, ...handlers]) {
    try {
      await handler(mail, deps);
    } catch (err) {
      deps.log.error('inbound e-mail handler failed', { messageId: mail.messageId, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

export const MAX_INBOUND_EMAIL_BYTES = 10 * 1024 * 1024;

/**
 * An SMTP receiver (smtp-server) for replies and complaints by e-mail, started by the server when
 * INBOUND_SMTP_PORT is set (port 0 = any free port, for tests). It accepts mail without
 * authentication on purpose — it is the lender's MX-facing relay's next hop, and should listen on
 * an internal address only (INBOUND_SMTP_HOST, default 127.0.0.1): put the bank's mail gateway
 * (spam, virus, TLS, SPF/DKIM) in front of it.
 */
export async function startInboundEmailServer(deps: Deps, opts: { port: number; host?: string }): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_INBOUND_EMAIL_BYTES,
    logger: false,
    banner: 'LoanDesk inbound mail',
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        parseInboundEmail(raw, deps.now())
          .then((mail) => dispatchInboundEmail(mail, deps))
          .then(() => callback(), (err: Error) => {
            deps.log.error('inbound e-mail could not be processed', { error: err.message });
            callback(Object.assign(new Error('Temporary processing failure, try later'), { responseCode: 451 }));
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
