import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { executorFor } from '../../../platform/db/drizzle-executor.ts';
import { DomainError } from '../../../platform/errors/domain-error.ts';
import { assertCustomerVisible } from '../customer-scope.ts';
import { consents, timelineEvents, CONSENT_PURPOSES, CONTACT_CHANNELS } from '../customers.schema.ts';

type Purpose = (typeof CONSENT_PURPOSES)[number];
type Channel = (typeof CONTACT_CHANNELS)[number];

const PURPOSE_ZH: Record<Purpose, string> = { servicing: '贷款服务', 'follow-up-visit': '回访', collections: '催收联系', marketing: '营销' };
const CHANNEL_ZH: Record<Channel, string> = { sms: '短信', email: '电子邮件', phone: '电话', portal: '线上门户', letter: '信函', 'field-visit': '上门', video: '视频' };

/**
 * Grants or withdraws one consent (PIPL arts. 14–15: consent is specific, and withdrawable as easily
 * as given). A withdrawal takes effect at once: the compliance engine reads consents live.
 * The change, its audit event and the timeline entry commit together.
 */
export async function changeConsent(
  deps: AppDeps,
  actor: Actor,
  input: { customerId: string; purpose: Purpose; channel: Channel; action: 'grant' | 'withdraw'; evidenceRef?: string; reason?: string; requestId?: string },
) {
  const { db } = deps.database;
  await assertCustomerVisible(db, actor, input.customerId);
  const now = deps.now();
  const source = actor.kind === 'borrower' ? ('portal' as const) : ('agent' as const);
  return db.transaction(async (tx) => {
    const active = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.customerId, input.customerId), eq(consents.purpose, input.purpose), eq(consents.channel, input.channel), isNull(consents.withdrawnAt)));
    if (input.action === 'grant' && active.length > 0) {
      throw new DomainError('conflict', { zh: '该同意已处于有效状态', en: 'This consent is already active' });
    }
    if (input.action === 'withdraw' && active.length === 0) {
      throw new DomainError('conflict', { zh: '没有可撤回的有效同意', en: 'There is no active consent to withdraw' });
    }
    let consentId: string;
    if (input.action === 'grant') {
      const [row] = await tx
        .insert(consents)
        .values({ customerId: input.customerId, purpose: input.purpose, channel: input.channel, grantedAt: now, evidenceRef: input.evidenceRef ?? null, source })
        .returning({ id: consents.id });
      consentId = row!.id;
    } else {
      await tx.update(consents).set({ withdrawnAt: now }).where(eq(consents.id, active[0]!.id));
      consentId = active[0]!.id;
    }
    const verbZh = input.action === 'grant' ? '同意' : '撤回同意';
    await tx.insert(timelineEvents).values({
      customerId: input.customerId,
      occurredAt: now,
      module: 'customers',
      kind: input.action === 'grant' ? 'consent-granted' : 'consent-withdrawn',
      refId: consentId,
      summaryZh: `客户${verbZh}：${PURPOSE_ZH[input.purpose]}（${CHANNEL_ZH[input.channel]}）`,
      summaryEn: `Consent ${input.action === 'grant' ? 'granted' : 'withdrawn'}: ${input.purpose} by ${input.channel}`,
    });
    await recordAudit(executorFor(tx), {
      actor,
      action: input.action === 'grant' ? 'consent.granted' : 'consent.withdrawn',
      entityType: 'consent',
      entityId: consentId,
      before: input.action === 'withdraw' ? { active: true } : null,
      after: { customerId: input.customerId, purpose: input.purpose, channel: input.channel, active: input.action === 'grant', evidenceRef: input.evidenceRef ?? null },
      reason: input.reason ?? null,
      requestId: input.requestId ?? null,
    });
    return { consentId };
  });
}
