import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { signIn, signInAs, type SignedInClient } from '../../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture, queue } from '../communications.test-support.ts';
import { declarationProblems, formatDate, renderTemplate } from './render.ts';

describe('template rendering', () => {
  const text = {
    variables: [
      { name: 'customerName', type: 'string' as const, required: true },
      { name: 'amountFen', type: 'money-fen' as const, required: true },
      { name: 'dueDate', type: 'date' as const, required: true },
      { name: 'days', type: 'integer' as const, required: false },
    ],
    subjectZh: '提醒', bodyZh: '{{customerName}}：{{amountFen}}，{{dueDate}}，{{days}}天', subjectEn: 'Reminder', bodyEn: '{{customerName}}: {{amountFen}} by {{dueDate}}',
  };

  it('formats money from integer fen and dates per language', () => {
    const values = { customerName: '张三', amountFen: 123_456_789, dueDate: '2027-01-05', days: 3 };
    expect(renderTemplate(text, 'zh-CN', values).rendered.body).toBe('张三：¥1,234,567.89，2027年1月5日，3天');
    expect(renderTemplate(text, 'en', values).rendered.body).toBe('张三: CN¥1,234,567.89 by 5 January 2027');
    expect(formatDate('2026-02-28', 'zh-CN')).toBe('2026年2月28日');
  });

  it('reports missing and mistyped variables instead of rendering "undefined"', () => {
    const { problems } = renderTemplate(text, 'zh-CN', { customerName: '张三', amountFen: 12.5, dueDate: '2026-02-30' });
    expect(problems).toEqual([
      { name: 'amountFen', problem: 'invalid', message: 'must be an integer amount of fen / 必须是以分为单位的整数金额' },
      { name: 'dueDate', problem: 'invalid', message: 'must be a date YYYY-MM-DD / 必须是 YYYY-MM-DD 格式的日期' },
    ]);
    expect(renderTemplate(text, 'zh-CN', {}, { lenient: true }).rendered.body).toBe('{{customerName}}：{{amountFen}}，{{dueDate}}，天');
  });

  it('refuses placeholders that are not declared', () => {
    expect(declarationProblems({ ...text, bodyEn: 'Hi {{nickname}}' })).toEqual(['placeholder {{nickname}} is not declared / 占位符 {{nickname}} 未声明']);
  });
});

