/** The bilingual index (移交材料清单) of a referral package, rendered with renderPdf and stored as evidence. */
import { renderPdf, type DocumentBlock } from '../../../platform/documents/pdf-document.ts';
import { fenToDecimalString } from '../../../platform/money/fen.ts';
import type { ReferralPackage } from './referral-package.ts';

const yuan = (fen: number) => `¥${fenToDecimalString(fen)}`;
const KIND = { legal: { zh: '诉讼移交', en: 'Legal referral' }, 'external-agency': { zh: '委外催收移交', en: 'External-agency referral' } } as const;

export function renderReferralIndexPdf(input: { referenceNumber: string; customerName: string; loanNumber: string; pkg: ReferralPackage; createdAt: Date }): Promise<Buffer> {
  const { pkg } = input;
  const kind = KIND[pkg.kind];
  const docs = (items: ReferralPackage['contracts']): Array<[string, string]> =>
    items.length ? items.map((e, i) => [`${i + 1}. ${e.fileName}`, `${e.kind} · ${e.uploadedAt.slice(0, 10)} · SHA-256 ${e.sha256.slice(0, 16)}…`]) : [['—', '无 None']];
  const t = pkg.statement.totals;
  const blocks: DocumentBlock[] = [
    { kind: 'heading', text: '一、概要 Summary' },
    {
      kind: 'table',
      rows: [
        ['借款人 Borrower', input.customerName],
        ['贷款编号 Loan number', input.loanNumber],
        ['移交类型 Referral', `${kind.zh} / ${kind.en}`],
        ['截至 As of', pkg.asOf],
        ['应还合计 Total due', yuan(t.dueFen)],
        ['已还合计 Total paid', yuan(t.paidFen)],
        ['逾期欠款 Overdue', `${yuan(t.overdueFen)}（${t.overdueInstalments} 期 instalments，最早 oldest ${t.oldestUnpaidDueDate ?? '—'}）`],
        ['未还合计 Outstanding', yuan(t.outstandingFen)],
      ],
    },
    { kind: 'heading', text: '二、合同 Contracts' },
    { kind: 'table', rows: docs(pkg.contracts) },
    { kind: 'heading', text: '三、还款协议 Repayment agreements' },
    { kind: 'table', rows: pkg.agreements.length ? pkg.agreements.map((a) => [a.referenceNumber, `${a.kind} · ${a.status}${a.broken ? ' · 已违约 broken' : ''}`]) : [['—', '无 None']] },
    { kind: 'heading', text: '四、其他证据 Other evidence' },
    { kind: 'table', rows: docs(pkg.otherEvidence) },
    { kind: 'heading', text: '五、还款记录 Repayment statement' },
    { kind: 'table', rows: pkg.statement.instalments.map((i) => [`${i.sequence}. ${i.dueDate}`, `应还 Due ${yuan(i.dueFen)} · 已还 Paid ${yuan(i.paidFen)}`]) },
    { kind: 'table', rows: pkg.statement.payments.length ? pkg.statement.payments.map((p) => [p.valueDate, `还款 Payment ${yuan(p.amountFen)}`]) : [['—', '无还款 No payments']] },
    { kind: 'heading', text: '六、联系记录 Contact history' },
    {
      kind: 'table',
      rows: [
        ['联系次数 Contacts', String(pkg.contactHistory.total)],
        ['触达借款人 Borrower reached', String(pkg.contactHistory.reached)],
        ...Object.entries(pkg.contactHistory.byChannel).map(([ch, n]): [string, string] => [`渠道 Channel ${ch}`, String(n)]),
      ],
    },
    { kind: 'table', rows: pkg.contactHistory.contacts.slice(0, 60).map((c): [string, string] => [c.at.slice(0, 16).replace('T', ' '), `${c.channel} · ${c.direction} · ${c.outcome}`]) },
    { kind: 'heading', text: '七、违约情况 Defaults' },
    {
      kind: 'table',
      rows: [
        ...pkg.broken.promises.map((p): [string, string] => [`承诺还款 Promise ${p.promisedOn}`, `${p.dueOn} 前 by · ${yuan(p.amountFen)} · 未履行 broken`]),
        ...pkg.broken.agreements.map((a): [string, string] => [`协议 Agreement ${a.referenceNumber}`, '未按新计划还款 not paid as agreed']),
      ].concat(pkg.broken.promises.length + pkg.broken.agreements.length ? [] : [['—', '无 None']]),
    },
    { kind: 'heading', text: '八、核对清单 Checklist' },
    { kind: 'table', rows: pkg.checklist.map((c) => [`${c.ok ? '[通过 OK]' : c.required ? '[缺 Missing]' : '[无 None]'} ${c.item}`, `${c.messageZh} / ${c.messageEn}`]) },
    { kind: 'signature', lines: ['提交人 Proposed by：', '审批人 Approved by：', `日期 Date：${pkg.asOf}`] },
  ];
  return renderPdf({
    title: '移交材料清单 Referral Evidence Index',
    meta: [`编号 Ref. ${input.referenceNumber}`, `日期 Date ${pkg.asOf}`],
    blocks,
    info: { subject: `Referral package ${input.referenceNumber}`, keywords: `legal-referral ${pkg.kind}` },
    createdAt: input.createdAt,
  });
}
