/** Response types of the complaint handling additions, derived from the server's zod contracts (type-only). */
import type { z } from 'zod';
import type { AssignableHandlerList as AssignableHandlerListSchema } from '../../modules/complaints/complaints.contract.ts';

export type AssignableHandlerList = z.infer<typeof AssignableHandlerListSchema>;
export type AssignableHandler = AssignableHandlerList['items'][number];
