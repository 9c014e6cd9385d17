import type { Command } from 'commander';
import type { AppDeps } from '../platform/app-deps.ts';
import { verifyAuditChain, type ChainAnchor } from '../platform/audit/verify-audit-chain.ts';

/**
 * `loandesk audit verify [--anchor SEQ:HASH]`: re-computes the whole hash chain. Exits 1 when it is
 * broken, naming the first broken link, so a nightly job or an auditor's script can alert on it.
 * Record the printed "last" value somewhere outside the database (a ticket, the daily report): a
 * later run with --anchor proves the trail was not rewritten or truncated since.
 */
export function registerAuditCommand(program: Command, openApp: () => Promise<AppDeps & { close(): Promise<void> }>) {
  const audit = program.command('audit').description('Audit trail 审计日志');
  audit
    .command('verify')
    .description('Verify the audit trail hash chain (审计链校验); exit code 1 if it is broken')
    .option('--anchor <seq:hash>', 'a seq and hash recorded earlier; fails if that event is gone or changed')
    .action(async (opts: { anchor?: string }) => {
      const anchor = opts.anchor ? parseAnchor(opts.anchor) : undefined;
      const app = await openApp();
      try {
        const started = Date.now();
        const result = await verifyAuditChain(app.database.sql, {
          anchor,
          progressEvery: 50_000,
          onProgress: ({ checked, seq, total }) => {
            const pct = total ? ` (${Math.min(100, Math.floor((checked / total) * 100))}%)` : '';
            process.stderr.write(`  verified ${checked.toLocaleString('en')} of ${total.toLocaleString('en')} events${pct}, at seq ${seq}\n`);
          },
        });
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        if (result.ok) {
          console.log(`Audit trail intact 审计链完整: ${result.events} events verified in ${secs}s.`);
          console.log(`Last event: seq ${result.lastSeq}, hash ${result.lastHash}`);
          console.log(`Anchor for the next run: --anchor ${result.lastSeq}:${result.lastHash}`);
        } else {
          console.error(`AUDIT TRAIL BROKEN 审计链被篡改: ${result.problem} at seq ${result.firstBrokenSeq}`);
          console.error(`  ${result.detail}`);
          console.error(`  ${result.eventsChecked} events before it verified intact.`);
          process.exitCode = 1;
        }
      } finally {
        await app.close();
      }
    });
}

function parseAnchor(text: string): ChainAnchor {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!m) throw new Error(`--anchor must be SEQ:HASH (a seq number, a colon and 64 hex digits), got "${text}"`);
  return { seq: Number(m[1]), hash: m[2]! };
}
