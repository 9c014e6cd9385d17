import type { ReactNode } from 'react';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What the wording check ignores between characters: spaces (also full-width), punctuation, zero-width characters. */
const GAP = '[\\s\\u3000\\u200b-\\u200f\\u2060\\ufeff\\p{P}\\p{S}]*';

/**
 * A pattern that finds a flagged phrase in the text as written. The check matches Chinese after
 * removing spaces and punctuation ('坐 牢' and '坐　牢' are both 坐牢), so the highlight allows them
 * between characters; Latin phrases match whole words, case-insensitively.
 */
function phrasePattern(phrase: string): string {
  const chars = [...phrase.trim()];
  if (chars.length === 0) return '';
  if (/^[\x00-\x7f]+$/.test(phrase)) return `\\b${chars.map((c) => (c === ' ' ? '\\s+' : escape(c))).join('')}\\b`;
  return chars.map(escape).join(GAP);
}

/**
 * The text with every flagged phrase in <mark>, and `{{placeholders}}` set apart, keeping line
 * breaks (white-space: pre-wrap on the container).
 */
export function Highlighted({ text, phrases = [], markTestId = 'wording-phrase' }: { text: string; phrases?: string[]; markTestId?: string }) {
  const patterns = [...new Set(phrases)].map(phrasePattern).filter(Boolean);
  const parts: ReactNode[] = [];
  // Group 1 is always the wording group (one that never matches when nothing was flagged), group 2 a placeholder.
  const wording = patterns.length ? `(${patterns.join('|')})` : '((?!))';
  const re = new RegExp(`${wording}|(\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\})`, 'giu');
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) parts.push(text.slice(last, m.index));
    if (m[1] !== undefined) {
      parts.push(
        <mark key={i++} className="wording-mark" data-testid={markTestId}>
          {m[0]}
        </mark>,
      );
    } else {
      parts.push(
        <span key={i++} className="placeholder-chip">
          {m[0]}
        </span>,
      );
    }
    last = m.index! + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
