/**
 * The treat phase's one INSERT of a batch's actions (./treat-batch.ts). Most of an action's columns
 * are the same for many actions of a batch: they follow from the strategy step it carries out and
 * the outcome of the attempt (strategy, arm, segment, step, kind, channel, template, status and its
 * reason, trigger, reason). Those go once per distinct combination (a "variant"); each action sends
 * its own key, case, loan, customer, variant number, message or refusal id and DPD. At 1,000,000
 * loans (bench:daily) that is about 150 bytes a row to encode, send and parse instead of 450.
 */
import type { SqlExecutor } from '../../../platform/db/client.ts';
import type { CalendarDate } from '../../../platform/time/calendar-date.ts';
import type { Arm } from '../measurement/index.ts';
import type { PlannedTreatment, Strategy } from '../strategies/index.ts';
import type { ActionKind, ActionStatus } from '../cases/cases.schema.ts';

export type NewAction = {
  key: string; caseId: string; loanId: string; customerId: string; strategy: Strategy; arm: Arm; planned: PlannedTreatment;
  kind: ActionKind; status: ActionStatus; statusReason: string | null; outboxMessageId: string | null; denialId: string | null; dpd: number;
};

type Variant = Pick<NewAction, 'strategy' | 'arm' | 'planned' | 'kind' | 'status' | 'statusReason'>;

const variantKey = (a: Variant) =>
  `${a.strategy.id}\u0001${a.strategy.version}\u0001${a.arm}\u0001${a.planned.segmentId}\u0001${a.planned.stepIndex}\u0001${a.kind}\u0001${a.planned.action.channel}` +
  `\u0001${a.planned.action.templateKey}\u0001${a.status}\u0001${a.statusReason}\u0001${a.planned.action.requiresApproval}\u0001${a.planned.trigger}\u0001${a.planned.reason}`;

/**
 * Inserts the actions (ON CONFLICT (case_id, as_of) DO NOTHING: a concurrent execution of the same
 * day may have written a case's action first) and returns the counts by kind and status of the rows
 * actually inserted.
 */
export async function insertActions(
  exec: SqlExecutor, run: { runId: string; asOf: CalendarDate; at: Date }, actions: readonly NewAction[],
): Promise<Array<{ kind: ActionKind; status: ActionStatus; n: number }>> {
  if (actions.length === 0) return [];
  const variantOf = new Map<string, number>();
  const variants: Variant[] = [];
  const variantIndex = actions.map((a) => {
    const key = variantKey(a);
    let n = variantOf.get(key);
    if (n === undefined) {
      n = variants.push(a); // 1-based, as WITH ORDINALITY numbers them
      variantOf.set(key, n);
    }
    return n;
  });
  const col = <T>(f: (a: NewAction) => T) => actions.map(f);
  const vcol = <T>(f: (v: Variant) => T) => variants.map(f);
  const { rows } = await exec.query<{ kind: ActionKind; status: ActionStatus; n: number }>(
    `WITH v AS (
       SELECT * FROM unnest($12::text[], $13::int[], $14::text[], $15::text[], $16::int[], $17::text[], $18::text[], $19::text[],
                            $20::text[], $21::text[], $22::bool[], $23::text[], $24::text[]) WITH ORDINALITY
         AS v(strategy_id, strategy_version, arm, segment_id, step_index, kind, channel, template_key, status, status_reason, requires_approval, trigger, reason, n)),
     inserted AS (
       INSERT INTO collection_actions (key, case_id, loan_id, customer_id, run_id, as_of, strategy_id, strategy_version, arm, segment_id, step_index,
                                       kind, channel, template_key, status, status_reason, requires_approval, outbox_message_id, denial_id,
                                       trigger, reason, dpd, created_at)
       SELECT u.key, u.case_id, u.loan_id, u.customer_id, $1::uuid, $2::date, v.strategy_id, v.strategy_version, v.arm, v.segment_id, v.step_index,
              v.kind, v.channel, v.template_key, v.status, v.status_reason, v.requires_approval, u.outbox_message_id, u.denial_id,
              v.trigger, v.reason, u.dpd, $3::timestamptz
         FROM unnest($4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::int[], $9::uuid[], $10::uuid[], $11::int[])
                AS u(key, case_id, loan_id, customer_id, variant, outbox_message_id, denial_id, dpd)
         JOIN v ON v.n = u.variant
       ON CONFLICT (case_id, as_of) DO NOTHING
       RETURNING kind, status)
     SELECT kind, status, count(*)::int AS n FROM inserted GROUP BY kind, status`,
    [
      run.runId, run.asOf, run.at.toISOString(),
      col((a) => a.key), col((a) => a.caseId), col((a) => a.loanId), col((a) => a.customerId), variantIndex,
      col((a) => a.outboxMessageId), col((a) => a.denialId), col((a) => a.dpd),
      vcol((v) => v.strategy.id), vcol((v) => v.strategy.version), vcol((v) => v.arm), vcol((v) => v.planned.segmentId), vcol((v) => v.planned.stepIndex),
      vcol((v) => v.kind), vcol((v) => v.planned.action.channel), vcol((v) => v.planned.action.templateKey), vcol((v) => v.status), vcol((v) => v.statusReason),
      vcol((v) => v.planned.action.requiresApproval), vcol((v) => v.planned.trigger), vcol((v) => v.planned.reason),
    ],
  );
  return rows;
}
