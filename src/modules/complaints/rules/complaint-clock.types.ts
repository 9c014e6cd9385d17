/**
 * The complaint time-limit clock contract: plain data in, plain data out. Instants are Date, calendar
 * dates 'YYYY-MM-DD' in the complaint's time zone. The database keeps a complaint's events in the order
 * they were recorded; `computeComplaintClock` folds them with `applyComplaintEvent` and reads the clocks
 * at `now`. See ../README.md for the rules and the decisions behind them.
 */
import type { CalendarDate } from '../../../platform/time/calendar-date.ts';

export type ComplaintProfile = 'cn-banking-2020' | 'uk-fca' | 'us-cfpb';

export const COMPLAINT_PROFILES: readonly ComplaintProfile[] = Object.freeze(['cn-banking-2020', 'uk-fca', 'us-cfpb']);

/**
 * Time excluded from the cn-banking-2020 clock: only work done by an EXTERNAL body (鉴定、检测、评估).
 * Internal investigation time never stops the clock.
 */
export type PauseReason = 'external-appraisal' | 'external-testing' | 'external-evaluation';

export const PAUSE_REASONS: readonly PauseReason[] = Object.freeze(['external-appraisal', 'external-testing', 'external-evaluation']);

/** What a complainant must be told about (each owed notice is discharged by a 'complainant-notified' event). */
export type NotificationKind = 'extension' | 'pause';

export type ComplaintEvent =
  /** First handling (初步处理) / FCA acknowledgement / CFPB company response ("in progress" counts). */
  | { type: 'first-handling'; at: Date }
  /** Extend the decision period by `days` natural days (cn-banking-2020). Beyond 30 days in total needs `approvedBy`. */
  | { type: 'extension'; days: number; approvedBy?: string | null; reason?: string; at: Date }
  | { type: 'pause-start'; reason: PauseReason | string; at: Date }
  | { type: 'pause-end'; reason?: string; at: Date }
  /** The same complaint again with no new facts or reasons: merged, no new clock. */
  | { type: 'repeat'; at: Date }
  /** New facts or reasons on an undecided complaint: the decision clock restarts from this instant (cn-banking-2020). */
  | { type: 'new-facts'; at: Date }
  /** The decision, told to the complainant (cn: 处理决定; FCA: final response; CFPB: final response). */
  | { type: 'decision'; at: Date }
  /** FCA only: a written holding response within 8 weeks (why not yet, and the right to go to the Ombudsman). */
  | { type: 'holding-response'; at: Date }
  /** cn-banking-2020: the complainant asks the superior institution to review (核查, shown as 复核) the decision. */
  | { type: 'review-requested'; at: Date }
  | { type: 'review-decision'; at: Date }
  /**
   * 监管转办: the regulator forwarded the complaint with its own deadline, a local date (end of that day)
   * or an instant. The earlier of it and our own deadline governs.
   */
  | { type: 'regulator-deadline'; deadline: CalendarDate | Date; reference?: string; at?: Date }
  /** The complainant was told (of an extension, of a pause): discharges the oldest notice owed of that kind. */
  | { type: 'complainant-notified'; about: NotificationKind; at: Date };

export type ComplaintEventType = ComplaintEvent['type'];

export type RefusalCode =
  | 'invalid-event'
  | 'out-of-order'
  | 'future-event'
  | 'not-applicable-to-profile'
  | 'already-recorded'
  | 'already-decided'
  | 'deadline-passed'
  | 'senior-approval-required'
  | 'exceeds-maximum-period'
  | 'pause-reason-not-allowed'
  | 'already-paused'
  | 'not-paused'
  | 'not-decided'
  | 'review-window-closed'
  | 'review-not-requested'
  | 'nothing-owed';

export type ComplaintRefusal = {
  /** Position of the refused event in the input list (-1 when refused by applyComplaintEvent alone). */
  index: number;
  eventType: ComplaintEventType | 'unknown';
  code: RefusalCode;
  zh: string;
  en: string;
  source: string;
};

export type ClockName = 'first-handling' | 'summary-resolution' | 'decision' | 'review' | 'notification';

export type ComplaintBreach = {
  clock: ClockName;
  due: Date;
  /** 'late': done at or after due; 'overdue': not done and now is at or after due. */
  kind: 'late' | 'overdue';
  /** When it was done (late), or null (overdue). */
  doneAt: Date | null;
  /** For the decision clock: whose deadline was missed. */
  governedBy?: 'rule' | 'regulator';
  zh: string;
  en: string;
  source: string;
};

