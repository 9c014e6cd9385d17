import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.ts';
import { DEFAULT_STRATEGY, DEFAULT_STRATEGY_TEMPLATE_KEYS } from '../../collections/strategies/index.ts';
import { reminderVariables } from '../../collections/daily-run/treat-batch.ts';
import { buildContactableCustomer, hubFixture } from '../communications.test-support.ts';
import { renderMessage } from '../outbox/message-content.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { declarationProblems, renderTemplate, type Language } from './render.ts';
import { findSendableVersion, templateWordingFindings } from './template-store.ts';

const daily = reminderVariables({ overdueFen: 123_456, dpd: 42, outstandingFen: 9_876_500, oldestDueDate: '2026-10-15' });
const records = { customerName: '王小明', lenderName: '北京分行', loanNumber: 'LN-2026-0001' };
const MESSAGE_CHANNELS = new Set(['sms', 'email', 'portal', 'letter']);
/** Keys the strategy sends as messages (the rest are agent scripts and task briefs). */
const messageKeys = new Set(
  DEFAULT_STRATEGY.segments.flatMap((s) => s.ladder.filter((st) => st.type === 'contact' && MESSAGE_CHANNELS.has(st.channel)).map((st) => st.templateKey!)),
);

describe('default collections templates', () => {
  it.each([...DEFAULT_STRATEGY_TEMPLATE_KEYS])('%s exists, is declared correctly, passes the wording rules and renders with the daily run\'s variables', (key) => {
    const t = DEFAULT_TEMPLATES.find((x) => x.key === key);
    expect(t, `no default template for ${key}`).toBeDefined();
    expect(t!.purpose).toBe('collections');
    expect(declarationProblems(t!.text)).toEqual([]);
    expect(templateWordingFindings(t!.text, 'debtor')).toEqual([]);
    for (const [language, amount, due] of [['zh-CN', '1,234.56', '2026年10月15日'], ['en', '1,234.56', '15 October 2026']] as const) {
      const { rendered, problems } = renderTemplate(t!.text, language as Language, { ...records, ...daily });
      expect(problems).toEqual([]);
      const text = `${rendered.subject ?? ''}\n${rendered.body}`;
      expect(text).not.toMatch(/\{\{|\}\}/);
      // What every borrower-facing text must carry: the amount and (apart from the older SMS
      // overdue-notice, which gives days past due instead) the lender and the due date.
      expect(text).toContain(amount);
      if (key !== 'overdue-notice') {
        expect(text).toContain('北京分行');
        expect(text).toContain(due);
      }
    }
  });

  it('every message step tells the borrower how to pay or where to get help', () => {
    expect(messageKeys.size).toBeGreaterThanOrEqual(6);
    for (const key of messageKeys) {
      const t = DEFAULT_TEMPLATES.find((x) => x.key === key)!;
      expect(t.text.bodyZh, key).toMatch(/还款|联系/);
      expect(t.text.bodyEn, key).toMatch(/pay|contact/i);
    }
  });

  it('the wording check would catch a threat slipped into one of them (the check is live)', () => {
    const t = DEFAULT_TEMPLATES.find((x) => x.key === 'final-notice-letter')!;
    const tampered = { ...t.text, bodyZh: `${t.text.bodyZh}否则后果自负。` };
    expect(templateWordingFindings(tampered, 'debtor').map((f) => f.phrase)).toContain('后果自负');
  });
});

describeEachDatabase('default collections templates, seeded', (getDb) => {
  it('every key of the default strategy has an approved version that renders for a real borrower in both languages', async () => {
    const db = getDb();
    await hubFixture(db); // ensureDefaultTemplates
    const c = await buildContactableCustomer(db);
    for (const key of DEFAULT_STRATEGY_TEMPLATE_KEYS) {
      const { version } = await findSendableVersion(db.sql, { templateKey: key });
      expect(version.status, key).toBe('approved');
      for (const language of ['zh-CN', 'en'] as const) {
        const content = await renderMessage(db.sql, { customerId: c.id, debtId: c.loan.id, templateKey: key, variables: daily, language });
        expect(content.rendered.body).toContain(c.loan.loanNumber);
        if (key !== 'overdue-notice') expect(content.rendered.body).toContain(language === 'zh-CN' ? '北京分行' : 'Beijing Branch');
      }
    }
  });
});
