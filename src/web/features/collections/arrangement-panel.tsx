import { useState, type FormEvent } from 'react';
import { evidenceContentUrl, proposeArrangement, quoteArrangement } from '../../api/collections-client.ts';
import type { AgreementInstalment, ArrangementQuote, ArrangementRequest, RepaymentAgreement } from '../../api/collections-types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/states.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { Money } from '../../ui/money.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { parseYuanToFen } from '../../../platform/money/fen.ts';
import { ARRANGEMENT_KINDS, ARREARS_CHARGES, GRACE_INTEREST, type ArrangementKind } from './options.ts';

export type AgreementStatus = 'proposed' | 'approved' | 'offered' | 'confirmed' | 'declined' | 'expired';
export const agreementTone: Record<string, Tone> = { proposed: 'warning', approved: 'info', offered: 'info', confirmed: 'success', declined: 'danger', expired: 'neutral' };

export function ScheduleTable({ rows, testId }: { rows: AgreementInstalment[]; testId: string }) {
  const { t } = useI18n();
  const columns: Array<Column<AgreementInstalment>> = [
    { key: 'n', header: '#', render: (r) => r.sequence, width: '3rem', align: 'right' },
    { key: 'date', header: t('collections.schedule.dueDate'), render: (r) => <span data-testid="schedule-due-date">{r.dueDate}</span>, nowrap: true },
    { key: 'p', header: t('collections.schedule.principal'), render: (r) => <Money fen={r.principalFen} />, align: 'right' },
    { key: 'i', header: t('collections.schedule.interest'), render: (r) => <Money fen={r.interestFen} muteZero />, align: 'right' },
    { key: 'f', header: t('collections.schedule.fee'), render: (r) => <Money fen={r.feeFen} muteZero />, align: 'right' },
    { key: 'total', header: t('collections.schedule.total'), render: (r) => <Money fen={r.principalFen + r.interestFen + r.feeFen} strong />, align: 'right' },
  ];
  return <Table columns={columns} rows={rows} rowKey={(r) => `${r.sequence}-${r.dueDate}`} rowTestId={`${testId}-row`} testId={testId} compact />;
}

/**
 * 还款方案: the calculator (grace period, instalment plan, restructuring) → the quote as the new
 * schedule → propose the written agreement (PDF). Above the limits a supervisor must approve first.
 */
