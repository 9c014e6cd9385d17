import { randomUUID } from 'node:crypto';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { AppDeps } from '../../../platform/app-deps.ts';
import type { SqlExecutor } from '../../../platform/db/client.ts';
import { actorId, type Actor } from '../../../platform/auth/actor.ts';
import { recordAudit, withOneStatement } from '../../../platform/audit/index.ts';
import { DomainError, notFound } from '../../../platform/errors/domain-error.ts';
import { todayInZone } from '../../../platform/time/calendar-date.ts';
import { knownContextKey, knownRecipientKey, queueMessage, sendableVersionJson, toSendable, type KnownRecords, type SendableVersion } from '../../communications/index.ts';
import {
  CHANNEL_POINT_KIND, contactContextFromJson, contactContextJson, defaultPointsJson, defaultRecipient, openContactHoldForNewCase, withOpenedHold, type DefaultPoint,
  type LoadedContactContext,
} from '../../compliance/context/index.ts';
import type { Language } from '../../communications/templates/render.ts';
import { customerScope } from '../../customers/customer-scope.ts';
import { CATEGORY_LABELS, MODEL_KIND, MODEL_VERSION, type ComplaintCategory, type ComplaintSeverity } from '../classifier/index.ts';
import {
  DUPLICATE_SIMILARITY, DUPLICATE_WINDOW_DAYS, similarityTo, suggestFor,
} from '../complaint-support.ts';
import { type ComplaintChannel, COMPLAINT_PRODUCTS } from '../complaints.schema.ts';
import { nextReferenceNumber } from '../reference-numbers.ts';
import { findBySourceMessage, writeNewComplaint, type TimelineEntry } from './intake-writes.ts';
import {
  applyRouting, notifyNamedOwner, planRouting, routingCandidatesJson, toRoutingCandidate, type CandidateRow, type IntakeCustomer,
} from '../routing/assign-handler.ts';
import type { RoutingCandidate } from '../routing/route-complaint.ts';

/** The model named beside a suggestion and a correction (retraining uses both). */
const SUGGESTION_MODEL = `${MODEL_KIND}/${MODEL_VERSION}`;
const ACKNOWLEDGEMENT_TEMPLATE = 'complaint-acknowledgement';

export type OpenComplaintInput = {
  customerId: string | null;
  loanIds?: string[];
  channel: ComplaintChannel;
  description: string;
  /** When it reached us (a letter's receipt date, a call's time); default now. */
  receivedAt?: Date;
  regulatorReference?: string | null;
  regulatorDeadline?: string | null;
  product?: (typeof COMPLAINT_PRODUCTS)[number] | null;
  /** Staff may classify at intake; otherwise the classifier's suggestion stands until confirmed. */
  category?: ComplaintCategory;
  severity?: ComplaintSeverity;
  /** The category the complainant picked (portal): kept beside the suggestion as a hint, never as a confirmed classification. */
  complainantCategory?: ComplaintCategory;
  ownerId?: string | null;
  relatedComplaintId?: string | null;
  complainantEmail?: string | null;
  sourceMessageId?: string | null;
  requestId?: string | null;
};

export type OpenComplaintResult = {
  complaintId: string;
  referenceNumber: string;
  acknowledgement: { status: 'queued' | 'blocked' | 'not-sent'; messageId: string | null; channel: string | null };
  possibleDuplicates: Array<{ id: string; referenceNumber: string; similarity: number }>;
  contactHoldId: string | null;
  fraudFlagged: boolean;
  created: boolean;
};

/**
 * Registers a complaint from any channel, atomically: the reference number, the classifier's
 * suggestion, possible duplicates (same customer, similar text, last 30 days), a contact hold for a
 * collection-conduct complaint, the fraud flag, the acknowledgement through the outbox, routing and
 * its notices, the customer's timeline entries and the audit events.
 *
 * Cost (npm run bench:complaints; the complaints README has the figures): everything intake needs
 * to know is one query (loadIntakeCustomer), and every write is one autocommit statement at the end
 * (withOneStatement), so a request is two statements (its session is cached: SessionCache) and the
 * locks the writes take (the handler's workload row, the audit chain's) are held only while that
 * statement runs, a collection-conduct complaint's contact hold included. Intakes whose statements
 * meet at the database are committed together (platform/db/group-commit.ts). Reference numbers
 * come from this process's block (reference-numbers.ts).
 */
