import type { StaffRole } from '../../api/types.ts';
import { en, zhCN } from '../../i18n/dictionary.ts';

/**
 * The roles an administrator can give, business roles first. STAFF_ROLES sits in a Drizzle schema
 * file that must not be bundled; the check below fails `tsc` when the server adds a role this list lacks.
 */
export const ROLE_OPTIONS = [
  'collector',
  'relationship-manager',
  'supervisor',
  'complaint-handler',
  'risk-officer',
  'compliance-auditor',
  'administrator',
] as const satisfies readonly StaffRole[];

type MissingRole = Exclude<StaffRole, (typeof ROLE_OPTIONS)[number]>;
const everyRoleListed: [MissingRole] extends [never] ? true : MissingRole = true;
void everyRoleListed;

/** A role in both languages (催收员 · Collector), whatever the interface language: staff lists are read by both. */
export function bilingualRole(role: StaffRole): { zh: string; en: string } {
  return { zh: zhCN[`role.${role}`], en: en[`role.${role}`] };
}
