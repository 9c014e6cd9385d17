/** What a mention's text can be matched against; the import looks these up from the extracted tokens. */
export type MatchCandidates = {
  customers: Array<{ id: string; name: string }>;
  loans: Array<{ id: string; loanNumber: string; customerId: string }>;
  complaints: Array<{ id: string; referenceNumber: string; customerId: string | null }>;
};

export type MentionMatch = {
  customerId: string | null;
  loanId: string | null;
  complaintId: string | null;
  /** "complaint:TS-2026-000001", "loan:LN00000001", "name:张伟", "ambiguous-name:王芳" — comma-joined when stored. */
  reasons: string[];
};

export const COMPLAINT_REFERENCE = /TS-\d{4}-\d{6}/g;
/** Loan numbers as the core banking system writes them: 2–4 capitals and 6–14 digits (LN00012345). */
export const LOAN_NUMBER = /[A-Z]{2,4}\d{6,14}/g;
const CJK_RUN = /[\u3400-\u9fff]+/g;
const MAX_NAME_TOKENS = 3000;

/**
 * The strings worth looking up for a text: complaint references and loan numbers by pattern, and
 * for names every 2–4 character CJK substring (Chinese personal names) plus CJK runs ending in
 * 公司 / 集团 (company names). Looking these up by equality uses the name index; an ILIKE of the text
 * against every customer would not.
 */
export function extractCandidateTokens(text: string): { names: string[]; loanNumbers: string[]; complaintReferences: string[] } {
  const complaintReferences = [...new Set(text.match(COMPLAINT_REFERENCE) ?? [])];
  // A complaint reference is not a loan number (TS- has a dash, but strip it anyway).
  const loanNumbers = [...new Set(text.replace(COMPLAINT_REFERENCE, ' ').toUpperCase().match(LOAN_NUMBER) ?? [])];
  const names = new Set<string>();
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i < run.length; i++) {
      for (let n = 2; n <= 4 && i + n <= run.length; n++) names.add(run.slice(i, i + n));
      for (const suffix of ['公司', '集团']) {
        let at = run.indexOf(suffix, i + 2);
        while (at !== -1 && at + suffix.length - i <= 40) {
          names.add(run.slice(i, at + suffix.length));
          at = run.indexOf(suffix, at + 1);
        }
      }
      if (names.size >= MAX_NAME_TOKENS) break;
    }
  }
  return { names: [...names].slice(0, MAX_NAME_TOKENS), loanNumbers, complaintReferences };
}

/**
 * Which customer, loan and complaint a mention is about. Strongest first: a complaint reference
 * (TS-YYYY-NNNNNN) names its complaint's customer, a loan number its borrower, and a customer name
 * (two characters or more, exact) counts only when exactly one candidate customer has it — two 王芳
 * are reported as ambiguous and left for the handler.
 */
export function matchMention(text: string, candidates: MatchCandidates): MentionMatch {
  const reasons: string[] = [];
  let customerId: string | null = null;
  let loanId: string | null = null;
  let complaintId: string | null = null;

  const upper = text.toUpperCase();
  for (const c of candidates.complaints) {
    if (!text.includes(c.referenceNumber)) continue;
    reasons.push(`complaint:${c.referenceNumber}`);
    complaintId ??= c.id;
    customerId ??= c.customerId;
  }
  for (const l of candidates.loans) {
    if (!l.loanNumber || !upper.includes(l.loanNumber.toUpperCase())) continue;
    if (customerId && l.customerId !== customerId) {
      reasons.push(`conflicting-loan:${l.loanNumber}`);
      continue;
    }
    reasons.push(`loan:${l.loanNumber}`);
    loanId ??= l.id;
    customerId ??= l.customerId;
  }
  const byName = new Map<string, Set<string>>();
  for (const c of candidates.customers) {
    const name = c.name.trim();
    if ([...name].length < 2 || !text.includes(name)) continue;
    byName.set(name, (byName.get(name) ?? new Set()).add(c.id));
  }
  // A longer name that contains a shorter one (张伟 inside 张伟明) wins.
  const names = [...byName.keys()].filter((n) => ![...byName.keys()].some((m) => m !== n && m.includes(n)));
  for (const name of names) {
    const ids = [...byName.get(name)!];
    if (ids.length > 1) {
      reasons.push(`ambiguous-name:${name}`);
      continue;
    }
    if (customerId && ids[0] !== customerId) {
      reasons.push(`other-name:${name}`);
      continue;
    }
    reasons.push(`name:${name}`);
    customerId ??= ids[0]!;
  }
  return { customerId, loanId, complaintId, reasons };
}
