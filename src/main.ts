import { serve } from '@hono/node-server';
import { openApp } from './bootstrap.ts';
import { createApp } from './server/create-app.ts';
import { ConfigError } from './platform/config/config.ts';
import { seedDemoIfEmpty } from './modules/demo/index.ts';
import { startCommunications } from './modules/communications/index.ts';

async function main() {
  const deps = await openApp();
  const where = deps.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL (PGlite) in ${deps.config.dataDir}`;
  deps.log.info(`database: ${where}`);
  if (deps.config.seedDemo) await seedDemoIfEmpty(deps);
  // Default templates, the outbox worker and (when configured) the inbound mail receiver.
  const communications = await startCommunications(deps);
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: deps.config.port, hostname: deps.config.host }, (info) => {
    console.log(`\nLoanDesk 贷后工作台 is running: http://localhost:${info.port}/  (API docs: http://localhost:${info.port}/api/docs)\n`);
  });
  const shutdown = async () => {
    server.close();
    await communications.stop();
    await deps.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('LoanDesk failed to start:', err);
  process.exit(1);
});
