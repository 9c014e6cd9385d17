/** The written repayment agreement (还款协议书), in Chinese and English, rendered with renderPdf. */
import { renderPdf, type DocumentBlock } from '../../../platform/documents/pdf-document.ts';
import { fenToDecimalString } from '../../../platform/money/fen.ts';
import type { ArrangementResult, Instalment } from '../arrangements/index.ts';

const KIND = {
  'grace-period': { zh: '宽限期（延期还款）', en: 'Grace period' },
  'instalment-plan': { zh: '逾期欠款分期还款', en: 'Instalment plan for the arrears' },
  restructuring: { zh: '债务重组', en: 'Restructuring' },
} as const;

const yuan = (fen: number) => `¥${fenToDecimalString(fen)}`;
const owed = (rows: Instalment[]) => rows.filter((r) => r.principalFen + r.interestFen + r.feeFen > 0);
const scheduleRows = (rows: Instalment[]): Array<[string, string]> =>
  owed(rows).map((r, i) => [
    `${i + 1}. ${r.dueDate}`,
    `本金 Principal ${yuan(r.principalFen)} · 利息 Interest ${yuan(r.interestFen)} · 费用 Fees ${yuan(r.feeFen)} · 合计 Total ${yuan(r.principalFen + r.interestFen + r.feeFen)}`,
  ]);

export function renderAgreementPdf(input: {
  referenceNumber: string; customerName: string; loanNumber: string; asOf: string; expiresOn: string; kind: ArrangementResult['kind'];
  result: ArrangementResult; oldSchedule: Instalment[]; createdAt: Date;
}): Promise<Buffer> {
  const { result: r } = input;
  const kind = KIND[input.kind];
  const blocks: DocumentBlock[] = [
    { kind: 'heading', text: '一、协议条款 Terms' },
    {
      kind: 'table',
      rows: [
        ['借款人 Borrower', input.customerName],
        ['贷款编号 Loan number', input.loanNumber],
        ['方案 Arrangement', `${kind.zh} / ${kind.en}`],
        ['计算日 As of', input.asOf],
        ['原待还合计 Owed before', `${yuan(r.before.totalFen)}（${r.before.instalments} 期 instalments）`],
        ['新待还合计 Owed after', `${yuan(r.after.totalFen)}（${r.after.instalments} 期 instalments）`],
        ['减免利息 Interest waived', yuan(r.concessions.interestWaivedFen)],
        ['减免费用 Fees waived', yuan(r.concessions.feesWaivedFen)],
        ['本金减免 Principal reduction', yuan(r.concessions.principalReductionFen)],
        ['确认期限 Confirm by', input.expiresOn],
      ],
    },
    {
      kind: 'paragraph',
      text: '经双方协商，借款人因暂时性困难申请调整还款安排。自借款人确认本协议之日起，上述贷款尚未偿还部分按下列新还款计划偿还，已还款项不受影响。借款人未按新计划还款的，贷款人有权按原借款合同约定处理。',
    },
    {
      kind: 'paragraph',
      text: 'By agreement, the borrower has asked for a new repayment arrangement because of temporary difficulty. From the day the borrower confirms this agreement, the unpaid part of the loan above is repaid on the new schedule below; payments already made are unaffected. If the borrower does not pay as scheduled, the lender may act under the original loan contract.',
    },
    { kind: 'heading', text: '二、原还款计划（未还部分） Old schedule (unpaid amounts)' },
    { kind: 'table', rows: scheduleRows(input.oldSchedule) },
    { kind: 'heading', text: '三、新还款计划 New schedule' },
    { kind: 'table', rows: scheduleRows(r.schedule) },
    ...(r.approvalReasons.length
      ? [{ kind: 'paragraph' as const, text: `需主管审批 Supervisor approval required: ${r.approvalReasons.map((a) => `${a.messageZh} / ${a.messageEn}`).join('；')}` }]
      : []),
    { kind: 'heading', text: '四、确认 Confirmation' },
    {
      kind: 'paragraph',
      text: `借款人在客户门户点击"确认"即表示已阅读并同意本协议（编号 ${input.referenceNumber}）的全部条款，确认记录与本文件一并存档。逾期未确认的，本协议自动失效。`,
    },
    {
      kind: 'paragraph',
      text: `By pressing "Confirm" in the borrower portal, the borrower confirms having read and agreed to every term of this agreement (ref. ${input.referenceNumber}); the confirmation is archived with this document. An agreement not confirmed by the date above lapses.`,
    },
    { kind: 'signature', lines: ['贷款人 Lender：LoanDesk', `借款人 Borrower：${input.customerName}`, `日期 Date：${input.asOf}`] },
  ];
  return renderPdf({
    title: '还款协议书 Repayment Agreement',
    meta: [`编号 Ref. ${input.referenceNumber}`, `日期 Date ${input.asOf}`],
    blocks,
    info: { subject: `Repayment agreement ${input.referenceNumber}`, keywords: `repayment-agreement ${input.kind}` },
    createdAt: input.createdAt,
  });
}
