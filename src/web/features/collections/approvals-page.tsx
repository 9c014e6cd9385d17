import { useState } from 'react';
import { approveAgreement, decideReferral, evidenceContentUrl, getCollectionApprovals } from '../../api/collections-client.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, paths } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { ReferralSummary } from './legal-referral-panel.tsx';

/** 催收审批: agreements above the limits and referral packages, for collections.approve (never one's own). */
export function CollectionApprovalsPage() {
  const { t, label } = useI18n();
  const approvals = useApi('collections:approvals', (signal) => getCollectionApprovals(signal));
  const [error, setError] = useState<unknown>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [flash, setFlash] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    setFlash(null);
    try {
      await work();
      setFlash(message);
      approvals.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="page" data-testid="collection-approvals-page">
      <Link to={paths.collections()} className="back-link">
        <span aria-hidden="true">←</span> {t('collections.queue.title')}
      </Link>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('collections.approvals.title')}</h1>
          <p className="muted small">{t('collections.approvals.explain')}</p>
        </div>
      </header>
      {flash && <p className="tone-text--success small" data-testid="approvals-flash">{flash}</p>}
      {error !== null && <ProblemAlert error={error} testId="approvals-error" />}
      {approvals.status === 'error' && <ProblemAlert error={approvals.error} onRetry={approvals.reload} />}
      {(approvals.status === 'loading' || approvals.status === 'idle') && <Loading label={t('common.loading')} />}
      {approvals.status === 'success' && (
        <>
          <Card title={t('collections.approvals.agreements')} aside={<span className="muted">{approvals.data.agreements.length}</span>} testId="approvals-agreements">
            {approvals.data.agreements.length === 0 ? (
              <EmptyState title={t('collections.approvals.none')} />
            ) : (
              <ul className="stack">
                {approvals.data.agreements.map((a) => (
                  <li key={String(a['id'])} className="inline-list" data-testid="approval-agreement">
                    <Link to={paths.collectionCase(String(a['caseId']))}>{String(a['customerName'])}</Link>
                    <span className="ident">{String(a['referenceNumber'])}</span>
                    <span>{label('collections.arrangement.kind', String(a['kind']))}</span>
                    <span className="muted small">{instantText(String(a['proposedAt']))}</span>
                    {a['pdfEvidenceId'] ? <a href={evidenceContentUrl(String(a['pdfEvidenceId']))} target="_blank" rel="noreferrer">{t('collections.arrangement.pdf')}</a> : null}
                    <button type="button" className="button button--primary" onClick={() => void act(() => approveAgreement(String(a['id'])), t('collections.approvals.approved'))} data-testid="approve-agreement">
                      {t('collections.approvals.approve')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t('collections.approvals.referrals')} aside={<span className="muted">{approvals.data.referrals.length}</span>} testId="approvals-referrals">
            {approvals.data.referrals.length === 0 ? (
              <EmptyState title={t('collections.approvals.none')} />
            ) : (
              <ul className="stack">
                {approvals.data.referrals.map((r) => (
                  <li key={r.id} className="stack stack--tight" data-testid="approval-referral">
                    <Link to={paths.collectionCase(r.caseId)}>{r.customerName} · {r.loanNumber}</Link>
                    <ReferralSummary pkg={r} />
                    <div className="inline-list">
                      <input className="input input--small" placeholder={t('collections.approvals.reason')} value={reasons[r.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [r.id]: e.target.value })} data-testid="referral-decision-reason" />
                      <button type="button" className="button button--primary" onClick={() => void act(() => decideReferral(r.id, 'approve', reasons[r.id]?.trim() || undefined), t('collections.approvals.approved'))} data-testid="approve-referral">
                        {t('collections.approvals.approve')}
                      </button>
                      <button type="button" className="button button--danger" onClick={() => void act(() => decideReferral(r.id, 'reject', reasons[r.id]?.trim() || undefined), t('collections.approvals.rejected'))} data-testid="reject-referral">
                        {t('collections.approvals.reject')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t('collections.approvals.pending')} aside={<span className="muted">{approvals.data.pendingProposals.length}</span>} testId="approvals-pending">
            {approvals.data.pendingProposals.length === 0 ? (
              <EmptyState title={t('collections.approvals.none')} />
            ) : (
              <ul className="stack stack--tight">
                {approvals.data.pendingProposals.map((p) => (
                  <li key={p.actionId} className="inline-list">
                    <Link to={paths.collectionCase(p.caseId)}>{p.customerName} · {p.loanNumber}</Link>
                    <span>{label('collections.action', p.kind)}</span>
                    <span className="muted small">{p.asOf} · DPD {p.dpd}</span>
                  </li>
                ))}
              </ul>
            )}
            <p className="muted small">{t('collections.approvals.pendingExplain')}</p>
          </Card>
        </>
      )}
    </div>
  );
}
