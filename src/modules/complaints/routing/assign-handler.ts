import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { notifyStaffAtCommit } from '../../../platform/notifications/index.ts';
import { CATEGORY_LABELS, type ComplaintCategory } from '../classifier/index.ts';
import { complaintSettings } from '../complaint-settings.ts';
import { routeComplaint, type RoutingCandidate, type RoutingDecision } from './route-complaint.ts';

// A handler's open complaints, kept by a trigger on complaints (migration 0021; no row: none).
const OPEN_WORKLOAD = `coalesce((SELECT w.open_complaints FROM complaint_handler_workloads w WHERE w.staff_id = s.id), 0)`;
const CANDIDATES_FROM = (branch: string) => `FROM staff_users s WHERE s.role = 'complaint-handler' AND NOT s.disabled AND (s.branch_id IS NULL OR s.branch_id = ${branch})`;

export type CandidateRow = { id: string; display_name: string; branch_id: string | null; team: string | null; open: number };
export const toRoutingCandidate = (r: CandidateRow): RoutingCandidate =>
  ({ id: r.id, displayName: r.display_name, branchId: r.branch_id, team: r.team, openComplaints: Number(r.open) });

/** Complaint handlers who could see a complaint of `branchId` (its branch, or head office), with their open workload. */
export async function loadRoutingCandidates(exec: SqlExecutor, branchId: string | null): Promise<RoutingCandidate[]> {
  const { rows } = await exec.query<CandidateRow>(`SELECT s.id, s.display_name, s.branch_id, s.team, ${OPEN_WORKLOAD} AS open ${CANDIDATES_FROM('$1')}`, [branchId]);
  return rows.map(toRoutingCandidate);
}

/** The same candidates as one JSON array, as a subquery for the branch expression `branch` (intake reads them with the customer). */
export function routingCandidatesJson(branch: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', s.id, 'display_name', s.display_name, 'branch_id', s.branch_id, 'team', s.team, 'open', ${OPEN_WORKLOAD})), '[]'::json) ${CANDIDATES_FROM(branch)})`;
}

/** Everyone a complaint may be reassigned to (complaints.handle: handlers and supervisors of its branch or head office), least loaded first. */
export async function loadAssignableHandlers(exec: SqlExecutor, branchId: string | null) {
  const { rows } = await exec.query<{ id: string; display_name: string; role: string; branch_id: string | null; team: string | null; open: number }>(
    `SELECT s.id, s.display_name, s.role, s.branch_id, s.team, ${OPEN_WORKLOAD} AS open
       FROM staff_users s
      WHERE s.role IN ('complaint-handler', 'supervisor') AND NOT s.disabled AND (s.branch_id IS NULL OR s.branch_id = $1)
      ORDER BY open, s.display_name`,
    [branchId],
  );
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, branchId: r.branch_id, team: r.team, openComplaints: Number(r.open) }));
}

const link = (complaintId: string) => `/complaints/${complaintId}`;

/** Tells a handler a complaint is now theirs (routing or reassignment). */
export async function notifyHandlerAssigned(
  exec: SqlExecutor, a: { handlerId: string; complaintId: string; referenceNumber: string; category: string | null; at: Date; reason: { zh: string; en: string }; dedupe: string },
) {
  const label = a.category && a.category in CATEGORY_LABELS ? CATEGORY_LABELS[a.category as ComplaintCategory] : { zh: '待分类', en: 'unclassified' };
  await notifyStaffAtCommit(exec, {
    recipientId: a.handlerId, kind: 'complaint-assigned', entityType: 'complaint', entityId: a.complaintId, link: link(a.complaintId), at: a.at,
    title: { zh: `投诉 ${a.referenceNumber} 已分派给您（${label.zh}）`, en: `Complaint ${a.referenceNumber} assigned to you (${label.en})` },
    body: a.reason, dedupeKey: `complaint-assigned:${a.complaintId}:${a.dedupe}`,
  });
}

/** 客户经理责任制: the customer's relationship manager hears of every complaint about their customer. */
export async function notifyRelationshipManager(
  exec: SqlExecutor,
  a: {
    customerId: string | null; complaintId: string; referenceNumber: string; handlerName: string | null; at: Date; event: 'opened' | 'reassigned'; dedupe: string;
    /** The customer's relationship manager and name when the caller has just read them (intake), else read here. */
    customer?: { rm: string | null; name: string };
  },
): Promise<string | null> {
  if (!a.customerId) return null;
  const c = a.customer ?? (await exec.query<{ rm: string | null; name: string }>(`SELECT relationship_manager_id AS rm, name FROM customers WHERE id = $1`, [a.customerId])).rows[0];
  if (!c?.rm) return null;
  const handler = a.handlerName ? { zh: `，处理人：${a.handlerName}`, en: `; handler: ${a.handlerName}` } : { zh: '，待指派处理人', en: '; no handler yet' };
  await notifyStaffAtCommit(exec, {
    recipientId: c.rm, kind: `complaint-${a.event}-rm`, entityType: 'complaint', entityId: a.complaintId, link: `/customers/${a.customerId}`, at: a.at,
    title: a.event === 'opened'
      ? { zh: `您的客户 ${c.name} 提出投诉 ${a.referenceNumber}`, en: `Your customer ${c.name} made complaint ${a.referenceNumber}` }
      : { zh: `您的客户 ${c.name} 的投诉 ${a.referenceNumber} 已转派`, en: `Complaint ${a.referenceNumber} of your customer ${c.name} was reassigned` },
    body: { zh: `投诉专员负责处理${handler.zh}。`, en: `The complaints team handles it${handler.en}.` },
    dedupeKey: `complaint-${a.event}-rm:${a.complaintId}:${a.dedupe}`,
  });
  return c.rm;
}

