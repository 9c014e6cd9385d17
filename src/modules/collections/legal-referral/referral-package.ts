/**
 * The evidence chain of a legal or external-agency referral (诉讼/委外移交材料), as a pure function
 * over what the case's loan and customer have on file. A court or an agency needs, in this order:
 * the contract that creates the debt, statements that prove what is owed, the history of
 * contacts that shows the borrower was told and given the chance to pay, and the promises or
 * agreements they broke. The checklist names what is missing; the supervisor decides with it.
 */
export type ReferralKind = 'legal' | 'external-agency';

export type ReferralSources = {
  kind: ReferralKind;
  asOf: string;
  evidence: Array<{ id: string; kind: string; fileName: string; sha256: string; uploadedAt: string; description: string | null; removed: boolean; agreementDocument: boolean }>;
  schedule: Array<{ sequence: number; dueDate: string; dueFen: number; paidFen: number }>;
  payments: Array<{ valueDate: string; amountFen: number }>;
  contacts: Array<{ at: string; channel: string; direction: string; mode: string; outcome: string; relationship: string }>;
  messages: Array<{ at: string; channel: string; status: string; purpose: string }>;
  actions: Array<{ asOf: string; kind: string; status: string; channel: string | null }>;
  promises: Array<{ promisedOn: string; dueOn: string; amountFen: number; status: string }>;
  agreements: Array<{ referenceNumber: string; kind: string; status: string; resolvedAt: string | null; newSchedule: Array<{ dueDate: string }> }>;
};

export type ChecklistItem = { item: 'contract' | 'debt' | 'contact-history' | 'default-shown'; ok: boolean; required: boolean; messageZh: string; messageEn: string };

export type ReferralPackage = ReturnType<typeof assembleReferralPackage>;

/** Contacts that reached the borrower: a conversation, a delivered message. */
const REACHED_CONTACT = new Set(['conversation', 'connected', 'received']);
const DELIVERED_MESSAGE = new Set(['delivered', 'sent']);

export function assembleReferralPackage(s: ReferralSources) {
  const live = s.evidence.filter((e) => !e.removed);
  const contracts = live.filter((e) => e.kind === 'contract' && !e.agreementDocument);
  const agreementDocuments = live.filter((e) => e.agreementDocument);
  const otherEvidence = live.filter((e) => e.kind !== 'contract' && !e.agreementDocument);
  const removedEvidence = s.evidence.filter((e) => e.removed);

  const dueFen = s.schedule.reduce((a, i) => a + i.dueFen, 0);
  const paidFen = s.schedule.reduce((a, i) => a + i.paidFen, 0);
  const overdue = s.schedule.filter((i) => i.dueDate < s.asOf && i.paidFen < i.dueFen);
  const overdueFen = overdue.reduce((a, i) => a + i.dueFen - i.paidFen, 0);
  const oldestUnpaidDueDate = overdue.length ? overdue.map((i) => i.dueDate).sort()[0]! : null;

  const byChannel: Record<string, number> = {};
  for (const c of s.contacts) byChannel[c.channel] = (byChannel[c.channel] ?? 0) + 1;
  for (const m of s.messages) byChannel[m.channel] = (byChannel[m.channel] ?? 0) + 1;
  const reached = s.contacts.filter((c) => c.relationship === 'self' && REACHED_CONTACT.has(c.outcome)).length
    + s.messages.filter((m) => DELIVERED_MESSAGE.has(m.status)).length;

  const brokenPromises = s.promises.filter((p) => p.status === 'broken');
  // A confirmed agreement is broken when one of its own instalments is now overdue and unpaid.
  const overdueDates = new Set(overdue.map((i) => i.dueDate));
  const agreements = s.agreements.map((a) => ({
    referenceNumber: a.referenceNumber, kind: a.kind, status: a.status, resolvedAt: a.resolvedAt,
    broken: a.status === 'confirmed' && a.newSchedule.some((i) => overdueDates.has(i.dueDate)),
  }));
  const brokenAgreements = agreements.filter((a) => a.broken);

  const checklist: ChecklistItem[] = [
    contracts.length > 0
      ? { item: 'contract', ok: true, required: true, messageZh: `借款合同等合同文件 ${contracts.length} 份`, messageEn: `${contracts.length} contract document(s) on file` }
      : { item: 'contract', ok: false, required: true, messageZh: '证据库中没有借款合同，请先上传', messageEn: 'No loan contract in the evidence store; upload it first' },
    overdueFen > 0
      ? { item: 'debt', ok: true, required: true, messageZh: `逾期欠款 ${overdue.length} 期，最早应还日 ${oldestUnpaidDueDate}`, messageEn: `${overdue.length} overdue instalment(s), oldest due ${oldestUnpaidDueDate}` }
      : { item: 'debt', ok: false, required: true, messageZh: '当前没有逾期欠款', messageEn: 'Nothing is overdue' },
    reached > 0
      ? { item: 'contact-history', ok: true, required: true, messageZh: `已触达借款人 ${reached} 次（共联系 ${s.contacts.length + s.messages.length} 次）`, messageEn: `Borrower reached ${reached} time(s) (${s.contacts.length + s.messages.length} contacts in all)` }
      : { item: 'contact-history', ok: false, required: true, messageZh: '没有触达借款人本人的联系记录', messageEn: 'No record of reaching the borrower in person or by a delivered message' },
    brokenPromises.length + brokenAgreements.length > 0
      ? { item: 'default-shown', ok: true, required: false, messageZh: `违约承诺 ${brokenPromises.length} 次，违约协议 ${brokenAgreements.length} 份`, messageEn: `${brokenPromises.length} broken promise(s), ${brokenAgreements.length} broken agreement(s)` }
      : { item: 'default-shown', ok: false, required: false, messageZh: '没有违约的还款承诺或协议（非必需）', messageEn: 'No broken promise or agreement (not required)' },
  ];

  return {
    kind: s.kind,
    asOf: s.asOf,
    contracts, agreementDocuments, otherEvidence, removedEvidence,
    statement: { instalments: s.schedule, payments: s.payments, totals: { dueFen, paidFen, overdueFen, outstandingFen: dueFen - paidFen, overdueInstalments: overdue.length, oldestUnpaidDueDate } },
    contactHistory: { contacts: s.contacts, messages: s.messages, actions: s.actions, byChannel, reached, total: s.contacts.length + s.messages.length },
    broken: { promises: brokenPromises, agreements: brokenAgreements },
    agreements,
    checklist,
    complete: checklist.every((c) => c.ok || !c.required),
  };
}
