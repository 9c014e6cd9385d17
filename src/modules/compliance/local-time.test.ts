import { describe, expect, it } from 'vitest';
import {
  instantOfLocal,
  isValidTimeZone,
  localClock,
  localDate,
  nextInstantInDailyWindow,
  nextInstantOutsideDailyWindow,
  parseClockTime,
  startOfLocalDay,
  startOfNextLocalDay,
  zoneOffsetMinutes,
} from './local-time.ts';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const utc = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

describe('localClock', () => {
  it.each([
    ['2026-06-01T00:00:00Z', 'Asia/Shanghai', '2026-06-01', '08:00', 480],
    ['2026-06-01T15:59:59Z', 'Asia/Shanghai', '2026-06-01', '23:59', 480],
    ['2026-06-01T16:00:00Z', 'Asia/Shanghai', '2026-06-02', '00:00', 480],
    ['2026-03-08T06:59:59Z', NY, '2026-03-08', '01:59', -300], // last second of EST
    ['2026-03-08T07:00:00Z', NY, '2026-03-08', '03:00', -240], // first second of EDT
    ['2026-11-01T05:30:00Z', NY, '2026-11-01', '01:30', -240], // first 01:30 (EDT)
    ['2026-11-01T06:30:00Z', NY, '2026-11-01', '01:30', -300], // second 01:30 (EST)
    ['2026-03-08T10:00:00Z', LA, '2026-03-08', '03:00', -420],
    ['2026-06-01T12:00:00Z', 'Asia/Kathmandu', '2026-06-01', '17:45', 345],
  ])('%s in %s → %s %s (UTC%+d min)', (instant, zone, date, time, offset) => {
    const c = localClock(new Date(instant), zone);
    expect(c.date).toBe(date);
    expect(c.time).toBe(time);
    expect(c.offsetMinutes).toBe(offset);
    expect(zoneOffsetMinutes(zone, new Date(instant))).toBe(offset);
    expect(localDate(new Date(instant), zone)).toBe(date);
  });

  it('weekday and fields', () => {
    const c = localClock(utc('2026-10-10T02:00:00Z'), 'Asia/Shanghai');
    expect(c).toMatchObject({ year: 2026, month: 10, day: 10, hour: 10, minute: 0, weekday: 6 });
  });
});

describe('instantOfLocal across the US DST gap and overlap', () => {
  it.each([
    ['2026-03-08', '01:59', 'compatible', '2026-03-08T06:59:00.000Z'],
    ['2026-03-08', '02:30', 'compatible', '2026-03-08T07:30:00.000Z'], // gap: forward by the gap (03:30 EDT)
    ['2026-03-08', '02:30', 'later', '2026-03-08T07:30:00.000Z'],
    ['2026-03-08', '02:30', 'earlier', '2026-03-08T06:30:00.000Z'], // 01:30 EST
    ['2026-03-08', '03:00', 'compatible', '2026-03-08T07:00:00.000Z'],
    ['2026-03-08', '08:00', 'compatible', '2026-03-08T12:00:00.000Z'],
    ['2026-11-01', '01:30', 'compatible', '2026-11-01T05:30:00.000Z'], // overlap: first occurrence
    ['2026-11-01', '01:30', 'earlier', '2026-11-01T05:30:00.000Z'],
    ['2026-11-01', '01:30', 'later', '2026-11-01T06:30:00.000Z'],
    ['2026-11-01', '08:00', 'compatible', '2026-11-01T13:00:00.000Z'],
  ] as const)('%s %s (%s) in New York → %s', (date, time, disambiguation, expected) => {
    expect(instantOfLocal(NY, date, time, { disambiguation }).toISOString()).toBe(expected);
  });

  it("'reject' throws in a gap and in an overlap", () => {
    expect(() => instantOfLocal(NY, '2026-03-08', '02:30', { disambiguation: 'reject' })).toThrow(/does not exist/);
    expect(() => instantOfLocal(NY, '2026-11-01', '01:30', { disambiguation: 'reject' })).toThrow(/ambiguous/);
    expect(instantOfLocal(NY, '2026-11-01', '03:00', { disambiguation: 'reject' }).toISOString()).toBe('2026-11-01T08:00:00.000Z');
  });

  it('rejects bad input', () => {
    expect(() => instantOfLocal(NY, '2026-02-30', '08:00')).toThrow(RangeError);
    expect(() => instantOfLocal(NY, '2026-02-01', '8:00')).toThrow(RangeError);
    expect(() => instantOfLocal('Nowhere/Special', '2026-02-01', '08:00')).toThrow(/Unknown IANA time zone/);
  });
});

