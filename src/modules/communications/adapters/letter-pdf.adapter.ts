import fs from 'node:fs';
import path from 'node:path';
import { renderPdf } from '../../../platform/documents/pdf-document.ts';
import type { ChannelAdapter, OutboundMessage } from './channel-adapter.ts';

/** The letter as it will be printed and posted: a PDF with the body and the postal address. */
export function renderLetter(message: OutboundMessage): Promise<Buffer> {
  const zh = message.language === 'zh-CN';
  return renderPdf({
    title: message.subject ?? (zh ? '客户通知书' : 'Notice to customer'),
    meta: [`${zh ? '编号' : 'Ref'}: ${message.id}`, message.createdAt.toISOString().slice(0, 10)],
    blocks: [
      { kind: 'paragraph', text: message.to },
      ...message.body.split(/\n{2,}/).map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'signature', lines: ['LoanDesk 贷后工作台'] },
    ],
    createdAt: message.createdAt,
  });
}

/**
 * Letters become PDF files under `<dataDir>/outbox-sink/<day>/<outbox id>.pdf`, ready for a print
 * shop or mail house to collect. Written atomically under the outbox id, so a re-send after a
 * crash replaces the file with identical bytes instead of posting a second letter.
 */
export function letterPdfAdapter(dataDir: string): ChannelAdapter {
  const root = path.join(dataDir, 'outbox-sink');
  return {
    channel: 'letter',
    provider: 'letter-pdf',
    async send(message) {
      const dir = path.join(root, message.at.toISOString().slice(0, 10));
      await fs.promises.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${message.id}.pdf`);
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, await renderLetter(message));
      await fs.promises.rename(tmp, file);
      return { providerMessageId: path.relative(root, file) };
    },
  };
}
