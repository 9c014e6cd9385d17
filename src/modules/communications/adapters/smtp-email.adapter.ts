import nodemailer from 'nodemailer';
import { messageIdFor, PermanentError, TransientError, type ChannelAdapter } from './channel-adapter.ts';

export type SmtpSettings = {
  host: string; port: number; secure: boolean; user?: string; pass?: string; from: string;
  ratePerSecond?: number;
  /** Accept self-signed certificates (tests, an internal relay); never for an external relay. */
  allowInsecureTls?: boolean;
};

/**
 * E-mail over SMTP (nodemailer). The Message-ID is the outbox id, so if a crash makes the
 * dispatcher hand the same message over twice, the receiving side sees the same Message-ID and
 * mail clients and archives de-duplicate it. SMTP 4xx replies and connection problems are
 * transient (retried with backoff); 5xx replies (no such mailbox, rejected) are permanent.
 */
export function smtpEmailAdapter(settings: SmtpSettings): ChannelAdapter & { close(): void } {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
    tls: settings.allowInsecureTls ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  const domain = settings.from.match(/@([^>\s]+)/)?.[1] ?? 'loandesk.local';
  return {
    channel: 'email',
    provider: 'smtp',
    rateLimit: settings.ratePerSecond ? { perSecond: settings.ratePerSecond, burst: Math.max(1, Math.ceil(settings.ratePerSecond * 2)) } : undefined,
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.body,
          messageId: messageIdFor(message.id, domain),
          headers: { 'X-LoanDesk-Outbox-Id': message.id },
          date: message.createdAt,
        });
        return { providerMessageId: info.messageId };
      } catch (err) {
        const e = err as { responseCode?: number; code?: string; message?: string };
        const text = `SMTP ${e.responseCode ?? e.code ?? ''}: ${e.message ?? String(err)}`.slice(0, 500);
        if (typeof e.responseCode === 'number' && e.responseCode >= 500) throw new PermanentError(text);
        throw new TransientError(text);
      }
    },
    close: () => transport.close(),
  };
}
