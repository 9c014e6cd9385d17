import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signInAs } from '../../../../test/support/sessions.ts';
import { silentLogger } from '../../../platform/logging/logger.ts';
import { evidenceStoreFor } from '../../../platform/evidence/index.ts';
import { startInboundEmailServer } from '../../communications/index.ts';
import { buildContactableCustomer, hubFixture } from '../../communications/communications.test-support.ts';

// A 1×1 PNG: real bytes, so the evidence store's sniffing recognises it.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describeEachDatabase('complaints by e-mail over SMTP', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let server: Awaited<ReturnType<typeof startInboundEmailServer>>;
  beforeAll(async () => {
    hub = await hubFixture(getDb());
    hub.deps.config = { ...hub.deps.config, complaints: { ...hub.deps.config.complaints, emailAddress: 'complaints@bank.example' } };
    server = await startInboundEmailServer({ database: getDb(), log: silentLogger, now: () => hub.clock.now }, { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('turns a message to the complaints address into a complaint with its attachment stored as evidence', async () => {
    const c = await buildContactableCustomer(getDb(), { email: 'li.na@example.cn', name: '李娜' });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true });
    const messageId = '<complaint-1@example.cn>';
    const mail = {
      from: '李娜 <Li.Na@example.cn>', to: 'complaints@bank.example', subject: '投诉：催收人员辱骂', messageId,
      text: '催收人员多次打电话辱骂我，还联系了我的同事。截图见附件。',
      attachments: [{ filename: '通话截图.png', content: PNG, contentType: 'image/png' }],
    };
    await transport.sendMail(mail);
    // Delivered again (a retry by the relay): still one complaint.
    await transport.sendMail(mail);
    // Mail to another address is not a complaint.
    await transport.sendMail({ from: 'li.na@example.cn', to: 'service@bank.example', subject: '问一下', text: '还款日是哪天？' });
    transport.close();

    const { rows } = await getDb().sql.query<{ id: string; channel: string; category: string; status: string; complainant_email: string; reference_number: string }>(
      `SELECT id, channel, category, status, complainant_email, reference_number FROM complaints WHERE customer_id = $1`, [c.id],
    );
    expect(rows).toEqual([expect.objectContaining({ channel: 'email', category: 'collection-conduct', status: 'acknowledged', complainant_email: 'li.na@example.cn' })]);
    const complaint = rows[0]!;
    const { rows: holds } = await getDb().sql.query(`SELECT type FROM contact_holds WHERE source_id = $1 AND closed_at IS NULL`, [complaint.id]);
    expect(holds).toEqual([{ type: 'collection-conduct-complaint' }]);
    const { rows: [ack] } = await getDb().sql.query<{ channel: string; subject: string }>(
      `SELECT channel, subject FROM outbox_messages WHERE idempotency_key = $1`, [`complaint-ack:${complaint.id}`],
    );
    expect(ack).toMatchObject({ channel: 'email', subject: expect.stringContaining(complaint.reference_number) });

    const { rows: evidence } = await getDb().sql.query<{ sha256: string; content_type: string; original_file_name: string; kind: string; links: string[] }>(
      `SELECT e.sha256, e.content_type, e.original_file_name, e.kind, array_agg(l.entity_type ORDER BY l.entity_type) AS links
         FROM evidence_items e JOIN evidence_links l ON l.evidence_id = e.id
        WHERE e.id IN (SELECT evidence_id FROM evidence_links WHERE entity_type = 'complaint' AND entity_id = $1)
        GROUP BY e.id ORDER BY e.kind`, [complaint.id],
    );
    expect(evidence).toEqual([
      expect.objectContaining({ kind: 'email', content_type: 'message/rfc822', links: ['complaint', 'customer'] }),
      expect.objectContaining({ kind: 'photo', content_type: 'image/png', original_file_name: '通话截图.png', links: ['complaint', 'customer'] }),
    ]);
    const store = evidenceStoreFor(hub.deps);
    for (const e of evidence) expect(await store.has(e.sha256)).toBe(true);

    // Staff see it with its clock through the API.
    const handlerClient = await signInAs(hub.api, getDb(), { role: 'complaint-handler' });
    const detail = await handlerClient.request(`/api/complaints/${complaint.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ channel: 'email', customerId: c.id, contactHoldOpen: true, clock: { decisionPeriodDays: 15 } });
  });

  it('keeps a complaint from an unknown sender, without a customer, for a handler to match', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'stranger@example.org', to: 'Complaints@Bank.Example', subject: 'Complaint', text: 'Your app charged me a fee twice this month, please refund it.' });
    transport.close();
    const { rows } = await getDb().sql.query<{ customer_id: string | null; acknowledgement_status: string }>(
      `SELECT customer_id, acknowledgement_status FROM complaints WHERE complainant_email = 'stranger@example.org'`,
    );
    expect(rows).toEqual([{ customer_id: null, acknowledgement_status: 'not-sent' }]);
  });
});
