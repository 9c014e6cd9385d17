import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';

type LocaleError = ReturnType<typeof en>['localeError'];
type RawIssue = Parameters<LocaleError>[0];

const english = en().localeError;
const zodChinese = zhCN().localeError;

const text = (m: ReturnType<LocaleError>): string => (typeof m === 'string' ? m : (m?.message ?? ''));

const TYPE_ZH: Record<string, string> = {
  string: '文本', number: '数字', int: '整数', bigint: '整数', boolean: 'true 或 false', array: '列表', object: '对象', date: '日期',
};

const FORMAT_ZH: Record<string, string> = {
  email: '电子邮箱格式不正确',
  url: '网址格式不正确',
  uuid: '编号格式不正确（应为 UUID）',
  guid: '编号格式不正确（应为 UUID）',
  date: '日期格式不正确（应为 YYYY-MM-DD）',
  datetime: '时间格式不正确（应为 ISO 8601，如 2026-11-28T10:00:00+08:00）',
  time: '时刻格式不正确（应为 HH:MM:SS）',
};

const isNumeric = (origin: unknown) => origin === 'number' || origin === 'int' || origin === 'bigint';
const isList = (origin: unknown) => origin === 'array' || origin === 'set';
const list = (values: readonly unknown[]) => values.map((v) => String(v)).join('、');

/**
 * The Chinese a bank's staff read for zod's common issues. zod's own zh-CN locale is literal
 * ('数值过小：期望 string >=1 字符' for an empty text field), so the usual cases are worded here;
 * anything else falls back to it.
 */
function chinese(issue: RawIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 && issue.inclusive !== false ? '不能为空' : `不能少于 ${min} 个字符`;
      if (isList(issue.origin)) return `至少需要 ${min} 项`;
      if (isNumeric(issue.origin)) return issue.inclusive === false ? `必须大于 ${min}` : `不能小于 ${min}`;
      break;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `不能超过 ${max} 个字符`;
      if (isList(issue.origin)) return `最多 ${max} 项`;
      if (isNumeric(issue.origin)) return issue.inclusive === false ? `必须小于 ${max}` : `不能大于 ${max}`;
      break;
    }
    case 'invalid_type': {
      const expected = TYPE_ZH[issue.expected];
      if (expected) return `格式不正确：应为${expected}`;
      break;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `取值须为 ${list(issue.values)}` : `取值须为以下之一：${list(issue.values)}`;
    case 'invalid_format':
      return FORMAT_ZH[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `必须是 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `不支持的字段：${list(issue.keys)}`;
    case 'invalid_union':
      return '格式不正确';
  }
  return text(zodChinese(issue));
}

/**
 * zod's own message for an issue, in LoanDesk's bilingual form 'English / 中文'. The UI shows the
 * half in the reader's language (`pickLanguage`), and an API client or an import report gets both.
 * A missing value reads "Required / 必填" rather than "expected string, received undefined".
 */
export function bilingualZodMessage(issue: RawIssue): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'Required / 必填';
  return `${text(english(issue))} / ${chinese(issue)}`;
}

/**
 * Makes every message zod writes itself bilingual (a schema's own message is kept as written).
 * zod's configuration is process-wide, so the composition roots (openApp, createApp) call this;
 * calling it again changes nothing.
 */
export function configureBilingualZodMessages(): void {
  z.config({ localeError: bilingualZodMessage });
}
