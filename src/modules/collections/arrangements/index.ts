/** Hardship arrangements: grace period, instalment plan, restructuring. Pure, integer fen; see ../README.md. */
export { gracePeriod, type GracePeriodRequest } from './grace-period.ts';
export { instalmentPlan, type InstalmentPlanRequest } from './instalment-plan.ts';
export { restructuring, type RestructuringRequest } from './restructuring.ts';
export { reconciles, type ArrangementResult, type ArrangementKind, type Movements } from './arrangement.ts';
export {
  approvalFor, DEFAULT_APPROVAL_LIMITS, type ApprovalLimits, type ApprovalReason, type ApprovalReasonCode, type Concessions,
} from './approval.ts';
export { totalsOf, type OutstandingSchedule, type ScheduleTotals, type Instalment } from './outstanding-schedule.ts';
