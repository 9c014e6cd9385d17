import type { StaffRole } from './staff.schema.ts';

/**
 * Who is acting. Every audit event, permission check and data-scope filter starts from an Actor.
 * `system` is for jobs and the CLI (imports, the daily run), named so the audit trail says which.
 */
export type Actor =
  | {
      kind: 'staff';
      userId: string;
      role: StaffRole;
      displayName: string;
      branchId: string | null;
      team: string | null;
    }
  | { kind: 'borrower'; portalUserId: string; customerId: string; displayName: string }
  | { kind: 'system'; name: string };

export const systemActor = (name: string): Actor => ({ kind: 'system', name });

/** A stable, human-readable id for logs and the audit trail. */
export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return `staff:${actor.userId}`;
    case 'borrower':
      return `borrower:${actor.portalUserId}`;
    case 'system':
      return `system:${actor.name}`;
  }
}
