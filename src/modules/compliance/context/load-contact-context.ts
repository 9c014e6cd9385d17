import type { SqlExecutor } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors/domain-error.ts';
import { policyForProfile, type CompliancePolicy, type ContactContext, type ContactHistoryEntry, type JurisdictionProfile } from './engine-port.ts';
import { timeZoneForPhone } from './phone-time-zones.ts';

/**
 * How far back the contact history is read. The engine's longest look-back is 7 days (Reg F's
 * 7-in-7 call cap and the 7-day wait after a conversation); local days in the widest zone add one
 * more. 14 days leaves margin without reading years of log for every check.
 */
export const HISTORY_WINDOW_DAYS = 14;

const PROFILES: readonly JurisdictionProfile[] = ['cn-mainland', 'us-reg-f'];

export type LoadedContactContext = {
  context: ContactContext;
  policy: CompliancePolicy;
  customer: { id: string; name: string; branchId: string; preferredLanguage: 'zh-CN' | 'en'; timeZone: string; profile: JurisdictionProfile };
};

/**
 * Everything the engine needs to judge a contact with `customerId` at instant `at`, read through
 * `exec` so it sees the caller's transaction (a message queued in the same transaction as the
 * change that caused it is judged on that change). Holds, flags, opt-outs and consents are taken
 * AS OF `at`: a hold closed after `at` still counts, one opened after `at` does not — so replaying
 * a past instant gives the answer the engine gave then.
 *
 * Not stored yet, so always empty: inconvenient times (Reg F 1006.6(b)(1)(i)) and an agreed contact
 * window; the agent workbench issue adds them to contact_preferences.
 */
export async function loadContactContext(exec: SqlExecutor, customerId: string, at: Date): Promise<LoadedContactContext> {
  const loaded = (await loadContactContexts(exec, [customerId], at)).get(customerId);
  if (!loaded) throw notFound({ zh: '客户', en: 'Customer' });
  return loaded;
}

/**
 * `loadContactContext` for many customers at the same instant, in seven set-based queries instead
 * of seven per customer (bulk queueing in the daily collections run), or, for a few customers (a
 * message queued on a request), in one query. Customers that do not exist are absent from the map.
 */
export async function loadContactContexts(exec: SqlExecutor, customerIds: readonly string[], at: Date): Promise<Map<string, LoadedContactContext>> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return new Map();
  const atIso = at.toISOString();
  const rows = ids.length <= ONE_QUERY_MAX
    ? await readTogether(exec, ids, atIso)
    : await readSetBased(exec, ids, atIso);
  return assemble(rows);
}

/**
 * `loaded` with a hold that the caller's unit of work opens at `openedAt` and has not written yet
 * (complaint intake opens it in the same statement as its acknowledgement: contact-holds.ts
 * openContactHoldForNewCase). Equal to reading the context again once the hold is stored, for an
 * instant at or after `openedAt` (load-contact-context.test.ts).
 */
export function withOpenedHold(
  loaded: LoadedContactContext, hold: { type: LoadedContactContext['context']['openCases'][number]['type']; debtId: string | null; openedAt: Date },
): LoadedContactContext {
  return { ...loaded, context: { ...loaded.context, openCases: [...loaded.context.openCases, { type: hold.type, debtId: hold.debtId, openedAt: hold.openedAt }] } };
}

/**
 * A subquery for callers that read the customer anyway (complaint intake, before its transaction):
 * what `loadContactContext` reads for the customer id expression `customerId` at the instant
 * expression `at` (a timestamptz parameter), as one JSON value. Hand it to `contactContextFromJson`.
 * Read outside the caller's transaction, it cannot see that transaction's own changes (a contact hold
 * it opens): a caller that changed any of them reads the context again inside instead.
 */
export function contactContextJson(customerId: string, at: string): string {
  return `(SELECT row_to_json(ctx) FROM (SELECT ${togetherColumns(at)} ${TOGETHER_FROM} WHERE c.id = ${customerId}) ctx)`;
}

/** The context read by `contactContextJson`; null when there was no such customer. */
export function contactContextFromJson(value: unknown): LoadedContactContext | null {
  const row = (typeof value === 'string' ? JSON.parse(value) : value) as TogetherRow | null;
  if (!row) return null;
  return assemble(rowsOf([row])).get(row.id) ?? null;
}

