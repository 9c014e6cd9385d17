/**
 * bench: compliance — the contact compliance engine over 1,000,000 proposals against realistic
 * in-memory histories, against a baseline loop that only reads the same data in the same run.
 *
 *   npx tsx bench/compliance.bench.ts
 *   BENCH_PROPOSALS=200000 BENCH_CUSTOMERS=2000 npx tsx bench/compliance.bench.ts
 *
 * World: 10,000 customers (80 % mainland China in Asia/Shanghai, 20 % US with one or two zones),
 * histories of 0–40 contacts over the previous 10 days, half in the last 24 h (phone, SMS, e-mail, visits; several outcomes;
 * some to third parties), consents, opt-outs, a few open cases, quiet hours, agreed windows, hardship
 * flags. Proposals: mixed channels and purposes over the next 2 days, some to third parties, some
 * with a rendered message (a few with prohibited wording), a few with a supervisor override.
 * The baseline touches every history entry and every field the engine reads (sums timestamps and
 * lengths); the engine run also computes earliestAllowedAt for every denial.
 */
import type {
  CompliancePolicy,
  ContactChannel,
  ContactContext,
  ContactHistoryEntry,
  ContactProposal,
  ContactPurpose,
  RuleCode,
} from '../src/modules/compliance/compliance.types.ts';
import { evaluateContact } from '../src/modules/compliance/engine.ts';
import { CN_BANK_STRICT_POLICY, CN_MAINLAND_POLICY, US_REG_F_POLICY } from '../src/modules/compliance/policies.ts';

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 1_000_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const TARGET = 100_000;
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 5, 1, 2, 0, 0); // 2026-06-01 10:00 Shanghai; histories end here, proposals follow

// Deterministic PRNG (mulberry32), so runs are comparable.
let seed = 0x5eed;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const chance = (p: number) => rnd() < p;

type World = { context: ContactContext; policy: CompliancePolicy; debts: string[]; thirdParties: string[] };

const CHANNELS: ContactChannel[] = ['phone', 'phone', 'phone', 'sms', 'sms', 'email', 'portal', 'field-visit', 'letter', 'video'];
const OUTCOMES: ContactHistoryEntry['outcome'][] = ['attempted', 'no-answer', 'no-answer', 'connected', 'conversation', 'refused', 'wrong-number', 'delivered', 'failed'];
const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const MESSAGES_ZH = [
  '我们关注到您的账户最近出现了延迟还款的情况，对此我们深表关心。期望理解您目前面临的实际情况以便为您提供更合适的解决方案。',
  '尊敬的客户，您本期账单已出，请按时还款。如有困难请致电我们协商还款计划。',
  '您好，请转告张先生方便时回电，谢谢。',
  '再不还款后果自负，我们将通知你单位！',
];
const MESSAGES_EN = [
  'We noticed a recent late payment on your account. Please call us so we can find a solution together.',
  'Your statement is ready. Please pay by the due date.',
  'Please ask Ann to call us back when convenient.',
  'Pay today or we will sue you today.',
];

