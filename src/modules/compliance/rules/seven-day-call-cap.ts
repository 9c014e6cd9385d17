/**
 * Regulation F call frequency, 12 CFR 1006.14(b)(2)(i)(A): a debt collector is presumed to harass when
 * it places more than 7 telephone calls to a particular person about a particular debt within 7
 * consecutive days. Counted PER DEBT (two debts of one consumer count separately), every call placed
 * (any outcome, human or automated); a call about no particular debt counts toward every debt
 * (a call about several debts counts toward each of them). Window: the rolling 7 × 24 h before
 * the proposal, so the 8th call is refused until the oldest counted call is 7 days old. (Reg F counts
 * calendar days with the call's date as day 1; 7 × 24 h never allows earlier than that, so it is the
 * conservative reading.) Applies to collection calls.
 */
import type { CompliancePolicy, ContactContext, ContactProposal, Denial } from '../compliance.types.ts';
import { debtsToCheck, phoneCallsForDebt, recipientHistory, recipientKey, upperBound } from '../history-index.ts';
import { DAY_MS } from '../local-time.ts';
import { denial, fromText, horizonEnd, zonesFor } from '../rule-support.ts';

const SOURCE = '12 CFR 1006.14(b)(2)(i)(A) (Regulation F): at most 7 calls per debt within 7 consecutive days';
const WINDOW = 7 * DAY_MS;

/** Calls in (at − 7 d, at] about the debt, and when that count next drops below the cap. */
function nextBelowCap(calls: number[], at: number, cap: number, end: number): number | null {
  let x = at;
  while (x <= end) {
    const hi = upperBound(calls, x);
    const lo = upperBound(calls, x - WINDOW);
    if (hi - lo < cap) return x;
    if (cap <= 0) return null;
    x = calls[hi - cap] + WINDOW; // the (count − cap + 1)-th oldest call ages out
  }
  return null;
}

export function checkSevenDayCallCap(proposal: ContactProposal, context: ContactContext, policy: CompliancePolicy): Denial | null {
  const cap = policy.maxCallAttemptsPer7DaysPerDebt;
  if (cap === null || proposal.channel !== 'phone' || proposal.purpose !== 'collections') return null;
  const r = recipientHistory(context, recipientKey(proposal.recipient.relationship, proposal.recipient.contactPointId));
  const t = proposal.at.getTime();
  const over: Array<{ debt: string | null; count: number }> = [];
  for (const debt of debtsToCheck(r.phoneByDebt, proposal.debtId)) {
    const calls = phoneCallsForDebt(r, debt);
    if (calls.length < cap) continue;
    const count = upperBound(calls, t) - upperBound(calls, t - WINDOW);
    if (count >= cap) over.push({ debt, count });
  }
  if (!over.length) return null;
  const end = horizonEnd(proposal, policy);
  let x: number | null = t;
  for (let round = 0; round < 100 && x !== null; round++) {
    let moved = false;
    for (const debt of debtsToCheck(r.phoneByDebt, proposal.debtId)) {
      const n = nextBelowCap(phoneCallsForDebt(r, debt), x, cap, end);
      if (n === null) {
        x = null;
        break;
      }
      if (n > x) {
        x = n;
        moved = true;
      }
    }
    if (!moved) break;
  }
  const allowedFrom = x !== null && x <= end ? x : null;
  const list = over.map((o) => `${o.debt ?? '—'}: ${o.count}`).join(', ');
  const from = fromText(allowedFrom, zonesFor(context, policy)[0]);
  return denial('seven-day-call-cap', {
    zh: `最近 7 天内已就该笔债务拨打电话（${list}），已达上限 ${cap} 次${from.zh}`,
    en: `Calls about this debt in the last 7 days (${list}) have reached the limit of ${cap}${from.en}`,
    source: SOURCE,
    allowedFrom,
  });
}
