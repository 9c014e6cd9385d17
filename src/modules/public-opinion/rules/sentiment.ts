import { INTENSIFIERS, NEGATORS, SENTIMENT_LEXICON } from './sentiment-lexicon.ts';
import type { SentimentLabel } from '../public-opinion.schema.ts';

export type SentimentResult = {
  /** −1 (very negative) … 1 (very positive), three decimals. */
  score: number;
  label: SentimentLabel;
  /** The lexicon hits that made the score, for the reviewer ("不满意 → -2"). */
  hits: Array<{ term: string; weight: number }>;
};

/** |score| below this is neutral. */
export const NEUTRAL_BAND = 0.2;
/** Longest phrase, in segmenter tokens, tried against the lexicon (利息 + 太 + 高 = 3). */
const MAX_PHRASE_TOKENS = 4;
const MAX_ENTRY_CHARS = Math.max(...Object.keys(SENTIMENT_LEXICON).map((k) => k.length));

const GLUED_NEGATORS = new Set(['不', '没', '别', '无']);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

type Token = { text: string; word: boolean };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) {
    const t = s.segment.trim();
    if (!t) continue;
    out.push({ text: t, word: s.isWordLike === true });
  }
  return out;
}

/** A negator or intensifier glued to the front of a lexicon word by the segmenter (不满意 is itself an entry; 不专业 is not). */
function splitPrefix(token: string): { negated: boolean; boost: number; core: string } | null {
  for (const n of ['没有', '不是', '不', '没', '别', '无']) {
    if (token.startsWith(n) && token.length > n.length) {
      const core = token.slice(n.length);
      if (SENTIMENT_LEXICON[core] !== undefined) return { negated: true, boost: 1, core };
    }
  }
  for (const [i, m] of Object.entries(INTENSIFIERS)) {
    if (token.startsWith(i) && token.length > i.length) {
      const core = token.slice(i.length);
      if (SENTIMENT_LEXICON[core] !== undefined) return { negated: false, boost: m, core };
    }
  }
  return null;
}

/**
 * Lexicon-based sentiment for Chinese (and English) text. Words come from Intl.Segmenter; phrases
 * of up to four tokens are looked up first (暴力催收 beats 暴力). A negator (不/没/别/无…) in the
 * three tokens before a term flips it — a negated complaint word only half-way (不差 is "fine", not
 * praise) — and an intensifier (非常/很/太…) just before multiplies it. Punctuation ends the scope.
 * The sum s is squashed to s / √(s² + 4) so one strong word gives about ±0.8.
 */
export function scoreSentimentZh(text: string): SentimentResult {
  const tokens = tokenize(text);
  const hits: SentimentResult['hits'] = [];
  let sum = 0;
  let negated = false;
  let negatorAge = Infinity;
  let boost = 1;
  /** 别骚扰我 is a plea to stop, not praise: 别 before a complaint word keeps it negative. */
  let plea = false;
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (!token.word) {
      plea = false;
      negated = false;
      negatorAge = Infinity;
      boost = 1;
      i++;
      continue;
    }
    // Longest lexicon phrase starting here.
    let matched: { term: string; weight: number; length: number } | null = null;
    let joined = '';
    for (let n = 1; n <= MAX_PHRASE_TOKENS && i + n <= tokens.length; n++) {
      const next = tokens[i + n - 1]!;
      if (!next.word) break;
      joined += next.text;
      if (joined.length > MAX_ENTRY_CHARS) break;
      const w = SENTIMENT_LEXICON[joined];
      if (w !== undefined) matched = { term: joined, weight: w, length: n };
    }
    const nextIsTerm = i + 1 < tokens.length && tokens[i + 1]!.word && (SENTIMENT_LEXICON[tokens[i + 1]!.text] !== undefined || splitPrefix(tokens[i + 1]!.text) !== null);
    // The segmenter glues a negator to the word before it (我不|满意, 很不|专业): such a token negates too.
    const gluedNegator = !matched && token.text.length > 1 && GLUED_NEGATORS.has(token.text.at(-1)!);
    if ((NEGATORS.has(token.text) || gluedNegator) && !(matched && matched.length > 1)) {
      negated = !negated;
      negatorAge = 0;
      plea = token.text.includes('别');
      i++;
      continue;
    }
    if (INTENSIFIERS[token.text] !== undefined && nextIsTerm && !(matched && matched.length > 1)) {
      boost *= INTENSIFIERS[token.text]!;
      i++;
      continue;
    }
    let term: string | null = null;
    let weight = 0;
    let localNegated = negated && negatorAge <= 3;
    let localBoost = boost;
    if (matched) {
      term = matched.term;
      weight = matched.weight;
      i += matched.length;
    } else {
      const split = splitPrefix(token.text);
      if (split) {
        term = token.text;
        weight = SENTIMENT_LEXICON[split.core]!;
        if (split.negated) localNegated = !localNegated;
        localBoost *= split.boost;
      }
      i++;
    }
    if (term !== null) {
      let w = weight * localBoost;
      if (localNegated) w = w < 0 ? (plea ? w : -w * 0.5) : -w;
      w = Math.round(w * 100) / 100;
      hits.push({ term: localNegated && !(plea && weight < 0) ? `¬${term}` : term, weight: w });
      sum += w;
      negated = false;
      negatorAge = Infinity;
      boost = 1;
      plea = false;
    } else {
      negatorAge++;
    }
  }
  const raw = sum === 0 ? 0 : sum / Math.sqrt(sum * sum + 4);
  const score = Math.round(Math.max(-1, Math.min(1, raw)) * 1000) / 1000;
  const label: SentimentLabel = score <= -NEUTRAL_BAND ? 'negative' : score >= NEUTRAL_BAND ? 'positive' : 'neutral';
  return { score: Object.is(score, -0) ? 0 : score, label, hits };
}