export async function openComplaint(deps: AppDeps, actor: Actor, input: OpenComplaintInput): Promise<OpenComplaintResult> {
  const now = deps.now();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime()) {
    throw new DomainError('validation', { zh: '受理时间不能晚于当前时间', en: 'receivedAt cannot be in the future' }, [{ field: 'json.receivedAt', message: 'in the future / 晚于当前时间' }]);
  }
  const loanIds = [...new Set(input.loanIds ?? [])];
  const customer = input.customerId ? await loadIntakeCustomer(deps.database, actor, input.customerId, loanIds, receivedAt, now, !input.ownerId) : null;
  if (input.customerId && !customer) throw notFound({ zh: '客户', en: 'Customer' }); // outside the actor's scope: 404, as assertCustomerVisible
  if (loanIds.length > 0 && (customer?.loansFound ?? 0) !== loanIds.length) {
    throw new DomainError('validation', { zh: '贷款不属于该客户', en: 'A loan does not belong to this customer' }, [{ field: 'json.loanIds', message: 'unknown loan / 贷款不属于该客户' }]);
  }
  const suggestion = suggestFor(input.description);
  const category = input.category ?? suggestion.category;
  const severity = input.severity ?? suggestion.severity;
  const staffClassified = input.category !== undefined;
  // An owner named at intake is kept; otherwise the routing rules pick one inside the transaction.
  const ownerId = input.ownerId ?? null;
  const zone = deps.config.defaultTimeZone;

  // Possible duplicates: the same customer's complaints of the last 30 days with similar text.
  const possibleDuplicates: OpenComplaintResult['possibleDuplicates'] = [];
  if (customer) {
    const similarity = similarityTo(input.description);
    for (const r of customer.recent) {
      const s = Math.round(similarity(r.description) * 100) / 100;
      if (s >= DUPLICATE_SIMILARITY) possibleDuplicates.push({ id: r.id, referenceNumber: r.referenceNumber, similarity: s });
    }
    possibleDuplicates.sort((a, b) => b.similarity - a.similarity);
  }

  // Outside the intake transaction, from this process's block of numbers (reference-numbers.ts).
  const referenceNumber = await nextReferenceNumber(deps.database, receivedAt, zone);
  const createdBy = actorId(actor);
  const register = async (exec: SqlExecutor): Promise<OpenComplaintResult> => {
    if (input.sourceMessageId) {
      const existing = await findBySourceMessage(exec, input.sourceMessageId);
      if (existing) {
        return {
          complaintId: existing.id, referenceNumber: existing.reference_number, created: false, possibleDuplicates: [], contactHoldId: null,
          fraudFlagged: existing.fraud_flagged,
          acknowledgement: { status: existing.acknowledgement_status ?? 'not-sent', messageId: existing.acknowledgement_message_id, channel: null },
        };
      }
    }

    const fraud = category === 'fraud-or-identity-misuse';
    const label = CATEGORY_LABELS[category];
    // The customer's timeline: the received entry, and the fraud flag's.
    const timeline: TimelineEntry[] = input.customerId
      ? [
        {
          kind: 'complaint-received', zh: `受理投诉 ${referenceNumber}（${label.zh}）`, en: `Complaint ${referenceNumber} received (${label.en})`,
          detail: JSON.stringify({ channel: input.channel, possibleDuplicates: possibleDuplicates.map((d) => d.referenceNumber) }),
        },
        ...(fraud ? [{
          kind: 'complaint-fraud-flagged', detail: null,
          zh: `投诉 ${referenceNumber} 涉及欺诈或身份冒用，已转欺诈处理流程`, en: `Complaint ${referenceNumber} concerns fraud or identity misuse: flagged for the fraud workflow`,
        }] : []),
      ]
      : [];
    // Its id now: the complaint row is written last (intake-writes.ts), and the contact hold, the
    // acknowledgement and the notices before it only need the id.
    const complaintId = randomUUID();
    // A complaint about collection conduct pauses collection contact with the customer until it is
    // closed (issue #6, Handling). The acknowledgement below is judged with that hold (withOpenedHold).
    let contactHoldId: string | null = null;
    if (input.customerId && category === 'collection-conduct') {
      contactHoldId = (await openContactHoldForNewCase(exec, {
        customerId: input.customerId, type: 'collection-conduct-complaint', sourceType: 'complaint', sourceId: complaintId,
        reason: `催收行为投诉 ${referenceNumber}`, actor, at: now, requestId: input.requestId ?? null,
      })).holdId;
    }

    const acknowledgement = await acknowledge(exec, customer, { openedHold: contactHoldId !== null, complaintId, customerId: input.customerId, referenceNumber, receivedAt, zone, channel: input.channel, actor, now, requestId: input.requestId ?? null });
    const status = acknowledgement.status === 'queued' ? 'acknowledged' : 'received';
    const plan = ownerId ? null : await planRouting(deps, exec, { customerId: input.customerId, category, customer, candidates: customer?.candidates });

    await recordAudit(exec, {
      actor, action: 'complaint.opened', entityType: 'complaint', entityId: complaintId, requestId: input.requestId ?? null,
      after: {
        referenceNumber, customerId: input.customerId, channel: input.channel, loanIds, category, severity, status,
        suggestion: { category: suggestion.category, severity: suggestion.severity, confidence: suggestion.categoryConfidence },
        possibleDuplicates: possibleDuplicates.map((d) => d.referenceNumber), contactHoldId, fraudFlagged: fraud,
        acknowledgement: acknowledgement.status, regulatorReference: input.regulatorReference ?? null, regulatorDeadline: input.regulatorDeadline ?? null,
      },
    }, now);
    const assignment = { complaintId, referenceNumber, customerId: input.customerId, category, actor, at: now, requestId: input.requestId ?? null, customer };
    if (plan) await applyRouting(exec, plan, assignment);
    else await notifyNamedOwner(exec, { ...assignment, ownerId: ownerId! });
    await writeNewComplaint(exec, {
      id: complaintId, referenceNumber, customerId: input.customerId, channel: input.channel, regulatorReference: input.regulatorReference ?? null,
      regulatorDeadline: input.regulatorDeadline ?? null, receivedAt, category, severity,
      suggestion: { ...suggestion, model: SUGGESTION_MODEL, ...(input.complainantCategory ? { complainantCategory: input.complainantCategory } : {}) },
      classificationConfirmedAt: staffClassified ? now : null, product: input.product ?? null, status, ownerId: plan?.decision.handlerId ?? ownerId,
      description: input.description, complainantEmail: input.complainantEmail ?? null, sourceMessageId: input.sourceMessageId ?? null,
      relatedComplaintId: input.relatedComplaintId ?? null, fraudFlaggedAt: fraud ? now : null, possibleDuplicateIds: possibleDuplicates.map((d) => d.id),
      acknowledgementStatus: acknowledgement.status, acknowledgementMessageId: acknowledgement.messageId, createdBy, createdAt: now,
    }, {
      received: {
        actor: createdBy,
        payload: { channel: input.channel, receivedAt: receivedAt.toISOString(), regulatorReference: input.regulatorReference ?? null, regulatorDeadline: input.regulatorDeadline ?? null },
      },
      timeline,
      loanIds,
      correction: staffClassified
        ? {
          text: input.description, suggestedCategory: suggestion.category, suggestedSeverity: suggestion.severity, confirmedCategory: category,
          confirmedSeverity: severity, suggestionConfidence: suggestion.categoryConfidence, modelVersion: SUGGESTION_MODEL, confirmedBy: createdBy, confirmedAt: now,
        }
        : null,
    });
    return { complaintId, referenceNumber, acknowledgement, possibleDuplicates, contactHoldId, fraudFlagged: fraud, created: true };
  };
  // Every write of the intake (a contact hold, the acknowledgement, the notices, the complaint, the
  // audit events) goes to the database as ONE statement: atomic by itself, no BEGIN or COMMIT, and
  // the locks it takes (the handler's workload row, the audit chain) held only while it runs, never
  // across a round trip to this process.
  return withOneStatement(deps.database, register);
}

