import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';

type LocaleError = ReturnType<typeof en>['localeError'];
type RawIssue = Parameters<LocaleError>[0];

const english = en().localeError;
const chinese = zhCN().localeError;

const text = (m: ReturnType<LocaleError>): string => (typeof m === 'string' ? m : (m?.message ?? ''));

/**
 * zod's own message for an issue, in LoanDesk's bilingual form 'English / 中文'. The UI shows the
 * half in the reader's language (`pickLanguage`), and an API client or an import report gets both.
 * A missing value reads "Required / 必填" rather than "expected string, received undefined".
 */
export function bilingualZodMessage(issue: RawIssue): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'Required / 必填';
  const en = text(english(issue));
  const zh = text(chinese(issue));
  return zh && zh !== en ? `${en} / ${zh}` : en;
}

/**
 * Makes every message zod writes itself bilingual (a schema's own message is kept as written).
 * zod's configuration is process-wide, so the composition roots (openApp, createApp) call this;
 * calling it again changes nothing.
 */
export function configureBilingualZodMessages(): void {
  z.config({ localeError: bilingualZodMessage });
}