export type WarningCode =
  | 'due-soon'
  | 'regulator-deadline-governs'
  | 'restart-shortened-deadline'
  | 'holiday-data-missing'
  | 'paused';

export type ComplaintWarning = {
  code: WarningCode;
  clock?: ClockName;
  due?: Date;
  hoursLeft?: number;
  zh: string;
  en: string;
};

export type NotificationOwed = {
  kind: NotificationKind;
  /** Index of the event that created the duty (position in the input list; -1 outside computeComplaintClock). */
  eventIndex: number;
  createdAt: Date;
  /** Tell the complainant by this instant. */
  dueBy: Date;
  zh: string;
  en: string;
  source: string;
};

export type ClockLine = {
  clock: Exclude<ClockName, 'notification'>;
  due: Date;
  /** The last local day of the period (the due instant is 24:00 of it), or null for an hours-based clock. */
  dueDate: CalendarDate | null;
  doneAt: Date | null;
  /** 'not-required': the FCA acknowledgement once a complaint is resolved on the summary path. */
  status: 'pending' | 'met' | 'breached' | 'not-required' | 'missed-path';
  source: string;
};

export type ComplaintClockOptions = {
  /** Hours before a due instant at which a 'due-soon' warning is raised (default 48). */
  warnWithinHours?: number;
  /**
   * cn-banking-2020: move a last day that falls on a mainland 法定休假日 (public holiday, or a weekend
   * that is not a 调休 working day) to the next working day, as 《民法典》第二百零三条 does for legal
   * periods. Default false: LoanDesk counts the Measures' natural days without roll-over (stricter).
   */
  rollOverHolidays?: boolean;
  /** uk-fca: business days allowed for the acknowledgement (LoanDesk policy for "prompt"; default 1). */
  acknowledgeWithinBusinessDays?: number;
  /** uk-fca: close of business 'HH:MM' for business-day deadlines (default end of the local day). */
  closeOfBusiness?: string;
  /** uk-fca: more non-business days (another UK nation's bank holidays). */
  extraNonBusinessDays?: readonly CalendarDate[];
};

export type ComplaintClockInput = {
  profile: ComplaintProfile;
  /** When the complaint was received (cn/uk), or when the CFPB portal sent it to the company (us-cfpb). */
  receivedAt: Date;
  /** IANA zone the days are counted in (the receiving institution's: Asia/Shanghai, Europe/London…). */
  timeZone: string;
  events: readonly ComplaintEvent[];
  now: Date;
  options?: ComplaintClockOptions;
};

export type ComplaintStatus = 'open' | 'paused' | 'decided' | 'under-review' | 'closed';

export type ComplaintClock = {
  profile: ComplaintProfile;
  timeZone: string;
  receivedAt: Date;
  /** receivedAt, or the last accepted 'new-facts' instant. */
  clockStartedAt: Date;
  status: ComplaintStatus;
  firstHandlingDue: Date;
  /** uk-fca: close of the 3rd business day following receipt (DISP 1.5); otherwise null. */
  summaryResolutionDue: Date | null;
  /** Whether the complaint was resolved on the summary path (uk-fca), else false. */
  summaryResolution: boolean;
  /** The governing decision deadline (the earlier of our own and a regulator's). Provisional while paused. */
  decisionDue: Date;
  /** The last local day of our own period (before any regulator deadline). */
  decisionDueDate: CalendarDate;
  ownDecisionDue: Date;
  regulatorDeadline: Date | null;
  decisionGovernedBy: 'rule' | 'regulator';
  /** 15, 30 or up to 60 (cn), 56 (uk, 8 weeks), 60 (us): natural days in the current period, before pauses. */
  decisionPeriodDays: number;
  decidedAt: Date | null;
  /** Latest instant at which a review may be requested (cn, once decided), else null. */
  reviewRequestDeadline: Date | null;
  reviewDue: Date | null;
  paused: boolean;
  /** Natural days excluded from the current period by external appraisal/testing/evaluation. */
  pausedDays: number;
  extensionsUsed: number;
  extensionDays: number;
  mergedRepeats: number;
  clocks: ClockLine[];
  breaches: ComplaintBreach[];
  warnings: ComplaintWarning[];
  notificationsOwed: NotificationOwed[];
  refusals: ComplaintRefusal[];
};
