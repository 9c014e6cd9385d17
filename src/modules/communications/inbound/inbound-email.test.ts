import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { silentLogger } from '../../../platform/logging/logger.ts';
import { buildContactableCustomer, hubFixture } from '../communications.test-support.ts';
import { registerInboundEmailHandler, startInboundEmailServer, type InboundEmail } from './inbound-email.ts';

describeEachDatabase('inbound e-mail over SMTP', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let server: Awaited<ReturnType<typeof startInboundEmailServer>>;
  const seen: InboundEmail[] = [];
  let unregister: () => void;
  beforeAll(async () => {
    hub = await hubFixture(getDb());
    server = await startInboundEmailServer({ database: getDb(), log: silentLogger, now: () => hub.clock.now }, { port: 0 });
    unregister = registerInboundEmailHandler(async (mail) => {
      seen.push(mail);
    });
  });
  afterAll(async () => {
    unregister?.();
    await server?.close();
  });

  it('puts a reply from a known customer address on the timeline and hands it to registered handlers', async () => {
    const c = await buildContactableCustomer(getDb(), { email: 'zhou.min@example.cn' });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: '周敏 <Zhou.Min@example.cn>', to: 'service@bank.example', subject: '关于还款', text: '我已于今天还款，请查收。',
      inReplyTo: '<2b1f7f9e-1c1a-4a7e-9c55-3f7f1d2a9b10@bank.example>',
    });
    transport.close();
    const { rows } = await getDb().sql.query<{ kind: string; summary_zh: string; detail: { inReplyToMessage: string | null } }>(
      `SELECT kind, summary_zh, detail FROM timeline_events WHERE customer_id = $1 AND kind = 'email-reply'`, [c.id],
    );
    expect(rows).toEqual([expect.objectContaining({ summary_zh: '收到客户邮件：关于还款', detail: expect.objectContaining({ inReplyToMessage: '2b1f7f9e-1c1a-4a7e-9c55-3f7f1d2a9b10' }) })]);
    const { rows: log } = await getDb().sql.query(`SELECT direction, channel, outcome, note FROM contact_attempts WHERE customer_id = $1 AND direction = 'inbound'`, [c.id]);
    expect(log).toEqual([{ direction: 'inbound', channel: 'email', outcome: 'received', note: '关于还款\n\n我已于今天还款，请查收。' }]);
    expect(seen.at(-1)).toMatchObject({ from: 'zhou.min@example.cn', to: ['service@bank.example'], subject: '关于还款' });
  });
});
