/** Console strings: Complaint routing, letters, SLA alerts (投诉处理补充). */
import { defineMessages } from '../../i18n/define-messages.ts';

export const complaintHandlingMessages = defineMessages({}, {});
