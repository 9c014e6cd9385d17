/**
 * What a search box entry could be. Staff type whatever they have on the paper in front of them:
 * an ID number, a credit code, a phone number, a loan or customer number, or part of a name.
 * Each interpretation becomes one exact-match lookup (names are the only partial match).
 */
export type SearchInterpretation =
  | { by: 'id-number'; value: string }
  | { by: 'credit-code'; value: string }
  | { by: 'phone'; digits: string }
  | { by: 'reference'; value: string } // loan number or customer number
  | { by: 'name'; value: string };

const RESIDENT_ID = /^\d{17}[\dXx]$/;
const CREDIT_CODE = /^[0-9A-HJ-NP-RT-UW-Y]{2}\d{6}[0-9A-HJ-NP-RT-UW-Y]{10}$/i;
const PHONE_LIKE = /^\+?[\d\s\-()]{7,20}$/;

export function interpretSearchQuery(raw: string): SearchInterpretation[] {
  const q = raw.trim();
  if (!q) return [];
  const result: SearchInterpretation[] = [];
  const compact = q.replace(/\s+/g, '');
  const looksLikeResidentId = RESIDENT_ID.test(compact);
  if (looksLikeResidentId) result.push({ by: 'id-number', value: compact.toUpperCase() });
  // A resident ID ending in X is also well-formed as a credit code; IDs are far more common in a search box.
  if (CREDIT_CODE.test(compact) && !looksLikeResidentId) result.push({ by: 'credit-code', value: compact.toUpperCase() });
  if (PHONE_LIKE.test(q) && !looksLikeResidentId) result.push({ by: 'phone', digits: q.replace(/[^\d+]/g, '') });
  if (!/\s/.test(q)) result.push({ by: 'reference', value: q });
  // Names: Chinese names are short; anything with letters or CJK may be a (partial) name.
  if (/[\p{L}]/u.test(q) && !looksLikeResidentId) result.push({ by: 'name', value: q });
  return result;
}
