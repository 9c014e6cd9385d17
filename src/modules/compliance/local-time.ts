/**
 * Local wall-clock time in an IANA zone, from Intl only (no tz database of our own), DST-safe.
 *
 * Offsets are cached per zone per UTC day. A day that contains a transition stores the transition
 * instant (found once by bisection), so after warm-up an offset lookup is one Map.get and the engine
 * never builds an Intl.DateTimeFormat per call (one formatter per zone, built on first use).
 * Assumes at most one offset transition per zone per UTC day, true of every zone in use since 1900.
 *
 * Terms: an *instant* is epoch milliseconds (UTC); a *wall* value is the local reading expressed as
 * epoch milliseconds as if the local reading were UTC (wall = instant + offset). A daily window is a
 * pair of second-of-day values [start, end): start < end is a same-day window, start > end wraps
 * midnight (22:00–08:00), start === end is the whole day.
 */
import { fromEpochDay, isValidCalendarDate, toEpochDay } from '../../platform/time/calendar-date.ts';
import { civilFromEpochDay } from '../../platform/time/calendar-date.ts';
import type { ClockTime } from './compliance.types.ts';

export const DAY_MS = 86_400_000;
export const DAY_S = 86_400;

type Bucket = number | { at: number; before: number; after: number };
type ZoneState = { fmt: Intl.DateTimeFormat; buckets: Map<number, Bucket> };

const zoneStates = new Map<string, ZoneState | null>();
const MAX_BUCKETS_PER_ZONE = 50_000;

function zoneState(zone: string): ZoneState {
  let state = zoneStates.get(zone);
  if (state === undefined) {
    try {
      const fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      state = { fmt, buckets: new Map() };
    } catch {
      state = null;
    }
    zoneStates.set(zone, state);
  }
  if (state === null) throw new RangeError(`Unknown IANA time zone: ${zone}`);
  return state;
}

/** Whether Intl knows the zone (e.g. 'Asia/Shanghai'); results are cached. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    zoneState(zone);
    return true;
  } catch {
    return false;
  }
}

/** Offset (ms) from the formatter, for the instant floored to the second. */
function rawOffset(fmt: Intl.DateTimeFormat, ms: number): number {
  const s = Math.floor(ms / 1000) * 1000;
  let y = 1970, mo = 1, d = 1, h = 0, mi = 0, se = 0;
  for (const part of fmt.formatToParts(s)) {
    switch (part.type) {
      case 'year': y = Number(part.value); break;
      case 'month': mo = Number(part.value); break;
      case 'day': d = Number(part.value); break;
      case 'hour': h = Number(part.value); break;
      case 'minute': mi = Number(part.value); break;
      case 'second': se = Number(part.value); break;
    }
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi, se);
  return wall - s;
}

function fillBucket(state: ZoneState, bucket: number): Bucket {
  if (state.buckets.size >= MAX_BUCKETS_PER_ZONE) state.buckets.clear();
  const start = bucket * DAY_MS;
  const last = start + DAY_MS - 1000;
  const a = rawOffset(state.fmt, start);
  const z = rawOffset(state.fmt, last);
  let entry: Bucket;
  if (a === z) {
    entry = a;
  } else {
    // Transitions happen on whole seconds: bisect to the first second carrying the new offset.
    let lo = start;
    let hi = last;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2000) * 1000;
      if (rawOffset(state.fmt, mid) === a) lo = mid;
      else hi = mid;
    }
    entry = { at: hi, before: a, after: z };
  }
  state.buckets.set(bucket, entry);
  return entry;
}

function bucketOf(state: ZoneState, bucket: number): Bucket {
  const entry = state.buckets.get(bucket);
  return entry === undefined ? fillBucket(state, bucket) : entry;
}

/** UTC offset of the zone at the instant, in milliseconds (east positive). */
export function zoneOffsetMs(zone: string, instantMs: number): number {
  const entry = bucketOf(zoneState(zone), Math.floor(instantMs / DAY_MS));
  return typeof entry === 'number' ? entry : instantMs < entry.at ? entry.before : entry.after;
}

/** UTC offset of the zone at the instant, in minutes (Asia/Shanghai: 480, New York in winter: -300). */
export function zoneOffsetMinutes(zone: string, instant: Date | number): number {
  return zoneOffsetMs(zone, toMs(instant)) / 60_000;
}

/** The local reading as a wall value (instant + offset). */
export function wallMs(zone: string, instantMs: number): number {
  return instantMs + zoneOffsetMs(zone, instantMs);
}

