import nodemailer from 'nodemailer';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { buildContactableCustomer, hubFixture, messageRow, queue } from './communications.test-support.ts';
import { startCommunications } from './start-communications.ts';

describeEachDatabase('startCommunications (what the server runs besides HTTP)', (getDb) => {
  it('seeds the templates, runs the outbox worker, and receives e-mail when INBOUND_SMTP_PORT is set', async () => {
    const hub = await hubFixture(getDb());
    hub.deps.config = { ...hub.deps.config, communications: { ...hub.deps.config.communications, inboundSmtp: { port: 0, host: '127.0.0.1' }, outboxWorker: true } };
    const running = await startCommunications(hub.deps);
    try {
      expect(running.inboundSmtpPort).toBeGreaterThan(0);
      const c = await buildContactableCustomer(getDb(), { email: 'started@example.cn' });
      const r = await queue(getDb(), { customerId: c.id, channel: 'email', debtId: c.loan.id, idempotencyKey: `start:${c.id}`, at: hub.clock.now });
      const id = r.status === 'queued' ? r.messageId : '';
      for (let i = 0; i < 100 && (await messageRow(getDb(), id)).status !== 'sent'; i++) await new Promise((res) => setTimeout(res, 50));
      expect(await messageRow(getDb(), id)).toMatchObject({ status: 'sent', provider: 'file-sink' });

      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: running.inboundSmtpPort!, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'started@example.cn', to: 'service@bank.example', subject: 'Re: 逾期提醒', text: '收到' });
      transport.close();
      const { rows } = await getDb().sql.query(`SELECT kind FROM timeline_events WHERE customer_id = $1 AND kind = 'email-reply'`, [c.id]);
      expect(rows).toHaveLength(1);
    } finally {
      await running.stop();
    }
  });
});
