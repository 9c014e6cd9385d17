import type { TemplateText } from './render.ts';

/**
 * Default templates of the complaints module (kept apart from default-templates.ts, which other
 * work edits; it appends these). Servicing purpose: a survey about a closed complaint is not
 * collection contact. The link is single-use and expires 30 days after the close (SURVEY_VALID_DAYS).
 */
export const COMPLAINT_TEMPLATES: Array<{ key: string; nameZh: string; nameEn: string; purpose: 'servicing'; text: TemplateText }> = [
  {
    key: 'complaint-survey-invitation', nameZh: '投诉满意度调查邀请', nameEn: 'Complaint satisfaction survey invitation', purpose: 'servicing',
    text: {
      variables: [
        { name: 'customerName', type: 'string', required: true },
        { name: 'complaintReference', type: 'string', required: true },
        { name: 'surveyUrl', type: 'string', required: true },
      ],
      subjectZh: '投诉 {{complaintReference}} 满意度调查',
      bodyZh: '尊敬的{{customerName}}：您的投诉（编号{{complaintReference}}）已办结。诚邀您对处理情况作出评价（1至5分，可留言），链接30日内有效且仅可提交一次：{{surveyUrl}} 感谢您的支持。',
      subjectEn: 'How did we handle complaint {{complaintReference}}?',
      bodyEn: 'Dear {{customerName}}, your complaint (reference {{complaintReference}}) is now closed. Please tell us how we handled it (a score from 1 to 5 and a comment) at {{surveyUrl}} — the link works once and for 30 days. Thank you.',
    },
  },
];
