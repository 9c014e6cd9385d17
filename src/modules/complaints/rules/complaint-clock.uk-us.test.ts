import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from './complaint-clock.types.ts';
import { at, clock, endOf, LONDON, NEW_YORK } from './complaint-clock.test-support.ts';

const uk = (local: string): Date => at(local, LONDON);
const ny = (local: string): Date => at(local, NEW_YORK);

describe('uk-fca (DISP 1.5 / 1.6)', () => {
  // Thursday 2 April 2026, before the Easter weekend (Good Friday 3 April, Easter Monday 6 April).
  const RECEIVED = uk('2026-04-02 14:00');

  it('summary resolution closes at the end of the 3rd business day after receipt, across the bank holidays', () => {
    const c = clock('uk-fca', RECEIVED, [], uk('2026-04-02 15:00'));
    expect(c.summaryResolutionDue).toEqual(endOf('2026-04-09', LONDON));
    expect(c.firstHandlingDue).toEqual(endOf('2026-04-07', LONDON)); // next business day (policy for "prompt")
    // Eight weeks after receipt: 2 April + 56 days = 28 May, 24:00 BST = 23:00Z.
    expect(c.decisionDue.toISOString()).toBe('2026-05-28T23:00:00.000Z');
    expect(c.decisionPeriodDays).toBe(56);
  });

  it.each<[string, ComplaintEvent[], string, { summary: boolean; statuses: string[]; breaches: string[] }]>([
    [
      'resolved on Thursday 9 April, 17:00: summary path, no acknowledgement needed',
      [{ type: 'decision', at: uk('2026-04-09 17:00') }],
      '2026-04-10 09:00',
      { summary: true, statuses: ['not-required', 'met', 'met'], breaches: [] },
    ],
    [
      'resolved on Friday 10 April: too late for the summary path, and the acknowledgement was missed',
      [{ type: 'decision', at: uk('2026-04-10 09:00') }],
      '2026-04-10 10:00',
      { summary: false, statuses: ['breached', 'missed-path', 'met'], breaches: ['first-handling'] },
    ],
    [
      'acknowledged on Tuesday, final response in week 6',
      [{ type: 'first-handling', at: uk('2026-04-07 10:00') }, { type: 'decision', at: uk('2026-05-12 10:00') }],
      '2026-05-13 10:00',
      { summary: false, statuses: ['met', 'missed-path', 'met'], breaches: [] },
    ],
    [
      'a holding response inside eight weeks meets DISP 1.6.2R',
      [{ type: 'first-handling', at: uk('2026-04-02 16:00') }, { type: 'holding-response', at: uk('2026-05-28 22:00') }],
      '2026-06-10 10:00',
      { summary: false, statuses: ['met', 'missed-path', 'met'], breaches: [] },
    ],
    [
      'no response after eight weeks',
      [{ type: 'first-handling', at: uk('2026-04-02 16:00') }],
      '2026-05-29 00:00',
      { summary: false, statuses: ['met', 'missed-path', 'breached'], breaches: ['decision'] },
    ],
  ])('%s', (_label, events, now, expected) => {
    const c = clock('uk-fca', RECEIVED, events, uk(now));
    expect(c.summaryResolution).toBe(expected.summary);
    expect(c.clocks.map((l) => l.status)).toEqual(expected.statuses);
    expect(c.breaches.map((b) => b.clock)).toEqual(expected.breaches);
    expect(c.refusals).toEqual([]);
  });

  it('a complaint received on Saturday: the business days start on Monday', () => {
    const c = clock('uk-fca', uk('2026-03-07 11:00'), [], uk('2026-03-07 11:00'));
    expect(c.firstHandlingDue).toEqual(endOf('2026-03-09', LONDON));
    expect(c.summaryResolutionDue).toEqual(endOf('2026-03-11', LONDON));
  });

  it('close of business can be set, and a longer acknowledgement target', () => {
    const c = clock('uk-fca', RECEIVED, [], uk('2026-04-02 15:00'), { closeOfBusiness: '17:30', acknowledgeWithinBusinessDays: 3 });
    expect(c.summaryResolutionDue).toEqual(uk('2026-04-09 17:30'));
    expect(c.firstHandlingDue).toEqual(uk('2026-04-09 17:30'));
  });

  it('the eight-week clock is not extended, paused, restarted or reviewed', () => {
    const c = clock(
      'uk-fca',
      RECEIVED,
      [
        { type: 'extension', days: 14, approvedBy: 'ceo', at: uk('2026-04-03 09:00') },
        { type: 'pause-start', reason: 'external-appraisal', at: uk('2026-04-03 10:00') },
        { type: 'new-facts', at: uk('2026-04-03 11:00') },
        { type: 'repeat', at: uk('2026-04-03 12:00') },
        { type: 'decision', at: uk('2026-04-20 12:00') },
        { type: 'review-requested', at: uk('2026-04-21 12:00') },
      ],
      uk('2026-04-22 12:00'),
    );
    expect(c.refusals.map((r) => [r.eventType, r.code])).toEqual([
      ['extension', 'not-applicable-to-profile'],
      ['pause-start', 'not-applicable-to-profile'],
      ['new-facts', 'not-applicable-to-profile'],
      ['review-requested', 'not-applicable-to-profile'],
    ]);
    expect(c.refusals[0].source).toContain('DISP 1.6');
    expect(c.mergedRepeats).toBe(1);
    expect(c.status).toBe('closed');
  });

  it('warns when the received date is outside the shipped bank-holiday data', () => {
    const c = clock('uk-fca', uk('2028-04-12 10:00'), [], uk('2028-04-12 10:00'));
    expect(c.warnings.map((w) => w.code)).toContain('holiday-data-missing');
    expect(clock('uk-fca', RECEIVED, [], uk('2026-04-02 15:00')).warnings.map((w) => w.code)).not.toContain('holiday-data-missing');
  });
});

