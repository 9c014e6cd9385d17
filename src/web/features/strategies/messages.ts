/** Console strings: Collection strategies, simulation, champion/challenger (催收策略). */
import { defineMessages } from '../../i18n/define-messages.ts';

export const strategiesMessages = defineMessages({}, {});