export function ArrangementPanel({ caseId, agreements, onProposed }: { caseId: string; agreements: RepaymentAgreement[]; onProposed: () => void }) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<ArrangementKind>('instalment-plan');
  const [months, setMonths] = useState('6');
  const [fee, setFee] = useState('');
  const [interest, setInterest] = useState<(typeof GRACE_INTEREST)[number]>('accrue');
  const [term, setTerm] = useState('24');
  const [rate, setRate] = useState('');
  const [charges, setCharges] = useState<(typeof ARREARS_CHARGES)[number]>('capitalize');
  const [reduction, setReduction] = useState('');
  const [quote, setQuote] = useState<{ request: ArrangementRequest; result: ArrangementQuote } | null>(null);
  const [proposed, setProposed] = useState<RepaymentAgreement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<'quote' | 'propose' | null>(null);

  const build = (): ArrangementRequest | null => {
    const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : NaN);
    const yuan = (s: string) => (s.trim() ? parseYuanToFen(s.trim()) : 0);
    if (kind === 'instalment-plan') {
      const m = int(months);
      const feeFen = yuan(fee);
      if (!(m >= 1 && m <= 60)) return setProblem(t('collections.arrangement.monthsInvalid')), null;
      if (feeFen === null || feeFen < 0) return setProblem(t('collections.arrangement.amountInvalid')), null;
      return { kind, months: m, ...(feeFen ? { feeFen } : {}) };
    }
    if (kind === 'grace-period') {
      const m = int(months);
      if (!(m >= 1 && m <= 24)) return setProblem(t('collections.arrangement.monthsInvalid')), null;
      return { kind, months: m, interest };
    }
    const tm = int(term);
    const reductionFen = yuan(reduction);
    if (!(tm >= 1 && tm <= 360)) return setProblem(t('collections.arrangement.monthsInvalid')), null;
    if (reductionFen === null || reductionFen < 0) return setProblem(t('collections.arrangement.amountInvalid')), null;
    const pct = rate.trim() ? Number(rate) : null;
    if (pct !== null && !(pct >= 0 && pct <= 100)) return setProblem(t('collections.arrangement.rateInvalid')), null;
    return { kind, termMonths: tm, arrearsCharges: charges, ...(pct !== null ? { annualRateBps: Math.round(pct * 100) } : {}), ...(reductionFen ? { principalReductionFen: reductionFen } : {}) };
  };

  const runQuote = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setError(null);
    setProposed(null);
    const request = build();
    if (!request) return;
    setPending('quote');
    try {
      setQuote({ request, result: await quoteArrangement(caseId, request) });
    } catch (err) {
      setError(err);
    } finally {
      setPending(null);
    }
  };

  const propose = async () => {
    if (!quote) return;
    setPending('propose');
    setError(null);
    try {
      const r = await proposeArrangement(caseId, quote.request);
      setProposed(r.agreement);
      setQuote(null);
      onProposed();
    } catch (err) {
      setError(err);
    } finally {
      setPending(null);
    }
  };

  const totals = (x: Record<string, unknown>) => ({ total: Number(x['totalFen'] ?? 0), n: Number(x['instalments'] ?? 0) });
  const changed = () => setQuote(null);

  return (
    <div className="stack">
      <Card title={t('collections.arrangement.title')} testId="arrangement-calculator">
        <form className="stack" onSubmit={runQuote}>
          <div className="form-grid">
            <SelectField label={t('collections.arrangement.kind')} value={kind} options={ARRANGEMENT_KINDS} optionLabel={(k) => t(`collections.arrangement.kind.${k}`)} onChange={(k) => (setKind(k), changed())} testId="arrangement-kind" />
            {kind !== 'restructuring' && (
              <label className="field">
                <span className="field__label">{kind === 'grace-period' ? t('collections.arrangement.graceMonths') : t('collections.arrangement.months')}</span>
                <input className="input input--small" inputMode="numeric" value={months} onChange={(e) => (setMonths(e.target.value), changed())} data-testid="arrangement-months" />
              </label>
            )}
            {kind === 'instalment-plan' && (
              <label className="field">
                <span className="field__label">{t('collections.arrangement.fee')} <span className="field__optional">{t('common.optional')}</span></span>
                <input className="input input--small" inputMode="decimal" value={fee} onChange={(e) => (setFee(e.target.value), changed())} placeholder="0.00" data-testid="arrangement-fee" />
              </label>
            )}
            {kind === 'grace-period' && (
              <SelectField label={t('collections.arrangement.interest')} value={interest} options={GRACE_INTEREST} optionLabel={(v) => t(`collections.arrangement.interest.${v}`)} onChange={(v) => (setInterest(v), changed())} testId="arrangement-interest" />
            )}
            {kind === 'restructuring' && (
              <>
                <label className="field">
                  <span className="field__label">{t('collections.arrangement.term')}</span>
                  <input className="input input--small" inputMode="numeric" value={term} onChange={(e) => (setTerm(e.target.value), changed())} data-testid="arrangement-term" />
                </label>
                <label className="field">
                  <span className="field__label">{t('collections.arrangement.rate')} <span className="field__optional">{t('common.optional')}</span></span>
                  <input className="input input--small" inputMode="decimal" value={rate} onChange={(e) => (setRate(e.target.value), changed())} placeholder={t('collections.arrangement.ratePlaceholder')} data-testid="arrangement-rate" />
                </label>
                <SelectField label={t('collections.arrangement.charges')} value={charges} options={ARREARS_CHARGES} optionLabel={(v) => t(`collections.arrangement.charges.${v}`)} onChange={(v) => (setCharges(v), changed())} testId="arrangement-charges" />
                <label className="field">
                  <span className="field__label">{t('collections.arrangement.reduction')} <span className="field__optional">{t('common.optional')}</span></span>
                  <input className="input input--small" inputMode="decimal" value={reduction} onChange={(e) => (setReduction(e.target.value), changed())} placeholder="0.00" data-testid="arrangement-reduction" />
                </label>
              </>
            )}
          </div>
          {problem && <p className="tone-text--danger small" data-testid="arrangement-problem">{problem}</p>}
          <div>
            <button type="submit" className="button button--secondary" disabled={pending !== null} data-testid="arrangement-quote">
              {pending === 'quote' ? t('collections.saving') : t('collections.arrangement.quote')}
            </button>
          </div>
        </form>
      </Card>
      {error !== null && <ProblemAlert error={error} testId="arrangement-error" />}
      {quote && (
        <Card
          title={t('collections.arrangement.newSchedule')}
          aside={
            <span className="inline-list small" data-testid="quote-totals">
              {t('collections.arrangement.before')} <Money fen={totals(quote.result.before).total} /> ({totals(quote.result.before).n}) → {t('collections.arrangement.after')}{' '}
              <Money fen={totals(quote.result.after).total} strong /> ({totals(quote.result.after).n})
            </span>
          }
          testId="arrangement-quote-result"
          flush
        >
          <ScheduleTable rows={quote.result.schedule} testId="quote-schedule" />
          <div className="card__notice stack stack--tight">
            {quote.result.requiresSupervisorApproval ? (
              <Alert tone="warning" title={t('collections.arrangement.needsApproval')} testId="quote-needs-approval">
                <ul>
                  {quote.result.approvalReasons.map((r, i) => (
                    <li key={i}>{String(locale === 'en' ? r['messageEn'] : r['messageZh'])}</li>
                  ))}
                </ul>
              </Alert>
            ) : (
              <p className="muted small">{t('collections.arrangement.noApproval')}</p>
            )}
            <div>
              <button type="button" className="button button--primary" onClick={() => void propose()} disabled={pending !== null} data-testid="arrangement-propose">
                {pending === 'propose' ? t('collections.saving') : t('collections.arrangement.propose')}
              </button>
            </div>
          </div>
        </Card>
      )}
      {proposed && (
        <Alert tone="success" title={t(proposed.status === 'offered' ? 'collections.arrangement.offered' : 'collections.arrangement.proposed', { ref: proposed.referenceNumber })} testId="arrangement-proposed">
          {proposed.pdfEvidenceId && (
            <a href={evidenceContentUrl(proposed.pdfEvidenceId)} target="_blank" rel="noreferrer" data-testid="agreement-pdf-link">
              {t('collections.arrangement.pdf')}
            </a>
          )}
        </Alert>
      )}
      <AgreementsList agreements={agreements} />
    </div>
  );
}

