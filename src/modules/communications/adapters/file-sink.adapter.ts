import fs from 'node:fs';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MessageChannel } from '../outbox/outbox.schema.ts';
import { messageIdFor, type ChannelAdapter } from './channel-adapter.ts';

/**
 * The demo default when no provider is configured: each message becomes a file,
 * `<dataDir>/outbox-sink/<YYYY-MM-DD (UTC, day sent)>/<outbox id>.eml` for e-mail (a real RFC 5322 message, opens
 * in any mail client) or `.txt` for SMS, so `npm start` shows what would have been sent (letters
 * have their own PDF adapter). The file name is
 * the outbox id and is written atomically (temp file + rename), so a re-send after a crash
 * replaces the file with identical content instead of adding a second one.
 */
export function fileSinkAdapter(channel: MessageChannel, dataDir: string, from = 'LoanDesk <noreply@loandesk.local>'): ChannelAdapter {
  const root = path.join(dataDir, 'outbox-sink');
  return {
    channel,
    provider: 'file-sink',
    async send(message) {
      const day = message.at.toISOString().slice(0, 10);
      const dir = path.join(root, day);
      await fs.promises.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${message.id}.${channel === 'email' ? 'eml' : 'txt'}`);
      const content = channel === 'email'
        ? await new MailComposer({
            from, to: message.to, subject: message.subject ?? '', text: message.body, messageId: messageIdFor(message.id), date: message.createdAt,
          }).compile().build()
        : Buffer.from(
            [`Channel: ${channel}`, `To: ${message.to}`, `Reference: ${message.id}`, ...(message.subject ? [`Subject: ${message.subject}`] : []), '', message.body, ''].join('\n'),
            'utf8',
          );
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, content);
      await fs.promises.rename(tmp, file);
      return { providerMessageId: path.relative(root, file) };
    },
  };
}