function assemble(rows: ContextRows): Map<string, LoadedContactContext> {
  const { customers, points, consents, optOuts, holds, flags, history } = rows;
  const out = new Map<string, LoadedContactContext>();
  if (customers.length === 0) return out;
  const by = <R extends { customer_id: string }>(rows: R[]) => {
    const m = new Map<string, R[]>();
    for (const r of rows) (m.get(r.customer_id) ?? m.set(r.customer_id, []).get(r.customer_id)!).push(r);
    return (id: string) => m.get(id) ?? [];
  };
  const pointsOf = by(points.rows), consentsOf = by(consents.rows), optOutsOf = by(optOuts.rows);
  const holdsOf = by(holds.rows), flagsOf = by(flags.rows), historyOf = by(history.rows);

  for (const customer of customers) {
    const profile = PROFILES.includes(customer.jurisdiction_profile as JurisdictionProfile)
      ? (customer.jurisdiction_profile as JurisdictionProfile)
      : 'cn-mainland'; // an unknown profile falls back to the stricter default of our home market
    const timeZones = [customer.time_zone];
    for (const p of pointsOf(customer.id)) {
      if (p.kind !== 'phone' || p.marked_wrong_at) continue;
      const zone = timeZoneForPhone(p.value);
      if (zone && !timeZones.includes(zone)) timeZones.push(zone);
    }
    const reachable = pointsOf(customer.id).some((p) => p.kind !== 'address' && !p.marked_wrong_at);
    const flagSet = new Set(flagsOf(customer.id).map((f) => f.flag));
    const quietHours = customer.quiet_hours_start && customer.quiet_hours_end ? { start: customer.quiet_hours_start, end: customer.quiet_hours_end } : null;

    const context: ContactContext = {
      customer: {
        timeZones,
        quietHours,
        inconvenientTimes: [],
        agreedContactWindow: null,
        debtorUnreachable: !reachable,
        flags: { hardship: flagSet.has('hardship'), bereavement: flagSet.has('bereavement'), vulnerable: flagSet.has('vulnerable') },
      },
      consents: consentsOf(customer.id).map((c) => ({
        purpose: c.purpose as never, channel: c.channel as never, grantedAt: new Date(c.granted_at), withdrawnAt: c.withdrawn_at ? new Date(c.withdrawn_at) : null,
      })),
      optOuts: optOutsOf(customer.id).map((o) => ({ channel: o.channel as never, at: new Date(o.at) })),
      openCases: holdsOf(customer.id).map((h) => ({ type: h.type as never, debtId: h.debt_id, openedAt: new Date(h.opened_at) })),
      history: historyOf(customer.id).map(
        (h): ContactHistoryEntry => ({
          at: new Date(h.occurred_at), channel: h.channel as never, mode: h.mode as never, purpose: h.purpose as never, debtId: h.debt_id,
          relationship: h.relationship as never, contactPointId: h.contact_point_id,
          // Inbound 'received' rows are excluded above; every outbound outcome is in the engine's vocabulary.
          outcome: h.outcome as ContactHistoryEntry['outcome'], agency: h.agency,
        }),
      ),
    };
    out.set(customer.id, {
      context,
      policy: policyForProfile(profile),
      customer: {
        id: customer.id, name: customer.name, branchId: customer.branch_id, preferredLanguage: customer.preferred_language,
        timeZone: customer.time_zone, profile,
      },
    });
  }
  return out;
}

type CustomerRow = {
  id: string; name: string; branch_id: string; time_zone: string; preferred_language: 'zh-CN' | 'en'; jurisdiction_profile: string;
  quiet_hours_start: string | null; quiet_hours_end: string | null;
};
type PointRow = { customer_id: string; kind: string; value: string; marked_wrong_at: Date | string | null };
type ConsentRow = { customer_id: string; purpose: string; channel: string; granted_at: Date | string; withdrawn_at: Date | string | null };
type OptOutRow = { customer_id: string; channel: string; at: Date | string };
type HoldRow = { customer_id: string; type: string; debt_id: string | null; opened_at: Date | string };
type FlagRow = { customer_id: string; flag: string };
type HistoryRow = {
  customer_id: string; occurred_at: Date | string; channel: string; mode: string; purpose: string; debt_id: string | null; relationship: string;
  contact_point_id: string | null; outcome: string; agency: string | null;
};
type ContextRows = {
  customers: CustomerRow[]; points: { rows: PointRow[] }; consents: { rows: ConsentRow[] }; optOuts: { rows: OptOutRow[] };
  holds: { rows: HoldRow[] }; flags: { rows: FlagRow[] }; history: { rows: HistoryRow[] };
};

