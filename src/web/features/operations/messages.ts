/** Console strings: Scheduled jobs and daily-run records (作业调度). */
import { defineMessages } from '../../i18n/define-messages.ts';

export const operationsMessages = defineMessages({}, {});
