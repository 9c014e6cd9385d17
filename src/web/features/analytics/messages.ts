/** Console strings: Collections and complaint analytics (数据分析). */
import { defineMessages } from '../../i18n/define-messages.ts';

export const analyticsMessages = defineMessages({}, {});
