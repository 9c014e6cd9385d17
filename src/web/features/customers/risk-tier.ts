import type { Tone } from '../../ui/badge.tsx';
import type { CustomerSummary } from '../../api/types.ts';

export const riskTierTone: Record<CustomerSummary['riskTier'], Tone> = { low: 'success', medium: 'warning', high: 'danger' };
