import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signInAs } from '../../../../test/support/sessions.ts';
import { startSmtpCapture, type SmtpCapture } from '../../../../test/support/smtp.ts';
import { buildContactableCustomer, dispatchAt, hubFixture, messageRow } from '../communications.test-support.ts';
import { fileSinkAdapter } from './file-sink.adapter.ts';
import { smtpEmailAdapter } from './smtp-email.adapter.ts';

describeEachDatabase('e-mail over real SMTP', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let smtp: SmtpCapture;
  let mailer: ReturnType<typeof smtpEmailAdapter>;
  beforeAll(async () => {
    hub = await hubFixture(getDb());
    smtp = await startSmtpCapture();
    mailer = smtpEmailAdapter({ host: smtp.host, port: smtp.port, secure: false, from: '某某银行贷后服务 <service@bank.example>' });
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
  });

  it('sends the exact message a collector queued through the API: recipient, subject, body, Message-ID', async () => {
    const c = await buildContactableCustomer(getDb(), { name: '刘洋', email: 'liu.yang@example.cn' });
    const collector = await signInAs(hub.api, getDb(), { role: 'supervisor' });
    const res = await collector.request(`/api/customers/${c.id}/messages`, {
      json: {
        channel: 'email', purpose: 'servicing', templateKey: 'payment-reminder', debtId: c.loan.id,
        variables: { amountDueFen: 123_456, dueDate: '2026-12-15' }, idempotencyKey: `reminder-2026-12:${c.loan.id}`,
      },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', duplicate: false, delayedBy: [] });
    const messageId = res.body.messageId as string;

    const result = await dispatchAt(getDb(), hub.clock.now, { email: mailer });
    expect(result.sent).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.recipients).toEqual(['liu.yang@example.cn']);
    expect(mail!.mailFrom).toBe('service@bank.example');
    expect(mail!.parsed.messageId).toBe(`<${messageId}@bank.example>`);
    expect(mail!.parsed.subject).toBe(`还款提醒：贷款 ${c.loan.loanNumber}`);
    expect(mail!.parsed.text?.trim()).toBe(
      `尊敬的刘洋：您的贷款${c.loan.loanNumber}本期应还金额¥1,234.56，还款日为2026年12月15日，请确保还款账户余额充足。如已还款，请忽略本消息。回复TD退订。`,
    );
    const row = await messageRow(getDb(), messageId);
    expect(row).toMatchObject({ status: 'sent', provider: 'smtp', provider_message_id: `<${messageId}@bank.example>` });

    // The page shows it: the message with its state, and the contact on the log.
    const list = await collector.request(`/api/customers/${c.id}/messages`);
    expect(list.body.items[0]).toMatchObject({ id: messageId, status: 'sent', templateKey: 'payment-reminder', templateVersion: 1, recipient: 'liu.yang@example.cn' });
    const log = await collector.request(`/api/customers/${c.id}/contacts`);
    expect(log.body.items[0]).toMatchObject({ direction: 'outbound', channel: 'email', mode: 'automated', messageId, outcome: 'attempted' });
  });

  it('renders English for a customer who prefers it', async () => {
    const c = await buildContactableCustomer(getDb(), { name: 'Li Na', email: 'li.na@example.com' });
    await getDb().sql.query(`UPDATE customers SET preferred_language = 'en' WHERE id = $1`, [c.id]);
    const api = await signInAs(hub.api, getDb(), { role: 'supervisor' });
    const res = await api.request(`/api/customers/${c.id}/messages`, {
      json: { channel: 'email', purpose: 'servicing', templateKey: 'payment-reminder', debtId: c.loan.id, variables: { amountDueFen: 5_000, dueDate: '2026-12-01' } },
    });
    expect(res.status).toBe(202);
    const before = smtp.messages.length;
    await dispatchAt(getDb(), hub.clock.now, { email: mailer });
    const mails = await smtp.waitFor(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.parsed.subject).toBe(`Payment reminder: loan ${c.loan.loanNumber}`);
    expect(mail.parsed.text).toContain('the instalment of CN¥50.00');
    expect(mail.parsed.text).toContain('due on 1 December 2026');
  });

  it('without a provider, the file sink writes a real .eml named by the outbox id', async () => {
    const c = await buildContactableCustomer(getDb(), { email: 'sink@example.cn' });
    const api = await signInAs(hub.api, getDb(), { role: 'supervisor' });
    const res = await api.request(`/api/customers/${c.id}/messages`, {
      json: { channel: 'email', purpose: 'servicing', templateKey: 'payment-reminder', debtId: c.loan.id, variables: { amountDueFen: 100, dueDate: '2026-12-01' } },
    });
    await dispatchAt(getDb(), hub.clock.now, { email: fileSinkAdapter('email', hub.dataDir) });
    const eml = fs.readFileSync(path.join(hub.dataDir, 'outbox-sink', '2026-11-26', `${res.body.messageId}.eml`), 'utf8');
    expect(eml).toMatch(new RegExp(`^Message-ID: <${res.body.messageId}@loandesk.local>`, 'm'));
    expect(eml).toMatch(/^To: sink@example\.cn/m);
  });
});
