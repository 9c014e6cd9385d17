/**
 * Complaint time-limit clocks (投诉处理时限), pure functions over plain data.
 *
 *   startComplaintClock({ profile, receivedAt, timeZone, options }) → state
 *   applyComplaintEvent(state, event) → { ok: true, state } | { ok: false, state, refusal }
 *   readComplaintClock(state, now) → ComplaintClock
 *   computeComplaintClock({ profile, receivedAt, timeZone, events, now, options }) → ComplaintClock
 *
 * A route validates a new event with applyComplaintEvent on the state folded from the stored events and
 * stores it only when ok; computeComplaintClock folds a stored list (refused events are reported in
 * `refusals` and otherwise ignored) and reads every clock at `now`.
 *
 * How days are counted (every profile): days are natural (calendar) days in `timeZone`. The day of
 * receipt is not counted, and a period of N days ends at 24:00 of local day receipt + N, i.e. at the
 * first instant of the next local day (《民法典》第二百零一条、第二百零三条第二款; the CFPB's and the
 * FCA's "within 15/60 days", "eight weeks" read the same way). Due instants are exclusive: an act at or
 * after `due` is late. Example: received 2026-01-31 23:59 Asia/Shanghai → decision due 2026-02-16 00:00
 * (+08:00), shown as due date 2026-02-15. Hour-based clocks (the 24-hour first handling) run from the
 * instant of receipt (《民法典》第二百零一条第二款). Business-day clocks (FCA) end at the close of the
 * business day (end of the local day unless options.closeOfBusiness).
 *
 * Pauses exclude whole days: a pause covering local dates S…E excludes E − S days (a day on which the
 * clock ran for any part counts as a clock day), so a 10-day appraisal adds 10 days. While a pause is open
 * its days are counted up to `now` and the decision due instant is provisional (status 'paused').
 */
import { fromEpochDay, isValidCalendarDate, toEpochDay, type CalendarDate } from '../../../platform/time/calendar-date.ts';
import { isMainlandPublicHolidayEpochDay, isMainlandWorkingWeekend, mainlandHolidayDataCovers } from '../../compliance/holidays.ts';
import { instantOfLocal, isValidTimeZone, localEpochDay, parseClockTime, startOfLocalDate } from '../../compliance/local-time.ts';
import type {
  ClockLine,
  ComplaintBreach,
  ComplaintClock,
  ComplaintClockInput,
  ComplaintClockOptions,
  ComplaintEvent,
  ComplaintEventType,
  ComplaintProfile,
  ComplaintRefusal,
  ComplaintStatus,
  ComplaintWarning,
  NotificationKind,
  NotificationOwed,
  RefusalCode,
} from './complaint-clock.types.ts';
import { COMPLAINT_PROFILES, PAUSE_REASONS } from './complaint-clock.types.ts';
import { PROFILE_NUMBERS, SOURCES } from './profiles.ts';
import { nthUkBusinessDayAfter, ukBankHolidayDataCovers, weekdayOfEpochDay } from './uk-business-days.ts';

const HOUR_MS = 3_600_000;

type Pause = { start: Date; end: Date | null; reason: string };
type Extension = { days: number; approvedBy: string | null; at: Date; index: number };
type OwedNotice = NotificationOwed & { dischargedAt: Date | null };

/** The fold of a complaint's accepted events. Plain data; treat as immutable. */
export type ComplaintClockState = {
  readonly profile: ComplaintProfile;
  readonly timeZone: string;
  readonly receivedAt: Date;
  readonly options: ComplaintClockOptions;
  readonly clockStartedAt: Date;
  /** Index the next offered event gets (accepted or refused). */
  readonly nextIndex: number;
  readonly lastEventAt: Date;
  readonly firstHandledAt: Date | null;
  readonly extensions: readonly Extension[];
  readonly pauses: readonly Pause[];
  readonly decidedAt: Date | null;
  readonly holdingResponseAt: Date | null;
  readonly reviewRequestedAt: Date | null;
  readonly reviewDecidedAt: Date | null;
  readonly regulatorDeadline: Date | null;
  readonly regulatorReference: string | null;
  readonly mergedRepeats: number;
  readonly notices: readonly OwedNotice[];
  readonly restartShortened: { previousDue: Date; newDue: Date } | null;
};

export type ApplyResult =
  | { ok: true; state: ComplaintClockState }
  | { ok: false; state: ComplaintClockState; refusal: ComplaintRefusal };

// ---------------------------------------------------------------------------------------------------
// Day arithmetic in the complaint's zone

/** 24:00 of a local day = the first instant of the next local day. */
function endOfLocalDay(zone: string, epochDay: number): Date {
  return new Date(startOfLocalDate(zone, epochDay + 1));
}

function dayOf(zone: string, instant: Date): number {
  return localEpochDay(zone, instant.getTime());
}

