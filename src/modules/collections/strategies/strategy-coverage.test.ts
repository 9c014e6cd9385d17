import { describe, expect, it } from 'vitest';
import { dpdCoverageGaps } from './strategy-coverage.ts';
import { segment, strategyOf } from './strategy.test-support.ts';

describe('dpdCoverageGaps', () => {
  it.each<[string, Parameters<typeof strategyOf>[0], ReturnType<typeof dpdCoverageGaps>]>([
    ['full coverage', [segment('a', { dpd: { min: 1, max: 30 } }), segment('b', { dpd: { min: 31, max: null } })], []],
    ['a segment without conditions covers everything', [segment('a')], []],
    ['a gap in the middle and no upper end', [segment('a', { dpd: { min: 1, max: 30 } }), segment('b', { dpd: { min: 61, max: 90 } })], [{ min: 31, max: 60 }, { min: 91, max: null }]],
    ['nothing before 31', [segment('b', { dpd: { min: 31, max: null } })], [{ min: 1, max: 30 }]],
    ['conditional segments do not count', [segment('h', { flags: ['hardship'] }), segment('b', { dpd: { min: 31, max: null } })], [{ min: 1, max: 30 }]],
    ['overlapping catch-alls', [segment('a', { dpd: { min: 1, max: 40 } }), segment('b', { dpd: { min: 30, max: 60 } }, { overlapIntended: true })], [{ min: 61, max: null }]],
  ])('%s', (_, segments, gaps) => {
    expect(dpdCoverageGaps(strategyOf(segments))).toEqual(gaps);
  });
});