describe('local days', () => {
  it.each([
    [NY, '2026-03-08T15:00:00Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'], // 23-hour day
    [NY, '2026-11-01T15:00:00Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'], // 25-hour day
    ['Asia/Shanghai', '2026-06-01T15:59:59Z', '2026-05-31T16:00:00.000Z', '2026-06-01T16:00:00.000Z'],
    // Chile's clocks skip midnight: the day starts at 01:00
    ['America/Santiago', '2026-09-06T12:00:00Z', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
  ])('%s at %s: day starts %s, next day %s', (zone, instant, start, next) => {
    expect(iso(startOfLocalDay(zone, utc(instant)))).toBe(start);
    expect(iso(startOfNextLocalDay(zone, utc(instant)))).toBe(next);
  });
});

describe('nextInstantInDailyWindow', () => {
  const w = (a: string, b: string) => [parseClockTime(a), parseClockTime(b)] as const;
  it.each([
    ['inside', NY, '2026-06-01T13:00:00Z', w('08:00', '21:00'), '2026-06-01T13:00:00.000Z'],
    ['before opening', NY, '2026-06-01T11:00:00Z', w('08:00', '21:00'), '2026-06-01T12:00:00.000Z'],
    ['after closing', NY, '2026-06-02T01:00:00Z', w('08:00', '21:00'), '2026-06-02T12:00:00.000Z'],
    ['over the spring-forward night', NY, '2026-03-08T02:00:00Z', w('08:00', '21:00'), '2026-03-08T12:00:00.000Z'],
    ['over the fall-back night', NY, '2026-11-01T02:00:00Z', w('08:00', '21:00'), '2026-11-01T13:00:00.000Z'],
    ['window opening inside the gap opens when the gap ends', NY, '2026-03-08T06:00:00Z', w('02:30', '05:00'), '2026-03-08T07:00:00.000Z'],
    ['fall-back returns the reading into the window', NY, '2026-11-01T05:40:00Z', w('00:00', '01:30'), '2026-11-01T06:00:00.000Z'],
    ['wrapping window', 'Asia/Shanghai', '2026-06-01T04:00:00Z', w('22:00', '02:00'), '2026-06-01T14:00:00.000Z'],
    ['whole day', 'Asia/Shanghai', '2026-06-01T04:00:00Z', w('00:00', '00:00'), '2026-06-01T04:00:00.000Z'],
  ])('%s', (_label, zone, from, [s, e], expected) => {
    expect(iso(nextInstantInDailyWindow(zone, utc(from), s, e))).toBe(expected);
  });

  it('outside a window (the end of quiet hours)', () => {
    expect(iso(nextInstantOutsideDailyWindow('Asia/Shanghai', utc('2026-06-01T13:00:00Z'), parseClockTime('20:00'), parseClockTime('09:00')))).toBe(
      '2026-06-02T01:00:00.000Z',
    );
  });
});

describe('parseClockTime and zones', () => {
  it.each([
    ['00:00', 0],
    ['08:00', 28_800],
    ['23:59', 86_340],
    ['24:00', 86_400],
  ])('%s → %i s', (t, s) => expect(parseClockTime(t)).toBe(s));
  it.each(['24:01', '8:00', '12:60', '', 'noon'])('%s is rejected', (t) => expect(() => parseClockTime(t)).toThrow(RangeError));
  it('knows IANA zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('America/Los_Angeles')).toBe(true);
    expect(isValidTimeZone('Asia/Beijing')).toBe(false);
  });
});

describe('localClock agrees with the platform calendar on every day', () => {
  it('1900–2100, Asia/Shanghai noon', async () => {
    const { fromEpochDay } = await import('../../platform/time/calendar-date.ts');
    for (let day = -25567; day < 47482; day += 7) {
      const c = localClock(day * 86_400_000 + 4 * 3_600_000, 'Asia/Shanghai');
      expect(c.date).toBe(fromEpochDay(day));
      expect(c.epochDay).toBe(day);
    }
  });
});