function buildWorld(i: number): World {
  const us = i % 5 === 0;
  const zones = us ? (chance(0.3) ? [pick(US_ZONES), pick(US_ZONES)] : [pick(US_ZONES)]) : ['Asia/Shanghai'];
  const policy = us ? US_REG_F_POLICY : chance(0.3) ? CN_BANK_STRICT_POLICY : CN_MAINLAND_POLICY;
  const debts = chance(0.3) ? [`L${i}a`, `L${i}b`] : [`L${i}a`];
  const thirdParties = chance(0.6) ? [`cp${i}-ec`, `cp${i}-rel`] : [];
  const history: ContactHistoryEntry[] = [];
  const n = int(41);
  // Half of the contacts in the last 24 hours (an account in the active queue), the rest over 10 days.
  const times = Array.from({ length: n }, () => BASE - 1 - (chance(0.5) ? int(DAY) : int(10 * DAY))).sort((a, b) => a - b);
  for (let k = 0; k < n; k++) {
    const t = times[k];
    const third = thirdParties.length > 0 && chance(0.1);
    history.push({
      at: new Date(t),
      channel: pick(CHANNELS),
      mode: chance(0.4) ? 'automated' : 'human',
      purpose: chance(0.8) ? 'collections' : pick<ContactPurpose>(['servicing', 'follow-up-visit', 'marketing']),
      debtId: chance(0.9) ? pick(debts) : null,
      relationship: third ? 'emergency-contact' : 'self',
      contactPointId: third ? pick(thirdParties) : `cp${i}-self`,
      outcome: pick(OUTCOMES),
      agency: chance(0.3) ? pick(['agency-a', 'agency-b']) : null,
    });
  }
  const consents = [
    { purpose: 'follow-up-visit' as const, channel: pick<ContactChannel>(['phone', 'video', 'field-visit']), grantedAt: new Date(BASE - 200 * DAY), withdrawnAt: null },
    ...(chance(0.4) ? [{ purpose: 'marketing' as const, channel: 'sms' as const, grantedAt: new Date(BASE - 100 * DAY), withdrawnAt: chance(0.3) ? new Date(BASE - int(20) * DAY) : null }] : []),
    ...(us ? [{ purpose: 'collections' as const, channel: pick<ContactChannel>(['phone', 'sms']), grantedAt: new Date(BASE - 300 * DAY), withdrawnAt: null }] : []),
    ...(chance(0.05) ? [{ purpose: 'collections' as const, channel: 'sms' as const, grantedAt: new Date(BASE - 300 * DAY), withdrawnAt: new Date(BASE - DAY) }] : []),
  ];
  const context: ContactContext = {
    customer: {
      timeZones: zones,
      quietHours: chance(0.1) ? { start: '12:00', end: '14:00' } : null,
      inconvenientTimes: us && chance(0.1) ? [{ start: '09:00', end: '17:00' }] : [],
      agreedContactWindow: chance(0.05) ? { start: '21:00', end: '23:00' } : null,
      debtorUnreachable: chance(0.1),
      flags: { hardship: chance(0.03), bereavement: chance(0.01), vulnerable: chance(0.02) },
    },
    consents,
    optOuts: chance(0.1) ? [{ channel: pick<ContactChannel>(['sms', 'email']), at: new Date(BASE - int(30) * DAY) }] : [],
    openCases: chance(0.05)
      ? [{ type: pick(['collection-conduct-complaint', 'fraud-incident', 'dispute', 'legal-hold'] as const), debtId: chance(0.5) ? debts[0] : null, openedAt: new Date(BASE - 3 * DAY) }]
      : [],
    history,
  };
  return { context, policy, debts, thirdParties };
}

function buildProposal(world: World, i: number): ContactProposal {
  const at = new Date(BASE + (chance(0.5) ? int(DAY / 2) : int(2 * DAY)));
  const third = world.thirdParties.length > 0 && chance(0.1);
  const channel = pick<ContactChannel>(['phone', 'phone', 'phone', 'phone', 'sms', 'sms', 'email', 'portal', 'field-visit', 'video', 'letter']);
  const en = world.policy.profile === 'us-reg-f';
  const withText = channel === 'sms' || channel === 'email' || channel === 'portal';
  const text = withText ? (chance(0.05) ? (en ? MESSAGES_EN[3] : MESSAGES_ZH[3]) : pick((en ? MESSAGES_EN : MESSAGES_ZH).slice(0, 3))) : null;
  return {
    at,
    channel,
    purpose: chance(0.75) ? 'collections' : pick<ContactPurpose>(['servicing', 'servicing', 'follow-up-visit', 'marketing']),
    mode: chance(0.5) ? 'automated' : 'human',
    debtId: chance(0.95) ? pick(world.debts) : null,
    recipient: third
      ? { contactPointId: pick(world.thirdParties), relationship: 'emergency-contact', refusedAt: chance(0.2) ? new Date(BASE - 7 * DAY) : null }
      : { contactPointId: `cp${i}-self`, relationship: 'self', refusedAt: null },
    thirdPartyPurpose: third ? 're-establish-contact' : undefined,
    message: text ? { text, language: en ? 'en' : 'zh-CN' } : undefined,
    override: chance(0.02) ? { by: 'supervisor', reason: 'bench' } : undefined,
    legallyRequiredNotice: chance(0.01),
  };
}

// ---- build the world ------------------------------------------------------------------------
const buildStart = process.hrtime.bigint();
const worlds: World[] = Array.from({ length: CUSTOMERS }, (_, i) => buildWorld(i));
const owner = new Int32Array(PROPOSALS);
const proposals: ContactProposal[] = new Array(PROPOSALS);
for (let k = 0; k < PROPOSALS; k++) {
  const c = int(CUSTOMERS);
  owner[k] = c;
  proposals[k] = buildProposal(worlds[c], c);
}
const entries = worlds.reduce((n, w) => n + w.context.history.length, 0);
console.log(
  `bench:compliance — ${PROPOSALS.toLocaleString('en')} proposals, ${CUSTOMERS.toLocaleString('en')} customers, ${entries.toLocaleString('en')} history entries ` +
    `(built in ${(Number(process.hrtime.bigint() - buildStart) / 1e9).toFixed(1)} s)`,
);

