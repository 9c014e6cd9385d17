/**
 * A dispatcher in its own process, for the crash test (outbox-crash.test.ts). Environment:
 *   DATABASE_URL   the scratch PostgreSQL database
 *   SMTP_PORT      the test's SMTP capture server on 127.0.0.1
 *   NOW            the dispatcher's clock (ISO instant), so the test controls lease expiry
 *   LEASE_MS       lease length
 *   MODE           'hang': claim, write the claimed ids to SIGNAL_FILE, then wait forever (to be
 *                  killed with SIGKILL between claim and send); 'run': one full pass, print the result.
 */
import fs from 'node:fs';
import { openDatabase } from '../../../platform/db/client.ts';
import { createLogger } from '../../../platform/logging/logger.ts';
import { smtpEmailAdapter } from '../adapters/smtp-email.adapter.ts';
import { dispatchOutbox } from './dispatch-outbox.ts';

const env = process.env;
const now = new Date(env.NOW!);
const database = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL!, maxConnections: 2 });
const mailer = smtpEmailAdapter({ host: '127.0.0.1', port: Number(env.SMTP_PORT), secure: false, from: 'LoanDesk <noreply@bank.example>' });
const result = await dispatchOutbox(
  { database, log: createLogger('error'), now: () => now },
  {
    adapters: { email: mailer },
    now,
    batchSize: 100,
    leaseMs: Number(env.LEASE_MS ?? 60_000),
    owner: `child:${process.pid}`,
    afterClaim:
      env.MODE === 'hang'
        ? async (ids) => {
            fs.writeFileSync(env.SIGNAL_FILE!, JSON.stringify(ids));
            await new Promise(() => {}); // killed here
          }
        : undefined,
  },
);
process.stdout.write(`${JSON.stringify(result)}\n`);
mailer.close();
await database.close();
