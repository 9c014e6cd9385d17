import { STAFF_ROLES, type StaffRole } from '../../platform/auth/staff.schema.ts';
import { DEMO_BRANCHES } from './reference-data.ts';

export type DemoStaff = { employeeCode: string; displayName: string; role: StaffRole; branchId: string; team: string | null; email: string };

// Collections and relationship management carry the volume, so those roles get more people.
const HEADCOUNT: Record<StaffRole, number> = {
  administrator: 1,
  supervisor: 1,
  collector: 3,
  'relationship-manager': 3,
  'complaint-handler': 1,
  'risk-officer': 1,
  'compliance-auditor': 1,
};

const ROLE_ZH: Record<StaffRole, string> = {
  administrator: '管理员',
  supervisor: '主管',
  collector: '催收员',
  'relationship-manager': '客户经理',
  'complaint-handler': '投诉专员',
  'risk-officer': '风险经理',
  'compliance-auditor': '合规审计',
};

/** The fixed demo staff list: E1001, E1002… in branch, then role order (same on every seed). */
export const DEMO_STAFF: readonly DemoStaff[] = (() => {
  const staff: DemoStaff[] = [];
  let code = 1001;
  for (const branch of DEMO_BRANCHES) {
    for (const role of STAFF_ROLES) {
      for (let n = 1; n <= HEADCOUNT[role]; n++) {
        const employeeCode = `E${code++}`;
        staff.push({
          employeeCode,
          displayName: `${branch.nameZh.replace('分行', '')}${ROLE_ZH[role]}${n}`,
          role,
          branchId: branch.id,
          team: role === 'collector' ? `${branch.id}-collections-${n <= 2 ? 'early' : 'late'}` : null,
          email: `${employeeCode.toLowerCase()}@loandesk.example.com`,
        });
      }
    }
  }
  return staff;
})();

/** Relationship managers of a branch, for customer ownership and loan officers. */
export const RELATIONSHIP_MANAGERS_BY_BRANCH: ReadonlyMap<string, readonly string[]> = new Map(
  DEMO_BRANCHES.map((b) => [
    b.id,
    DEMO_STAFF.filter((s) => s.branchId === b.id && s.role === 'relationship-manager').map((s) => s.employeeCode),
  ]),
);