/**
 * Up to this many customers are read in ONE query (a message, a contact check: one round trip
 * instead of seven, on the request path); more (the daily run, a simulation) in the set-based
 * queries below. Both read the same rows with the same conditions.
 */
const ONE_QUERY_MAX = 16;

/**
 * One customer (a message, a contact check: the usual case) is asked for by `c.id = $1`, not by
 * `= ANY` of a one-element array: for the array PostgreSQL's generic plan assumes several rows, so
 * it kept re-planning the prepared statement for each call (0.5 ms a complaint intake under load,
 * pg_stat_statements); for the equality the generic plan is as good and is reused.
 */
const togetherColumns = (at: string) => `c.id, c.name, c.branch_id, c.time_zone, c.preferred_language, b.jurisdiction_profile,
            p.quiet_hours_start, p.quiet_hours_end,
            (SELECT json_agg(json_build_object('kind', x.kind, 'value', x.value, 'marked_wrong_at', x.marked_wrong_at))
               FROM contact_points x WHERE x.customer_id = c.id AND x.relationship = 'self') AS points,
            (SELECT json_agg(json_build_object('purpose', x.purpose, 'channel', x.channel, 'granted_at', x.granted_at, 'withdrawn_at', x.withdrawn_at))
               FROM consents x WHERE x.customer_id = c.id) AS consents,
            (SELECT json_agg(json_build_object('channel', x.channel, 'at', x.at))
               FROM contact_opt_outs x WHERE x.customer_id = c.id AND x.at <= ${at}::timestamptz) AS opt_outs,
            (SELECT json_agg(json_build_object('type', x.type, 'debt_id', x.debt_id, 'opened_at', x.opened_at))
               FROM contact_holds x
              WHERE x.customer_id = c.id AND x.opened_at <= ${at}::timestamptz AND (x.closed_at IS NULL OR x.closed_at > ${at}::timestamptz)) AS holds,
            (SELECT json_agg(DISTINCT x.flag)
               FROM customer_contact_flags x
              WHERE x.customer_id = c.id AND x.set_at <= ${at}::timestamptz AND (x.cleared_at IS NULL OR x.cleared_at > ${at}::timestamptz)) AS flags,
            (SELECT json_agg(json_build_object('occurred_at', x.occurred_at, 'channel', x.channel, 'mode', x.mode, 'purpose', x.purpose, 'debt_id', x.debt_id,
                                               'relationship', x.relationship, 'contact_point_id', x.contact_point_id, 'outcome', x.outcome, 'agency', x.agency)
                             ORDER BY x.occurred_at)
               FROM contact_attempts x
              WHERE x.customer_id = c.id AND x.direction = 'outbound'
                AND x.occurred_at <= ${at}::timestamptz AND x.occurred_at > ${at}::timestamptz - make_interval(days => ${HISTORY_WINDOW_DAYS})) AS history`;
const TOGETHER_FROM = `FROM customers c
       JOIN branches b ON b.id = c.branch_id
       LEFT JOIN contact_preferences p ON p.customer_id = c.id`;
type TogetherRow = CustomerRow & {
  points: Omit<PointRow, 'customer_id'>[] | null; consents: Omit<ConsentRow, 'customer_id'>[] | null; opt_outs: Omit<OptOutRow, 'customer_id'>[] | null;
  holds: Omit<HoldRow, 'customer_id'>[] | null; flags: string[] | null; history: Omit<HistoryRow, 'customer_id'>[] | null;
};

async function readTogether(exec: SqlExecutor, ids: string[], atIso: string): Promise<ContextRows> {
  const { rows } = await exec.query<TogetherRow>(
    `SELECT ${togetherColumns('$2')} ${TOGETHER_FROM} WHERE ${ids.length === 1 ? 'c.id = $1::uuid' : 'c.id = ANY($1::uuid[])'}`,
    [ids.length === 1 ? ids[0] : ids, atIso],
  );
  return rowsOf(rows);
}

