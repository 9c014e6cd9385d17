import type { AppDeps } from '../../../platform/app-deps.ts';
import type { MessageChannel } from '../outbox/outbox.schema.ts';
import type { ChannelAdapter } from './channel-adapter.ts';
import { fileSinkAdapter } from './file-sink.adapter.ts';
import { letterPdfAdapter } from './letter-pdf.adapter.ts';
import { httpSmsAdapter } from './http-sms.adapter.ts';
import { portalInboxAdapter } from './portal-inbox.adapter.ts';
import { smtpEmailAdapter } from './smtp-email.adapter.ts';

export type AdapterSet = Partial<Record<MessageChannel, ChannelAdapter>>;

/**
 * The adapters configured by the environment: SMTP_HOST → real e-mail, SMS_HTTP_URL → the HTTP
 * SMS gateway; without them both go to the file sink (the demo default). The portal inbox is
 * always the database; letters are rendered as PDF files for the print room.
 */
export function createConfiguredAdapters(deps: Pick<AppDeps, 'config' | 'database'>): AdapterSet {
  const c = deps.config.communications;
  const dataDir = deps.config.dataDir;
  return {
    email: c.smtp
      ? smtpEmailAdapter({ host: c.smtp.host, port: c.smtp.port, secure: c.smtp.secure, user: c.smtp.user, pass: c.smtp.pass, from: c.mailFrom, ratePerSecond: c.smtp.ratePerSecond })
      : fileSinkAdapter('email', dataDir, c.mailFrom),
    sms: c.sms ? httpSmsAdapter({ url: c.sms.url, token: c.sms.token, ratePerSecond: c.sms.ratePerSecond }) : fileSinkAdapter('sms', dataDir),
    portal: portalInboxAdapter(deps.database.sql),
    letter: letterPdfAdapter(dataDir),
  };
}
