import { and, eq, exists, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { ROLE_DATA_SCOPE } from '../../platform/auth/permissions.ts';
import type { Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors/domain-error.ts';
import { accountAssignments } from '../collections/assignments.schema.ts';
import { customers } from './customers.schema.ts';

/**
 * The customers an actor may see, as a SQL condition on `customers`. Applied on the server for
 * every read, so guessing another branch's or borrower's id gives a 404, never the record.
 */
export function customerScope(actor: Actor): SQL | undefined {
  if (actor.kind === 'system') return undefined;
  if (actor.kind === 'borrower') return eq(customers.id, actor.customerId);
  switch (ROLE_DATA_SCOPE[actor.role]) {
    case 'all':
      return undefined;
    case 'branch':
      return actor.branchId ? eq(customers.branchId, actor.branchId) : undefined; // head office: all branches
    case 'own-book':
      return eq(customers.relationshipManagerId, actor.userId);
    case 'assigned':
      return exists(
        sql`(SELECT 1 FROM ${accountAssignments} WHERE ${accountAssignments.customerId} = ${customers.id} AND ${isNull(accountAssignments.endedAt)} AND ${or(
          eq(accountAssignments.assigneeId, actor.userId),
          actor.team ? eq(accountAssignments.team, actor.team) : sql`false`,
        )})`,
      );
    case 'none':
      return sql`false`;
  }
}

/** Throws 404 (not 403: existence is not disclosed) when the customer is outside the actor's scope. */
export async function assertCustomerVisible(db: Db, actor: Actor, customerId: string): Promise<void> {
  const rows = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.id, customerId), customerScope(actor)));
  if (rows.length === 0) throw notFound({ zh: '客户', en: 'Customer' });
}
