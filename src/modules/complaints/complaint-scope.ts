import { exists, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { ROLE_DATA_SCOPE } from '../../platform/auth/permissions.ts';
import { customerScope } from '../customers/customer-scope.ts';
import { customers } from '../customers/customers.schema.ts';
import { complaints } from './complaints.schema.ts';

/**
 * Data scope: a complaint is visible when its customer is; one without a customer (unmatched
 * e-mail) only to staff whose scope is the branch or everything.
 */
export function complaintScope(actor: Actor): SQL | undefined {
  if (actor.kind === 'system') return undefined;
  const cs = customerScope(actor);
  const unmatchedVisible = actor.kind === 'staff' && (ROLE_DATA_SCOPE[actor.role] === 'all' || ROLE_DATA_SCOPE[actor.role] === 'branch');
  if (!cs && unmatchedVisible) return undefined;
  const customerVisible = exists(sql`(SELECT 1 FROM ${customers} WHERE ${customers.id} = ${complaints.customerId}${cs ? sql` AND ${cs}` : sql``})`);
  return unmatchedVisible ? or(isNull(complaints.customerId), customerVisible) : customerVisible;
}
