/**
 * Cost of contact and amount recovered per unit of it. Unit costs are integer fen per contact and
 * are a lender's own figures; the defaults below are documented placeholders of the right order of
 * magnitude for a mainland lender (bulk SMS ≈ ¥0.05, a registered letter ≈ ¥3, an outbound agent call
 * task ≈ ¥2 of agent time, online chat ≈ ¥1, a field visit ≈ ¥50), overridable per request.
 */
export const CONTACT_CHANNELS = ['sms', 'email', 'portal', 'letter', 'phone', 'online-chat', 'field-visit'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const DEFAULT_UNIT_COST_FEN: Readonly<Record<ContactChannel, number>> = Object.freeze({
  sms: 5,
  email: 1,
  portal: 0,
  letter: 300,
  phone: 200,
  'online-chat': 100,
  'field-visit': 5000,
});

/** `sms:5,phone:250` → the defaults with those channels replaced. Throws RangeError naming the bad part. */
export function parseUnitCosts(text: string | undefined): Record<ContactChannel, number> {
  const costs = { ...DEFAULT_UNIT_COST_FEN };
  if (!text) return costs;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [channel, value] = part.split(':').map((s) => s.trim());
    if (!(CONTACT_CHANNELS as readonly string[]).includes(channel ?? '')) {
      throw new RangeError(`unknown channel "${channel}" in unit costs; expected ${CONTACT_CHANNELS.join(', ')}`);
    }
    const fen = Number(value);
    if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`unit cost of ${channel} must be a whole number of fen ≥ 0, got "${value}"`);
    costs[channel as ContactChannel] = fen;
  }
  return costs;
}

export type RecoveryPerCost = {
  recoveredFen: number;
  contactCostFen: number;
  /** Fen recovered per fen spent on contact; null when nothing was spent. */
  recoveredPerCostFen: number | null;
  byChannel: Array<{ channel: ContactChannel; contacts: number; unitCostFen: number; costFen: number }>;
};

export function recoveryPerCost(
  recoveredFen: number, contacts: Partial<Record<string, number>>, unitCosts: Readonly<Record<ContactChannel, number>> = DEFAULT_UNIT_COST_FEN,
): RecoveryPerCost {
  for (const channel of Object.keys(contacts)) {
    if (!(CONTACT_CHANNELS as readonly string[]).includes(channel)) throw new RangeError(`unknown contact channel ${channel}`);
  }
  const byChannel = CONTACT_CHANNELS.map((channel) => {
    const n = contacts[channel] ?? 0;
    return { channel, contacts: n, unitCostFen: unitCosts[channel], costFen: n * unitCosts[channel] };
  });
  const contactCostFen = byChannel.reduce((s, c) => s + c.costFen, 0);
  return { recoveredFen, contactCostFen, recoveredPerCostFen: contactCostFen > 0 ? recoveredFen / contactCostFen : null, byChannel };
}
