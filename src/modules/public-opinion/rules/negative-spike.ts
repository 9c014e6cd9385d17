export type SpikeOptions = {
  /** Hours in the window under test (the last `window` entries). */
  window: number;
  /** Alert when the window's count exceeds factor × the baseline. */
  factor: number;
  /** …and has at least this many negative mentions (three posts are not a crisis). */
  minCount: number;
};

export type SpikeVerdict = {
  alert: boolean;
  /** Negative mentions in the last window. */
  current: number;
  /** Mean negative mentions per window-length over the trailing hours (0 when there is no history). */
  baseline: number;
};

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = { window: 1, factor: 3, minCount: 5 };
/** Hours of history before the window that form the baseline. */
export const BASELINE_HOURS = 24;

/**
 * Negative-mention spike: `countsPerHour` is oldest first; the last `window` hours are compared with
 * the mean per window over everything before them. With no history the baseline is 0 and only
 * `minCount` decides.
 */
export function detectNegativeSpike(countsPerHour: readonly number[], options: SpikeOptions = DEFAULT_SPIKE_OPTIONS): SpikeVerdict {
  const { window, factor, minCount } = options;
  if (!Number.isInteger(window) || window < 1) throw new RangeError('window must be a positive whole number of hours');
  const recent = countsPerHour.slice(Math.max(0, countsPerHour.length - window));
  const history = countsPerHour.slice(0, Math.max(0, countsPerHour.length - window));
  const current = recent.reduce((a, b) => a + b, 0);
  const baseline = history.length === 0 ? 0 : Math.round(((history.reduce((a, b) => a + b, 0) / history.length) * window) * 1000) / 1000;
  return { alert: current >= minCount && current > factor * baseline, current, baseline };
}
