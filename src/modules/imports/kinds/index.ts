import type { ImportKind } from '../import-types.ts';
import type { ImportKindDefinition } from './kind.ts';
import { customersKind } from './customers.ts';
import { contactsKind } from './contacts.ts';
import { loansKind } from './loans.ts';
import { schedulesKind } from './schedules.ts';
import { repaymentsKind } from './repayments.ts';

/** Import order matters across files: customers → contacts/loans → schedules → repayments. */
export const IMPORT_KIND_DEFINITIONS: Record<ImportKind, ImportKindDefinition> = {
  customers: customersKind,
  contacts: contactsKind,
  loans: loansKind,
  schedules: schedulesKind,
  repayments: repaymentsKind,
};
