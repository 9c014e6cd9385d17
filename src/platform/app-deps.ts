import type { AppConfig } from '../platform/config/config.ts';
import type { Database } from '../platform/db/client.ts';
import type { PersonalDataCipher } from '../platform/crypto/personal-data-cipher.ts';
import type { Logger } from '../platform/logging/logger.ts';

/** What every route and job receives; tests build one with a fixed clock and an in-memory database. */
export type AppDeps = {
  config: AppConfig;
  database: Database;
  cipher: PersonalDataCipher;
  log: Logger;
  /** Injectable clock, so rules that depend on "today" are testable. */
  now: () => Date;
};
