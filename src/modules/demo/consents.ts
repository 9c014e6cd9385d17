import type { SqlExecutor } from '../../platform/db/client.ts';
import { addDays } from '../../platform/time/calendar-date.ts';
import type { DemoPerson } from './people.ts';
import { customerRng, STREAM } from './prng.ts';

export type DemoConsent = {
  customerExternalId: string;
  purpose: 'servicing' | 'follow-up-visit' | 'collections' | 'marketing';
  channel: 'sms' | 'email' | 'phone' | 'portal' | 'letter' | 'field-visit' | 'video';
  grantedAt: string;
  withdrawnAt: string | null;
  evidenceRef: string;
};

export type DemoPreference = {
  customerExternalId: string;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  preferredChannels: string[];
  visitOptOut: boolean;
  visitOptOutReason: 'privacy' | 'trust' | 'busy' | null;
  visitOptOutNote: string | null;
};

const OPT_OUT_NOTES: Record<'privacy' | 'trust' | 'busy', string> = {
  privacy: '客户担心上门回访泄露个人信息，希望仅通过短信联系',
  trust: '客户怀疑回访人员身份，要求通过官方App自助回访',
  busy: '客户工作繁忙，无法安排面谈，同意电话回访',
};

const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/**
 * Consents as agreed at signing (PIPL: explicit, per purpose and channel): servicing and
 * collections by SMS, phone and e-mail for everyone; follow-up visits for most; marketing for
 * some; a few withdrawn since. `signedOn` is the first loan's disbursement date.
 */
export function demoConsents(seed: number, person: DemoPerson, signedOn: string, asOf: string, hasEmail: boolean): DemoConsent[] {
  const rng = customerRng(seed, person.index, STREAM.consents);
  const granted = at(signedOn, rng.int(9, 17));
  const evidenceRef = `CONTRACT-${person.externalId}`;
  const out: DemoConsent[] = [];
  const add = (purpose: DemoConsent['purpose'], channel: DemoConsent['channel'], withdrawProbability = 0) => {
    const withdrawn = rng.chance(withdrawProbability) ? at(addDays(asOf, -rng.int(1, 120)), rng.int(9, 20)) : null;
    out.push({ customerExternalId: person.externalId, purpose, channel, grantedAt: granted, withdrawnAt: withdrawn && withdrawn > granted ? withdrawn : null, evidenceRef });
  };
  const channels: DemoConsent['channel'][] = hasEmail ? ['sms', 'phone', 'email'] : ['sms', 'phone'];
  for (const c of channels) add('servicing', c);
  for (const c of channels) add('collections', c, c === 'email' ? 0.02 : 0.005);
  if (rng.chance(0.85)) {
    add('follow-up-visit', 'phone');
    if (rng.chance(0.6)) add('follow-up-visit', 'field-visit', 0.03);
    if (rng.chance(0.3)) add('follow-up-visit', 'video');
  }
  if (rng.chance(0.3)) add('marketing', 'sms', 0.1);
  return out;
}

export function demoPreference(seed: number, person: DemoPerson, asOf: string): DemoPreference | null {
  const rng = customerRng(seed, person.index, STREAM.consents * 16 + 1);
  const quiet = rng.chance(0.15) ? rng.pick([['12:00', '14:00'], ['21:00', '08:00'], ['22:00', '09:00']] as const) : null;
  const age = person.birthDate ? Number(asOf.slice(0, 4)) - Number(person.birthDate.slice(0, 4)) : null;
  // Young borrowers lean to the app, older ones to the phone (the collections article's advice).
  const preferred = age === null ? ['phone', 'email'] : age < 35 ? (rng.chance(0.5) ? ['portal', 'sms'] : []) : age > 60 ? ['phone'] : [];
  const optOut = rng.chance(0.03) ? rng.pick(['privacy', 'trust', 'busy'] as const) : null;
  if (!quiet && preferred.length === 0 && !optOut) return null;
  return {
    customerExternalId: person.externalId,
    quietHoursStart: quiet?.[0] ?? null,
    quietHoursEnd: quiet?.[1] ?? null,
    preferredChannels: preferred,
    visitOptOut: optOut !== null,
    visitOptOutReason: optOut,
    visitOptOutNote: optOut ? OPT_OUT_NOTES[optOut] : null,
  };
}

/** Set-based inserts keyed by the customer's external id (joined in SQL, no id round trip). */
export async function insertConsents(sql: SqlExecutor, rows: DemoConsent[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO consents (customer_id, purpose, channel, granted_at, withdrawn_at, evidence_ref, source)
     SELECT c.id, u.purpose, u.channel, u.granted_at, u.withdrawn_at, u.evidence_ref, 'core-banking'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[])
            AS u(ext, purpose, channel, granted_at, withdrawn_at, evidence_ref)
       JOIN customers c ON c.external_id = u.ext`,
    [
      rows.map((r) => r.customerExternalId), rows.map((r) => r.purpose), rows.map((r) => r.channel),
      rows.map((r) => r.grantedAt), rows.map((r) => r.withdrawnAt), rows.map((r) => r.evidenceRef),
    ],
  );
}

export async function insertPreferences(sql: SqlExecutor, rows: DemoPreference[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO contact_preferences (customer_id, quiet_hours_start, quiet_hours_end, preferred_channels, visit_opt_out, visit_opt_out_reason, visit_opt_out_note)
     SELECT c.id, u.qs, u.qe, u.pc::jsonb, u.oo, u.reason, u.note
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[])
            AS u(ext, qs, qe, pc, oo, reason, note)
       JOIN customers c ON c.external_id = u.ext
     ON CONFLICT (customer_id) DO NOTHING`,
    [
      rows.map((r) => r.customerExternalId), rows.map((r) => r.quietHoursStart), rows.map((r) => r.quietHoursEnd),
      rows.map((r) => JSON.stringify(r.preferredChannels)), rows.map((r) => r.visitOptOut), rows.map((r) => r.visitOptOutReason),
      rows.map((r) => r.visitOptOutNote),
    ],
  );
}
