/**
 * Routing a new complaint to a handler (客户经理责任制 / one owner per complaint, seed 003): by
 * category, branch and workload. Pure: the candidates and their open workload are loaded by the
 * caller. Handlers only see complaints of their own branch (head office: every branch), so a
 * complaint never goes to a handler of another branch: the customer's branch first, then head office.
 */

/** A category with a specialised handler pool: the handlers whose staff `team` is `team`. */
export type SpecialisedPool = { category: string; team: string };
export type ComplaintRoutingRules = {
  /** Categories that go to a specialised team (e.g. collection conduct, fraud); checked before the default. */
  specialised: readonly SpecialisedPool[];
  /**
   * When no specialised handler can take a specialised category: false (default) falls back to the
   * ordinary pool, true leaves it unassigned for a supervisor (a strict "specialists only" policy).
   */
  specialisedOnly?: boolean;
};

export const DEFAULT_ROUTING_RULES: ComplaintRoutingRules = {
  specialised: [
    // Collection conduct: the handler must judge collection recordings and the 公约's conduct rules.
    { category: 'collection-conduct', team: 'complaints-collection-conduct' },
    // Fraud or identity misuse: handed on to the fraud-incident workflow (000); specialists liaise with it.
    { category: 'fraud-or-identity-misuse', team: 'complaints-fraud' },
  ],
};

export type RoutingCandidate = {
  id: string;
  displayName: string;
  /** null = head office. */
  branchId: string | null;
  team: string | null;
  /** Complaints this handler owns that are not closed. */
  openComplaints: number;
};

export type RoutingInput = { category: string | null; branchId: string | null };

export type RoutingPool = 'specialised-branch' | 'specialised-head-office' | 'branch' | 'head-office';

export type RoutingDecision =
  | { handlerId: string; pool: RoutingPool; openComplaints: number; considered: number; zh: string; en: string }
  | { handlerId: null; pool: null; openComplaints: null; considered: number; zh: string; en: string };

const POOL_TEXT: Record<RoutingPool, { zh: string; en: string }> = {
  'specialised-branch': { zh: '本分行专业处理组', en: "the branch's specialised team" },
  'specialised-head-office': { zh: '总行专业处理组', en: 'the head-office specialised team' },
  branch: { zh: '本分行投诉处理人员', en: "the branch's complaint handlers" },
  'head-office': { zh: '总行投诉处理人员', en: 'head-office complaint handlers' },
};

/** The least-loaded candidate; ties go to the lower id, so the same input always gives the same handler. */
function leastLoaded(pool: readonly RoutingCandidate[]): RoutingCandidate | undefined {
  let best: RoutingCandidate | undefined;
  for (const c of pool) {
    if (!best || c.openComplaints < best.openComplaints || (c.openComplaints === best.openComplaints && c.id < best.id)) best = c;
  }
  return best;
}

export function routeComplaint(complaint: RoutingInput, candidates: readonly RoutingCandidate[], rules: ComplaintRoutingRules = DEFAULT_ROUTING_RULES): RoutingDecision {
  // Same branch or head office only (data scope); a complaint without a customer has no branch → head office.
  const visible = candidates.filter((c) => c.branchId === null || (complaint.branchId !== null && c.branchId === complaint.branchId));
  const inBranch = (c: RoutingCandidate) => complaint.branchId !== null && c.branchId === complaint.branchId;
  const atHeadOffice = (c: RoutingCandidate) => c.branchId === null;
  const steps: Array<[RoutingPool, RoutingCandidate[]]> = [];
  const special = rules.specialised.find((s) => s.category === complaint.category);
  if (special) {
    const team = visible.filter((c) => c.team === special.team);
    steps.push(['specialised-branch', team.filter(inBranch)], ['specialised-head-office', team.filter(atHeadOffice)]);
  }
  if (!special || !rules.specialisedOnly) {
    // The ordinary pool leaves specialised teams out, so their capacity stays for their own categories.
    const specialisedTeams = new Set(rules.specialised.map((s) => s.team));
    const ordinary = visible.filter((c) => c.team === null || !specialisedTeams.has(c.team));
    steps.push(['branch', ordinary.filter(inBranch)], ['head-office', ordinary.filter(atHeadOffice)]);
  }
  for (const [pool, members] of steps) {
    const chosen = leastLoaded(members);
    if (chosen) {
      const p = POOL_TEXT[pool];
      return {
        handlerId: chosen.id, pool, openComplaints: chosen.openComplaints, considered: members.length,
        zh: `按规则分派给${p.zh}中在办最少的 ${chosen.displayName}（在办 ${chosen.openComplaints} 件）`,
        en: `routed to ${chosen.displayName}, the least-loaded of ${p.en} (${chosen.openComplaints} open)`,
      };
    }
  }
  return {
    handlerId: null, pool: null, openComplaints: null, considered: 0,
    zh: '没有可分派的投诉处理人员，待主管指派', en: 'No complaint handler available; left for a supervisor to assign',
  };
}
