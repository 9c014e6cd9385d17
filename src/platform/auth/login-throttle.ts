/**
 * Login throttling, as pure decisions plus one small in-memory window.
 * Per account: after MAX_FAILURES consecutive failures the account is locked for LOCK_MINUTES
 * (a locked account cannot be guessed into even with the right password).
 * Per client address: at most IP_ATTEMPTS attempts per IP_WINDOW_MS, against password spraying.
 */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const IP_ATTEMPTS = 30;
export const IP_WINDOW_MS = 10 * 60 * 1000;

export type AccountLockState = { failedLoginAttempts: number; lockedUntil: Date | null };

export const isLocked = (state: AccountLockState, now: Date) => state.lockedUntil !== null && state.lockedUntil > now;

export function afterFailedLogin(state: AccountLockState, now: Date): AccountLockState {
  const failures = state.failedLoginAttempts + 1;
  if (failures >= MAX_FAILURES) return { failedLoginAttempts: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
  return { failedLoginAttempts: failures, lockedUntil: null };
}

export class AddressRateLimiter {
  private attempts = new Map<string, number[]>();
  constructor(private readonly limit = IP_ATTEMPTS, private readonly windowMs = IP_WINDOW_MS) {}

  /** Records an attempt; false when the address is over its limit. */
  allow(address: string, now: number): boolean {
    const recent = (this.attempts.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(address, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return true;
  }

  private prune(now: number) {
    for (const [k, v] of this.attempts) if (v.every((t) => now - t >= this.windowMs)) this.attempts.delete(k);
  }
}
