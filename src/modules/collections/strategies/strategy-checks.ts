/**
 * Cross-field checks of a strategy, run by the schema after the field checks pass. Each problem has
 * the path of the field to change and a message saying what to change.
 *
 * Overlaps — the decision: segments are tried in order and the first match wins, so overlapping
 * DPD ranges are how a strategy carves out special populations (hardship, age bands, products)
 * ahead of the general stage segments. What is almost always a mistake is a segment (or part of
 * its DPD range) that can never be reached:
 *  - a segment that earlier segments fully cover — alone or together, each with every non-DPD
 *    condition the same or broader and their DPD ranges spanning its range — is an error, always;
 *  - a DPD range that partly overlaps an earlier segment whose other conditions are the same or
 *    broader (e.g. `1–30` then `30–90`, both for every account) is an error unless the later segment
 *    says `overlapIntended: true`, because the overlapping days always go to the earlier segment.
 * Gaps in DPD coverage are not errors (accounts there get no treatment); see strategy-coverage.ts.
 */
import { CUSTOMER_TYPES } from '../../customers/customers.schema.ts';
import { LOAN_PRODUCTS } from '../../loans/loans.schema.ts';
import type { Conditions, Range, Strategy, StrategySegment } from './strategy.schema.ts';
import { WILLINGNESS } from './treatments.ts';

export type StrategyProblem = { path: (string | number)[]; message: string };

/**
 * A field message in the server's form 'English / 中文': the UI (pickLanguage) shows the reader's
 * half, so neither half may contain ' / '. The English half is what the API documents and tests match.
 */
export const bilingual = (en: string, zh: string): string => `${en} / ${zh}`;

const RANGE_KEYS = ['dpd', 'outstandingFen', 'riskScore', 'age'] as const;
const SET_KEYS = ['products', 'customerTypes', 'flags', 'willingness'] as const;
const ESCALATION_KEYS = ['onNoResponse', 'onResponse', 'onBrokenPromise'] as const;
/** Every value an account can have; a list naming all of them matches like a missing condition. */
const ALL_VALUES: Record<'products' | 'customerTypes' | 'willingness', readonly string[]> = {
  products: LOAN_PRODUCTS,
  customerTypes: CUSTOMER_TYPES,
  willingness: WILLINGNESS,
};
/** DPD is always ≥ 1 in a collections strategy; a missing dpd condition means 1–∞. */
const ALL_DPD: Range = { min: 1, max: null };

export function checkStrategy(strategy: Strategy): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  const seen = new Map<string, number>();
  strategy.segments.forEach((segment, j) => {
    const first = seen.get(segment.id);
    if (first !== undefined) problems.push({ path: ['segments', j, 'id'], message: bilingual(`segment id "${segment.id}" is already used by segment #${first}; ids must be unique`, `分群 id "${segment.id}" 已被分群 #${first} 使用；id 不能重复`) });
    else seen.set(segment.id, j);
    problems.push(...checkConditions(segment.conditions, ['segments', j, 'conditions']));
    problems.push(...checkLadder(segment, ['segments', j, 'ladder']));
  });
  // Reachability compares ranges, so it needs them ordered; unique ids keep its messages unambiguous.
  if (problems.length === 0) problems.push(...checkReachability(strategy.segments));
  return problems;
}

function checkConditions(conditions: Conditions, path: (string | number)[]): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  for (const key of RANGE_KEYS) {
    const r = conditions[key];
    if (r && r.max !== null && r.max < r.min) problems.push({ path: [...path, key, 'max'], message: bilingual(`max (${r.max}) is below min (${r.min}); use max ≥ min, or null for no upper bound`, `max（${r.max}）小于 min（${r.min}）；请使 max ≥ min，或设为 null 表示无上限`) });
  }
  for (const key of SET_KEYS) {
    const values: readonly string[] | undefined = conditions[key];
    values?.forEach((v, i) => {
      if (values.indexOf(v) !== i) problems.push({ path: [...path, key, i], message: bilingual(`"${v}" is listed twice`, `"${v}" 重复列出`) });
    });
  }
  return problems;
}

function checkLadder(segment: StrategySegment, path: (string | number)[]): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  const last = segment.ladder.length - 1;
  segment.ladder.forEach((step, i) => {
    for (const key of ESCALATION_KEYS) {
      const target = step.escalation[key];
      const at = [...path, i, 'escalation', key];
      if (target === 'repeat' && step.waitDays === 0) {
        const hint = key === 'onResponse' && target === 'repeat' ? ' (onResponse is "repeat" unless set)' : '';
        const hintZh = key === 'onResponse' && target === 'repeat' ? '（onResponse 未设置时即为 "repeat"）' : '';
        problems.push({
          path: at,
          message: bilingual(
            `"repeat" needs waitDays ≥ 1, otherwise the same step is due again the same day — set waitDays, or choose "next"${hint}`,
            `"repeat" 需要 waitDays ≥ 1，否则同一步骤当天会再次到期——请设置 waitDays，或改为 "next"${hintZh}`,
          ),
        });
      } else if (typeof target === 'number' && target <= i) {
        problems.push({ path: at, message: bilingual(`step ${target} is not after this step (${i}); escalation only moves forward — use "repeat" to do this step again`, `第 ${target} 步不在本步骤（第 ${i} 步）之后；升级只能向后推进——如需再次执行本步骤，请用 "repeat"`) });
      } else if (typeof target === 'number' && target > last) {
        problems.push({ path: at, message: bilingual(`there is no step ${target}: this ladder has steps 0–${last}`, `不存在第 ${target} 步：该处置阶梯只有第 0–${last} 步`) });
      }
    }
  });
  return problems;
}

