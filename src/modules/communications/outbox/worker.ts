import type { AppDeps } from '../../../platform/app-deps.ts';
import type { AdapterSet } from '../adapters/default-adapters.ts';
import { dispatchOutbox, type DispatchOptions, type DispatchResult } from './dispatch-outbox.ts';

export const POLL_INTERVAL_MS = 1000;

/**
 * Polls the outbox every second until `signal` aborts; a full batch is followed at once by the
 * next one (catching up after downtime), an empty or partial one by the poll interval. Errors are
 * logged and the loop goes on: a database hiccup must not stop reminders for good. Several
 * workers (server processes, `loandesk outbox work`) may run against one PostgreSQL database.
 */
export async function runOutboxWorker(
  deps: Pick<AppDeps, 'database' | 'log' | 'now'>,
  options: { signal: AbortSignal; adapters: AdapterSet; batchSize?: number; pollMs?: number; onPass?: (r: DispatchResult) => void } & Omit<DispatchOptions, 'now' | 'adapters'>,
): Promise<void> {
  const batchSize = options.batchSize ?? 20;
  while (!options.signal.aborted) {
    let full = false;
    try {
      const result = await dispatchOutbox(deps, { ...options, batchSize });
      options.onPass?.(result);
      if (result.sent || result.failed || result.blocked) deps.log.info('outbox pass', result);
      full = result.claimed >= batchSize;
    } catch (err) {
      deps.log.error('outbox worker pass failed', { error: err instanceof Error ? err.message : String(err) });
    }
    if (!full) await sleep(options.pollMs ?? POLL_INTERVAL_MS, options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
