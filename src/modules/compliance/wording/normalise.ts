/**
 * Text normalisation for the wording check. Both the message and every lexicon phrase go through the
 * same function, so a phrase written in any width or case matches.
 * - Chinese: NFKC (full-width → half-width), lower-case, then drop whitespace, punctuation, symbols and
 *   format characters (zero-width spaces): '坐　牢！' → '坐牢'. Substring matching.
 * - English: NFKC, lower-case, curly apostrophes straightened, every run of characters other than
 *   letters, digits and apostrophes → one space. Whole-word matching.
 */
const ZH_DROP = /[\s\p{P}\p{S}\p{Cf}]+/gu;
const EN_SEPARATORS = /[^\p{L}\p{N}']+/gu;

export function normaliseChinese(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(ZH_DROP, '');
}

export function normaliseEnglish(text: string): string {
  return ` ${text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(EN_SEPARATORS, ' ').trim()} `;
}