function checkReachability(segments: StrategySegment[]): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  segments.forEach((later, j) => {
    const b = later.conditions.dpd ?? ALL_DPD;
    // Earlier segments that take every account `later` would get on their DPD days.
    const before = segments
      .slice(0, j)
      .map((earlier, i) => ({ earlier, i, dpd: earlier.conditions.dpd ?? ALL_DPD }))
      .filter(({ earlier, dpd }) => coversExceptDpd(earlier.conditions, later.conditions) && intersect(dpd, b));
    if (before.length === 0) return;
    if (unionContains(before.map((x) => x.dpd), b)) {
      const names = before.map(({ earlier, i }) => `"${earlier.id}" (#${i})`);
      const by = names.length === 1 ? `segment ${names[0]} comes first and matches` : `segments ${names.join(', ')} come first and together match`;
      const namesZh = before.map(({ earlier, i }) => `"${earlier.id}"（#${i}）`).join('、');
      const byZh = names.length === 1 ? `分群 ${namesZh}排在前面，已匹配` : `分群 ${namesZh}排在前面，合起来已匹配`;
      const themZh = names.length === 1 ? '它' : '它们';
      problems.push({
        path: ['segments', j],
        message: bilingual(
          `segment "${later.id}" can never match: ${by} every account this one would — move "${later.id}" above ${names.length === 1 ? 'it' : 'them'}, or narrow them`,
          `分群 "${later.id}" 永远不会被匹配：${byZh}本分群会匹配的所有账户——请把 "${later.id}" 移到${themZh}前面，或收窄${themZh}的条件`,
        ),
      });
      return;
    }
    if (later.overlapIntended) return;
    const { earlier, i, dpd: a } = before[0]!;
    const overlap = intersect(a, b)!;
    const suggestion = a.max !== null && b.min >= a.min ? `start at ${a.max + 1}` : `end at ${a.min - 1}`;
    const suggestionZh = a.max !== null && b.min >= a.min ? `改为从 ${a.max + 1} 开始` : `改为到 ${a.min - 1} 结束`;
    problems.push({
      path: ['segments', j, 'conditions', ...(later.conditions.dpd ? ['dpd'] : [])],
      message: bilingual(
        `DPD ${fmt(b)} overlaps segment "${earlier.id}" (#${i}, DPD ${fmt(a)}), which comes first and covers the same or more accounts, ` +
          `so DPD ${fmt(overlap)} always goes to "${earlier.id}" — ${suggestion}, or set overlapIntended: true`,
        `逾期天数 ${fmt(b)} 与分群 "${earlier.id}"（#${i}，逾期天数 ${fmt(a)}）重叠；该分群排在前面且覆盖相同或更多账户，` +
          `因此逾期天数 ${fmt(overlap)} 的账户总是归入 "${earlier.id}"——${suggestionZh}，或设置 overlapIntended: true`,
      ),
    });
  });
  return problems;
}

/** True when every account that meets `b`'s non-DPD conditions also meets `a`'s. */
export function coversExceptDpd(a: Conditions, b: Conditions): boolean {
  for (const key of ['outstandingFen', 'riskScore', 'age'] as const) {
    const ra = a[key];
    const rb = b[key];
    // A missing condition also matches accounts with no value (no score, no age), which a range never does.
    if (ra && (!rb || !rangeContains(ra, rb))) return false;
  }
  for (const key of ['products', 'customerTypes', 'willingness', 'flags'] as const) {
    const sa: readonly string[] | undefined = a[key];
    const sb: readonly string[] | undefined = b[key];
    if (!sa) continue;
    // A missing set matches every value — and for flags also accounts with no flag, which 'any of' never does.
    const bValues = sb ?? (key === 'flags' ? null : ALL_VALUES[key]);
    if (!bValues || !bValues.every((v) => sa.includes(v))) return false;
  }
  if (a.brokenPromises) {
    const pb = b.brokenPromises;
    // b's count in a shorter (or equal) window ≥ b.atLeast ≥ a.atLeast implies a's count in its window ≥ a.atLeast.
    if (!pb || pb.withinDays > a.brokenPromises.withinDays || pb.atLeast < a.brokenPromises.atLeast) return false;
  }
  return true;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  if (inner.min < outer.min) return false;
  if (outer.max === null) return true;
  return inner.max !== null && inner.max <= outer.max;
}

/** Whether the union of `parts` contains every integer of `whole`. */
function unionContains(parts: Range[], whole: Range): boolean {
  let next = whole.min; // first integer of `whole` not yet covered
  for (const p of [...parts].sort((x, y) => x.min - y.min)) {
    if (p.min > next) return false;
    if (p.max === null) return true;
    next = Math.max(next, p.max + 1);
    if (whole.max !== null && next > whole.max) return true;
  }
  return false;
}

function intersect(a: Range, b: Range): Range | null {
  const min = Math.max(a.min, b.min);
  const max = a.max === null ? b.max : b.max === null ? a.max : Math.min(a.max, b.max);
  return max !== null && max < min ? null : { min, max };
}

const fmt = (r: Range): string => (r.max === null ? `${r.min}+` : r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`);