/** Local epoch day (days since 1970-01-01 of the local calendar date). */
export function localEpochDay(zone: string, instantMs: number): number {
  return Math.floor(wallMs(zone, instantMs) / DAY_MS);
}

/** Local second of the day, 0–86399. */
export function localSecondOfDay(zone: string, instantMs: number): number {
  const w = wallMs(zone, instantMs);
  return Math.floor((w - Math.floor(w / DAY_MS) * DAY_MS) / 1000);
}

export type LocalClock = {
  /** 'YYYY-MM-DD', the local calendar date. */
  date: string;
  epochDay: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  secondOfDay: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  offsetMinutes: number;
  /** 'HH:MM'. */
  time: string;
};

const civil = civilFromEpochDay;

/** The local date and time of an instant in a zone. */
export function localClock(instant: Date | number, zone: string): LocalClock {
  const ms = toMs(instant);
  const offset = zoneOffsetMs(zone, ms);
  const w = ms + offset;
  const epochDay = Math.floor(w / DAY_MS);
  const secondOfDay = Math.floor((w - epochDay * DAY_MS) / 1000);
  const { y, m, d } = civil(epochDay);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  return {
    date: `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`,
    epochDay,
    year: y,
    month: m,
    day: d,
    hour,
    minute,
    second: secondOfDay % 60,
    secondOfDay,
    weekday: (((epochDay + 4) % 7) + 7) % 7,
    offsetMinutes: offset / 60_000,
    time: `${pad2(hour)}:${pad2(minute)}`,
  };
}

/** 'HH:MM' local, for messages. */
export function formatLocalTime(instant: Date | number, zone: string): string {
  const sec = localSecondOfDay(zone, toMs(instant));
  return `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor((sec % 3600) / 60))}`;
}

/** 'YYYY-MM-DD HH:MM' local, for messages. */
export function formatLocal(instant: Date | number, zone: string): string {
  const c = localClock(instant, zone);
  return `${c.date} ${c.time}`;
}

/** The local calendar date 'YYYY-MM-DD' of an instant in a zone. */
export function localDate(instant: Date | number, zone: string): string {
  return fromEpochDay(localEpochDay(zone, toMs(instant)));
}

/** Every instant whose local reading equals the wall value: none in a gap, two in an overlap; ascending. */
export function instantsAtWall(zone: string, wall: number): number[] {
  const before = zoneOffsetMs(zone, wall - DAY_MS);
  const after = zoneOffsetMs(zone, wall + DAY_MS);
  const a = wall - before;
  const aValid = zoneOffsetMs(zone, a) === before;
  if (after === before) return aValid ? [a] : [];
  const b = wall - after;
  const bValid = zoneOffsetMs(zone, b) === after;
  if (aValid && bValid) return a < b ? [a, b] : [b, a];
  return aValid ? [a] : bValid ? [b] : [];
}

/** The transition instant T with lo < T <= hi, if the zone changes offset there. */
export function transitionBetween(zone: string, lo: number, hi: number): number | null {
  if (!(hi > lo)) return null;
  const state = zoneState(zone);
  const first = Math.floor(lo / DAY_MS);
  const last = Math.floor(hi / DAY_MS);
  for (let b = first; b <= last; b++) {
    const entry = bucketOf(state, b);
    if (typeof entry !== 'number' && entry.at > lo && entry.at <= hi) return entry.at;
  }
  return null;
}

/**
 * The first instant >= notBefore whose local reading is the wall value; when the wall value falls in a
 * gap (spring forward), the instant the gap ends, i.e. the first instant reading later than it.
 */
export function firstInstantAtOrAfterWall(zone: string, wall: number, notBefore: number): number | null {
  const instants = instantsAtWall(zone, wall);
  for (const i of instants) if (i >= notBefore) return i;
  if (instants.length === 0) {
    const before = zoneOffsetMs(zone, wall - DAY_MS);
    const after = zoneOffsetMs(zone, wall + DAY_MS);
    const lo = Math.min(wall - before, wall - after);
    const hi = Math.max(wall - before, wall - after);
    const t = transitionBetween(zone, lo, hi);
    if (t !== null && t >= notBefore) return t;
  }
  return null;
}

export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

/**
 * The instant of a local date and wall-clock time in a zone (Temporal's semantics). In an overlap
 * (fall back, 01:30 happens twice) 'compatible' and 'earlier' give the first, 'later' the second.
 * In a gap (spring forward, 02:30 does not exist) 'compatible' and 'later' move forward by the gap
 * (02:30 → 03:30 new time), 'earlier' moves back (→ 01:30 old time); 'reject' throws in both cases.
 */
