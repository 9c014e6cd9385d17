import { and, asc, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/app-deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { roleHas } from '../../platform/auth/permissions.ts';
import { maskAddress, maskEmail, maskPhone } from '../../platform/privacy/masking.ts';
import { assertCustomerVisible, customerScope } from './customer-scope.ts';
import { notFound } from '../../platform/errors/domain-error.ts';
import { branches, staffUsers } from '../../platform/auth/staff.schema.ts';
import { loans, repayments } from '../loans/loans.schema.ts';
import { customers, contactPoints, consents, contactPreferences, timelineEvents } from './customers.schema.ts';
import { interpretSearchQuery } from './rules/search-query.ts';
import { normalisePhone } from './rules/phone.ts';
import type { CustomerProfile, CustomerSummary, TimelineEntry } from './customers.contract.ts';

type Summary = z.infer<typeof CustomerSummary>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function searchCustomers(deps: AppDeps, actor: Actor, q: string, limit: number, offset: number) {
  const { db } = deps.database;
  const found = new Map<string, Summary['matchedOn']>();
  for (const interpretation of interpretSearchQuery(q)) {
    let ids: Array<{ id: string; matchedOn: Summary['matchedOn'] }> = [];
    switch (interpretation.by) {
      case 'id-number': {
        const hash = deps.cipher.searchHash(interpretation.value);
        ids = (await db.select({ id: customers.id }).from(customers).where(eq(customers.idNumberHash, hash)))
          .map((r) => ({ id: r.id, matchedOn: 'id-number' }));
        break;
      }
      case 'credit-code':
        ids = (await db.select({ id: customers.id }).from(customers).where(eq(customers.creditCode, interpretation.value)))
          .map((r) => ({ id: r.id, matchedOn: 'credit-code' }));
        break;
      case 'phone': {
        const phone = normalisePhone(interpretation.digits, 'CN');
        if (!phone.ok) break;
        ids = (
          await db
            .selectDistinct({ id: contactPoints.customerId })
            .from(contactPoints)
            .where(and(eq(contactPoints.kind, 'phone'), eq(contactPoints.value, phone.e164), eq(contactPoints.relationship, 'self')))
        ).map((r) => ({ id: r.id, matchedOn: 'phone' }));
        break;
      }
      case 'reference': {
        const byLoan = await db.select({ id: loans.customerId }).from(loans).where(eq(loans.loanNumber, interpretation.value));
        const byNumber = await db.select({ id: customers.id }).from(customers).where(eq(customers.externalId, interpretation.value));
        ids = [
          ...byLoan.map((r) => ({ id: r.id, matchedOn: 'loan-number' as const })),
          ...byNumber.map((r) => ({ id: r.id, matchedOn: 'customer-number' as const })),
        ];
        break;
      }
      case 'name': {
        // Escape LIKE wildcards typed by the user; a name search is a contains-match.
        const pattern = `%${interpretation.value.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        ids = (
          await db.select({ id: customers.id }).from(customers).where(ilike(customers.name, pattern)).orderBy(asc(customers.name)).limit(500)
        ).map((r) => ({ id: r.id, matchedOn: 'name' }));
        break;
      }
    }
    for (const { id, matchedOn } of ids) if (!found.has(id)) found.set(id, matchedOn);
  }
  if (found.size === 0) return { items: [], total: 0 };
  // Scope is applied to the candidates, so the total never counts records the actor may not see.
  const visible = new Set(
    (await db.select({ id: customers.id }).from(customers).where(and(inArray(customers.id, [...found.keys()]), customerScope(actor)))).map((r) => r.id),
  );
  const allIds = [...found.keys()].filter((id) => visible.has(id));
  const pageIds = allIds.slice(offset, offset + limit);
  if (pageIds.length === 0) return { items: [], total: allIds.length };
  const rows = await db.select().from(customers).where(inArray(customers.id, pageIds));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items: Summary[] = pageIds.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      id: r.id, externalId: r.externalId, type: r.type, name: r.name, idNumberMasked: r.idNumberMasked,
      creditCode: r.creditCode, branchId: r.branchId, riskTier: r.riskTier, matchedOn: found.get(id)!,
    }];
  });
  return { items, total: allIds.length };
}

/** Phones, e-mails and addresses are masked unless the role may view personal data (PIPL art. 51). */
export function presentContactValue(kind: 'phone' | 'email' | 'address', value: string, actor: Actor): string {
  const canView = actor.kind === 'system' || actor.kind === 'borrower' || roleHas(actor.role, 'personal-data.view');
  if (canView) return value;
  return kind === 'phone' ? maskPhone(value) : kind === 'email' ? maskEmail(value) : maskAddress(value);
}

export async function getCustomerProfile(deps: AppDeps, actor: Actor, customerId: string): Promise<z.infer<typeof CustomerProfile>> {
  const { db } = deps.database;
  await assertCustomerVisible(db, actor, customerId);
  const [row] = await db
    .select({ customer: customers, branch: branches, rm: staffUsers })
    .from(customers)
    .innerJoin(branches, eq(branches.id, customers.branchId))
    .leftJoin(staffUsers, eq(staffUsers.id, customers.relationshipManagerId))
    .where(eq(customers.id, customerId));
  if (!row) throw notFound({ zh: '客户', en: 'Customer' });
  const [points, grants, prefs] = await Promise.all([
    db.select().from(contactPoints).where(eq(contactPoints.customerId, customerId)).orderBy(desc(contactPoints.isPrimary), asc(contactPoints.createdAt)),
    db.select().from(consents).where(eq(consents.customerId, customerId)).orderBy(asc(consents.grantedAt)),
    db.select().from(contactPreferences).where(eq(contactPreferences.customerId, customerId)),
  ]);
  const c = row.customer;
  return {
    id: c.id, externalId: c.externalId, type: c.type, name: c.name, idNumberMasked: c.idNumberMasked,
    birthDate: c.birthDate, gender: c.gender, occupation: c.occupation, creditCode: c.creditCode, industry: c.industry,
    legalRepresentative: c.legalRepresentative,
    branch: { id: row.branch.id, nameZh: row.branch.nameZh, nameEn: row.branch.nameEn },
    relationshipManager: row.rm ? { id: row.rm.id, displayName: row.rm.displayName, employeeCode: row.rm.employeeCode } : null,
    riskTier: c.riskTier, timeZone: c.timeZone, preferredLanguage: c.preferredLanguage,
    contactPoints: points.map((p) => ({
      id: p.id, kind: p.kind, value: presentContactValue(p.kind, p.value, actor), masked: presentContactValue(p.kind, p.value, actor) !== p.value, label: p.label, relationship: p.relationship, thirdPartyName: p.thirdPartyName,
      isPrimary: p.isPrimary, verified: p.verified, source: p.source, lastVerifiedAt: iso(p.lastVerifiedAt),
      markedWrongAt: iso(p.markedWrongAt), markedWrongReason: p.markedWrongReason,
    })),
    consents: grants.map((g) => ({
      id: g.id, purpose: g.purpose, channel: g.channel, grantedAt: g.grantedAt.toISOString(), withdrawnAt: iso(g.withdrawnAt),
      evidenceRef: g.evidenceRef, active: g.withdrawnAt === null,
    })),
    preferences: prefs[0]
      ? {
          quietHoursStart: prefs[0].quietHoursStart, quietHoursEnd: prefs[0].quietHoursEnd,
          preferredChannels: prefs[0].preferredChannels, visitOptOut: prefs[0].visitOptOut,
          visitOptOutReason: prefs[0].visitOptOutReason, visitOptOutNote: prefs[0].visitOptOutNote,
        }
      : null,
  };
}

/** Calendar dates become instants at local midnight in Asia/Shanghai (UTC+8, no DST). */
const shanghaiMidnight = (date: string) => `${date}T00:00:00+08:00`;

/**
 * The one customer timeline: loans and repayments from their own tables, and every other workflow's
 * entries from timeline_events, newest first.
 */
export async function getCustomerTimeline(deps: AppDeps, actor: Actor, customerId: string, limit = 200): Promise<Array<z.infer<typeof TimelineEntry>>> {
  const { db } = deps.database;
  await assertCustomerVisible(db, actor, customerId);
  const [loanRows, paymentRows, eventRows] = await Promise.all([
    db.select().from(loans).where(eq(loans.customerId, customerId)),
    db
      .select({ r: repayments, loanNumber: loans.loanNumber })
      .from(repayments)
      .innerJoin(loans, eq(loans.id, repayments.loanId))
      .where(eq(loans.customerId, customerId))
      .orderBy(desc(repayments.valueDate))
      .limit(limit),
    db
      .select()
      .from(timelineEvents)
      .where(eq(timelineEvents.customerId, customerId))
      // Same instant: the later write first (seq); entries older than seq come after their peers.
      .orderBy(desc(timelineEvents.occurredAt), sql`${timelineEvents.seq} DESC NULLS LAST`)
      .limit(limit),
  ]);
  const entries: Array<z.infer<typeof TimelineEntry>> = [
    ...loanRows.map((l) => ({
      occurredAt: new Date(shanghaiMidnight(l.disbursementDate)).toISOString(), module: 'loans', kind: 'loan-disbursed',
      summaryZh: `贷款 ${l.loanNumber} 放款`, summaryEn: `Loan ${l.loanNumber} disbursed`, refId: l.id, amountFen: l.principalFen,
    })),
    ...paymentRows.map(({ r, loanNumber }) => ({
      occurredAt: new Date(shanghaiMidnight(r.valueDate)).toISOString(), module: 'loans', kind: 'repayment-received',
      summaryZh: `贷款 ${loanNumber} 收到还款`, summaryEn: `Repayment received on loan ${loanNumber}`, refId: r.id, amountFen: r.amountFen,
    })),
    ...eventRows.map((e) => ({
      occurredAt: e.occurredAt.toISOString(), module: e.module, kind: e.kind, summaryZh: e.summaryZh, summaryEn: e.summaryEn,
      refId: e.refId, amountFen: typeof e.detail?.amountFen === 'number' ? e.detail.amountFen : null,
    })),
  ];
  // Array sort is stable: entries of one instant keep the order above (events: the later write first).
  entries.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
  return entries.slice(0, limit);
}