/** 《民法典》第二百零三条第一款: a last day on a 法定休假日 (public holiday, non-调休 weekend) moves to the next working day. */
function rollOverMainland(day: number): number {
  let d = day;
  for (let i = 0; i < 60; i++) {
    const weekday = weekdayOfEpochDay(d);
    const weekend = (weekday === 0 || weekday === 6) && !isMainlandWorkingWeekend(fromEpochDay(d));
    if (!isMainlandPublicHolidayEpochDay(d) && !weekend) return d;
    d += 1;
  }
  return d;
}

function lastDayOfPeriod(state: ComplaintClockState, startDay: number, days: number): number {
  const last = startDay + days;
  return state.profile === 'cn-banking-2020' && state.options.rollOverHolidays ? rollOverMainland(last) : last;
}

/** Close of a business day (uk-fca): options.closeOfBusiness on that day, else 24:00. */
function closeOfBusiness(state: ComplaintClockState, date: CalendarDate): Date {
  const cob = state.options.closeOfBusiness;
  if (cob === undefined) return endOfLocalDay(state.timeZone, toEpochDay(date));
  return instantOfLocal(state.timeZone, date, parseClockTime(cob));
}

function ukCalendar(state: ComplaintClockState) {
  return { extraNonBusinessDays: state.options.extraNonBusinessDays };
}

function pausedDaysAt(state: ComplaintClockState, asOfMs: number): number {
  let total = 0;
  for (const p of state.pauses) {
    const end = p.end ? p.end.getTime() : asOfMs;
    total += Math.max(0, localEpochDay(state.timeZone, end) - dayOf(state.timeZone, p.start));
  }
  return total;
}

function extensionDays(state: ComplaintClockState): number {
  return state.extensions.reduce((s, e) => s + e.days, 0);
}

function periodDays(state: ComplaintClockState): number {
  return PROFILE_NUMBERS[state.profile].decisionDays + extensionDays(state);
}

/** Our own decision deadline (before any regulator deadline), read at asOf for an open pause. */
function ownDecision(state: ComplaintClockState, asOfMs: number): { due: Date; lastDay: number } {
  const startDay = dayOf(state.timeZone, state.clockStartedAt);
  const lastDay = lastDayOfPeriod(state, startDay, periodDays(state) + pausedDaysAt(state, asOfMs));
  return { due: endOfLocalDay(state.timeZone, lastDay), lastDay };
}

function governingDecisionDue(state: ComplaintClockState, asOfMs: number): { due: Date; governedBy: 'rule' | 'regulator' } {
  const own = ownDecision(state, asOfMs).due;
  if (state.regulatorDeadline && state.regulatorDeadline.getTime() < own.getTime()) {
    return { due: state.regulatorDeadline, governedBy: 'regulator' };
  }
  return { due: own, governedBy: 'rule' };
}

function firstHandlingDue(state: ComplaintClockState): Date {
  const fh = PROFILE_NUMBERS[state.profile].firstHandling;
  if (fh.kind === 'hours') return new Date(state.receivedAt.getTime() + fh.hours * HOUR_MS);
  const receiptDay = dayOf(state.timeZone, state.receivedAt);
  if (fh.kind === 'days') return endOfLocalDay(state.timeZone, receiptDay + fh.days);
  const n = state.options.acknowledgeWithinBusinessDays ?? fh.days;
  return closeOfBusiness(state, nthUkBusinessDayAfter(fromEpochDay(receiptDay), n, ukCalendar(state)));
}

function summaryResolutionDue(state: ComplaintClockState): Date | null {
  const n = PROFILE_NUMBERS[state.profile].summaryBusinessDays;
  if (n === null) return null;
  const receiptDate = fromEpochDay(dayOf(state.timeZone, state.receivedAt));
  return closeOfBusiness(state, nthUkBusinessDayAfter(receiptDate, n, ukCalendar(state)));
}

function reviewRequestDeadline(state: ComplaintClockState): Date | null {
  const days = PROFILE_NUMBERS[state.profile].reviewRequestDays;
  if (days === null || !state.decidedAt) return null;
  // "自收到处理决定之日起30日内": the decision event is the decision as told to the complainant.
  return endOfLocalDay(state.timeZone, dayOf(state.timeZone, state.decidedAt) + days);
}

function reviewDue(state: ComplaintClockState): { due: Date; lastDay: number } | null {
  const days = PROFILE_NUMBERS[state.profile].reviewDays;
  if (days === null || !state.reviewRequestedAt) return null;
  const lastDay = lastDayOfPeriod(state, dayOf(state.timeZone, state.reviewRequestedAt), days);
  return { due: endOfLocalDay(state.timeZone, lastDay), lastDay };
}

// ---------------------------------------------------------------------------------------------------
// Starting and validating

