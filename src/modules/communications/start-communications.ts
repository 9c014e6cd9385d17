import type { AppDeps } from '../../platform/app-deps.ts';
import { createConfiguredAdapters } from './adapters/default-adapters.ts';
import { startInboundEmailServer } from './inbound/inbound-email.ts';
import { runOutboxWorker } from './outbox/worker.ts';
import { ensureDefaultTemplates } from './templates/default-templates.ts';

/**
 * What the server process runs besides HTTP (call once from main.ts after the database is open):
 * the default templates, the outbox worker (unless OUTBOX_WORKER=false, e.g. when dedicated
 * `loandesk outbox work` processes run), and the inbound e-mail receiver when INBOUND_SMTP_PORT is
 * set. `stop()` ends the worker after its current pass and closes the receiver.
 */
export async function startCommunications(deps: AppDeps): Promise<{ inboundSmtpPort: number | null; stop: () => Promise<void> }> {
  await ensureDefaultTemplates(deps.database.sql, deps.now());
  const controller = new AbortController();
  const c = deps.config.communications;
  const worker = c.outboxWorker
    ? runOutboxWorker(deps, { signal: controller.signal, adapters: createConfiguredAdapters(deps) })
    : Promise.resolve();
  const inbound = c.inboundSmtp ? await startInboundEmailServer(deps, c.inboundSmtp) : null;
  if (inbound) deps.log.info(`inbound e-mail (SMTP) listening on ${c.inboundSmtp!.host}:${inbound.port}`);
  return {
    inboundSmtpPort: inbound?.port ?? null,
    stop: async () => {
      controller.abort();
      await worker;
      await inbound?.close();
    },
  };
}
