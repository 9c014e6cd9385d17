/** Collections workbench types, from the server's zod contracts (type-only imports: nothing server-side is bundled). */
import type { z } from 'zod';
import type { Approvals, CaseView, QueueItem } from '../../modules/collections/workbench/workbench.routes.ts';
import type { OutcomeRequest as OutcomeRequestSchema } from '../../modules/collections/workbench/workbench-service.ts';
import type { Agreement, Quote } from '../../modules/collections/agreements/agreements.routes.ts';
import type { ArrangementRequest as ArrangementRequestSchema } from '../../modules/collections/agreements/agreement-service.ts';
import type { ReferralPackage as ReferralPackageSchema } from '../../modules/collections/legal-referral/legal-referral.routes.ts';
import type { ProposeReferralRequest as ProposeReferralRequestSchema } from '../../modules/collections/legal-referral/legal-referral-service.ts';
import type { AddContactPointRequest as AddContactPointRequestSchema } from '../../modules/customers/contact-points/contact-points.contract.ts';

export type CollectionQueueItem = z.infer<typeof QueueItem>;
export type CollectionQueue = { asOf: string; items: CollectionQueueItem[] };
export type CollectionCaseView = z.infer<typeof CaseView>;
export type CollectionApprovals = z.infer<typeof Approvals>;
export type OutcomeRequest = z.input<typeof OutcomeRequestSchema>;
export type OutcomeLogged = { outcomeId: string; contactId: string; promiseId: string | null; holdId: string | null; hardshipFlagSet: boolean };
export type ArrangementRequest = z.input<typeof ArrangementRequestSchema>;
export type ArrangementQuote = z.infer<typeof Quote>;
export type RepaymentAgreement = z.infer<typeof Agreement>;
export type AgreementInstalment = { sequence: number; dueDate: string; principalFen: number; interestFen: number; feeFen: number };
export type ReferralPackage = z.infer<typeof ReferralPackageSchema>;
export type ProposeReferralRequest = z.input<typeof ProposeReferralRequestSchema>;
export type AddContactPointRequest = z.input<typeof AddContactPointRequestSchema>;
