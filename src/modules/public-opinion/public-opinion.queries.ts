import { and, count, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/errors/domain-error.ts';
import { todayInZone } from '../../platform/time/calendar-date.ts';
import { customerScope } from '../customers/customer-scope.ts';
import { customers } from '../customers/customers.schema.ts';
import { complaints } from '../complaints/complaints.schema.ts';
import { publicOpinionAlerts, publicOpinionMentions, type MentionSource, type MentionStatus, type SentimentLabel } from './public-opinion.schema.ts';

export type MentionFilter = {
  label?: SentimentLabel;
  status?: MentionStatus;
  source?: MentionSource;
  matched?: 'true' | 'false';
  from?: string;
  to?: string;
  limit: number;
  offset: number;
};

function mentionColumns(actor: Actor) {
  // Mentions are public posts and everyone with the permission sees them; the matched customer only within data scope.
  const scope = customerScope(actor);
  const visible = scope ? sql<boolean>`coalesce(${scope}, false)` : sql<boolean>`true`;
  return {
    m: publicOpinionMentions,
    customerName: customers.name,
    customerVisible: visible,
    complaintReference: complaints.referenceNumber,
  };
}

type Row = { m: typeof publicOpinionMentions.$inferSelect; customerName: string | null; customerVisible: boolean; complaintReference: string | null };

function toMention(r: Row) {
  const m = r.m;
  return {
    id: m.id, source: m.source, externalId: m.externalId, publishedAt: m.publishedAt.toISOString(), text: m.text, link: m.link, author: m.author,
    sentimentScore: m.sentimentScore, sentimentLabel: m.sentimentLabel,
    customer: m.customerId && r.customerName !== null && r.customerVisible ? { id: m.customerId, name: r.customerName } : null,
    loanId: r.customerVisible ? m.loanId : null,
    matchReason: r.customerVisible ? m.matchReason : null,
    status: m.status,
    complaint: m.complaintId && r.complaintReference ? { id: m.complaintId, referenceNumber: r.complaintReference } : null,
    reviewedAt: m.reviewedAt?.toISOString() ?? null,
  };
}

export async function listMentions(deps: AppDeps, actor: Actor, f: MentionFilter) {
  const { db } = deps.database;
  const m = publicOpinionMentions;
  const where: Array<SQL | undefined> = [
    f.label ? eq(m.sentimentLabel, f.label) : undefined,
    f.status ? eq(m.status, f.status) : undefined,
    f.source ? eq(m.source, f.source) : undefined,
    f.matched === 'true' ? isNotNull(m.customerId) : f.matched === 'false' ? isNull(m.customerId) : undefined,
    f.from ? gte(m.publishedAt, new Date(f.from)) : undefined,
    f.to ? lt(m.publishedAt, new Date(f.to)) : undefined,
  ];
  const rows = await db
    .select(mentionColumns(actor))
    .from(m)
    .leftJoin(customers, eq(customers.id, m.customerId))
    .leftJoin(complaints, eq(complaints.id, m.complaintId))
    .where(and(...where))
    .orderBy(desc(m.publishedAt), desc(m.id))
    .limit(f.limit)
    .offset(f.offset);
  const [total] = await db.select({ n: count() }).from(m).where(and(...where));
  return { items: rows.map((r) => toMention(r as Row)), total: Number(total?.n ?? 0) };
}

export async function getMention(deps: AppDeps, actor: Actor, mentionId: string) {
  const m = publicOpinionMentions;
  const [row] = await deps.database.db
    .select(mentionColumns(actor))
    .from(m)
    .leftJoin(customers, eq(customers.id, m.customerId))
    .leftJoin(complaints, eq(complaints.id, m.complaintId))
    .where(eq(m.id, mentionId));
  if (!row) throw notFound({ zh: '舆情信息', en: 'Mention' });
  return toMention(row as Row);
}

export async function listAlerts(deps: AppDeps, acknowledged?: 'true' | 'false') {
  const a = publicOpinionAlerts;
  const rows = await deps.database.db
    .select()
    .from(a)
    .where(acknowledged === 'true' ? isNotNull(a.acknowledgedAt) : acknowledged === 'false' ? isNull(a.acknowledgedAt) : undefined)
    .orderBy(desc(a.createdAt))
    .limit(100);
  return {
    items: rows.map((r) => ({
      id: r.id, windowStart: r.windowStart.toISOString(), windowEnd: r.windowEnd.toISOString(), negativeCount: r.negativeCount, baseline: r.baseline,
      createdAt: r.createdAt.toISOString(), acknowledged: r.acknowledgedAt !== null, acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    })),
  };
}

/** Mentions per local day (the default time zone) and label, for the last `days` days including today; days without mentions are zeros. */
export async function dailyStats(deps: AppDeps, days: number) {
  const zone = deps.config.defaultTimeZone;
  const now = deps.now();
  const dayOf = (d: Date): string => todayInZone(d, zone); // the zone's cached formatter, not one per day
  const dates: string[] = [];
  for (let i = days - 1; i >= 0; i--) dates.push(dayOf(new Date(now.getTime() - i * 86_400_000)));
  const since = new Date(now.getTime() - (days + 1) * 86_400_000);
  const { rows } = await deps.database.sql.query<{ day: string; label: SentimentLabel; n: number | string }>(
    `SELECT to_char(published_at AT TIME ZONE $1, 'YYYY-MM-DD') AS day, sentiment_label AS label, count(*) AS n
       FROM public_opinion_mentions WHERE published_at >= $2 AND published_at <= $3 GROUP BY 1, 2`,
    [zone, since.toISOString(), now.toISOString()],
  );
  const byDay = new Map(dates.map((d) => [d, { date: d, negative: 0, neutral: 0, positive: 0 }]));
  for (const r of rows) {
    const entry = byDay.get(r.day);
    if (entry) entry[r.label] = Number(r.n);
  }
  return { items: [...byDay.values()] };
}
