/**
 * The deterministic held-out split: an example is held out when the FNV-1a 32-bit hash of its
 * normalised text (NFKC, lowercase, whitespace collapsed) falls in the first `percent` of 100 buckets.
 * It depends on the text alone, so adding or reordering examples never moves an existing one between
 * the two parts, and training code that uses `splitLabelled(...).train` never sees the held-out part.
 */
import { normaliseText } from './tokenize.ts';

export const HELD_OUT_PERCENT = 20;

/** FNV-1a 32-bit over the UTF-8 bytes of the string. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function canonical(text: string): string {
  return normaliseText(text).replace(/\s+/g, ' ').trim();
}

/**
 * A stable 64-bit key for a complaint text (two FNV-1a hashes of the normalised text): corrections are
 * matched on it, so a model never has to store complaint texts themselves.
 */
export function textKey(text: string): string {
  const c = canonical(text);
  return fnv1a32(c).toString(16).padStart(8, '0') + fnv1a32(`\u0000${c}`).toString(16).padStart(8, '0');
}

export function isHeldOut(text: string, percent = HELD_OUT_PERCENT): boolean {
  return fnv1a32(canonical(text)) % 100 < percent;
}

export function splitLabelled<T extends { text: string }>(examples: readonly T[], percent = HELD_OUT_PERCENT): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const e of examples) (isHeldOut(e.text, percent) ? heldOut : train).push(e);
  return { train, heldOut };
}
