/**
 * Complaint categories and severities. The categories follow the causes in seed 003 (unclear contract
 * terms, service quality or delay, insufficient disclosure, system faults) plus the two that dominate
 * in practice (collection conduct, fraud) and personal data, interest/fee calculation and other.
 */
export const COMPLAINT_CATEGORIES = [
  'unclear-contract-terms',
  'service-quality-or-delay',
  'insufficient-disclosure',
  'system-or-online-fault',
  'interest-and-fee-calculation',
  'collection-conduct',
  'fraud-or-identity-misuse',
  'personal-data-and-privacy',
  'other',
] as const;

export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

export const CATEGORY_LABELS: Readonly<Record<ComplaintCategory, { zh: string; en: string }>> = {
  'unclear-contract-terms': { zh: '合同条款不清晰', en: 'Unclear contract terms' },
  'service-quality-or-delay': { zh: '服务质量或拖延', en: 'Service quality or delay' },
  'insufficient-disclosure': { zh: '信息披露不充分', en: 'Insufficient disclosure' },
  'system-or-online-fault': { zh: '系统或线上故障', en: 'System or online fault' },
  'interest-and-fee-calculation': { zh: '利息与费用计算', en: 'Interest and fee calculation' },
  'collection-conduct': { zh: '催收行为', en: 'Collection conduct' },
  'fraud-or-identity-misuse': { zh: '欺诈或身份冒用', en: 'Fraud or identity misuse' },
  'personal-data-and-privacy': { zh: '个人信息与隐私', en: 'Personal data and privacy' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * What the severities mean (the labelling guide for data/complaints-labelled.jsonl and for handlers
 * correcting a suggestion).
 */
export const SEVERITY_GUIDE: Readonly<Record<ComplaintSeverity, { zh: string; en: string }>> = {
  low: { zh: '轻微不便、咨询或建议，无经济损失', en: 'Minor inconvenience, a question or suggestion; no loss' },
  medium: { zh: '有争议的金额或延误，影响有限且可纠正', en: 'A disputed amount or delay with limited, correctable impact' },
  high: {
    zh: '明显损害：骚扰或辱骂、联系第三方、较大金额、征信受损、信息外泄',
    en: 'Clear harm: harassment or abuse, third parties contacted, a significant amount, credit file damage, data disclosed',
  },
  critical: {
    zh: '重大损失或人身安全：诈骗损失、威胁人身或家人、大规模信息泄露、弱势客户受严重影响',
    en: 'Serious loss or safety: money lost to fraud, threats to the person or family, mass data exposure, a vulnerable customer seriously affected',
  },
};

export function isComplaintCategory(x: unknown): x is ComplaintCategory {
  return typeof x === 'string' && (COMPLAINT_CATEGORIES as readonly string[]).includes(x);
}

export function isComplaintSeverity(x: unknown): x is ComplaintSeverity {
  return typeof x === 'string' && (COMPLAINT_SEVERITIES as readonly string[]).includes(x);
}
