import { describe, it, expect } from 'vitest';
import { AddressRateLimiter, afterFailedLogin, isLocked, LOCK_MINUTES, MAX_FAILURES } from './login-throttle.ts';

const now = new Date('2026-11-26T02:00:00Z');

describe('account lockout', () => {
  it(`locks for ${LOCK_MINUTES} minutes on the ${MAX_FAILURES}th consecutive failure, not before`, () => {
    let state = { failedLoginAttempts: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < MAX_FAILURES; i++) {
      state = afterFailedLogin(state, now);
      expect(isLocked(state, now)).toBe(false);
    }
    state = afterFailedLogin(state, now);
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, new Date(now.getTime() + LOCK_MINUTES * 60_000 - 1))).toBe(true);
    expect(isLocked(state, new Date(now.getTime() + LOCK_MINUTES * 60_000))).toBe(false);
  });
});

describe('per-address rate limit', () => {
  it('refuses the attempt over the limit inside the window and allows again after it', () => {
    const limiter = new AddressRateLimiter(3, 1000);
    expect([limiter.allow('a', 0), limiter.allow('a', 10), limiter.allow('a', 20), limiter.allow('a', 30)]).toEqual([true, true, true, false]);
    expect(limiter.allow('b', 30)).toBe(true);
    expect(limiter.allow('a', 1011)).toBe(true);
  });
});
