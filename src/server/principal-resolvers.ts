import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/client.ts';
import type { PrincipalResolvers } from '../platform/auth/auth-middleware.ts';
import { staffUsers } from '../platform/auth/staff.schema.ts';
import { customers } from '../modules/customers/customers.schema.ts';
import { portalUsers } from '../modules/portal/portal-users.schema.ts';

/** A disabled account's live sessions stop working on its next request in this process (SessionCache forgets them), within SESSION_TOUCH_SECONDS in another, not at expiry. */
export function principalResolvers(database: Database): PrincipalResolvers {
  const { db } = database;
  return {
    staff: async (id, row) => {
      const u = row !== undefined ? row : (await db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0];
      if (!u || u.disabled) return null;
      return { kind: 'staff', userId: u.id, role: u.role, displayName: u.displayName, branchId: u.branchId, team: u.team };
    },
    borrower: async (id) => {
      const [row] = await db
        .select({ user: portalUsers, name: customers.name })
        .from(portalUsers)
        .innerJoin(customers, eq(customers.id, portalUsers.customerId))
        .where(eq(portalUsers.id, id));
      if (!row || row.user.disabled) return null;
      return { kind: 'borrower', portalUserId: row.user.id, customerId: row.user.customerId, displayName: row.name };
    },
  };
}
