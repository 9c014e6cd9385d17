import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toProblem } from './problem-details.ts';
import { configureBilingualZodMessages } from './zod-messages.ts';

const Form = z.object({
  name: z.string().trim().min(2),
  days: z.number().int().max(60),
  kind: z.enum(['phone', 'letter']),
  reason: z.string().min(5, 'Give a reason of at least 5 characters / 请填写至少 5 个字的理由'),
});

const messagesOf = (input: unknown) =>
  Object.fromEntries(Form.safeParse(input).error!.issues.map((i) => [i.path.join('.'), i.message]));

describe('zod validation messages in English and Chinese', () => {
  beforeAll(() => configureBilingualZodMessages());

  it('writes each of zod’s own messages as "English / 中文"', () => {
    const m = messagesOf({ name: 'x', days: 61, kind: 'fax', reason: 'long enough' });
    expect(m.name).toBe('Too small: expected string to have >=2 characters / 不能少于 2 个字符');
    expect(m.days).toBe('Too big: expected number to be <=60 / 不能大于 60');
    expect(m.kind).toBe('Invalid option: expected one of "phone"|"letter" / 取值须为以下之一：phone、letter');
  });

  it('words the usual rules as staff would read them, and falls back to zod’s Chinese', () => {
    const Other = z.object({
      empty: z.string().min(1),
      count: z.number().int(),
      id: z.uuid(),
      on: z.iso.date(),
      items: z.array(z.string()).max(2),
      rate: z.number().gt(0),
      strict: z.strictObject({}),
    });
    const issues = Other.safeParse({ empty: '', count: 'x', id: 'x', on: '2026-13-01', items: ['a', 'b', 'c'], rate: 0, strict: { extra: 1 } }).error!.issues;
    const zh = Object.fromEntries(issues.map((i) => [i.path[0], i.message.split(' / ')[1]]));
    expect(zh).toEqual({
      empty: '不能为空',
      count: '格式不正确：应为数字',
      id: '编号格式不正确（应为 UUID）',
      on: '日期格式不正确（应为 YYYY-MM-DD）',
      items: '最多 2 项',
      rate: '必须大于 0',
      strict: '不支持的字段：extra',
    });
  });

  it('says a missing value is required, not "received undefined"', () => {
    const m = messagesOf({ reason: 'long enough' });
    expect(m).toEqual({ name: 'Required / 必填', days: 'Required / 必填', kind: 'Required / 必填' });
  });

  it('keeps a schema’s own message as written', () => {
    expect(messagesOf({ name: 'ok', days: 1, kind: 'phone', reason: 'no' }).reason).toBe('Give a reason of at least 5 characters / 请填写至少 5 个字的理由');
  });

  it('reaches the API’s problem+json field list', () => {
    const problem = toProblem(Form.safeParse({ name: 'x', days: 1, kind: 'phone', reason: 'long enough' }).error);
    expect(problem.status).toBe(422);
    expect(problem.errors).toEqual([{ field: 'name', code: 'too_small', message: expect.stringMatching(/^Too small: .+ \/ 不能少于 2 个字符$/) }]);
  });
});
