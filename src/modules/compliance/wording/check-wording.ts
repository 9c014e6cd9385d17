/**
 * Prohibited-wording check: `checkWording(text, language, { thirdParty })` → { ok, findings }.
 * Categories: threat, insult, obscenity, false-legal-claim, false-criminal-liability, and — only for a
 * message to a third party — third-party-disclosure (any mention of the debt). Word lists live in
 * lexicon.zh-CN.json and lexicon.en.json with their sources and rationale. Both lexicons are applied to
 * every message (customer SMS mix languages); `language` names the message's main language and the
 * lexicon listed first. Matching is on normalised text (see normalise.ts): Chinese as substrings,
 * English as whole words. Each pattern is compiled once, at module load.
 */
import { createRequire } from 'node:module';
import type { WordingCategory, WordingCheck, WordingFinding } from '../compliance.types.ts';
import { normaliseChinese, normaliseEnglish } from './normalise.ts';

type LexiconFile = {
  language: 'zh-CN' | 'en';
  categories: Record<WordingCategory, { rationale: string; phrases: string[] }>;
};

const require = createRequire(import.meta.url);
const zhLexicon = require('./lexicon.zh-CN.json') as LexiconFile;
const enLexicon = require('./lexicon.en.json') as LexiconFile;

export const WORDING_CATEGORIES: readonly WordingCategory[] = [
  'threat',
  'insult',
  'obscenity',
  'false-legal-claim',
  'false-criminal-liability',
  'third-party-disclosure',
];

type Compiled = {
  normalise: (text: string) => string;
  /** All categories but third-party-disclosure; then with it. */
  general: RegExp | null;
  withDisclosure: RegExp | null;
  /** Normalised phrase → its lexicon entries. */
  byNormalised: Map<string, WordingFinding[]>;
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(lexicon: LexiconFile, kind: 'zh' | 'en'): Compiled {
  const normalise = kind === 'zh' ? normaliseChinese : (t: string) => normaliseEnglish(t).trim();
  const byNormalised = new Map<string, WordingFinding[]>();
  const general: string[] = [];
  const all: string[] = [];
  for (const category of WORDING_CATEGORIES) {
    for (const phrase of lexicon.categories[category]?.phrases ?? []) {
      const n = normalise(phrase);
      if (!n) continue;
      const list = byNormalised.get(n) ?? [];
      if (!list.some((f) => f.category === category)) list.push({ phrase, category });
      byNormalised.set(n, list);
      if (!all.includes(n)) all.push(n);
      if (category !== 'third-party-disclosure' && !general.includes(n)) general.push(n);
    }
  }
  const build = (phrases: string[]): RegExp | null => {
    if (!phrases.length) return null;
    // Longest first, so at one position '上征信黑名单' wins over '征信黑名单'; matches do not overlap.
    const alternation = [...phrases].sort((a, b) => b.length - a.length).map(escape).join('|');
    return kind === 'zh' ? new RegExp(`(${alternation})`, 'g') : new RegExp(`(?<![a-z0-9])(${alternation})(?![a-z0-9])`, 'g');
  };
  return { normalise: kind === 'zh' ? normaliseChinese : normaliseEnglish, general: build(general), withDisclosure: build(all), byNormalised };
}

const ZH = compile(zhLexicon, 'zh');
const EN = compile(enLexicon, 'en');

function scan(compiled: Compiled, text: string, thirdParty: boolean, out: WordingFinding[], seen: Set<string>): void {
  const pattern = thirdParty ? compiled.withDisclosure : compiled.general;
  if (!pattern) return;
  const normalised = compiled.normalise(text);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(normalised); m !== null; m = pattern.exec(normalised)) {
    for (const finding of compiled.byNormalised.get(m[1]) ?? []) {
      if (!thirdParty && finding.category === 'third-party-disclosure') continue;
      const key = `${finding.category}\u0000${finding.phrase}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(finding);
      }
    }
  }
}

// Rendered templates repeat (the same reminder to thousands of debtors), so results are cached per
// text; the cached results are frozen so no caller can change another's answer.
const CACHE_LIMIT = 5_000;
const cache = new Map<string, Array<WordingCheck | undefined>>();

function compute(text: string, language: 'zh-CN' | 'en', thirdParty: boolean): WordingCheck {
  const findings: WordingFinding[] = [];
  const seen = new Set<string>();
  const order = language === 'en' ? [EN, ZH] : [ZH, EN];
  for (const compiled of order) scan(compiled, text, thirdParty, findings, seen);
  for (const f of findings) Object.freeze(f);
  return Object.freeze({ ok: findings.length === 0, findings: Object.freeze(findings) as WordingFinding[] });
}

/** Check a message for prohibited wording; `thirdParty` adds the debt-disclosure category. */
export function checkWording(text: string, language: 'zh-CN' | 'en', options: { thirdParty: boolean } = { thirdParty: false }): WordingCheck {
  const slot = (language === 'en' ? 2 : 0) + (options.thirdParty ? 1 : 0);
  let entry = cache.get(text);
  if (!entry) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    entry = [undefined, undefined, undefined, undefined];
    cache.set(text, entry);
  }
  return (entry[slot] ??= compute(text, language, options.thirdParty));
}
