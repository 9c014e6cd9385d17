import { Command } from 'commander';
import { openApp } from '../bootstrap.ts';
import { ConfigError } from '../platform/config/config.ts';
import { registerImportCommand } from './import.command.ts';
import { registerSeedCommand } from './seed.command.ts';
import { registerDelinquencyCommand } from './delinquency.command.ts';
import { registerAuditCommand } from './audit.command.ts';
import { registerEvidenceCommand } from './evidence.command.ts';
import { registerOutboxCommand } from './outbox.command.ts';
import { registerRunDailyCommand } from './run-daily.command.ts';
import { registerJobsCommand } from './jobs.command.ts';

/**
 * `loandesk <command>`: one file per command. Options map to the same environment variables the
 * server reads (DATABASE_URL, DATA_DIR, DATA_ENCRYPTION_KEY…), so a command acts on the same data.
 */
const program = new Command()
  .name('loandesk')
  .description('LoanDesk 贷后工作台 command line. Database: DATABASE_URL (PostgreSQL) or embedded PGlite under DATA_DIR (default ./data).')
  .showHelpAfterError();

const open = () => openApp();
registerImportCommand(program, open);
registerSeedCommand(program, open);
registerDelinquencyCommand(program, open);
registerAuditCommand(program, open);
registerEvidenceCommand(program, open);
registerOutboxCommand(program, open);
registerRunDailyCommand(program, open);
registerJobsCommand(program, open);

program.parseAsync(process.argv).catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
