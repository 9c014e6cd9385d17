import { it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { letterPdfAdapter } from './letter-pdf.adapter.ts';

it('writes a letter as a PDF under the outbox id, and a re-send replaces it with identical bytes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loandesk-letter-'));
  const adapter = letterPdfAdapter(dir);
  const message = {
    id: '11111111-2222-4333-8444-555555555555', channel: 'letter' as const, customerId: 'c', to: '北京市朝阳区建国路88号 王芳 收',
    subject: '逾期还款提醒函', body: '尊敬的客户：\n\n您的贷款已逾期，请尽快联系我们商议还款安排。', language: 'zh-CN' as const,
    createdAt: new Date('2026-11-26T02:00:00Z'), at: new Date('2026-11-26T02:00:05Z'),
  };
  const first = await adapter.send(message);
  const file = path.join(dir, 'outbox-sink', first.providerMessageId);
  expect(first.providerMessageId).toBe(`2026-11-26/${message.id}.pdf`);
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  await adapter.send(message);
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  expect(fs.readdirSync(path.dirname(file))).toEqual([`${message.id}.pdf`]);
});
