import { useState } from 'react';
import { evidenceContentUrl, proposeReferral } from '../../api/collections-client.ts';
import type { ReferralPackage } from '../../api/collections-types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { Money } from '../../ui/money.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { REFERRAL_KINDS } from './options.ts';

const statusTone: Record<string, Tone> = { proposed: 'warning', approved: 'success', rejected: 'danger' };

/** One package: the checklist, the totals and the evidence chain's sizes, with the PDF index. */
export function ReferralSummary({ pkg }: { pkg: ReferralPackage }) {
  const { t, locale } = useI18n();
  const c = pkg.contents;
  const totals = c.statement.totals as { overdueFen: number; outstandingFen: number; overdueInstalments: number };
  return (
    <div className="stack stack--tight" data-testid="referral-package" data-status={pkg.status}>
      <div className="inline-list">
        <span className="ident">{pkg.referenceNumber}</span>
        <Badge tone={pkg.kind === 'legal' ? 'critical' : 'orange'}>{t(`collections.referral.kind.${pkg.kind}`)}</Badge>
        <Badge tone={statusTone[pkg.status] ?? 'neutral'} testId="referral-status">{t(`collections.referral.status.${pkg.status}`)}</Badge>
        {!c.complete && <Badge tone="warning">{t('collections.referral.incomplete')}</Badge>}
        <span className="muted small">{instantText(pkg.proposedAt)}</span>
        {pkg.pdfEvidenceId && <a href={evidenceContentUrl(pkg.pdfEvidenceId)} target="_blank" rel="noreferrer" data-testid="referral-pdf">{t('collections.referral.pdf')}</a>}
      </div>
      <ul className="small checklist" data-testid="referral-checklist">
        {c.checklist.map((i) => (
          <li key={i.item} className={i.ok ? 'tone-text--success' : i.required ? 'tone-text--danger' : 'muted'}>
            {i.ok ? '✔' : '✘'} {locale === 'en' ? i.messageEn : i.messageZh}
          </li>
        ))}
      </ul>
      <p className="small">
        {t('collections.referral.totals', { n: totals.overdueInstalments, contracts: c.contracts.length, evidence: c.otherEvidence.length, contacts: c.contactHistory.total })}{' '}
        <Money fen={totals.overdueFen} strong />
      </p>
      {pkg.note && <p className="muted small">{pkg.note}</p>}
      {pkg.decisionReason && <p className="small">{t('collections.referral.decisionReason')}: {pkg.decisionReason}</p>}
    </div>
  );
}

/** 诉讼/委外移交: assemble the evidence chain of the case and propose it for supervisor approval. */
export function LegalReferralPanel({ caseId, referrals, suggested, onProposed }: { caseId: string; referrals: ReferralPackage[]; suggested: 'legal' | 'external-agency' | null; onProposed: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<(typeof REFERRAL_KINDS)[number]>(suggested ?? 'legal');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const awaiting = referrals.some((r) => r.status === 'proposed');
  const propose = async () => {
    setError(null);
    setPending(true);
    try {
      await proposeReferral(caseId, { kind, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote('');
      onProposed();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="stack">
      <Card title={t('collections.referral.title')} testId="legal-referral-panel">
        <div className="stack stack--tight">
          <p className="muted small">{t('collections.referral.explain')}</p>
          {suggested && <p className="small" data-testid="referral-suggested">{t('collections.referral.suggested', { kind: t(`collections.referral.kind.${suggested}`) })}</p>}
          {awaiting ? (
            <p className="small" data-testid="referral-awaiting">{t('collections.referral.awaiting')}</p>
          ) : (
            <div className="form-grid">
              <SelectField label={t('collections.referral.kind')} value={kind} options={REFERRAL_KINDS} optionLabel={(k) => t(`collections.referral.kind.${k}`)} onChange={setKind} testId="referral-kind" small />
              <label className="field form-grid__wide">
                <span className="field__label">{t('collections.referral.note')} <span className="field__optional">{t('common.optional')}</span></span>
                <textarea className="input textarea" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="referral-note" />
              </label>
              <div>
                <button type="button" className="button button--primary" disabled={pending} onClick={() => void propose()} data-testid="referral-propose">
                  {pending ? t('collections.saving') : t('collections.referral.propose')}
                </button>
              </div>
            </div>
          )}
          {error !== null && <ProblemAlert error={error} testId="referral-error" />}
        </div>
      </Card>
      {referrals.map((r) => (
        <Card key={r.id} flush>
          <div className="card__notice">
            <ReferralSummary pkg={r} />
          </div>
        </Card>
      ))}
    </div>
  );
}
