/**
 * The final response letter (投诉处理决定书 / final response), Chinese and English in one document,
 * rendered with the platform's PDF renderer (CJK font embedded), as the repayment agreement is.
 * What it must say comes from 《银行业保险业消费投诉处理管理办法》(2020): the decision and its
 * reasons, and the complainant's routes if they disagree — a review (核查) requested within 30 days
 * of the decision, mediation, or the regulator.
 */
import { renderPdf, type DocumentBlock } from '../../../platform/documents/pdf-document.ts';

export const OUTCOME_TEXT = {
  upheld: { zh: '投诉成立', en: 'Upheld' },
  'partly-upheld': { zh: '投诉部分成立', en: 'Partly upheld' },
  'not-upheld': { zh: '投诉不成立', en: 'Not upheld' },
} as const;

export const REMEDY_TEXT = {
  refund: { zh: '退还相关款项', en: 'Refund of the amounts concerned' },
  'fee-waiver': { zh: '减免相关费用', en: 'Waiver of the fees concerned' },
  'record-correction': { zh: '更正相关记录（含征信报送记录）', en: 'Correction of the records concerned (including credit reporting)' },
  apology: { zh: '书面致歉', en: 'A written apology' },
  'process-fix': { zh: '改进相关业务流程', en: 'A fix to the process concerned' },
} as const;

export type ResponseLetterInput = {
  referenceNumber: string;
  customerName: string;
  receivedDate: string;
  decisionDate: string;
  outcome: keyof typeof OUTCOME_TEXT;
  remedies: Array<keyof typeof REMEDY_TEXT>;
  /** The handler's reasons, as recorded with the decision. */
  reasons: string;
  /** 'review': the decision on a review (复核) — no further review is offered. */
  kind: 'decision' | 'review' | 'redecision';
  /** Last day on which a review may be requested (decision date + 30), for a first decision. */
  reviewRequestBy: string | null;
  createdAt: Date;
};

export function renderResponseLetterPdf(input: ResponseLetterInput): Promise<Buffer> {
  const outcome = OUTCOME_TEXT[input.outcome];
  const remedies = input.remedies.map((r) => REMEDY_TEXT[r]);
  const review = input.kind === 'review';
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: `尊敬的${input.customerName}：` },
    { kind: 'paragraph', text: `您于 ${input.receivedDate} 提出的投诉（编号 ${input.referenceNumber}）${review ? '经复核' : '经调查核实'}，现将处理决定告知如下。` },
    { kind: 'paragraph', text: `Dear ${input.customerName}, this letter gives our ${review ? 'decision on the review of' : 'final response to'} the complaint you made on ${input.receivedDate} (reference ${input.referenceNumber}).` },
    { kind: 'heading', text: '一、处理决定 Decision' },
    {
      kind: 'table',
      rows: [
        ['投诉编号 Reference', input.referenceNumber],
        ['受理日期 Received', input.receivedDate],
        ['决定日期 Decided', input.decisionDate],
        ['处理结果 Outcome', `${outcome.zh} / ${outcome.en}`],
      ],
    },
    { kind: 'heading', text: '二、补救措施 Remedies' },
    remedies.length
      ? { kind: 'table', rows: remedies.map((r, i): [string, string] => [`${i + 1}.`, `${r.zh} / ${r.en}`]) }
      : { kind: 'paragraph', text: '本次处理不涉及补救措施。 No remedy is offered with this decision.' },
    { kind: 'heading', text: '三、理由 Reasons' },
    { kind: 'paragraph', text: input.reasons },
    { kind: 'heading', text: '四、您的权利 If you disagree' },
  ];
  if (!review && input.reviewRequestBy) {
    blocks.push(
      { kind: 'paragraph', text: `如您对本处理决定有异议，可在收到本决定之日起30日内（即 ${input.reviewRequestBy} 前）向我行申请核查（复核），我行将在30日内作出核查决定。` },
      { kind: 'paragraph', text: `If you disagree with this decision, you may ask us to review it within 30 days of receiving it (by ${input.reviewRequestBy}); we will give the review decision within 30 days.` },
    );
  }
  blocks.push(
    { kind: 'paragraph', text: '您也可以向依法设立的金融消费纠纷调解组织申请调解，或向银行业保险业监督管理机构（国家金融监督管理总局及其派出机构，消费者投诉维权热线 12378）反映；依法通过仲裁或诉讼解决的权利不受影响。' },
    { kind: 'paragraph', text: 'You may also ask a financial consumer dispute mediation organisation to mediate, or refer the matter to the banking and insurance regulator (the National Financial Regulatory Administration and its local offices, consumer hotline 12378). Your right to arbitration or to go to court is not affected.' },
    { kind: 'signature', lines: ['LoanDesk 消费者投诉处理部门 Complaints team', `日期 Date：${input.decisionDate}`] },
  );
  return renderPdf({
    title: review ? '投诉复核决定书 Review Decision' : '投诉处理决定书 Final Response',
    meta: [`编号 Ref. ${input.referenceNumber}`, `日期 Date ${input.decisionDate}`],
    blocks,
    info: { subject: `Complaint final response ${input.referenceNumber}`, keywords: `complaint-response ${input.outcome}` },
    createdAt: input.createdAt,
  });
}
