/** Console strings: Collections workbench, cases, agreements, legal referral (催收作业台). */
import { defineMessages } from '../../i18n/define-messages.ts';

export const collectionsMessages = defineMessages({}, {});
