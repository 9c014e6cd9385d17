import path from 'node:path';
import { loadConfig, type AppConfig } from './platform/config/config.ts';
import { openDatabase, type Database } from './platform/db/client.ts';
import { createPersonalDataCipher, resolveDataEncryptionKey } from './platform/crypto/personal-data-cipher.ts';
import { createLogger } from './platform/logging/logger.ts';
import type { AppDeps } from './platform/app-deps.ts';
import { configureBilingualZodMessages } from './platform/errors/zod-messages.ts';

/** Opens everything a process needs (server or CLI) from the environment, in one place. */
export async function openApp(overrides: Partial<AppConfig> = {}): Promise<AppDeps & { close: () => Promise<void> }> {
  // Validation messages (API field problems, import reports) in English and Chinese.
  configureBilingualZodMessages();
  const config = { ...loadConfig(), ...overrides };
  const log = createLogger(config.logLevel);
  const database: Database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl, preparedStatements: config.databasePreparedStatements })
    : await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') });
  const key = resolveDataEncryptionKey(config.dataEncryptionKeyHex, config.dataDir, (m) => log.warn(m));
  return {
    config,
    database,
    cipher: createPersonalDataCipher(key),
    log,
    now: () => new Date(),
    close: () => database.close(),
  };
}
