/**
 * Complaint time-limit clocks (投诉处理时限): pure functions over plain data for the complaint routes.
 * See ../README.md.
 */
export type * from './complaint-clock.types.ts';
export { COMPLAINT_PROFILES, PAUSE_REASONS } from './complaint-clock.types.ts';
export {
  applyComplaintEvent,
  computeComplaintClock,
  readComplaintClock,
  startComplaintClock,
  type ApplyResult,
  type ComplaintClockState,
} from './complaint-clock.ts';
export { PROFILE_NUMBERS, SOURCES as COMPLAINT_CLOCK_SOURCES } from './profiles.ts';
export { isUkBusinessDay, nthUkBusinessDayAfter, ukBankHolidayDataCovers, ukBankHolidayName, UK_BANK_HOLIDAY_SOURCE } from './uk-business-days.ts';
