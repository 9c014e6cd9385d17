import { PERMISSIONS, ROLE_DATA_SCOPE, ROLE_PERMISSIONS, type Permission } from './permissions.ts';
import { STAFF_ROLES } from './staff.schema.ts';

const ROLE_ZH: Record<(typeof STAFF_ROLES)[number], string> = {
  administrator: '管理员',
  supervisor: '主管',
  collector: '催收员',
  'relationship-manager': '客户经理',
  'complaint-handler': '投诉专员',
  'risk-officer': '风险管理部',
  'compliance-auditor': '合规 / 内审',
};

/** docs/permissions.md, generated from the permission table (`npm run docs:permissions`). */
export function renderPermissionMatrix(): string {
  const header = `| permission | meaning | ${STAFF_ROLES.map((r) => `${r}<br>${ROLE_ZH[r]}`).join(' | ')} |`;
  const sep = `| --- | --- | ${STAFF_ROLES.map(() => ':---:').join(' | ')} |`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) => `| \`${p}\` | ${PERMISSIONS[p]} | ${STAFF_ROLES.map((r) => (ROLE_PERMISSIONS[r].includes(p) ? '✓' : '')).join(' | ')} |`,
  );
  const scopes = STAFF_ROLES.map((r) => `| ${r} (${ROLE_ZH[r]}) | ${ROLE_DATA_SCOPE[r]} |`);
  return [
    '# Permissions by role (权限矩阵)',
    '',
    'Generated from `src/platform/auth/permissions.ts` by `npm run docs:permissions`; a test fails when this file is stale.',
    'Borrowers (借款人) use the portal, where every route is limited to their own records.',
    '',
    header,
    sep,
    ...rows,
    '',
    '## Data scope (数据范围)',
    '',
    '`branch` means the user\'s branch, or every branch for head-office staff (no branch). `assigned` means accounts assigned',
    'to the collector or their team; `own-book` the relationship manager\'s own customers (客户经理责任制).',
    '',
    '| role | scope |',
    '| --- | --- |',
    ...scopes,
    '',
  ].join('\n');
}
