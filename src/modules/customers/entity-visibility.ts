import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { loans } from '../loans/loans.schema.ts';
import { customerScope } from './customer-scope.ts';
import { customers } from './customers.schema.ts';

/**
 * Whether an actor may see an entity that evidence (and later cases) link to. Every such entity
 * belongs to a customer, so visibility is the customer's data scope. Unknown entity types are
 * denied until their module teaches this function about them.
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
      default:
        return false;
    }
  };
}
