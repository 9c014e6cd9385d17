/**
 * Warnings, not errors: DPD ranges where an account matching no special condition (any product,
 * customer type, age, flags, willingness…) would fall through every segment and get no treatment.
 * The console shows them next to the validation result; a strategy may leave gaps on purpose.
 */
import type { Range, Strategy } from './strategy.schema.ts';

export function dpdCoverageGaps(strategy: Strategy): Range[] {
  // Only segments with no condition besides DPD catch every account in their range.
  const catchAll = strategy.segments
    .filter((s) => Object.keys(s.conditions).every((k) => k === 'dpd'))
    .map((s) => s.conditions.dpd ?? { min: 1, max: null })
    .sort((a, b) => a.min - b.min);
  const gaps: Range[] = [];
  let next = 1; // first DPD not yet covered
  for (const r of catchAll) {
    if (r.min > next) gaps.push({ min: next, max: r.min - 1 });
    if (r.max === null) return gaps;
    next = Math.max(next, r.max + 1);
  }
  gaps.push({ min: next, max: null });
  return gaps;
}
