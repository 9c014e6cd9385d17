import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { executorFor } from '../../../platform/db/drizzle-executor.ts';
import { customers } from '../../customers/customers.schema.ts';
import { loans } from '../../loans/loans.schema.ts';
import { complaints } from '../../complaints/complaints.schema.ts';
import { extractCandidateTokens, matchMention, type MatchCandidates } from '../rules/match-mention.ts';
import { BASELINE_HOURS, DEFAULT_SPIKE_OPTIONS, detectNegativeSpike, type SpikeOptions } from '../rules/negative-spike.ts';
import { scoreSentimentZh } from '../rules/sentiment.ts';
import { publicOpinionAlerts, publicOpinionMentions } from '../public-opinion.schema.ts';
import type { MentionInput } from './parse-mentions.ts';

export type ImportOutcome = {
  received: number;
  imported: number;
  /** Already present (same source and external id): left as they were. */
  duplicates: number;
  /** The ids of newly imported mentions, in input order (null for a duplicate). */
  ids: Array<string | null>;
  alert: { id: string; negativeCount: number; baseline: number } | null;
};

const HOUR = 3_600_000;
const LOOKUP_CHUNK = 1000;

async function inChunks<T>(values: string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) out.push(...(await run(values.slice(i, i + LOOKUP_CHUNK))));
  return out;
}

/** Candidates for a batch: the names, loan numbers and references extracted from the texts, looked up by equality. */
async function loadCandidates(tx: Tx, texts: string[]): Promise<MatchCandidates> {
  const names = new Set<string>();
  const loanNumbers = new Set<string>();
  const references = new Set<string>();
  for (const text of texts) {
    const t = extractCandidateTokens(text);
    t.names.forEach((n) => names.add(n));
    t.loanNumbers.forEach((n) => loanNumbers.add(n));
    t.complaintReferences.forEach((n) => references.add(n));
  }
  const [c, l, k] = await Promise.all([
    inChunks([...names], (chunk) => tx.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.name, chunk))),
    inChunks([...loanNumbers], (chunk) =>
      tx.select({ id: loans.id, loanNumber: loans.loanNumber, customerId: loans.customerId }).from(loans).where(inArray(loans.loanNumber, chunk))),
    inChunks([...references], (chunk) =>
      tx.select({ id: complaints.id, referenceNumber: complaints.referenceNumber, customerId: complaints.customerId }).from(complaints).where(inArray(complaints.referenceNumber, chunk))),
  ]);
  return { customers: c, loans: l, complaints: k };
}

/**
 * Negative mentions per hour over the baseline period and the window, ending now; raises an alert
 * (audited) when detectNegativeSpike says so and no alert covers an overlapping window yet.
 */
export async function checkNegativeSpike(tx: Tx, actor: Actor, now: Date, options: SpikeOptions = DEFAULT_SPIKE_OPTIONS, requestId?: string | null) {
  const hours = BASELINE_HOURS + options.window;
  const from = new Date(now.getTime() - hours * HOUR);
  const rows = await tx
    .select({ publishedAt: publicOpinionMentions.publishedAt })
    .from(publicOpinionMentions)
    .where(and(eq(publicOpinionMentions.sentimentLabel, 'negative'), gt(publicOpinionMentions.publishedAt, from), lte(publicOpinionMentions.publishedAt, now)));
  const counts = new Array<number>(hours).fill(0);
  for (const r of rows) {
    const age = Math.floor((now.getTime() - r.publishedAt.getTime()) / HOUR);
    const bucket = hours - 1 - Math.min(age, hours - 1);
    counts[bucket]! += 1;
  }
  const verdict = detectNegativeSpike(counts, options);
  if (!verdict.alert) return null;
  const windowStart = new Date(now.getTime() - options.window * HOUR);
  const [open] = await tx
    .select({ id: publicOpinionAlerts.id })
    .from(publicOpinionAlerts)
    .where(and(gt(publicOpinionAlerts.windowEnd, windowStart), isNull(publicOpinionAlerts.acknowledgedAt)))
    .limit(1);
  if (open) return null;
  const [alert] = await tx
    .insert(publicOpinionAlerts)
    .values({ windowStart, windowEnd: now, negativeCount: verdict.current, baseline: verdict.baseline, createdAt: now })
    .returning();
  await recordAudit(executorFor(tx), {
    actor, action: 'public-opinion.alert.raised', entityType: 'public-opinion-alert', entityId: alert!.id,
    after: { windowStart, windowEnd: now, negativeCount: verdict.current, baseline: verdict.baseline, factor: options.factor }, requestId,
  }, now);
  return { id: alert!.id, negativeCount: verdict.current, baseline: verdict.baseline };
}

/**
 * Stores mentions idempotently on (source, external id): each new one is scored and matched; then
 * the spike check runs, all in one transaction with one audit row for the batch.
 */
export async function importMentions(
  deps: AppDeps,
  actor: Actor,
  input: MentionInput[],
  options: { origin: 'file' | 'webhook'; requestId?: string | null; spike?: SpikeOptions },
): Promise<ImportOutcome> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const candidates = input.length > 0 ? await loadCandidates(tx, input.map((m) => m.text)) : { customers: [], loans: [], complaints: [] };
    const ids: Array<string | null> = [];
    for (const m of input) {
      const sentiment = scoreSentimentZh(m.text);
      const match = matchMention(m.text, candidates);
      const [row] = await tx
        .insert(publicOpinionMentions)
        .values({
          source: m.source, externalId: m.externalId, publishedAt: m.publishedAt, text: m.text, link: m.link, author: m.author,
          sentimentScore: sentiment.score, sentimentLabel: sentiment.label, customerId: match.customerId, loanId: match.loanId,
          matchReason: match.reasons.length > 0 ? match.reasons.join(',') : null, importedAt: now,
        })
        .onConflictDoNothing({ target: [publicOpinionMentions.source, publicOpinionMentions.externalId] })
        .returning({ id: publicOpinionMentions.id });
      ids.push(row?.id ?? null);
    }
    const imported = ids.filter((id) => id !== null).length;
    const alert = imported > 0 ? await checkNegativeSpike(tx, actor, now, options.spike, options.requestId) : null;
    if (imported > 0) {
      await recordAudit(executorFor(tx), {
        actor, action: 'public-opinion.imported', entityType: 'public-opinion-import', entityId: options.requestId ?? `import:${now.toISOString()}`,
        after: { origin: options.origin, received: input.length, imported, duplicates: input.length - imported, alertId: alert?.id ?? null },
        requestId: options.requestId,
      }, now);
    }
    return { received: input.length, imported, duplicates: input.length - imported, ids, alert };
  });
}
