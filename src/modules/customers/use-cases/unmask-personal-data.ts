import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { executorFor } from '../../../platform/db/drizzle-executor.ts';
import { notFound } from '../../../platform/errors/domain-error.ts';
import { assertCustomerVisible } from '../customer-scope.ts';
import { contactPoints, customers } from '../customers.schema.ts';

/**
 * Reveals one masked field. PIPL art. 51 (access control) and the bank's own least-privilege rule:
 * every reveal carries a reason and is written to the audit trail with it, in the same transaction.
 */
export async function unmaskPersonalData(
  deps: AppDeps,
  actor: Actor,
  input: { customerId: string; field: 'id-number' | 'contact-point'; contactPointId?: string; reason: string; requestId?: string },
): Promise<{ field: string; value: string }> {
  const { db } = deps.database;
  await assertCustomerVisible(db, actor, input.customerId);
  return db.transaction(async (tx) => {
    let value: string;
    let entity: { type: string; id: string };
    if (input.field === 'id-number') {
      const [row] = await tx.select({ ct: customers.idNumberCiphertext }).from(customers).where(eq(customers.id, input.customerId));
      if (!row?.ct) throw notFound({ zh: '证件号码', en: 'ID number' });
      value = deps.cipher.decrypt(row.ct);
      entity = { type: 'customer', id: input.customerId };
    } else {
      const [row] = await tx
        .select({ value: contactPoints.value })
        .from(contactPoints)
        .where(and(eq(contactPoints.id, input.contactPointId!), eq(contactPoints.customerId, input.customerId)));
      if (!row) throw notFound({ zh: '联系方式', en: 'Contact point' });
      value = row.value;
      entity = { type: 'contact-point', id: input.contactPointId! };
    }
    await recordAudit(executorFor(tx), {
      actor,
      action: 'personal-data.unmasked',
      entityType: entity.type,
      entityId: entity.id,
      after: { field: input.field, customerId: input.customerId },
      reason: input.reason,
      requestId: input.requestId ?? null,
    });
    return { field: input.field, value };
  });
}