// ---- baseline: read the same data, decide nothing -------------------------------------------
function baseline(): number {
  let sum = 0;
  for (let k = 0; k < PROPOSALS; k++) {
    const p = proposals[k];
    const { context, policy } = worlds[owner[k]];
    sum += p.at.getTime() + p.channel.length + p.purpose.length + p.mode.length + (p.debtId?.length ?? 0);
    sum += p.recipient.relationship.length + (p.recipient.refusedAt?.getTime() ?? 0) + (p.message?.text.length ?? 0) + (p.override ? 1 : 0);
    const c = context.customer;
    sum += c.timeZones.length + (c.quietHours ? 1 : 0) + c.inconvenientTimes.length + (c.agreedContactWindow ? 1 : 0) + (c.debtorUnreachable ? 1 : 0);
    sum += (c.flags.hardship ? 1 : 0) + (c.flags.bereavement ? 1 : 0) + policy.collectionHours.start.length + (policy.burstMinutes ?? 0);
    for (const h of context.history) {
      sum += h.at.getTime() + h.channel.length + h.outcome.length + h.relationship.length + (h.debtId?.length ?? 0) + (h.contactPointId?.length ?? 0);
    }
    for (const r of context.consents) sum += r.grantedAt.getTime() + (r.withdrawnAt?.getTime() ?? 0) + r.channel.length + r.purpose.length;
    for (const o of context.optOuts) sum += o.at.getTime() + o.channel.length;
    for (const o of context.openCases) sum += o.type.length + (o.debtId?.length ?? 0);
  }
  return sum;
}

type Tally = { allowed: number; denied: number; withEarliest: number; overridden: number; rules: Map<RuleCode, number> };
function engine(from = 0, to = PROPOSALS): Tally {
  const tally: Tally = { allowed: 0, denied: 0, withEarliest: 0, overridden: 0, rules: new Map() };
  for (let k = from; k < to; k++) {
    const { context, policy } = worlds[owner[k]];
    const decision = evaluateContact(proposals[k], context, policy);
    if (decision.allowed) {
      tally.allowed++;
      if (decision.overridden.length) tally.overridden++;
    } else {
      tally.denied++;
      if (decision.earliestAllowedAt) tally.withEarliest++;
      for (const d of decision.denials) tally.rules.set(d.rule, (tally.rules.get(d.rule) ?? 0) + 1);
    }
  }
  return tally;
}

function time<T>(fn: () => T): { value: T; seconds: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

// Warm up both paths (JIT, Intl formatters, offset caches) on a slice, then measure the full run.
engine(0, Math.min(PROPOSALS, 20_000));
baseline();

const base = time(baseline);
const ours = time(() => engine());
const baseRate = PROPOSALS / base.seconds;
const oursRate = PROPOSALS / ours.seconds;
const t = ours.value;

console.log(
  `decisions: ${t.allowed.toLocaleString('en')} allowed (${t.overridden.toLocaleString('en')} by override), ${t.denied.toLocaleString('en')} denied, ` +
    `${t.withEarliest.toLocaleString('en')} of them with earliestAllowedAt`,
);
console.log(
  'denials by rule: ' +
    [...t.rules.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([rule, n]) => `${rule} ${n.toLocaleString('en')}`)
      .join(', '),
);
console.log(`baseline (read only): ${base.seconds.toFixed(2)} s, ${Math.round(baseRate).toLocaleString('en')} checks/s (checksum ${base.value % 1e9})`);
console.log(`engine:               ${ours.seconds.toFixed(2)} s, ${Math.round(oursRate).toLocaleString('en')} checks/s, ${((ours.seconds / PROPOSALS) * 1e6).toFixed(2)} µs/check`);
console.log(`ratio engine/baseline: ${(oursRate / baseRate).toFixed(4)} (the engine costs ${(baseRate / oursRate).toFixed(1)}× a bare read of the same data)`);
if (oursRate < TARGET) process.exitCode = 1;
console.log(`RESULT compliance_checks_per_s ${Math.round(oursRate)} (target >= ${TARGET})`);
