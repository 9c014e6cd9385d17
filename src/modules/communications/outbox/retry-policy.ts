/**
 * Transient failures are retried with exponential backoff: 1, 2, 4, 8, 16 minutes after attempts
 * 1–5; the 6th failed attempt marks the message failed (≈ 31 minutes of trying in all). A reminder
 * that cannot be delivered within half an hour needs a person to look at it, not more retries.
 */
export const MAX_SEND_ATTEMPTS = 6;
export const BASE_RETRY_MS = 60_000;

/** Delay before the next attempt after `attempts` failed ones (attempts ≥ 1). */
export const retryDelayMs = (attempts: number, baseMs = BASE_RETRY_MS) => baseMs * 2 ** Math.max(0, attempts - 1);