type IntakeCustomerRow = IntakeCustomer & {
  /** Routing's candidates with their open workload (routing/assign-handler.ts); null when an owner was named. */
  candidates: RoutingCandidate[] | null;
  loansFound: number;
  preferredLanguage: Language;
  branchNames: { zh: string; en: string } | null;
  /** The default recipient's point of each kind (compliance/context/proposals.ts defaultPointsJson). */
  defaultPoints: DefaultPoint[];
  acknowledgementTemplate: SendableVersion | DomainError;
  contactContext: LoadedContactContext | null;
  recent: Array<{ id: string; referenceNumber: string; description: string }>;
};

/**
 * One read, outside the transaction, of what intake needs to know about the customer: null when the
 * customer is outside the actor's data scope (or does not exist); how many of `loanIds` are theirs;
 * their complaints of the last 30 days (not merged) for the duplicate check; the kinds of their own
 * usable contact points (the acknowledgement's channel); branch, relationship manager and name
 * (routing, the relationship manager's notice, the acknowledgement's greeting).
 *
 * Fixed SQL text per shape (intakeCustomerSql), not Drizzle's query builder: building this select
 * of nine subqueries on every request was about a twentieth of intake's Node CPU (npm run
 * bench:complaints). Only the data-scope condition is still rendered by Drizzle from customerScope,
 * the one definition of what an actor may see.
 */
