import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signInAs, type SignedInClient } from '../../../test/support/sessions.ts';
import { buildContactableCustomer, hubFixture, WORKDAY_10AM } from '../communications/communications.test-support.ts';
import { PUBLIC_OPINION_SECRET_HEADER } from './public-opinion.routes.ts';

const SECRET = 'po-webhook-secret-0123456789';
const hoursAgo = (h: number) => new Date(WORKDAY_10AM.getTime() - h * 3_600_000).toISOString();

describeEachDatabase('public-opinion API', (getDb) => {
  let hub: Awaited<ReturnType<typeof hubFixture>>;
  let handler: SignedInClient;
  let auditor: SignedInClient;
  let customer: Awaited<ReturnType<typeof buildContactableCustomer>>;
  let other: Awaited<ReturnType<typeof buildContactableCustomer>>;

  const importCsv = (csv: string) => handler.request('/api/public-opinion/mentions/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  const importJson = (rows: unknown) => handler.request('/api/public-opinion/mentions/import', { json: rows });
  const webhook = (body: unknown, secret?: string) =>
    hub.api.request('/api/public-opinion/webhook', {
      method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { [PUBLIC_OPINION_SECRET_HEADER]: secret } : {}) }, body: JSON.stringify(body),
    });

  beforeAll(async () => {
    hub = await hubFixture(getDb());
    hub.deps.config = { ...hub.deps.config, publicOpinion: { webhookSecret: SECRET } };
    handler = await signInAs(hub.api, getDb(), { role: 'complaint-handler' });
    auditor = await signInAs(hub.api, getDb(), { role: 'compliance-auditor' });
    customer = await buildContactableCustomer(getDb(), { name: '欧阳娜娜' });
    other = await buildContactableCustomer(getDb(), { name: '司马光明' });
  });

  it('imports a half-valid CSV: valid rows stored, scored and matched; bad rows reported by line', async () => {
    const csv = [
      'source,external_id,published_at,text,link,author',
      `weibo,wb-1,${hoursAgo(30)},"欧阳娜娜说：客服很专业，非常耐心，满意",https://weibo.com/1,用户甲`,
      `heimao,hm-1,${hoursAgo(29)},"贷款${other.loan.loanNumber}暴力催收，爆通讯录",,`,
      `twitter,tw-1,${hoursAgo(28)},"unknown source",,`,
      `news,nw-1,yesterday,"bad date",,`,
      `forum,fm-1,${hoursAgo(27)},"",,`,
      `news,nw-2,${hoursAgo(26)},"今天办理了还款",,`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 3, imported: 3, duplicates: 0, alert: null });
    expect(res.body.rejected.map((r: any) => [r.line, r.field])).toEqual([[4, 'source'], [5, 'published_at'], [6, 'text']]);

    const list = await handler.request('/api/public-opinion/mentions?limit=10');
    expect(list.status).toBe(200);
    const byId = Object.fromEntries(list.body.items.map((m: any) => [m.externalId, m]));
    expect(byId['wb-1']).toMatchObject({ sentimentLabel: 'positive', customer: { id: customer.id, name: '欧阳娜娜' }, matchReason: 'name:欧阳娜娜', status: 'new' });
    expect(byId['hm-1']).toMatchObject({ sentimentLabel: 'negative', customer: { id: other.id }, loanId: other.loan.id, matchReason: `loan:${other.loan.loanNumber}` });
    expect(byId['nw-2']).toMatchObject({ sentimentLabel: 'neutral', customer: null });

    const negatives = await handler.request('/api/public-opinion/mentions?label=negative');
    expect(negatives.body.items.map((m: any) => m.externalId)).toEqual(['hm-1']);
    const unmatched = await handler.request('/api/public-opinion/mentions?matched=false');
    expect(unmatched.body.items.map((m: any) => m.externalId)).toEqual(['nw-2']);
    const ranged = await handler.request(`/api/public-opinion/mentions?from=${encodeURIComponent(hoursAgo(29.5))}&to=${encodeURIComponent(hoursAgo(26.5))}`);
    expect(ranged.body.items.map((m: any) => m.externalId)).toEqual(['hm-1']);
  });

  it('imports a JSON array, reports bad items by index, and is idempotent on (source, external id)', async () => {
    const rows = [
      { source: 'app-store', external_id: 'as-1', published_at: hoursAgo(20), text: 'Great app, very helpful', author: 'amy' },
      { source: 'wechat', external_id: 'wx-1', published_at: hoursAgo(19), text: '利息太高了，乱收费' },
      { source: 'wechat', external_id: '', published_at: hoursAgo(19), text: '缺编号' },
    ];
    const first = await importJson(rows);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 2, imported: 2, duplicates: 0, rejected: [{ index: 2, field: 'external_id' }] });
    const again = await importJson(rows.slice(0, 2));
    expect(again.body).toMatchObject({ received: 2, imported: 0, duplicates: 2 });
    const csvAgain = await importCsv(`source,external_id,published_at,text\nweibo,wb-1,${hoursAgo(30)},changed text`);
    expect(csvAgain.body).toMatchObject({ imported: 0, duplicates: 1 });
    const { rows: [n] } = await getDb().sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM public_opinion_mentions`);
    expect(Number(n!.n)).toBe(5);
    const notAList = await importJson({ source: 'weibo' });
    expect(notAList.status).toBe(422);
  });

  it('refuses the webhook without the right secret, accepts it with the secret', async () => {
    const mention = { source: 'forum', external_id: 'fm-hook-1', published_at: hoursAgo(10), text: `TS-2026-999999 与 ${customer.name} 无关的帖子` };
    expect((await webhook(mention)).status).toBe(401);
    expect((await webhook(mention, 'wrong-secret-wrong-secret')).status).toBe(401);
    const ok = await webhook(mention, SECRET);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ imported: 1, duplicates: 0 });
    expect((await webhook(mention, SECRET)).body).toMatchObject({ imported: 0, duplicates: 1 });
    const bad = await webhook({ ...mention, external_id: 'fm-hook-2', published_at: 'soon' }, SECRET);
    expect(bad.status).toBe(422);
    const { rows } = await getDb().sql.query(`SELECT action FROM audit_events WHERE action = 'public-opinion.imported' AND actor_id = 'system:public-opinion-webhook'`);
    expect(rows).toHaveLength(1);
  });

  it('raises one audited alert on a spike of negative mentions, and acknowledges it', async () => {
    const burst = Array.from({ length: 6 }, (_, i) => ({
      source: 'weibo', external_id: `spike-${i}`, published_at: hoursAgo(0.1 * (i + 1)), text: `${customer.name}遭遇暴力催收，骗子公司，套路贷 #${i}`,
    }));
    const res = await importJson(burst);
    expect(res.status).toBe(200);
    expect(res.body.alert).toMatchObject({ negativeCount: 6 });
    expect(res.body.alert.baseline).toBeLessThan(1);
    // More of the same within the window does not raise a second alert.
    const more = await importJson([{ source: 'weibo', external_id: 'spike-6', published_at: hoursAgo(0.05), text: '暴力催收' }]);
    expect(more.body.alert).toBeNull();

    const alerts = await auditor.request('/api/public-opinion/alerts?acknowledged=false');
    expect(alerts.status).toBe(200);
    expect(alerts.body.items).toHaveLength(1);
    const { rows: audit } = await getDb().sql.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [res.body.alert.id]);
    expect(audit).toEqual([{ action: 'public-opinion.alert.raised' }]);

    expect((await auditor.request(`/api/public-opinion/alerts/${res.body.alert.id}/acknowledge`, { method: 'POST' })).status).toBe(403);
    const acked = await handler.request(`/api/public-opinion/alerts/${res.body.alert.id}/acknowledge`, { method: 'POST' });
    expect(acked.status).toBe(200);
    expect((await handler.request('/api/public-opinion/alerts?acknowledged=false')).body.items).toEqual([]);

    const daily = await handler.request('/api/public-opinion/stats/daily?days=14');
    expect(daily.body.items).toHaveLength(14);
    expect(daily.body.items.at(-1)).toMatchObject({ date: '2026-11-26', negative: 7 });
  });

  it('opens a complaint from a matched negative mention and links it; an unmatched one needs a customer', async () => {
    const list = await handler.request('/api/public-opinion/mentions?label=negative&matched=true&source=heimao');
    const mention = list.body.items[0];
    const res = await handler.request(`/api/public-opinion/mentions/${mention.id}/open-complaint`, { json: {} });
    expect(res.status).toBe(201);
    expect(res.body.referenceNumber).toMatch(/^TS-2026-\d{6}$/);
    expect(res.body.mention).toMatchObject({ status: 'complaint-opened', complaint: { id: res.body.complaintId, referenceNumber: res.body.referenceNumber } });
    const complaint = await handler.request(`/api/complaints/${res.body.complaintId}`);
    expect(complaint.body).toMatchObject({ channel: 'api', loanIds: [other.loan.id] });
    expect(complaint.body.description).toContain('暴力催收');
    // A retry gives the same complaint; the status can no longer change.
    const retry = await handler.request(`/api/public-opinion/mentions/${mention.id}/open-complaint`, { json: {} });
    expect(retry.body.complaintId).toBe(res.body.complaintId);
    expect((await handler.request(`/api/public-opinion/mentions/${mention.id}/dismiss`, { json: {} })).status).toBe(409);

    const unmatched = (await handler.request('/api/public-opinion/mentions?matched=false&source=news')).body.items[0];
    const refused = await handler.request(`/api/public-opinion/mentions/${unmatched.id}/open-complaint`, { json: {} });
    expect(refused.status).toBe(422);
    const picked = await handler.request(`/api/public-opinion/mentions/${unmatched.id}/open-complaint`, { json: { customerId: customer.id, description: '客户在新闻评论区反映还款问题' } });
    expect(picked.status).toBe(201);
    expect(picked.body.mention.customer).toMatchObject({ id: customer.id });
    const { rows } = await getDb().sql.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [unmatched.id]);
    expect(rows).toEqual([{ action: 'public-opinion.complaint-opened' }]);
  });

  it('marks reviewed and dismissed (audited); read-only roles cannot', async () => {
    const [a, b] = (await handler.request('/api/public-opinion/mentions?status=new&limit=2')).body.items;
    expect((await auditor.request(`/api/public-opinion/mentions/${a.id}/review`, { json: {} })).status).toBe(403);
    const reviewed = await handler.request(`/api/public-opinion/mentions/${a.id}/review`, { json: {} });
    expect(reviewed.body).toMatchObject({ status: 'reviewed' });
    const dismissed = await handler.request(`/api/public-opinion/mentions/${b.id}/dismiss`, { json: { note: '与本行无关' } });
    expect(dismissed.body).toMatchObject({ status: 'dismissed' });
    const { rows } = await getDb().sql.query(`SELECT action, reason FROM audit_events WHERE entity_id = $1`, [b.id]);
    expect(rows).toEqual([{ action: 'public-opinion.mention.dismissed', reason: '与本行无关' }]);
    const collector = await signInAs(hub.api, getDb(), { role: 'collector' });
    expect((await collector.request('/api/public-opinion/mentions')).status).toBe(403);
  });
});
