/**
 * Money is an integer number of fen (分; 1 yuan = 100 fen) held in a JS safe integer.
 * Conversions go through strings/BigInt, never floating-point multiplication, so
 * 0.1 + 0.2 style errors cannot reach a ledger.
 */
export type Fen = number;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

export function isFen(n: unknown): n is Fen {
  return Number.isSafeInteger(n);
}

/** Returns n unchanged (-0 becomes 0) or throws RangeError if it is not a safe integer. */
export function assertFen(n: number): Fen {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not an integer amount of fen: ${n}`);
  return n === 0 ? 0 : n;
}

// Optional '-', digits either plain or grouped by 3 with ',', then at most 2 decimals.
const YUAN = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Parses a yuan amount ('1,234.56', '-12.3', '1234') into fen; null if malformed or unsafe. */
export function parseYuanToFen(text: string): Fen | null {
  if (typeof text !== 'string') return null;
  const match = YUAN.exec(text.trim());
  if (!match) return null;
  const [, sign, intPart, frac = ''] = match;
  const magnitude = BigInt(intPart!.replaceAll(',', '') + frac.padEnd(2, '0'));
  if (magnitude > MAX) return null;
  const fen = Number(magnitude);
  return sign && fen !== 0 ? -fen : fen;
}

/** '123456' → '1234.56', '-5' → '-0.05'. Plain digits, no grouping. */
export function fenToDecimalString(fen: Fen): string {
  assertFen(fen);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * '¥1,234.56' / '-¥12.30'. 'en' uses 'CN¥' (CLDR's English symbol for CNY) so the
 * amount cannot be mistaken for Japanese yen in English UI. Formatted by hand rather
 * than Intl so output is exact and independent of the ICU version.
 */
export function formatFen(fen: Fen, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const decimal = fenToDecimalString(fen);
  const negative = decimal.startsWith('-');
  const [intPart, frac] = (negative ? decimal.slice(1) : decimal).split('.') as [string, string];
  const grouped = intPart.replace(/\B(?=(\d{3})+$)/g, ',');
  const symbol = locale === 'en' ? 'CN¥' : '¥';
  return `${negative ? '-' : ''}${symbol}${grouped}.${frac}`;
}

/**
 * Splits `total` in proportion to `weights` with the largest-remainder (Hamilton) method:
 * everyone gets floor(share), leftover fen go to the largest fractional remainders
 * (ties to the lower index). The parts always sum exactly to `total`; a negative total
 * is split by magnitude and negated.
 */
export function splitProportionally(total: Fen, weights: number[]): Fen[] {
  assertFen(total);
  if (weights.length === 0) throw new RangeError('weights must not be empty');
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`Invalid weight: ${w}`);
  }
  if (!weights.some((w) => w > 0)) throw new RangeError('At least one weight must be positive');
  const magnitude = Math.abs(total);
  const parts = weights.every((w) => Number.isSafeInteger(w))
    ? splitExact(magnitude, weights)
    : splitFloat(magnitude, weights);
  return total < 0 ? parts.map((p) => (p === 0 ? 0 : -p)) : parts;
}

/** Adds the leftover fen one at a time to indices ordered by `byRemainderDesc` (stable: ties to lower index). */
function distribute(floors: number[], byRemainderDesc: (a: number, b: number) => number, leftover: number): number[] {
  const order = floors.map((_, i) => i).sort((a, b) => byRemainderDesc(a, b) || a - b);
  const out = floors.slice();
  if (leftover >= 0) {
    for (let k = 0; k < leftover; k++) out[order[k % order.length]!]! += 1;
  } else {
    // Only reachable through float error: take back from the smallest remainders first.
    const rev = order.filter((i) => out[i]! > 0).reverse();
    for (let k = 0; k < -leftover; k++) out[rev[k % rev.length]!]! -= 1;
  }
  return out;
}

// Integer weights: exact BigInt quotients; remainders share the denominator so compare directly.
function splitExact(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  const t = BigInt(total);
  const nums = weights.map((w) => t * BigInt(w));
  const floors = nums.map((n) => Number(n / sum));
  const rems = nums.map((n) => n % sum);
  const leftover = total - floors.reduce((s, f) => s + f, 0);
  return distribute(floors, (a, b) => (rems[b]! > rems[a]! ? 1 : rems[b]! < rems[a]! ? -1 : 0), leftover);
}

// Fractional weights: floating-point shares, then the same exact top-up so the sum is exact.
function splitFloat(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => (total * w) / sum);
  const floors = shares.map((s) => Math.floor(s));
  const rems = shares.map((s, i) => s - floors[i]!);
  const leftover = total - floors.reduce((s, f) => s + f, 0);
  return distribute(floors, (a, b) => rems[b]! - rems[a]!, leftover);
}