export function instantOfLocal(
  zone: string,
  date: string,
  time: ClockTime | number,
  options: { disambiguation?: Disambiguation } = {},
): Date {
  if (!isValidCalendarDate(date)) throw new RangeError(`Invalid local date: ${date}`);
  const seconds = typeof time === 'number' ? time : parseClockTime(time);
  const wall = toEpochDay(date) * DAY_MS + seconds * 1000;
  const mode = options.disambiguation ?? 'compatible';
  const instants = instantsAtWall(zone, wall);
  if (instants.length === 1) return new Date(instants[0]);
  if (instants.length === 2) {
    if (mode === 'reject') throw new RangeError(`${date} ${String(time)} is ambiguous in ${zone}`);
    return new Date(mode === 'later' ? instants[1] : instants[0]);
  }
  if (mode === 'reject') throw new RangeError(`${date} ${String(time)} does not exist in ${zone}`);
  const before = zoneOffsetMs(zone, wall - DAY_MS);
  const after = zoneOffsetMs(zone, wall + DAY_MS);
  return new Date(mode === 'earlier' ? wall - after : wall - before);
}

/** The first instant of the local day containing the instant. */
export function startOfLocalDay(zone: string, instantMs: number): number {
  const wall = localEpochDay(zone, instantMs) * DAY_MS;
  return firstInstantAtOrAfterWall(zone, wall, -Infinity) ?? instantMs;
}

/** The first instant of the next local day (where the local date changes). */
export function startOfNextLocalDay(zone: string, instantMs: number): number {
  const wall = (localEpochDay(zone, instantMs) + 1) * DAY_MS;
  return firstInstantAtOrAfterWall(zone, wall, instantMs) ?? instantMs + DAY_MS;
}

/** The first instant of a local date. */
export function startOfLocalDate(zone: string, epochDay: number, notBefore = -Infinity): number {
  const wall = epochDay * DAY_MS;
  return firstInstantAtOrAfterWall(zone, wall, notBefore) ?? wall - zoneOffsetMs(zone, wall);
}

/** Whether a second of the day lies in the daily window [start, end) (see the header). */
export function inDailyWindow(secondOfDay: number, start: number, end: number): boolean {
  if (start === end) return true;
  return start < end ? secondOfDay >= start && secondOfDay < end : secondOfDay >= start || secondOfDay < end;
}

/**
 * The earliest instant >= from whose local reading lies in the daily window [start, end) (seconds of
 * the day). Steps to the next window opening, and to any transition on the way (a fall-back can move
 * the reading back into the window), so it is exact across DST gaps and overlaps.
 */
export function nextInstantInDailyWindow(zone: string, from: number, start: number, end: number): number {
  if (start === end) return from;
  let cur = from;
  for (let i = 0; i < 16; i++) {
    const w = wallMs(zone, cur);
    const day = Math.floor(w / DAY_MS);
    const sec = Math.floor((w - day * DAY_MS) / 1000);
    if (inDailyWindow(sec, start, end)) return cur;
    // Outside [start, end) the reading reaches `start` next, today if it is still ahead, else tomorrow.
    const targetWall = (sec < start ? day : day + 1) * DAY_MS + start * 1000;
    const naive = cur + (targetWall - w);
    let next = firstInstantAtOrAfterWall(zone, targetWall, cur) ?? naive;
    if (next <= cur) next = Math.max(naive, cur + 1000);
    const t = transitionBetween(zone, cur, next - 1);
    cur = t !== null ? t : next;
  }
  return cur;
}

/** The earliest instant >= from whose local reading is outside [start, end) (e.g. quiet hours). */
export function nextInstantOutsideDailyWindow(zone: string, from: number, start: number, end: number): number {
  if (start === end) return from; // an empty interval (quiet hours 00:00–00:00 mean none)
  return nextInstantInDailyWindow(zone, from, end, start);
}

const clockCache = new Map<string, number>();
const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** 'HH:MM' (24-hour, '24:00' allowed as an end) → seconds of the day. Throws on anything else. */
export function parseClockTime(time: ClockTime): number {
  const cached = clockCache.get(time);
  if (cached !== undefined) return cached;
  const m = typeof time === 'string' ? CLOCK.exec(time) : null;
  if (!m) throw new RangeError(`Invalid clock time (expected HH:MM): ${String(time)}`);
  const seconds = m[1] === undefined ? DAY_S : Number(m[1]) * 3600 + Number(m[2]) * 60;
  clockCache.set(time, seconds);
  return seconds;
}

function toMs(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant');
  return ms;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
