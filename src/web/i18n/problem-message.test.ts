import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/client.ts';
import { fieldErrors, pickLanguage, problemMessage } from './problem-message.ts';

const failure = (errors: Array<{ field: string; message: string; code?: string }>) =>
  new ApiProblem(422, { type: 'about:blank', title: 'Validation failed', status: 422, detail: 'Input validation failed', detailZh: '输入校验失败', code: 'validation', errors } as never);

const error = failure([
  { field: 'employeeCode', message: 'Too small: expected string to have >=2 characters / 不能少于 2 个字符', code: 'too_small' },
  { field: 'branchId', message: 'Unknown branch / 机构不存在' },
  { field: 'team', message: 'Required / 必填', code: 'invalid_type' },
]);
const formWording = (field: string) => (field === 'employeeCode' ? '工号长度 2–30 位' : null);
const noTranslation = () => 'untranslated';

describe('field messages in the reader’s language', () => {
  it('gives a Chinese reader the form’s own wording over a schema rule’s generic text', () => {
    expect(fieldErrors(error, 'zh-CN', ['employeeCode', 'branchId', 'team'], formWording).byField).toEqual({
      employeeCode: ['工号长度 2–30 位'],
      branchId: ['机构不存在'],
      team: ['必填'],
    });
  });

  it('keeps a business rule’s message even when the form has wording for the field', () => {
    const taken = failure([{ field: 'employeeCode', message: 'Already exists / 已存在' }]);
    expect(fieldErrors(taken, 'zh-CN', ['employeeCode'], formWording).byField).toEqual({ employeeCode: ['已存在'] });
  });

  it('gives an English reader the English half, never the form’s Chinese wording', () => {
    const { byField, others } = fieldErrors(error, 'en', ['employeeCode'], noTranslation);
    expect(byField).toEqual({ employeeCode: ['Too small: expected string to have >=2 characters'] });
    expect(others).toEqual(['Unknown branch', 'Required']);
  });

  it('lists every field message in the summary alert in the reader’s language', () => {
    const t = (key: string) => key;
    expect(problemMessage(error, 'zh-CN', t as never)).toEqual({ message: '输入校验失败', fields: ['不能少于 2 个字符', '机构不存在', '必填'] });
  });
});

describe('the half of a bilingual message in the reader’s language', () => {
  it.each([
    ['English / 中文', 'unknown channel / 未知渠道', '未知渠道', 'unknown channel'],
    ['Chinese the user typed, in both halves', 'unknown field "名称" / 未知字段 "名称"', '未知字段 "名称"', 'unknown field "名称"'],
    ['a " / " the user typed, in both halves', 'already used: "A / B" / 已被使用："A / B"', '已被使用："A / B"', 'already used: "A / B"'],
    ['English only', 'Required', 'Required', 'Required'],
    ['no clear middle', 'a / b / 中', 'a / b / 中', 'a / b / 中'],
  ])('%s', (_, message, zh, en) => {
    expect(pickLanguage(message, 'zh-CN')).toBe(zh);
    expect(pickLanguage(message, 'en')).toBe(en);
  });
});