async function loadIntakeCustomer(
  database: AppDeps['database'], actor: Actor, customerId: string, loanIds: string[], receivedAt: Date, now: Date, routing: boolean,
): Promise<IntakeCustomerRow | null> {
  const since = new Date(receivedAt.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString();
  const params: unknown[] = [now.toISOString(), since, customerId, ...loanIds];
  let text = intakeCustomerSql(loanIds.length, routing);
  const scope = customerScope(actor);
  if (scope) {
    // The scope's own $1, $2… follow the parameters above.
    const { sql: condition, params: scopeParams } = scopeDialect.sqlToQuery(scope);
    text += ` AND (${condition.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + params.length}`)})`;
    params.push(...scopeParams);
  }
  const { rows: [row] } = await database.sql.query<IntakeCustomerQueryRow>(text, params);
  if (!row) return null;
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const candidates = row.candidates === null ? null : json<CandidateRow[]>(row.candidates).map(toRoutingCandidate);
  return {
    name: row.name, preferredLanguage: row.preferredLanguage, branchId: row.branchId, relationshipManagerId: row.relationshipManagerId,
    candidates, branchNames: json(row.branchNames), loansFound: Number(row.loansFound), recent: json(row.recent), defaultPoints: json(row.defaultPoints),
    acknowledgementTemplate: toSendable(json(row.acknowledgementTemplate)),
    contactContext: contactContextFromJson(row.contactContext),
  };
}

type IntakeCustomerQueryRow = {
  name: string; preferredLanguage: Language; branchId: string | null; relationshipManagerId: string | null; loansFound: number | string;
  branchNames: unknown; defaultPoints: unknown; contactContext: unknown; acknowledgementTemplate: unknown; recent: unknown; candidates: unknown;
};

const scopeDialect = new PgDialect();
const intakeCustomerSqlByShape = new Map<string, string>();

/**
 * The select of loadIntakeCustomer for `loanCount` loan ids and with or without routing's
 * candidates, up to its WHERE on the customer. Parameters: $1 now (the acknowledgement's compliance
 * context), $2 the start of the duplicate window, $3 the customer, $4… the loan ids.
 */
function intakeCustomerSql(loanCount: number, routing: boolean): string {
  const shape = `${loanCount}:${routing}`;
  let text = intakeCustomerSqlByShape.get(shape);
  if (text) return text;
  const loanParams = Array.from({ length: loanCount }, (_, i) => `$${i + 4}`).join(', ');
  text = `SELECT customers.name, customers.preferred_language AS "preferredLanguage", customers.branch_id AS "branchId",
       customers.relationship_manager_id AS "relationshipManagerId",
       -- The branch's names: the acknowledgement's lender name (handed to queueMessage as known).
       (SELECT json_build_object('zh', b.name_zh, 'en', b.name_en) FROM branches b WHERE b.id = customers.branch_id) AS "branchNames",
       ${loanCount > 0 ? `(SELECT count(*)::int FROM loans l WHERE l.customer_id = customers.id AND l.id IN (${loanParams}))` : '0'} AS "loansFound",
       ${defaultPointsJson('customers.id')} AS "defaultPoints",
       -- The acknowledgement's compliance context at now, the instant it is queued (handed to queueMessage as known).
       ${contactContextJson('customers.id', '$1')} AS "contactContext",
       -- The acknowledgement's template (handed to queueMessage as known).
       ${sendableVersionJson(`'${ACKNOWLEDGEMENT_TEMPLATE}'`)} AS "acknowledgementTemplate",
       (SELECT coalesce(json_agg(json_build_object('id', r.id, 'referenceNumber', r.reference_number, 'description', r.description)), '[]'::json)
          FROM complaints r
         WHERE r.customer_id = customers.id AND r.received_at >= $2::timestamptz AND r.merged_into_id IS NULL) AS recent,
       ${routing ? routingCandidatesJson('customers.branch_id') : 'null'} AS candidates
  FROM customers
 WHERE customers.id = $3`;
  intakeCustomerSqlByShape.set(shape, text);
  return text;
}

/**
 * The acknowledgement (投诉受理回执) through the outbox: by the channel the complaint came in on where
 * that can carry it (portal, e-mail), else e-mail, SMS, then the portal inbox. A refusal (no consent,
 * an opt-out) is recorded as 'blocked'; the handler then acknowledges another way.
 */
async function acknowledge(
  exec: SqlExecutor,
  customer: IntakeCustomerRow | null,
  a: { openedHold: boolean; complaintId: string; customerId: string | null; referenceNumber: string; receivedAt: Date; zone: string; channel: ComplaintChannel; actor: Actor; now: Date; requestId: string | null },
): Promise<OpenComplaintResult['acknowledgement']> {
  if (!a.customerId || !customer) return { status: 'not-sent', messageId: null, channel: null };
  const kinds = new Set(customer.defaultPoints.map((p) => p.kind));
  const channel: 'portal' | 'email' | 'sms' =
    a.channel === 'portal' ? 'portal' : a.channel === 'email' && kinds.has('email') ? 'email' : kinds.has('email') ? 'email' : kinds.has('phone') ? 'sms' : 'portal';
  // Read moments ago by loadIntakeCustomer, so the hub does not read them again: the customer, the
  // recipient, the template, the compliance context, and that no message has this new complaint's key yet.
  const recipient = defaultRecipient(customer.defaultPoints.find((p) => p.kind === CHANNEL_POINT_KIND[channel]), channel);
  const known: KnownRecords = {
    keysAreNew: true,
    templates: new Map([[ACKNOWLEDGEMENT_TEMPLATE, customer.acknowledgementTemplate]]),
    // With the contact hold this intake opens (written in the same statement, so no read sees it).
    contexts: customer.contactContext
      ? new Map([[knownContextKey(a.customerId, a.now), a.openedHold
        ? withOpenedHold(customer.contactContext, { type: 'collection-conduct-complaint', debtId: null, openedAt: a.now })
        : customer.contactContext]])
      : undefined,
    recipients: recipient instanceof DomainError ? undefined : new Map([[knownRecipientKey(a.customerId, channel), recipient]]),
    customers: customer.branchNames
      ? new Map([[a.customerId, { name: customer.name, preferred_language: customer.preferredLanguage, branch_name_zh: customer.branchNames.zh, branch_name_en: customer.branchNames.en }]])
      : undefined,
  };
  try {
    const result = await queueMessage(exec, {
      customerId: a.customerId, channel, purpose: 'servicing', templateKey: ACKNOWLEDGEMENT_TEMPLATE,
      variables: { customerName: customer.name, complaintReference: a.referenceNumber, receivedDate: todayInZone(a.receivedAt, a.zone) },
      idempotencyKey: `complaint-ack:${a.complaintId}`, actor: a.actor, requestId: a.requestId, at: a.now,
    }, known);
    return result.status === 'queued' ? { status: 'queued', messageId: result.messageId, channel } : { status: 'blocked', messageId: null, channel };
  } catch (err) {
    if (err instanceof DomainError) return { status: 'not-sent', messageId: null, channel };
    throw err;
  }
}
