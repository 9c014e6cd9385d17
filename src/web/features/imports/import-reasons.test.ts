import { describe, expect, it } from 'vitest';
import { dictionaries } from '../../i18n/dictionary.ts';
import { interpolate, type Translate } from '../../i18n/i18n.tsx';
import { reasonForReader } from './import-reasons.ts';

const zh: Translate = (key, params) => interpolate(dictionaries['zh-CN'][key], params);

describe('an import rejection reason for its reader', () => {
  it('shows a Chinese reader the Chinese half, with the English beside it', () => {
    expect(reasonForReader('looks like a spreadsheet formula / 疑似电子表格公式', 'zh-CN', zh)).toEqual({ text: '疑似电子表格公式', english: 'looks like a spreadsheet formula' });
  });

  it('shows an English reader the English half alone', () => {
    expect(reasonForReader('looks like a spreadsheet formula / 疑似电子表格公式', 'en', zh)).toEqual({ text: 'looks like a spreadsheet formula', english: null });
  });

  it('translates the known English-only reasons of older runs, and shows the rest as recorded', () => {
    expect(reasonForReader('has an invalid check digit', 'zh-CN', zh)).toEqual({ text: '校验位错误', english: 'has an invalid check digit' });
    expect(reasonForReader('must be one of individual, enterprise', 'zh-CN', zh).english).toBe('must be one of individual, enterprise');
    expect(reasonForReader('refused by the database: deadlock', 'zh-CN', zh)).toEqual({ text: 'refused by the database: deadlock', english: null });
  });
});
