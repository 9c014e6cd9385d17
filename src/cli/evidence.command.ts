import path from 'node:path';
import type { Command } from 'commander';
import type { AppDeps } from '../platform/app-deps.ts';
import { isValidCalendarDate, todayInZone } from '../platform/time/calendar-date.ts';
import { createFileBlobStore } from '../platform/evidence/file-blob-store.ts';
import { verifyEvidenceStore } from '../platform/evidence/verify-evidence-store.ts';
import { applyEvidenceRetention } from '../platform/evidence/evidence-retention.ts';

type OpenApp = () => Promise<AppDeps & { close(): Promise<void> }>;

/**
 * `loandesk evidence verify`: re-hashes every stored file (exit 1 if any is missing or altered).
 * `loandesk evidence retention [--as-of DATE] [--dry-run]`: deletes content past its retention date
 * (the only deletion path; metadata and audit events stay). Both are meant for a nightly job.
 */
export function registerEvidenceCommand(program: Command, openApp: OpenApp) {
  const evidence = program.command('evidence').description('Evidence store 证据库');

  evidence
    .command('verify')
    .description('Re-hash every stored evidence file (证据完整性校验); exit code 1 on any missing or altered file')
    .action(async () => {
      const app = await openApp();
      try {
        const store = createFileBlobStore(path.join(app.config.dataDir, 'evidence'));
        let lastReport = 0;
        const result = await verifyEvidenceStore(app, {
          store,
          onProgress: ({ checked, total }) => {
            if (checked === total || Date.now() - lastReport > 2000) {
              lastReport = Date.now();
              process.stderr.write(`  re-hashed ${checked} of ${total} files\n`);
            }
          },
        });
        for (const m of result.missing) console.error(`MISSING 缺失  ${m.sha256}  items ${m.itemIds.join(', ')}`);
        for (const m of result.mismatched) console.error(`ALTERED 被改动 ${m.sha256}  now hashes to ${m.actualSha256} (${m.actualSize} bytes)  items ${m.itemIds.join(', ')}`);
        if (result.missing.length || result.mismatched.length) {
          console.error(`Evidence store BROKEN: ${result.missing.length} missing, ${result.mismatched.length} altered, of ${result.checked} files.`);
          process.exitCode = 1;
        } else {
          console.log(`Evidence store intact 证据库完整: ${result.checked} files re-hashed, all match.`);
        }
      } finally {
        await app.close();
      }
    });

  evidence
    .command('retention')
    .description('Delete evidence content whose retention date has passed (按保存期限删除); metadata and audit events are kept')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today in Asia/Shanghai)')
    .option('--dry-run', 'list what would be deleted, change nothing')
    .action(async (opts: { asOf?: string; dryRun?: boolean }) => {
      if (opts.asOf && !isValidCalendarDate(opts.asOf)) throw new Error(`--as-of must be a real date YYYY-MM-DD, got "${opts.asOf}"`);
      const app = await openApp();
      try {
        const asOf = opts.asOf ?? todayInZone(app.now(), app.config.defaultTimeZone);
        const store = createFileBlobStore(path.join(app.config.dataDir, 'evidence'));
        const result = await applyEvidenceRetention(app, asOf, { store, dryRun: opts.dryRun });
        const verb = result.dryRun ? 'Would remove' : 'Removed';
        for (const r of result.removed) console.log(`${verb}  ${r.id}  ${r.originalFileName}  (retention until ${r.retentionUntil})`);
        console.log(`${verb} ${result.removed.length} items as of ${asOf}; ${result.blobsDeleted} files ${result.dryRun ? 'would be deleted' : 'deleted'} (content shared with an item still under retention is kept).`);
        if (!result.dryRun) {
          const swept = await store.sweepStaleStaging();
          if (swept) console.log(`Cleaned ${swept} staging files left by interrupted uploads.`);
        }
        for (const f of result.failures) console.error(`FAILED to delete ${f.sha256}: ${f.error}`);
        if (result.failures.length) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
