/**
 * A token bucket per provider: `perSecond` sustained, up to `burst` at once. Providers (SMS
 * gateways especially) throttle or suspend accounts that exceed their contracted rate, so the
 * dispatcher asks before each hand-over and defers the message when no token is left. Time is
 * passed in, so tests and a driven dispatcher clock behave the same as the wall clock.
 */
export class TokenBucket {
  private tokens: number;
  private last: number | null = null;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
  ) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new RangeError('TokenBucket needs perSecond > 0 and burst >= 1');
    this.tokens = burst;
  }

  private refill(nowMs: number) {
    if (this.last !== null && nowMs > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.last) / 1000) * this.perSecond);
    }
    if (this.last === null || nowMs > this.last) this.last = nowMs;
  }

  /** Takes a token if one is available; otherwise returns how many ms until one will be. */
  take(nowMs: number): { ok: true } | { ok: false; waitMs: number } {
    this.refill(nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil(((1 - this.tokens) / this.perSecond) * 1000) };
  }
}