/** What intake has already read about the customer (one query in openComplaint), so routing does not read it again. */
export type IntakeCustomer = { branchId: string | null; relationshipManagerId: string | null; name: string };

export type RoutingPlan = { decision: RoutingDecision; candidates: RoutingCandidate[]; branchId: string | null };

/**
 * Routing's reads and decision (no writes): the handler by the routing rules among the candidates with
 * their open workload (`candidates` when the caller has read them already, as intake does).
 */
export async function planRouting(
  deps: Pick<AppDeps, 'config'>, exec: SqlExecutor,
  c: { customerId: string | null; category: string | null; customer?: IntakeCustomer | null; candidates?: RoutingCandidate[] | null },
): Promise<RoutingPlan> {
  let branchId: string | null = null;
  if (c.customer) branchId = c.customer.branchId;
  else if (c.customerId) {
    const { rows: [row] } = await exec.query<{ branch_id: string }>(`SELECT branch_id FROM customers WHERE id = $1`, [c.customerId]);
    branchId = row?.branch_id ?? null;
  }
  const candidates = c.candidates ?? (await loadRoutingCandidates(exec, branchId));
  const decision = routeComplaint({ category: c.category, branchId }, candidates, complaintSettings(deps).routing);
  return { decision, candidates, branchId };
}

/**
 * The rest of routing, in the same transaction as the UPDATE that stores the owner (openComplaint writes
 * `complaints.owner_id` = plan.decision.handlerId right after, see there why last): notifies the
 * handler, audits the decision, notifies the relationship manager.
 */
export async function applyRouting(
  exec: SqlExecutor, plan: RoutingPlan,
  c: { complaintId: string; referenceNumber: string; customerId: string | null; category: string | null; actor: Actor; at: Date; requestId: string | null; customer?: IntakeCustomer | null },
): Promise<RoutingDecision & { relationshipManagerId: string | null }> {
  const { decision, candidates, branchId } = plan;
  if (decision.handlerId) {
    await notifyHandlerAssigned(exec, { handlerId: decision.handlerId, complaintId: c.complaintId, referenceNumber: c.referenceNumber, category: c.category, at: c.at, reason: decision, dedupe: 'routed' });
  }
  await recordAudit(exec, {
    actor: c.actor, action: 'complaint.routed', entityType: 'complaint', entityId: c.complaintId, requestId: c.requestId,
    after: { ownerId: decision.handlerId, pool: decision.pool, branchId, category: c.category, openComplaints: decision.openComplaints, candidates: candidates.length, reason: decision.en },
  }, c.at);
  const handlerName = decision.handlerId ? candidates.find((x) => x.id === decision.handlerId)!.displayName : null;
  const relationshipManagerId = await notifyRelationshipManager(exec, {
    customerId: c.customerId, complaintId: c.complaintId, referenceNumber: c.referenceNumber, handlerName, at: c.at, event: 'opened', dedupe: 'opened',
    customer: c.customer ? { rm: c.customer.relationshipManagerId, name: c.customer.name } : undefined,
  });
  return { ...decision, relationshipManagerId };
}

/**
 * openComplaint's one call when an owner was named at intake (no routing): tells the named owner
 * (unless they registered it themselves); the relationship manager hears either way.
 */
export async function notifyNamedOwner(
  exec: SqlExecutor,
  c: { complaintId: string; referenceNumber: string; customerId: string | null; category: string | null; ownerId: string; actor: Actor; at: Date; customer?: IntakeCustomer | null },
) {
  const { rows: [owner] } = await exec.query<{ display_name: string }>(`SELECT display_name FROM staff_users WHERE id = $1`, [c.ownerId]);
  if (!(c.actor.kind === 'staff' && c.actor.userId === c.ownerId)) {
    await notifyHandlerAssigned(exec, {
      handlerId: c.ownerId, complaintId: c.complaintId, referenceNumber: c.referenceNumber, category: c.category, at: c.at, dedupe: 'named',
      reason: { zh: '登记时指定由您处理', en: 'Named as the handler when the complaint was registered' },
    });
  }
  await notifyRelationshipManager(exec, {
    customerId: c.customerId, complaintId: c.complaintId, referenceNumber: c.referenceNumber, handlerName: owner?.display_name ?? null, at: c.at, event: 'opened', dedupe: 'opened',
    customer: c.customer ? { rm: c.customer.relationshipManagerId, name: c.customer.name } : undefined,
  });
}