describeEachDatabase('templates: versions, approval, wording check, preview', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let author: SignedInClient;
  let reviewer: SignedInClient;
  const content = (bodyZh: string) => ({
    variables: [{ name: 'customerName', type: 'string', required: true }, { name: 'amountFen', type: 'money-fen', required: true }],
    subjectZh: '关于您的账户', bodyZh, subjectEn: 'About your account', bodyEn: 'Dear {{customerName}}, {{amountFen}} is due. Please contact us.',
  });
  beforeAll(async () => {
    hub = await hubFixture(getDb());
    author = await signInAs(hub.api, getDb(), { role: 'supervisor' });
    reviewer = await signInAs(hub.api, getDb(), { role: 'compliance-auditor' });
  });

  it('lists the seeded default templates as approved system templates', async () => {
    const res = await author.request('/api/templates');
    expect(res.status).toBe(200);
    const keys = res.body.items.map((t: { key: string }) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['payment-reminder', 'overdue-notice', 'promise-to-pay-confirmation', 'complaint-acknowledgement']));
    expect(res.body.items.find((t: { key: string }) => t.key === 'overdue-notice')).toMatchObject({ system: true, approvedVersion: 1, nameZh: '逾期提醒' });
  });

  it('refuses to submit a version that threatens prison (坐牢), showing the phrase', async () => {
    const created = await author.request('/api/templates', {
      json: { key: 'stern-notice', nameZh: '严正通知', nameEn: 'Stern notice', purpose: 'collections', version: content('{{customerName}}，再不还款{{amountFen}}就让你坐牢。') },
    });
    expect(created.status).toBe(201);
    const submit = await author.request(`/api/templates/${created.body.templateId}/versions/1/submit`, { method: 'POST' });
    expect(submit.status).toBe(422);
    expect(submit.body.errors).toContainEqual(expect.objectContaining({ field: 'bodyZh', message: '坐牢' }));
    expect(submit.body.detailZh).toContain('坐牢');
    const t = await author.request(`/api/templates/${created.body.templateId}`);
    expect(t.body.versions[0].status).toBe('draft');
  });

  it('walks draft → pending-approval → approved; the author cannot approve; only approved versions send', async () => {
    const c = await buildContactableCustomer(getDb());
    const created = await author.request('/api/templates', {
      json: { key: 'gentle-reminder', nameZh: '温和提醒', nameEn: 'Gentle reminder', purpose: 'collections', version: content('{{customerName}}您好，本期应还{{amountFen}}，如有困难请与我们联系。') },
    });
    const id = created.body.templateId as string;
    const send = () => queue(getDb(), { customerId: c.id, templateKey: 'gentle-reminder', variables: { amountFen: 10_000 }, idempotencyKey: `gentle:${Math.random()}`, at: hub.clock.now });
    await expect(send()).rejects.toMatchObject({ code: 'conflict' }); // a draft never sends

    expect((await author.request(`/api/templates/${id}/versions/1/submit`, { method: 'POST' })).body).toEqual({ status: 'pending-approval' });
    await expect(send()).rejects.toMatchObject({ code: 'conflict' }); // nor a pending one

    // Four eyes: the compliance reviewer approves; the author could not even if they had the role.
    const authorReviewer = await signInAs(hub.api, getDb(), { role: 'compliance-auditor' });
    const v2 = await authorReviewer.request(`/api/templates/${id}/versions`, { method: 'POST', json: content('{{customerName}}您好，本期应还{{amountFen}}。') });
    expect(v2.status).toBe(403); // compliance may approve, not write
    expect((await author.request(`/api/templates/${id}/versions/1/approve`, { method: 'POST' })).status).toBe(403); // no templates.approve

    const approved = await reviewer.request(`/api/templates/${id}/versions/1/approve`, { method: 'POST' });
    expect(approved.body).toEqual({ status: 'approved' });
    expect((await send()).status).toBe('queued');

    // A new version never alters the approved one; it must be approved on its own.
    const next = await author.request(`/api/templates/${id}/versions`, { json: content('{{customerName}}您好，请留意本期应还款{{amountFen}}。') });
    expect(next.body).toMatchObject({ version: 2 });
    const detail = await author.request(`/api/templates/${id}`);
    expect(detail.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'approved'], [2, 'draft']]);
    expect(detail.body.versions[0].bodyZh).toBe('{{customerName}}您好，本期应还{{amountFen}}，如有困难请与我们联系。');

    expect((await reviewer.request(`/api/templates/${id}/versions/1/retire`, { method: 'POST' })).status).toBe(403);
    expect((await author.request(`/api/templates/${id}/versions/1/retire`, { method: 'POST' })).body).toEqual({ status: 'retired' });
    await expect(send()).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses approval by the version\'s own author even with the approve permission', async () => {
    // A compliance auditor's version can only reach approval through templates.manage; simulate an author who later moved to compliance.
    const created = await author.request('/api/templates', {
      json: { key: 'self-approval', nameZh: '自审测试', nameEn: 'Self approval', purpose: 'servicing', version: content('{{customerName}}您好，本期应还{{amountFen}}。') },
    });
    await author.request(`/api/templates/${created.body.templateId}/versions/1/submit`, { method: 'POST' });
    const { rows: [moved] } = await getDb().sql.query<{ employee_code: string }>(
      `UPDATE staff_users SET role = 'compliance-auditor' WHERE id = $1 RETURNING employee_code`, [author.userId],
    );
    try {
      // Signed in again: a session already open would see the new role within SESSION_TOUCH_SECONDS (SessionCache).
      const auditor = await signIn(hub.api, moved!.employee_code);
      const res = await auditor.request(`/api/templates/${created.body.templateId}/versions/1/approve`, { method: 'POST' });
      expect(res.status).toBe(403);
      expect(res.body.detailZh).toContain('不能审批自己');
    } finally {
      await getDb().sql.query(`UPDATE staff_users SET role = 'supervisor' WHERE id = $1`, [author.userId]);
    }
  });

  it('previews a version for a real customer, with record variables and wording findings', async () => {
    const c = await buildContactableCustomer(getDb(), { name: '赵丽' });
    const t = (await author.request('/api/templates')).body.items.find((x: { key: string }) => x.key === 'overdue-notice');
    const res = await reviewer.request(`/api/templates/${t.id}/versions/1/preview`, { json: { customerId: c.id, debtId: c.loan.id, variables: { overdueAmountFen: 99_900 } } });
    expect(res.status).toBe(200);
    expect(res.body.body).toBe(`尊敬的赵丽：您的贷款${c.loan.loanNumber}已逾期{{daysPastDue}}天，逾期金额¥999.00。如您暂时遇到还款困难，欢迎与我们联系，我们可以一起商议合适的还款安排。`);
    expect(res.body.problems).toEqual([{ name: 'daysPastDue', problem: 'missing', message: 'is required / 必填' }]);
    expect(res.body.wordingFindings).toEqual([]);
    const asThirdParty = await reviewer.request(`/api/templates/${t.id}/versions/1/preview`, { json: { customerId: c.id, thirdParty: true } });
    expect(asThirdParty.body.wordingFindings.map((f: { phrase: string }) => f.phrase)).toContain('逾期');
  });
});

describeEachDatabase('stored records the database itself protects', (getDb) => {
  beforeAll(async () => {
    await hubFixture(getDb());
  });

  it("refuses to rewrite a template version's wording or delete it (migration 0005)", async () => {
    const { rows: [v] } = await getDb().sql.query<{ id: string }>(`SELECT id FROM template_versions LIMIT 1`);
    await expect(getDb().sql.query(`UPDATE template_versions SET body_zh = '改写' WHERE id = $1`, [v!.id])).rejects.toThrow(/cannot change/);
    await expect(getDb().sql.query(`DELETE FROM template_versions WHERE id = $1`, [v!.id])).rejects.toThrow(/never deleted/);
    await getDb().sql.query(`UPDATE template_versions SET status = status WHERE id = $1`, [v!.id]); // status changes stay allowed
  });

  it('refuses to delete from the contact log (kept ≥ 5 years)', async () => {
    const c = await buildContactableCustomer(getDb());
    await getDb().sql.query(
      `INSERT INTO contact_attempts (customer_id, occurred_at, direction, channel, mode, purpose, outcome, actor_id) VALUES ($1, now(), 'outbound', 'phone', 'human', 'collections', 'connected', 'staff:x')`,
      [c.id],
    );
    await expect(getDb().sql.query(`DELETE FROM contact_attempts WHERE customer_id = $1`, [c.id])).rejects.toThrow(/at least 5 years/);
  });
});
