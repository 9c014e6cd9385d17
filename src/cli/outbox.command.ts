import type { Command } from 'commander';
import type { AppDeps } from '../platform/app-deps.ts';
import { createConfiguredAdapters } from '../modules/communications/adapters/default-adapters.ts';
import { outboxStatus } from '../modules/communications/communications.queries.ts';
import { dispatchOutbox } from '../modules/communications/outbox/dispatch-outbox.ts';
import { runOutboxWorker } from '../modules/communications/outbox/worker.ts';

type OpenApp = () => Promise<AppDeps & { close(): Promise<void> }>;

/**
 * `loandesk outbox work [--once] [--batch-size N]`: run the outbox dispatcher (until Ctrl-C, or one
 * pass with --once). Several workers may run against one PostgreSQL database; claims use
 * FOR UPDATE SKIP LOCKED leases. Providers come from the environment (SMTP_*, SMS_HTTP_*), else the
 * file sink under DATA_DIR/outbox-sink.
 * `loandesk outbox status`: messages per status, how many are due, expired leases, recent failures.
 */
export function registerOutboxCommand(program: Command, openApp: OpenApp) {
  const outbox = program.command('outbox').description('Message outbox 消息发件箱');

  outbox
    .command('work')
    .description('Send due messages (发送待发消息); runs until interrupted unless --once')
    .option('--once', 'one pass, then exit')
    .option('--batch-size <n>', 'messages claimed per pass', (v) => Number.parseInt(v, 10), 20)
    .action(async (opts: { once?: boolean; batchSize: number }) => {
      if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1 || opts.batchSize > 1000) throw new Error('--batch-size must be an integer 1–1000');
      const app = await openApp();
      const adapters = createConfiguredAdapters(app);
      try {
        if (opts.once) {
          const r = await dispatchOutbox(app, { adapters, batchSize: opts.batchSize });
          console.log(`claimed ${r.claimed}: sent ${r.sent}, deferred ${r.deferred}, blocked ${r.blocked}, retry later ${r.retried}, failed ${r.failed}`);
          return;
        }
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        console.log('Outbox worker running (Ctrl-C to stop) 发件箱工作进程已启动');
        await runOutboxWorker(app, {
          signal: controller.signal, adapters, batchSize: opts.batchSize,
          onPass: (r) => { if (r.claimed) console.log(`${new Date().toISOString()} sent ${r.sent}, deferred ${r.deferred}, blocked ${r.blocked}, retry ${r.retried}, failed ${r.failed}`); },
        });
      } finally {
        await app.close();
      }
    });

  outbox
    .command('status')
    .description('Outbox counts by status, due messages, expired leases, recent failures (发件箱状态)')
    .action(async () => {
      const app = await openApp();
      try {
        const s = await outboxStatus(app.database.sql, app.now());
        console.log('status 状态       count');
        for (const [status, count] of Object.entries(s.counts)) console.log(`  ${status.padEnd(14)} ${count}`);
        console.log(`due now 待发: ${s.dueNow}${s.oldestDue ? ` (oldest due since ${s.oldestDue})` : ''}`);
        console.log(`expired leases 租约过期 (a worker died mid-send; re-sent on the next pass): ${s.expiredLeases}`);
        for (const f of s.recentFailures) console.log(`FAILED ${f.id} ${f.channel} ${f.failedAt ?? ''} ${f.lastError ?? ''}`);
      } finally {
        await app.close();
      }
    });
}