describe('us-cfpb (company portal: 15 / 60 days)', () => {
  const SENT = ny('2026-03-02 13:00'); // the CFPB portal sent it to the company

  it('company response due by the end of day 15, final response by the end of day 60 (Eastern, across the DST change)', () => {
    const c = clock('us-cfpb', SENT, [], ny('2026-03-02 13:00'));
    expect(c.firstHandlingDue).toEqual(endOf('2026-03-17', NEW_YORK));
    expect(c.firstHandlingDue.toISOString()).toBe('2026-03-18T04:00:00.000Z'); // EDT after 8 March
    expect(c.decisionDue).toEqual(endOf('2026-05-01', NEW_YORK));
    expect(c.decisionPeriodDays).toBe(60);
  });

  it.each<[string, ComplaintEvent[], string, string[]]>([
    ['"in progress" on day 15 and final on day 60', [{ type: 'first-handling', at: ny('2026-03-17 23:00') }, { type: 'decision', at: ny('2026-05-01 16:00') }], '2026-05-02 09:00', []],
    ['closed within 15 days', [{ type: 'decision', at: ny('2026-03-10 16:00') }], '2026-05-02 09:00', []],
    ['response on day 16', [{ type: 'first-handling', at: ny('2026-03-18 09:00') }], '2026-03-20 09:00', ['first-handling']],
    ['no final response by day 60', [{ type: 'first-handling', at: ny('2026-03-05 09:00') }], '2026-05-02 00:00', ['decision']],
  ])('%s', (_label, events, now, breaches) => {
    const c = clock('us-cfpb', SENT, events, ny(now));
    expect(c.breaches.map((b) => b.clock)).toEqual(breaches);
    expect(c.refusals).toEqual([]);
  });

  it('no extensions or pauses; warns 48 hours ahead of the 15-day response', () => {
    const c = clock(
      'us-cfpb',
      SENT,
      [{ type: 'extension', days: 10, approvedBy: 'vp', at: ny('2026-03-05 09:00') }, { type: 'pause-start', reason: 'external-testing', at: ny('2026-03-05 10:00') }],
      ny('2026-03-16 09:00'),
    );
    expect(c.refusals.map((r) => r.code)).toEqual(['not-applicable-to-profile', 'not-applicable-to-profile']);
    expect(c.refusals[0].source).toContain('CFPB');
    expect(c.warnings).toMatchObject([{ code: 'due-soon', clock: 'first-handling', hoursLeft: 39 }]);
  });
});
