import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { ChannelAdapter } from './channel-adapter.ts';

/**
 * The borrower portal's inbox as a "provider": the message becomes a portal_messages row that the
 * signed-in borrower reads at GET /api/portal/messages. Idempotent on the outbox id (unique
 * column), so a re-send after a crash finds the row already there and returns it.
 */
export function portalInboxAdapter(exec: SqlExecutor): ChannelAdapter {
  return {
    channel: 'portal',
    provider: 'portal-inbox',
    async send(message) {
      await exec.query(
        `INSERT INTO portal_messages (customer_id, outbox_message_id, subject, body, language, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::timestamptz) ON CONFLICT (outbox_message_id) DO NOTHING`,
        [message.customerId, message.id, message.subject, message.body, message.language, message.at.toISOString()],
      );
      const { rows: [row] } = await exec.query<{ id: string }>(`SELECT id FROM portal_messages WHERE outbox_message_id = $1`, [message.id]);
      return { providerMessageId: row!.id };
    },
  };
}
