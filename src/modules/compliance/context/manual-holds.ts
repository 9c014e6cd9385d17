import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Database } from '../../../platform/db/client.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { closeContactHold, openContactHold } from './contact-holds.ts';

/**
 * Disputes and legal holds have no case of their own that ends them: a supervisor places them by
 * hand (a borrower disputes the debt in writing; a court order, an insolvency stay or litigation
 * names the borrower) and lifts them when the matter ends, as well as the disputes collectors record
 * on a call (source `collection-case`). The hold's source names what kind it is, and the external
 * reference (dispute number, court case number) when one is given.
 */
export const MANUAL_HOLD_SOURCES = { dispute: 'dispute', 'legal-hold': 'legal' } as const;
export type ManualHoldType = keyof typeof MANUAL_HOLD_SOURCES;
const LIFTED_BY_HAND: readonly string[] = Object.keys(MANUAL_HOLD_SOURCES);

export type PlaceManualHoldInput = {
  customerId: string;
  type: ManualHoldType;
  /** One loan of the customer, or null for every debt. */
  loanId?: string | null;
  /** Dispute number or court case number; one open hold per reference. */
  reference?: string | null;
  reason: string;
  actor: Actor;
  at: Date;
  requestId?: string | null;
};

export async function placeManualHold(database: Database, input: PlaceManualHoldInput): Promise<{ holdId: string }> {
  return database.transaction(async (tx) => {
    // Two supervisors entering the same reference at once: the second waits, then finds the first's hold.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('contact-hold:' || $1))`, [input.customerId]);
    if (input.loanId) {
      const { rows } = await tx.query(`SELECT 1 FROM loans WHERE id = $1 AND customer_id = $2`, [input.loanId, input.customerId]);
      if (rows.length === 0) {
        throw new DomainError('validation', { zh: '该贷款不属于此客户', en: 'The loan is not one of this customer’s' }, [
          { field: 'loanId', message: 'Not a loan of this customer / 不是该客户的贷款' },
        ]);
      }
    }
    const { holdId, created } = await openContactHold(tx, {
      customerId: input.customerId,
      debtId: input.loanId ?? null,
      type: input.type,
      sourceType: MANUAL_HOLD_SOURCES[input.type],
      sourceId: input.reference ?? randomUUID(),
      reason: input.reason,
      actor: input.actor,
      at: input.at,
      requestId: input.requestId,
    });
    if (!created) {
      throw new DomainError('conflict', { zh: '该编号已有一项未解除的联系暂停', en: 'An open contact hold with this reference already exists' }, [
        { field: 'reference', message: 'Already on hold / 已有未解除的暂停' },
      ]);
    }
    return { holdId };
  });
}

/**
 * Lifts a dispute or legal hold, whoever opened it. A pause for a complaint about collection conduct
 * or a fraud incident ends with its case, never by hand, so the case's own record stays the one
 * place that says why contact resumed.
 */
export async function releaseManualHold(
  database: Database,
  input: { customerId: string; holdId: string; reason: string; actor: Actor; at: Date; requestId?: string | null },
): Promise<{ closed: string[] }> {
  return database.transaction(async (tx) => {
    const { rows: [hold] } = await tx.query<{ type: string }>(
      `SELECT type FROM contact_holds WHERE id = $1 AND customer_id = $2 FOR UPDATE`,
      [input.holdId, input.customerId],
    );
    if (!hold) throw new DomainError('not_found', { zh: '联系暂停不存在', en: 'No such contact hold' });
    if (!LIFTED_BY_HAND.includes(hold.type)) {
      throw new DomainError('conflict', {
        zh: '该暂停随投诉或欺诈事件结案自动解除，不能手工解除',
        en: 'This pause ends when its complaint or fraud incident is closed; it cannot be lifted by hand',
      });
    }
    return closeContactHold(tx, { holdId: input.holdId, reason: input.reason, actor: input.actor, at: input.at, requestId: input.requestId });
  });
}
