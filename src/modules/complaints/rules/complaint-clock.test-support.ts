/** Helpers for complaint-clock tests: local wall-clock instants and a compact runner. */
import { instantOfLocal } from '../../compliance/local-time.ts';
import { computeComplaintClock } from './complaint-clock.ts';
import type { ComplaintClock, ComplaintClockOptions, ComplaintEvent, ComplaintProfile } from './complaint-clock.types.ts';

export const SHANGHAI = 'Asia/Shanghai';
export const LONDON = 'Europe/London';
export const NEW_YORK = 'America/New_York';

/** The instant of a local reading 'YYYY-MM-DD HH:MM' in a zone. */
export function at(local: string, zone = SHANGHAI): Date {
  const [date, time] = local.split(' ');
  return instantOfLocal(zone, date, time ?? '00:00');
}

/** 24:00 of a local date, i.e. 00:00 of the next day: how the clock expresses "due by the end of <date>". */
export function endOf(date: string, zone = SHANGHAI): Date {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return instantOfLocal(zone, d.toISOString().slice(0, 10), '00:00');
}

export function clock(
  profile: ComplaintProfile,
  receivedAt: Date,
  events: ComplaintEvent[],
  now: Date,
  options?: ComplaintClockOptions,
  timeZone = profile === 'uk-fca' ? LONDON : profile === 'us-cfpb' ? NEW_YORK : SHANGHAI,
): ComplaintClock {
  return computeComplaintClock({ profile, receivedAt, timeZone, events, now, options });
}
