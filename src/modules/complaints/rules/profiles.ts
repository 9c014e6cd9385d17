/**
 * Complaint time-limit profiles: the numbers and where they come from. Each clock rule in
 * complaint-clock.ts cites the SOURCE strings below.
 */
import type { ComplaintProfile } from './complaint-clock.types.ts';

export const SOURCES = {
  cnDecision:
    '《银行业保险业消费投诉处理管理办法》(银保监会令2020年第3号), 处理时限: 自收到消费投诉之日起15日内作出处理决定并告知投诉人; 情况复杂的可以延长至30日',
  cnSeniorExtension:
    '《银行业保险业消费投诉处理管理办法》处理时限: 情况特别复杂或者有其他特殊原因的, 经其上级机构或者总行、总公司高级管理人员审批并告知投诉人, 可以再延长30日',
  cnExtensionNotice:
    '《银行业保险业消费投诉处理管理办法》处理时限 (再延长须经审批并告知投诉人); LoanDesk policy: the complainant is told of every extension, before the period it extends runs out',
  cnPause:
    '《银行业保险业消费投诉处理管理办法》处理时限: 需外部机构进行鉴定、检测、评估等工作的, 相关期间可以不计入消费投诉处理期限, 但应当及时告知投诉人',
  cnPauseNotice:
    '《银行业保险业消费投诉处理管理办法》处理时限 (应当及时告知投诉人); LoanDesk policy: "及时" = by the end of the next local day',
  cnRepeat:
    '《银行业保险业消费投诉处理管理办法》处理时限: 投诉人在处理期限内再次提出同一消费投诉的, 可以合并处理; 提出新的事实和理由的, 处理期限自收到新的投诉材料之日起重新计算',
  cnReview:
    '《银行业保险业消费投诉处理管理办法》核查: 对处理结果有异议的, 可以自收到处理决定之日起30日内书面申请核查 (LoanDesk: 复核); 自收到核查申请之日起30日内作出核查决定并告知投诉人',
  cnRegulator:
    '监管转办: the regulator\'s 转送/转办 letter sets its own reply deadline (《银行业保险业消费投诉处理管理办法》监督管理/转送); LoanDesk applies the earlier of it and the Measures\' period',
  cnFirstHandling:
    'LoanDesk policy after seed 003 (贷款行业投诉处理机制): first handling (初步处理) within 24 hours of receipt; the "90% within 24 hours" figure is a KPI over all complaints, not a per-complaint rule',
  cnDays:
    'Natural days (自然日), not working days: the Measures say 日; the day of receipt is not counted and a period ends at 24:00 of its last day (《民法典》第二百零一条、第二百零三条第二款)',
  cnHolidayRollOver: '《民法典》第二百零三条第一款: 期间的最后一日是法定休假日的, 以法定休假日结束的次日为期间的最后一日',
  ukAck: 'FCA DISP 1.6.1R(1): a prompt written acknowledgement; LoanDesk policy: by the close of the next business day (configurable)',
  ukSummary:
    'FCA DISP 1.5.1R/1.5.4R: a complaint resolved by close of business on the third business day following the day of receipt may close with a summary resolution communication; DISP 1.6 then does not apply',
  ukFinal: 'FCA DISP 1.6.2R: a final response, or a written holding response with the right to refer to the Financial Ombudsman Service, by the end of eight weeks after receipt',
  ukNotApplicable: 'FCA DISP 1.6: the eight-week clock is not extended, paused or restarted',
  usResponse: 'CFPB company portal: companies respond within 15 days of the CFPB sending the complaint (an "in progress" response counts)',
  usFinal: 'CFPB company portal: a final response within 60 days of the CFPB sending the complaint',
  usNotApplicable: 'CFPB company portal: the 15- and 60-day periods are fixed; there is no extension, pause or review step',
  ordering: 'LoanDesk: complaint events are recorded in time order, none before receipt and none in the future',
} as const;

export type ProfileNumbers = {
  /** First handling: hours (cn) or business days (uk, set by options) or natural days (us). */
  firstHandling: { kind: 'hours'; hours: number } | { kind: 'business-days'; days: number } | { kind: 'days'; days: number };
  /** Natural days for the decision / final response before extensions. */
  decisionDays: number;
  /** Total decision period reachable without a senior approval (cn: 30). */
  maxWithoutApproval: number;
  /** Absolute maximum decision period (cn: 60). */
  maxDecisionDays: number;
  /** Natural days after the decision within which a review may be requested, and the review period. */
  reviewRequestDays: number | null;
  reviewDays: number | null;
  /** uk-fca: business days for the summary-resolution path. */
  summaryBusinessDays: number | null;
  firstHandlingSource: string;
  decisionSource: string;
};

export const PROFILE_NUMBERS: Readonly<Record<ComplaintProfile, ProfileNumbers>> = Object.freeze({
  'cn-banking-2020': {
    firstHandling: { kind: 'hours', hours: 24 },
    decisionDays: 15,
    maxWithoutApproval: 30,
    maxDecisionDays: 60,
    reviewRequestDays: 30,
    reviewDays: 30,
    summaryBusinessDays: null,
    firstHandlingSource: SOURCES.cnFirstHandling,
    decisionSource: SOURCES.cnDecision,
  },
  'uk-fca': {
    firstHandling: { kind: 'business-days', days: 1 },
    decisionDays: 56,
    maxWithoutApproval: 56,
    maxDecisionDays: 56,
    reviewRequestDays: null,
    reviewDays: null,
    summaryBusinessDays: 3,
    firstHandlingSource: SOURCES.ukAck,
    decisionSource: SOURCES.ukFinal,
  },
  'us-cfpb': {
    firstHandling: { kind: 'days', days: 15 },
    decisionDays: 60,
    maxWithoutApproval: 60,
    maxDecisionDays: 60,
    reviewRequestDays: null,
    reviewDays: null,
    summaryBusinessDays: null,
    firstHandlingSource: SOURCES.usResponse,
    decisionSource: SOURCES.usFinal,
  },
});
