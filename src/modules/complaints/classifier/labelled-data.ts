/**
 * The labelled complaint set shipped in ../data/complaints-labelled.jsonl (one JSON object a line:
 * text, category, severity, language). Written for LoanDesk, not collected from real customers: every
 * name, amount, app and date in it is made up. Labelling guide: SEVERITY_GUIDE in ./categories.ts and
 * ../README.md.
 */
import { readFileSync } from 'node:fs';
import { isComplaintCategory, isComplaintSeverity } from './categories.ts';
import type { LabelledComplaint } from './complaint-classifier.ts';

export const LABELLED_COMPLAINTS_URL = new URL('../data/complaints-labelled.jsonl', import.meta.url);

export function parseLabelledJsonl(text: string): LabelledComplaint[] {
  const out: LabelledComplaint[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const row = JSON.parse(line) as Partial<LabelledComplaint>;
    if (typeof row.text !== 'string' || !isComplaintCategory(row.category) || !isComplaintSeverity(row.severity) || (row.language !== 'zh' && row.language !== 'en')) {
      throw new RangeError(`Line ${i + 1}: not a labelled complaint`);
    }
    out.push({ text: row.text, category: row.category, severity: row.severity, language: row.language });
  });
  return out;
}

export function loadLabelledComplaints(url: URL = LABELLED_COMPLAINTS_URL): LabelledComplaint[] {
  return parseLabelledJsonl(readFileSync(url, 'utf8'));
}