export function AgreementsList({ agreements }: { agreements: RepaymentAgreement[] }) {
  const { t } = useI18n();
  const columns: Array<Column<RepaymentAgreement>> = [
    { key: 'ref', header: t('collections.agreement.ref'), render: (a) => <span className="ident">{a.referenceNumber}</span>, nowrap: true },
    { key: 'kind', header: t('collections.arrangement.kind'), render: (a) => t(`collections.arrangement.kind.${a.kind as ArrangementKind}`) },
    { key: 'status', header: t('collections.agreement.status'), render: (a) => <Badge tone={agreementTone[a.status] ?? 'neutral'} testId="agreement-status">{t(`collections.agreement.status.${a.status as AgreementStatus}`)}</Badge> },
    { key: 'n', header: t('collections.agreement.instalments'), render: (a) => a.newSchedule.length, align: 'right' },
    { key: 'expires', header: t('collections.agreement.expires'), render: (a) => a.expiresOn, nowrap: true },
    {
      key: 'pdf', header: 'PDF',
      render: (a) => (a.pdfEvidenceId ? <a href={evidenceContentUrl(a.pdfEvidenceId)} target="_blank" rel="noreferrer" data-testid="agreement-row-pdf">{t('collections.arrangement.pdf')}</a> : '—'),
    },
  ];
  return (
    <Card title={t('collections.agreement.title')} aside={<span className="muted">{agreements.length}</span>} flush testId="case-agreements">
      {agreements.length === 0 ? <p className="card__notice muted small">{t('collections.agreement.none')}</p> : <Table columns={columns} rows={agreements} rowKey={(a) => a.id} rowTestId="agreement-row" compact />}
    </Card>
  );
}
