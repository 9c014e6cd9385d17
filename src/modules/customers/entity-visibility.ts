import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { complaintScope } from '../complaints/complaint-scope.ts';
import { complaints } from '../complaints/complaints.schema.ts';
import { loans } from '../loans/loans.schema.ts';
import { customerScope } from './customer-scope.ts';
import { customers } from './customers.schema.ts';

/**
 * Whether an actor may see an entity that evidence (and later cases) link to. Visibility is the
 * customer's data scope (a complaint: the complaint's scope, which follows its customer). Unknown
 * entity types are denied until their module teaches this function about them.
 */
export function entityVisibility(db: Db) {
  return async (actor: Actor, entityType: string, entityId: string): Promise<boolean> => {
    if (!/^[0-9a-f-]{36}$/i.test(entityId)) return false;
    switch (entityType) {
      case 'customer':
        return (await db.select({ id: customers.id }).from(customers).where(and(eq(customers.id, entityId), customerScope(actor)))).length > 0;
      case 'loan':
        return (
          await db
            .select({ id: loans.id })
            .from(loans)
            .innerJoin(customers, eq(customers.id, loans.customerId))
            .where(and(eq(loans.id, entityId), customerScope(actor)))
        ).length > 0;
      case 'complaint':
        // The complaint's own data scope (its customer's; an unmatched e-mail complaint for branch/all-scope staff).
        return (await db.select({ id: complaints.id }).from(complaints).where(and(eq(complaints.id, entityId), complaintScope(actor)))).length > 0;
      default:
        return false;
    }
  };
}