function validateOptions(options: ComplaintClockOptions): void {
  if (options.warnWithinHours !== undefined && !(options.warnWithinHours >= 0)) throw new RangeError('warnWithinHours must be >= 0');
  const ack = options.acknowledgeWithinBusinessDays;
  if (ack !== undefined && (!Number.isSafeInteger(ack) || ack < 1)) throw new RangeError('acknowledgeWithinBusinessDays must be a positive integer');
  if (options.closeOfBusiness !== undefined) parseClockTime(options.closeOfBusiness);
  for (const d of options.extraNonBusinessDays ?? []) if (!isValidCalendarDate(d)) throw new RangeError(`Invalid date: ${d}`);
}

function isInstant(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** A fresh clock. Malformed input (unknown profile or zone, invalid Date) throws RangeError. */
export function startComplaintClock(input: {
  profile: ComplaintProfile;
  receivedAt: Date;
  timeZone: string;
  options?: ComplaintClockOptions;
}): ComplaintClockState {
  const { profile, receivedAt, timeZone } = input;
  if (!COMPLAINT_PROFILES.includes(profile)) throw new RangeError(`Unknown complaint profile: ${String(profile)}`);
  if (!isInstant(receivedAt)) throw new RangeError('receivedAt must be a valid Date');
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown IANA time zone: ${timeZone}`);
  const options = input.options ?? {};
  validateOptions(options);
  return {
    profile,
    timeZone,
    receivedAt,
    options,
    clockStartedAt: receivedAt,
    nextIndex: 0,
    lastEventAt: receivedAt,
    firstHandledAt: null,
    extensions: [],
    pauses: [],
    decidedAt: null,
    holdingResponseAt: null,
    reviewRequestedAt: null,
    reviewDecidedAt: null,
    regulatorDeadline: null,
    regulatorReference: null,
    mergedRepeats: 0,
    notices: [],
    restartShortened: null,
  };
}

const APPLICABLE: Readonly<Record<ComplaintProfile, ReadonlySet<ComplaintEventType>>> = {
  'cn-banking-2020': new Set<ComplaintEventType>([
    'first-handling',
    'extension',
    'pause-start',
    'pause-end',
    'repeat',
    'new-facts',
    'decision',
    'review-requested',
    'review-decision',
    'regulator-deadline',
    'complainant-notified',
  ]),
  'uk-fca': new Set<ComplaintEventType>(['first-handling', 'decision', 'holding-response', 'repeat', 'complainant-notified']),
  'us-cfpb': new Set<ComplaintEventType>(['first-handling', 'decision', 'repeat', 'complainant-notified']),
};

const EVENT_TYPES = new Set<string>([...APPLICABLE['cn-banking-2020'], 'holding-response']);

const NOT_APPLICABLE_SOURCE: Record<ComplaintProfile, string> = {
  'cn-banking-2020': SOURCES.cnDecision,
  'uk-fca': SOURCES.ukNotApplicable,
  'us-cfpb': SOURCES.usNotApplicable,
};

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** 'YYYY-MM-DD HH:MM' in the complaint's zone, for messages. */
function fmt(state: ComplaintClockState, d: Date): string {
  let f = timeFormats.get(state.timeZone);
  if (!f) timeFormats.set(state.timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone: state.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return `${fromEpochDay(dayOf(state.timeZone, d))} ${f.format(d)}`;
}

/** A due instant as people read it: 24:00 of the last day rather than 00:00 of the next. */
function fmtDue(state: ComplaintClockState, due: Date): string {
  const day = dayOf(state.timeZone, due);
  if (startOfLocalDate(state.timeZone, day) === due.getTime()) return `${fromEpochDay(day - 1)} 24:00`;
  return fmt(state, due);
}

function refuse(
  state: ComplaintClockState,
  event: ComplaintEvent | { type?: unknown },
  code: RefusalCode,
  zh: string,
  en: string,
  source: string,
): ApplyResult {
  const type = typeof event.type === 'string' && EVENT_TYPES.has(event.type) ? (event.type as ComplaintEventType) : 'unknown';
  return {
    ok: false,
    state: { ...state, nextIndex: state.nextIndex + 1 },
    refusal: { index: state.nextIndex, eventType: type, code, zh, en, source },
  };
}

function accept(state: ComplaintClockState, changes: Partial<ComplaintClockState>, at: Date | null): ApplyResult {
  const lastEventAt = at && at.getTime() > state.lastEventAt.getTime() ? at : state.lastEventAt;
  return { ok: true, state: { ...state, ...changes, lastEventAt, nextIndex: state.nextIndex + 1 } };
}

function owe(state: ComplaintClockState, kind: NotificationKind, createdAt: Date, dueBy: Date, zh: string, en: string, source: string): OwedNotice {
  return { kind, eventIndex: state.nextIndex, createdAt, dueBy, zh, en, source, dischargedAt: null };
}

function openPause(state: ComplaintClockState): Pause | null {
  const last = state.pauses[state.pauses.length - 1];
  return last && last.end === null ? last : null;
}

function closePauses(pauses: readonly Pause[], at: Date): Pause[] {
  return pauses.map((p) => (p.end === null ? { ...p, end: at } : p));
}

/**
 * Validates one event against the clock and returns the next state, or a refusal that says why (the
 * state is then unchanged apart from `nextIndex`). Events must come in time order, none before receipt.
 */
export function applyComplaintEvent(state: ComplaintClockState, event: ComplaintEvent): ApplyResult {
  if (!event || typeof event !== 'object' || typeof event.type !== 'string' || !EVENT_TYPES.has(event.type)) {
    return refuse(state, event ?? {}, 'invalid-event', '无法识别的投诉事件', 'Unknown complaint event', SOURCES.ordering);
  }
  const at = 'at' in event && event.at !== undefined ? event.at : null;
  if (event.type !== 'regulator-deadline' && !isInstant(at)) {
    return refuse(state, event, 'invalid-event', '事件缺少有效时间', 'The event has no valid instant', SOURCES.ordering);
  }
  if (at !== null) {
    if (!isInstant(at)) return refuse(state, event, 'invalid-event', '事件时间无效', 'The event instant is invalid', SOURCES.ordering);
    if (at.getTime() < state.receivedAt.getTime() || at.getTime() < state.lastEventAt.getTime()) {
      return refuse(
        state,
        event,
        'out-of-order',
        `事件时间 ${fmt(state, at)} 早于投诉受理或上一事件（${fmt(state, state.lastEventAt)}）`,
        `The event at ${fmt(state, at)} is earlier than receipt or the previous event (${fmt(state, state.lastEventAt)})`,
        SOURCES.ordering,
      );
    }
  }
  if (!APPLICABLE[state.profile].has(event.type)) {
    return refuse(
      state,
      event,
      'not-applicable-to-profile',
      `「${event.type}」不适用于 ${state.profile} 时限规则`,
      `'${event.type}' does not apply under the ${state.profile} profile`,
      NOT_APPLICABLE_SOURCE[state.profile],
    );
  }
  const decided = state.decidedAt !== null;
  const alreadyDecided = (what: string, whatEn: string): ApplyResult =>
    refuse(
      state,
      event,
      'already-decided',
      `投诉已于 ${fmt(state, state.decidedAt!)} 作出处理决定，不能再${what}`,
      `The complaint was decided at ${fmt(state, state.decidedAt!)}; no ${whatEn} after the decision`,
      PROFILE_NUMBERS[state.profile].decisionSource,
    );

  switch (event.type) {
    case 'first-handling': {
      if (state.firstHandledAt) {
        return refuse(state, event, 'already-recorded', '已记录初步处理', 'First handling is already recorded', PROFILE_NUMBERS[state.profile].firstHandlingSource);
      }
      if (decided) return alreadyDecided('记录初步处理', 'first handling');
      return accept(state, { firstHandledAt: event.at }, event.at);
    }

    case 'extension': {
      if (decided) return alreadyDecided('延长处理期限', 'extension');
      if (!Number.isSafeInteger(event.days) || event.days < 1) {
        return refuse(state, event, 'invalid-event', '延长天数须为正整数', 'Extension days must be a positive integer', SOURCES.cnDecision);
      }
      const before = ownDecision(state, event.at.getTime()).due;
      if (event.at.getTime() >= before.getTime()) {
        return refuse(
          state,
          event,
          'deadline-passed',
          `处理期限已于 ${fmtDue(state, before)} 届满，不能事后延长`,
          `The decision period ran out at ${fmtDue(state, before)}; it cannot be extended afterwards`,
          SOURCES.cnDecision,
        );
      }
      const n = PROFILE_NUMBERS[state.profile];
      const total = periodDays(state) + event.days;
      if (total > n.maxDecisionDays) {
        return refuse(
          state,
          event,
          'exceeds-maximum-period',
          `延长后处理期限为 ${total} 日，超过最长 ${n.maxDecisionDays} 日`,
          `The extension would make the period ${total} days, beyond the ${n.maxDecisionDays}-day maximum`,
          SOURCES.cnSeniorExtension,
        );
      }
      const approvedBy = typeof event.approvedBy === 'string' && event.approvedBy.trim() !== '' ? event.approvedBy.trim() : null;
      if (total > n.maxWithoutApproval && approvedBy === null) {
        return refuse(
          state,
          event,
          'senior-approval-required',
          `处理期限超过 ${n.maxWithoutApproval} 日（延长至 ${total} 日）须经上级机构或总行、总公司高级管理人员审批`,
          `A period beyond ${n.maxWithoutApproval} days (here ${total}) needs the approval of the superior institution or head-office senior management`,
          SOURCES.cnSeniorExtension,
        );
      }
      const extension: Extension = { days: event.days, approvedBy, at: event.at, index: state.nextIndex };
      const next = { ...state, extensions: [...state.extensions, extension] };
      const after = ownDecision(next, event.at.getTime()).due;
      const notice = owe(
        state,
        'extension',
        event.at,
        before,
        `告知投诉人处理期限延长至 ${total} 日（新期限 ${fmtDue(state, after)}）${approvedBy ? `，审批人 ${approvedBy}` : ''}`,
        `Tell the complainant the period is extended to ${total} days (now due ${fmtDue(state, after)})${approvedBy ? `, approved by ${approvedBy}` : ''}`,
        SOURCES.cnExtensionNotice,
      );
      return accept(state, { extensions: next.extensions, notices: [...state.notices, notice] }, event.at);
    }

    case 'pause-start': {
      if (decided) return alreadyDecided('暂停计时', 'pause');
      if (!PAUSE_REASONS.includes(event.reason as never)) {
        return refuse(
          state,
          event,
          'pause-reason-not-allowed',
          `只有外部机构鉴定、检测、评估的期间可以不计入处理期限（原因：${String(event.reason)}）`,
          `Only time spent on external appraisal, testing or evaluation is excluded (reason given: ${String(event.reason)})`,
          SOURCES.cnPause,
        );
      }
      if (openPause(state)) {
        return refuse(state, event, 'already-paused', '计时已暂停', 'The clock is already paused', SOURCES.cnPause);
      }
      const due = ownDecision(state, event.at.getTime()).due;
      if (event.at.getTime() >= due.getTime()) {
        return refuse(
          state,
          event,
          'deadline-passed',
          `处理期限已于 ${fmtDue(state, due)} 届满，之后的鉴定期间不能补扣`,
          `The decision period ran out at ${fmtDue(state, due)}; a later appraisal cannot be excluded from it`,
          SOURCES.cnPause,
        );
      }
      const notice = owe(
        state,
        'pause',
        event.at,
        endOfLocalDay(state.timeZone, dayOf(state.timeZone, event.at) + 1),
        '及时告知投诉人：需外部机构鉴定/检测/评估，相关期间不计入处理期限',
        'Tell the complainant that an external appraisal/test/evaluation is under way and its time is not counted',
        SOURCES.cnPauseNotice,
      );
      return accept(
        state,
        { pauses: [...state.pauses, { start: event.at, end: null, reason: event.reason }], notices: [...state.notices, notice] },
        event.at,
      );
    }

    case 'pause-end': {
      const open = openPause(state);
      if (!open) return refuse(state, event, 'not-paused', '计时未暂停', 'The clock is not paused', SOURCES.cnPause);
      return accept(state, { pauses: closePauses(state.pauses, event.at) }, event.at);
    }

    case 'repeat':
      // Merged into this complaint: no new clock (and after a decision, the route is a review, not a new complaint).
      return accept(state, { mergedRepeats: state.mergedRepeats + 1 }, event.at);

    case 'new-facts': {
      if (decided) return alreadyDecided('以新事实重新计时（请登记为新投诉）', 'restart on new facts (record a new complaint)');
      const previousDue = ownDecision(state, event.at.getTime()).due;
      const open = openPause(state);
      const restarted: ComplaintClockState = {
        ...state,
        clockStartedAt: event.at,
        extensions: [],
        // The previous period's pauses no longer matter; an appraisal still running carries on from now.
        pauses: open ? [{ ...open, start: event.at }] : [],
      };
      const newDue = ownDecision(restarted, event.at.getTime()).due;
      return accept(
        state,
        {
          clockStartedAt: restarted.clockStartedAt,
          extensions: restarted.extensions,
          pauses: restarted.pauses,
          restartShortened: newDue.getTime() < previousDue.getTime() ? { previousDue, newDue } : null,
        },
        event.at,
      );
    }

    case 'decision': {
      if (decided) return refuse(state, event, 'already-recorded', '已记录处理决定', 'The decision is already recorded', PROFILE_NUMBERS[state.profile].decisionSource);
      return accept(state, { decidedAt: event.at, pauses: closePauses(state.pauses, event.at) }, event.at);
    }

    case 'holding-response': {
      if (decided) return alreadyDecided('发出中间答复', 'holding response');
      if (state.holdingResponseAt) {
        return refuse(state, event, 'already-recorded', '已记录中间答复', 'A holding response is already recorded', SOURCES.ukFinal);
      }
      return accept(state, { holdingResponseAt: event.at }, event.at);
    }

    case 'review-requested': {
      if (!state.decidedAt) {
        return refuse(state, event, 'not-decided', '尚未作出处理决定，不能申请复核', 'There is no decision to review yet', SOURCES.cnReview);
      }
      if (state.reviewRequestedAt) {
        return refuse(state, event, 'already-recorded', '已记录复核申请', 'A review request is already recorded', SOURCES.cnReview);
      }
      const deadline = reviewRequestDeadline(state)!;
      if (event.at.getTime() >= deadline.getTime()) {
        return refuse(
          state,
          event,
          'review-window-closed',
          `复核须自收到处理决定之日起30日内申请（截至 ${fmtDue(state, deadline)}），本申请于 ${fmt(state, event.at)} 提出`,
          `A review must be requested within 30 days of the decision (by ${fmtDue(state, deadline)}); this request came at ${fmt(state, event.at)}`,
          SOURCES.cnReview,
        );
      }
      return accept(state, { reviewRequestedAt: event.at }, event.at);
    }

    case 'review-decision': {
      if (!state.reviewRequestedAt) {
        return refuse(state, event, 'review-not-requested', '没有复核申请', 'No review was requested', SOURCES.cnReview);
      }
      if (state.reviewDecidedAt) {
        return refuse(state, event, 'already-recorded', '已记录复核决定', 'The review decision is already recorded', SOURCES.cnReview);
      }
      return accept(state, { reviewDecidedAt: event.at }, event.at);
    }

    case 'regulator-deadline': {
      if (decided) return alreadyDecided('登记监管转办期限', 'regulator deadline');
      let deadline: Date;
      if (typeof event.deadline === 'string') {
        if (!isValidCalendarDate(event.deadline)) {
          return refuse(state, event, 'invalid-event', `监管期限日期无效：${event.deadline}`, `Invalid regulator deadline: ${event.deadline}`, SOURCES.cnRegulator);
        }
        deadline = endOfLocalDay(state.timeZone, toEpochDay(event.deadline));
      } else if (isInstant(event.deadline)) {
        deadline = event.deadline;
      } else {
        return refuse(state, event, 'invalid-event', '监管期限无效', 'Invalid regulator deadline', SOURCES.cnRegulator);
      }
      // Several letters: the earliest deadline binds.
      const earliest = state.regulatorDeadline && state.regulatorDeadline.getTime() <= deadline.getTime() ? state.regulatorDeadline : deadline;
      return accept(state, { regulatorDeadline: earliest, regulatorReference: event.reference ?? state.regulatorReference }, at);
    }

    case 'complainant-notified': {
      const i = state.notices.findIndex((n) => n.kind === event.about && n.dischargedAt === null);
      if (i < 0) {
        return refuse(
          state,
          event,
          'nothing-owed',
          `没有待发送的「${event.about}」告知`,
          `No '${event.about}' notice is owed`,
          state.profile === 'cn-banking-2020' ? SOURCES.cnExtensionNotice : NOT_APPLICABLE_SOURCE[state.profile],
        );
      }
      const notices = state.notices.map((n, j) => (j === i ? { ...n, dischargedAt: event.at } : n));
      return accept(state, { notices }, event.at);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading the clocks

function earliest(...ds: Array<Date | null>): Date | null {
  let best: Date | null = null;
  for (const d of ds) if (d && (!best || d.getTime() < best.getTime())) best = d;
  return best;
}

/** The clocks at `now`. */
export function readComplaintClock(state: ComplaintClockState, now: Date): ComplaintClock {
  if (!isInstant(now)) throw new RangeError('now must be a valid Date');
  const nowMs = now.getTime();
  const zone = state.timeZone;
  const n = PROFILE_NUMBERS[state.profile];
  const warnMs = (state.options.warnWithinHours ?? 48) * HOUR_MS;
  const breaches: ComplaintBreach[] = [];
  const warnings: ComplaintWarning[] = [];
  const clocks: ClockLine[] = [];

  const asOf = state.decidedAt ? state.decidedAt.getTime() : nowMs;
  const own = ownDecision(state, asOf);
  const decision = governingDecisionDue(state, asOf);
  const fhDue = firstHandlingDue(state);
  const summaryDue = summaryResolutionDue(state);
  const summaryResolution = summaryDue !== null && state.decidedAt !== null && state.decidedAt.getTime() < summaryDue.getTime();
  const paused = openPause(state) !== null && !state.decidedAt;

  const line = (
    clock: ClockLine['clock'],
    due: Date,
    dueDate: CalendarDate | null,
    doneAt: Date | null,
    source: string,
    extra: { governedBy?: 'rule' | 'regulator'; zh: string; en: string; notRequired?: boolean; optional?: boolean },
  ): void => {
    let status: ClockLine['status'];
    if (extra.notRequired) status = 'not-required';
    else if (doneAt) status = doneAt.getTime() < due.getTime() ? 'met' : extra.optional ? 'missed-path' : 'breached';
    else if (nowMs >= due.getTime()) status = extra.optional ? 'missed-path' : 'breached';
    else status = 'pending';
    clocks.push({ clock, due, dueDate, doneAt, status, source });
    if (status === 'breached') {
      breaches.push({
        clock,
        due,
        kind: doneAt ? 'late' : 'overdue',
        doneAt,
        ...(extra.governedBy ? { governedBy: extra.governedBy } : {}),
        zh: `${extra.zh}期限 ${fmtDue(state, due)} ${doneAt ? `已逾期完成（${fmt(state, doneAt)}）` : '已超时未完成'}`,
        en: `${extra.en} was due ${fmtDue(state, due)}; ${doneAt ? `done late at ${fmt(state, doneAt)}` : 'not done'}`,
        source,
      });
    } else if (status === 'pending' && !(paused && clock === 'decision') && due.getTime() - nowMs <= warnMs) {
      const hoursLeft = Math.floor(((due.getTime() - nowMs) / HOUR_MS) * 10) / 10;
      warnings.push({
        code: 'due-soon',
        clock,
        due,
        hoursLeft,
        zh: `${extra.zh}将于 ${fmtDue(state, due)} 到期（剩余约 ${hoursLeft} 小时）`,
        en: `${extra.en} is due ${fmtDue(state, due)} (about ${hoursLeft} hours left)`,
      });
    }
  };

  const fhDueDate = n.firstHandling.kind === 'hours' ? null : fromEpochDay(dayOf(zone, new Date(fhDue.getTime() - 1)));
  line('first-handling', fhDue, fhDueDate, earliest(state.firstHandledAt, state.decidedAt, state.holdingResponseAt), n.firstHandlingSource, {
    zh: state.profile === 'us-cfpb' ? '企业答复' : state.profile === 'uk-fca' ? '书面确认收悉' : '初步处理',
    en: state.profile === 'us-cfpb' ? 'Company response' : state.profile === 'uk-fca' ? 'Acknowledgement' : 'First handling',
    notRequired: summaryResolution,
  });
  if (summaryDue) {
    line('summary-resolution', summaryDue, fromEpochDay(dayOf(zone, new Date(summaryDue.getTime() - 1))), state.decidedAt, SOURCES.ukSummary, {
      zh: '简易解决（第3个工作日营业结束）',
      en: 'Summary resolution (close of the 3rd business day)',
      optional: true,
    });
  }
  const decisionDone = state.profile === 'uk-fca' ? earliest(state.decidedAt, state.holdingResponseAt) : state.decidedAt;
  line('decision', decision.due, fromEpochDay(dayOf(zone, new Date(decision.due.getTime() - 1))), decisionDone,
    decision.governedBy === 'regulator' ? SOURCES.cnRegulator : n.decisionSource, {
      governedBy: decision.governedBy,
      zh: decision.governedBy === 'regulator' ? '监管转办回复' : state.profile === 'cn-banking-2020' ? '处理决定' : '最终答复',
      en: decision.governedBy === 'regulator' ? "The regulator's reply" : state.profile === 'cn-banking-2020' ? 'The decision' : 'The final response',
    });
  const review = reviewDue(state);
  if (review) {
    line('review', review.due, fromEpochDay(review.lastDay), state.reviewDecidedAt, SOURCES.cnReview, { zh: '复核决定', en: 'The review decision' });
  }

  const notificationsOwed: NotificationOwed[] = [];
  for (const notice of state.notices) {
    const { dischargedAt, ...owed } = notice;
    const late = dischargedAt ? dischargedAt.getTime() >= notice.dueBy.getTime() : nowMs >= notice.dueBy.getTime();
    if (!dischargedAt) notificationsOwed.push(owed);
    if (late) {
      breaches.push({
        clock: 'notification',
        due: notice.dueBy,
        kind: dischargedAt ? 'late' : 'overdue',
        doneAt: dischargedAt,
        zh: `${notice.zh}：应于 ${fmtDue(state, notice.dueBy)} 前告知，${dischargedAt ? `实际 ${fmt(state, dischargedAt)}` : '尚未告知'}`,
        en: `${notice.en}: due ${fmtDue(state, notice.dueBy)}, ${dischargedAt ? `told at ${fmt(state, dischargedAt)}` : 'not yet told'}`,
        source: notice.source,
      });
    }
  }

  if (state.regulatorDeadline && state.regulatorDeadline.getTime() < own.due.getTime()) {
    warnings.push({
      code: 'regulator-deadline-governs',
      clock: 'decision',
      due: state.regulatorDeadline,
      zh: `监管转办期限 ${fmtDue(state, state.regulatorDeadline)}${state.regulatorReference ? `（${state.regulatorReference}）` : ''} 早于本机构处理期限 ${fmtDue(state, own.due)}，以监管期限为准；延长和暂停不改变监管期限`,
      en: `The regulator's deadline ${fmtDue(state, state.regulatorDeadline)}${state.regulatorReference ? ` (${state.regulatorReference})` : ''} is earlier than our own ${fmtDue(state, own.due)} and governs; extensions and pauses do not move it`,
    });
  }
  if (state.restartShortened) {
    warnings.push({
      code: 'restart-shortened-deadline',
      clock: 'decision',
      due: state.restartShortened.newDue,
      zh: `新事实使处理期限重新计算为 15 日，期限由 ${fmtDue(state, state.restartShortened.previousDue)} 提前至 ${fmtDue(state, state.restartShortened.newDue)}；如需更长期限须重新申请延长`,
      en: `New facts restarted the 15-day period, moving the deadline from ${fmtDue(state, state.restartShortened.previousDue)} to ${fmtDue(state, state.restartShortened.newDue)}; extensions must be asked for again`,
    });
  }
  if (paused) {
    const p = openPause(state)!;
    warnings.push({
      code: 'paused',
      clock: 'decision',
      zh: `自 ${fmt(state, p.start)} 起外部${p.reason === 'external-testing' ? '检测' : p.reason === 'external-evaluation' ? '评估' : '鉴定'}暂停计时，处理期限随暂停天数顺延（当前为暂定期限）`,
      en: `Paused since ${fmt(state, p.start)} for ${p.reason}; the decision deadline moves with every paused day (provisional)`,
    });
  }
  const missingYears = new Set<number>();
  const yearOf = (d: Date): number => Number(fromEpochDay(dayOf(zone, d)).slice(0, 4));
  if (state.profile === 'uk-fca') {
    for (const d of [state.receivedAt, summaryDue ?? fhDue, fhDue]) if (!ukBankHolidayDataCovers(yearOf(d))) missingYears.add(yearOf(d));
  }
  if (state.profile === 'cn-banking-2020' && state.options.rollOverHolidays) {
    const year = Number(fromEpochDay(own.lastDay).slice(0, 4));
    if (!mainlandHolidayDataCovers(year)) missingYears.add(year);
  }
  for (const year of missingYears) {
    warnings.push({
      code: 'holiday-data-missing',
      zh: `${year} 年的节假日数据缺失，仅按周末计算`,
      en: `No holiday data for ${year}: only weekends are treated as non-working days`,
    });
  }

  let status: ComplaintStatus;
  if (state.reviewDecidedAt) status = 'closed';
  else if (state.reviewRequestedAt) status = 'under-review';
  else if (state.decidedAt) {
    const window = reviewRequestDeadline(state);
    status = window && nowMs < window.getTime() ? 'decided' : 'closed';
  } else status = paused ? 'paused' : 'open';

  return {
    profile: state.profile,
    timeZone: zone,
    receivedAt: state.receivedAt,
    clockStartedAt: state.clockStartedAt,
    status,
    firstHandlingDue: fhDue,
    summaryResolutionDue: summaryDue,
    summaryResolution,
    decisionDue: decision.due,
    decisionDueDate: fromEpochDay(own.lastDay),
    ownDecisionDue: own.due,
    regulatorDeadline: state.regulatorDeadline,
    decisionGovernedBy: decision.governedBy,
    decisionPeriodDays: periodDays(state),
    decidedAt: state.decidedAt,
    reviewRequestDeadline: reviewRequestDeadline(state),
    reviewDue: review ? review.due : null,
    paused,
    pausedDays: pausedDaysAt(state, asOf),
    extensionsUsed: state.extensions.length,
    extensionDays: extensionDays(state),
    mergedRepeats: state.mergedRepeats,
    clocks,
    breaches,
    warnings,
    notificationsOwed,
    refusals: [],
  };
}

/**
 * Folds the events (in the order given; refused ones are reported and skipped) and reads the clocks at
 * `now`. Events after `now` are refused ('future-event').
 */
export function computeComplaintClock(input: ComplaintClockInput): ComplaintClock {
  let state = startComplaintClock(input);
  if (!isInstant(input.now)) throw new RangeError('now must be a valid Date');
  const refusals: ComplaintRefusal[] = [];
  for (const event of input.events) {
    const at = event && 'at' in event ? event.at : undefined;
    if (isInstant(at) && at.getTime() > input.now.getTime()) {
      const r = refuse(state, event, 'future-event', `事件时间 ${fmt(state, at)} 晚于当前时间`, `The event at ${fmt(state, at)} is after now`, SOURCES.ordering);
      state = r.state;
      if (!r.ok) refusals.push(r.refusal);
      continue;
    }
    const r = applyComplaintEvent(state, event);
    state = r.state;
    if (!r.ok) refusals.push(r.refusal);
  }
  return { ...readComplaintClock(state, input.now), refusals };
}
