import { z } from 'zod';
import path from 'node:path';
import cronParser from 'cron-parser';

/**
 * The one place that reads process.env. Everything else receives a typed `AppConfig`.
 * A bad variable fails the start with every problem listed, never a half-configured server.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  /** postgres://… runs against a PostgreSQL server; unset means embedded PGlite under DATA_DIR/pglite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Server-side prepared statements on PostgreSQL (platform/db/statement-cache.ts); false behind a pooler in transaction mode (PgBouncer). */
  DATABASE_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('true'),
  /** Default time zone for "today" and for customers without one (Asia/Shanghai). */
  TZ_DEFAULT: z.string().default('Asia/Shanghai'),
  /** Days after a due date before an unpaid instalment counts as past due. */
  GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(0),
  /** 64 hex chars (32 bytes). Unset in development: a per-install key is generated under DATA_DIR with a warning. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  /** Seed the demo portfolio on first start when the database is empty. */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  DEMO_CUSTOMERS: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Largest evidence upload accepted, in MiB. */
  EVIDENCE_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(25),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // Communications hub (src/modules/communications). Without SMTP_HOST / SMS_HTTP_URL, e-mail and
  // SMS go to the file sink under DATA_DIR/outbox-sink (the demo default).
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().default('LoanDesk 贷后工作台 <noreply@loandesk.local>'),
  /** Messages per second the e-mail relay accepts (token bucket; burst = 2 × rate). */
  SMTP_RATE_PER_SECOND: z.coerce.number().positive().default(10),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SMS_RATE_PER_SECOND: z.coerce.number().positive().default(5),
  /** Shared secret the SMS provider sends in x-loandesk-sms-secret on status and inbound callbacks; unset = callbacks refused. */
  SMS_CALLBACK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Port for the inbound e-mail (SMTP) receiver; unset = not started. */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().default('127.0.0.1'),
  /** Run the outbox dispatcher inside the server process (a separate `loandesk outbox work` also works). */
  OUTBOX_WORKER: z.enum(['true', 'false']).default('true'),
  /** The complaints mailbox: inbound e-mail addressed to it opens a complaint; unset = e-mail intake off. */
  COMPLAINTS_EMAIL_ADDRESS: z.string().email().optional(),
  /** Shared secret a monitoring vendor sends in x-loandesk-public-opinion-secret to push mentions; unset = webhook refused. */
  PUBLIC_OPINION_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Run the job workers and schedules (pg-boss) inside the server process; `off` only enqueues. */
  LOANDESK_JOBS: z.enum(['on', 'off', 'true', 'false']).default('on'),
  /** When the daily collections run fires: cron (minute hour day month weekday) in TZ_DEFAULT. */
  /** Where borrowers reach LoanDesk (links in SMS, e.g. the satisfaction survey); default http://HOST:PORT. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Warn the complaint handler this many hours before the 24-hour first-handling limit. */
  COMPLAINT_WARN_FIRST_HANDLING_HOURS: z.coerce.number().int().min(1).max(23).default(4),
  /** Warn the complaint handler this many days before the decision deadline. */
  COMPLAINT_WARN_DECISION_DAYS: z.coerce.number().int().min(1).max(14).default(3),
  DAILY_RUN_CRON: z.string().default('0 2 * * *').refine(isCron, 'must be a 5-field cron expression, e.g. "0 2 * * *"'),
});

function isCron(expression: string): boolean {
  if (expression.trim().split(/\s+/).length !== 5) return false;
  try {
    cronParser.parseExpression(expression);
    return true;
  } catch {
    return false;
  }
}

export type AppConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Name parameterised statements on PostgreSQL (DATABASE_PREPARED_STATEMENTS). */
  databasePreparedStatements: boolean;
  defaultTimeZone: string;
  graceDays: number;
  dataEncryptionKeyHex: string | undefined;
  seedDemo: boolean;
  demoCustomers: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  evidenceMaxUploadBytes: number;
  communications: CommunicationsConfig;
  complaints: {
    emailAddress: string | null;
    /** LoanDesk policy, not a regulatory number: how early the deadline watcher warns. */
    warningLeads: { firstHandlingHours: number; decisionDays: number };
  };
  /** The address borrowers use, without a trailing slash. */
  publicBaseUrl: string;
  publicOpinion: { webhookSecret: string | undefined };
  jobs: JobsConfig;
};

export type JobsConfig = {
  /** Workers and cron schedules run in this process (LOANDESK_JOBS, default on). */
  enabled: boolean;
  /** Cron of the daily collections run, in the default time zone (default 02:00 every day). */
  dailyRunCron: string;
};

export type CommunicationsConfig = {
  smtp: { host: string; port: number; secure: boolean; user: string | undefined; pass: string | undefined; ratePerSecond: number } | null;
  mailFrom: string;
  sms: { url: string; token: string | undefined; ratePerSecond: number } | null;
  smsCallbackSecret: string | undefined;
  inboundSmtp: { port: number; host: string } | null;
  outboxWorker: boolean;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat('en', { timeZone: e.TZ_DEFAULT });
  } catch {
    throw new ConfigError([`TZ_DEFAULT: unknown time zone "${e.TZ_DEFAULT}"`]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS === 'true',
    defaultTimeZone: e.TZ_DEFAULT,
    graceDays: e.GRACE_DAYS,
    dataEncryptionKeyHex: e.DATA_ENCRYPTION_KEY,
    seedDemo: e.SEED_DEMO === 'true',
    demoCustomers: e.DEMO_CUSTOMERS,
    logLevel: e.LOG_LEVEL,
    evidenceMaxUploadBytes: e.EVIDENCE_MAX_UPLOAD_MB * 1024 * 1024,
    communications: {
      smtp: e.SMTP_HOST
        ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE === 'true', user: e.SMTP_USER, pass: e.SMTP_PASS, ratePerSecond: e.SMTP_RATE_PER_SECOND }
        : null,
      mailFrom: e.SMTP_FROM,
      sms: e.SMS_HTTP_URL ? { url: e.SMS_HTTP_URL, token: e.SMS_HTTP_TOKEN, ratePerSecond: e.SMS_RATE_PER_SECOND } : null,
      smsCallbackSecret: e.SMS_CALLBACK_SECRET,
      inboundSmtp: e.INBOUND_SMTP_PORT === undefined ? null : { port: e.INBOUND_SMTP_PORT, host: e.INBOUND_SMTP_HOST },
      outboxWorker: e.OUTBOX_WORKER === 'true',
    },
    complaints: {
      emailAddress: e.COMPLAINTS_EMAIL_ADDRESS?.toLowerCase() ?? null,
      warningLeads: { firstHandlingHours: e.COMPLAINT_WARN_FIRST_HANDLING_HOURS, decisionDays: e.COMPLAINT_WARN_DECISION_DAYS },
    },
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    publicOpinion: { webhookSecret: e.PUBLIC_OPINION_WEBHOOK_SECRET },
    jobs: { enabled: e.LOANDESK_JOBS === 'on' || e.LOANDESK_JOBS === 'true', dailyRunCron: e.DAILY_RUN_CRON.trim() },
  };
}