function rowsOf(rows: TogetherRow[]): ContextRows {
  const json = <T>(v: T[] | string | null): T[] => (v === null ? [] : typeof v === 'string' ? (JSON.parse(v) as T[]) : v);
  const of = <T extends object>(pick: (r: TogetherRow) => T[] | string | null) =>
    ({ rows: rows.flatMap((r) => json(pick(r)).map((x) => ({ customer_id: r.id, ...x }))) });
  return {
    customers: rows.map((r) => ({
      id: r.id, name: r.name, branch_id: r.branch_id, time_zone: r.time_zone, preferred_language: r.preferred_language,
      jurisdiction_profile: r.jurisdiction_profile, quiet_hours_start: r.quiet_hours_start, quiet_hours_end: r.quiet_hours_end,
    })),
    points: of((r) => r.points) as { rows: PointRow[] },
    consents: of((r) => r.consents) as { rows: ConsentRow[] },
    optOuts: of((r) => r.opt_outs) as { rows: OptOutRow[] },
    holds: of((r) => r.holds) as { rows: HoldRow[] },
    flags: { rows: rows.flatMap((r) => json(r.flags).map((flag) => ({ customer_id: r.id, flag }))) },
    history: of((r) => r.history) as { rows: HistoryRow[] },
  };
}

async function readSetBased(exec: SqlExecutor, ids: string[], atIso: string): Promise<ContextRows> {
  const { rows: customers } = await exec.query<CustomerRow>(
    `SELECT c.id, c.name, c.branch_id, c.time_zone, c.preferred_language, b.jurisdiction_profile,
            p.quiet_hours_start, p.quiet_hours_end
       FROM customers c
       JOIN branches b ON b.id = c.branch_id
       LEFT JOIN contact_preferences p ON p.customer_id = c.id
      WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  const empty = { rows: [] };
  if (customers.length === 0) return { customers, points: empty, consents: empty, optOuts: empty, holds: empty, flags: empty, history: empty };
  const found = customers.map((c) => c.id);

  // One after another, not Promise.all: `exec` may be a transaction's single connection, where
  // overlapping queries are not allowed (node-postgres deprecates it; PGlite serialises anyway).
  const [points, consents, optOuts, holds, flags, history] = await sequential([
    () => exec.query<PointRow>(
      `SELECT customer_id, kind, value, marked_wrong_at FROM contact_points WHERE customer_id = ANY($1::uuid[]) AND relationship = 'self'`,
      [found],
    ),
    // Every grant and withdrawal, as recorded: the engine judges them at the proposal's instant.
    () => exec.query<ConsentRow>(
      `SELECT customer_id, purpose, channel, granted_at, withdrawn_at FROM consents WHERE customer_id = ANY($1::uuid[])`,
      [found],
    ),
    () => exec.query<OptOutRow>(
      `SELECT customer_id, channel, at FROM contact_opt_outs WHERE customer_id = ANY($1::uuid[]) AND at <= $2::timestamptz`,
      [found, atIso],
    ),
    () => exec.query<HoldRow>(
      `SELECT customer_id, type, debt_id, opened_at FROM contact_holds
        WHERE customer_id = ANY($1::uuid[]) AND opened_at <= $2::timestamptz AND (closed_at IS NULL OR closed_at > $2::timestamptz)`,
      [found, atIso],
    ),
    () => exec.query<FlagRow>(
      `SELECT DISTINCT customer_id, flag FROM customer_contact_flags
        WHERE customer_id = ANY($1::uuid[]) AND set_at <= $2::timestamptz AND (cleared_at IS NULL OR cleared_at > $2::timestamptz)`,
      [found, atIso],
    ),
    () => exec.query<HistoryRow>(
      `SELECT customer_id, occurred_at, channel, mode, purpose, debt_id, relationship, contact_point_id, outcome, agency
         FROM contact_attempts
        WHERE customer_id = ANY($1::uuid[]) AND direction = 'outbound'
          AND occurred_at <= $2::timestamptz AND occurred_at > $2::timestamptz - make_interval(days => ${HISTORY_WINDOW_DAYS})
        ORDER BY customer_id, occurred_at`,
      [found, atIso],
    ),
  ] as const);
  return { customers, points, consents, optOuts, holds, flags, history };
}

type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
async function sequential<const T extends readonly (() => Promise<unknown>)[]>(steps: T): Promise<Results<T>> {
  const out: unknown[] = [];
  for (const step of steps) out.push(await step());
  return out as Results<T>;
}
