import type { Locale, Translate } from '../../i18n/i18n.tsx';
import { hasChinese, pickLanguage } from '../../i18n/problem-message.ts';
import type { MessageKey } from '../../i18n/dictionary.ts';

/**
 * The import pipeline reports each rejection reason as 'English / 中文'. Runs recorded before it did
 * hold English only; for Chinese readers the common ones of those are translated here, anything else
 * is shown as it came.
 */
const EXACT: Record<string, MessageKey> = {
  'is required': 'importReason.required',
  'has an invalid check digit': 'importReason.checkDigit',
  'looks like a spreadsheet formula': 'importReason.formula',
  'is not a real calendar date': 'importReason.notRealDate',
  'must be a date written YYYY-MM-DD': 'importReason.dateFormat',
  'is outside 1900-2199': 'importReason.dateRange',
  'must be true or false': 'importReason.boolean',
  'must be a whole number': 'importReason.wholeNumber',
  'has more than 2 decimal places': 'importReason.decimals',
  'must not be negative': 'importReason.negative',
  'must be greater than 0': 'importReason.positive',
  'is too large': 'importReason.tooLarge',
  'must not contain spaces': 'importReason.spaces',
  'unknown branch': 'importReason.unknownBranch',
  'unknown customer': 'importReason.unknownCustomer',
  'unknown loan': 'importReason.unknownLoan',
  'unknown staff employee code': 'importReason.unknownStaff',
  'unknown credit line': 'importReason.unknownCreditLine',
  'is required for an individual': 'importReason.requiredIndividual',
  'is required for an enterprise': 'importReason.requiredEnterprise',
  'applies to individuals only': 'importReason.individualsOnly',
  'applies to enterprises only': 'importReason.enterprisesOnly',
  'is not a valid resident ID number': 'importReason.residentId',
  'must be 18 characters': 'importReason.length18',
  'contains an impossible birth date': 'importReason.impossibleBirthDate',
  'is not a valid unified social credit code': 'importReason.creditCode',
  'is not a valid phone number': 'importReason.phone',
  'is not a valid e-mail address': 'importReason.email',
  'contains bytes that are not valid text in the file encoding': 'importReason.encoding',
  'repayments are immutable; post a reversal': 'importReason.immutable',
};

const PATTERNS: Array<[RegExp, MessageKey, (m: RegExpExecArray) => Record<string, string>]> = [
  [/^duplicate of line (\d+) in this file$/, 'importReason.duplicate', (m) => ({ line: m[1]! })],
  [/^is longer than (\d+) characters$/, 'importReason.tooLong', (m) => ({ n: m[1]! })],
  [/^row has (\d+) fields but the header has (\d+)$/, 'importReason.fieldCount', (m) => ({ n: m[1]!, header: m[2]! })],
  [/^must be one of (.+)$/, 'importReason.oneOf', (m) => ({ values: m[1]! })],
  [/^does not match the ID number \((.+)\)$/, 'importReason.idMismatch', (m) => ({ value: m[1]! })],
  [/^already belongs to customer (.+)$/, 'importReason.creditCodeTaken', (m) => ({ customer: m[1]! })],
  [/^must be between (\S+) and (\S+)$/, 'importReason.between', (m) => ({ min: m[1]!, max: m[2]! })],
];

/** An English-only reason in Chinese when it is a known one, else null (show the original). */
function translateReason(reason: string, t: Translate): string | null {
  const exact = EXACT[reason];
  if (exact) return t(exact);
  for (const [pattern, key, params] of PATTERNS) {
    const m = pattern.exec(reason);
    if (m) return t(key, params(m));
  }
  return null;
}

/**
 * A rejection reason for the reader: their language first and, for a Chinese reader, the English
 * beside it (the words an operator searches the logs and the CSV report for).
 */
export function reasonForReader(reason: string, locale: Locale, t: Translate): { text: string; english: string | null } {
  const text = pickLanguage(reason, locale);
  if (locale !== 'zh-CN') return { text, english: null };
  if (hasChinese(text)) return { text, english: pickLanguage(reason, 'en') };
  const translated = translateReason(reason, t);
  return translated ? { text: translated, english: reason } : { text: reason, english: null };
}
