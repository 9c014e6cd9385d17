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
    expect(m.name).toBe('Too small: expected string to have >=2 characters / 数值过小：期望 string >=2 字符');
    expect(m.days).toBe('Too big: expected number to be <=60 / 数值过大：期望 number <=60');
    expect(m.kind).toMatch(/^Invalid option: expected one of "phone"\|"letter" \/ 无效选项：/);
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
    expect(problem.errors).toEqual([{ field: 'name', code: 'too_small', message: expect.stringMatching(/^Too small: .+ \/ 数值过小/) }]);
  });
});
