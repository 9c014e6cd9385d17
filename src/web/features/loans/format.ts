/** 435 bps → '4.35%'. Integer arithmetic, so no 4.3500000001. */
export function formatRateBps(bps: number): string {
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(bps);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}
