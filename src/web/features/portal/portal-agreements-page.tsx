import { useState } from 'react';
import { decidePortalAgreement, getPortalAgreements, portalAgreementPdfUrl } from '../../api/portal-client.ts';
import type { AgreementInstalment, RepaymentAgreement } from '../../api/collections-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, paths } from '../../app/router.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Money } from '../../ui/money.tsx';
import { Alert, EmptyState, Loading } from '../../ui/states.tsx';
import { agreementTone, ScheduleTable, type AgreementStatus } from '../collections/arrangement-panel.tsx';

/**
 * 还款协议: the borrower reads the agreement offered to them (terms, the new schedule, the PDF) and
 * confirms or declines it. Confirming replaces the loan's repayment schedule at once.
 */
export function PortalAgreementsPage() {
  const { t } = useI18n();
  const list = useApi('portal:agreements', (signal) => getPortalAgreements(signal));
  const [flash, setFlash] = useState<{ tone: 'success' | 'info'; text: string } | null>(null);
  return (
    <div className="portal-page" data-testid="portal-agreements-page">
      <div className="portal-page__head">
        <h1 className="portal-page__title">{t('portal.agreements.title')}</h1>
      </div>
      {flash && (
        <Alert tone={flash.tone} title={flash.text} testId="portal-agreement-flash">
          <Link to={paths.portalLoans()} data-testid="portal-agreement-to-loans">{t('portal.agreements.seeSchedule')}</Link>
        </Alert>
      )}
      {list.status === 'error' && <ProblemAlert error={list.error} onRetry={list.reload} />}
      {(list.status === 'loading' || list.status === 'idle') && <Loading label={t('common.loading')} />}
      {list.status === 'success' &&
        (list.data.items.length === 0 ? (
          <EmptyState title={t('portal.agreements.empty')} testId="portal-agreements-empty" />
        ) : (
          <div className="stack">
            {list.data.items.map((a) => (
              <AgreementCard
                key={a.id}
                agreement={a}
                onDecided={(decision) => {
                  setFlash(decision === 'confirm' ? { tone: 'success', text: t('portal.agreements.confirmed') } : { tone: 'info', text: t('portal.agreements.declined') });
                  list.reload();
                }}
              />
            ))}
          </div>
        ))}
    </div>
  );
}

function AgreementCard({ agreement: a, onDecided }: { agreement: RepaymentAgreement; onDecided: (d: 'confirm' | 'decline') => void }) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const before = a.summary['before'] as { totalFen?: number; instalments?: number } | undefined;
  const after = a.summary['after'] as { totalFen?: number; instalments?: number } | undefined;
  const concessions = a.summary['concessions'] as { interestWaivedFen?: number; feesWaivedFen?: number; principalReductionFen?: number } | undefined;
  const decide = async (decision: 'confirm' | 'decline') => {
    if (decision === 'decline' && !window.confirm(t('portal.agreements.declineConfirm'))) return;
    setPending(true);
    setError(null);
    try {
      await decidePortalAgreement(a.id, decision);
      onDecided(decision);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <article className="portal-loan" data-testid="portal-agreement" data-status={a.status}>
      <header className="portal-loan__header">
        <div>
          <h2 className="portal-loan__product">{t(`collections.arrangement.kind.${a.kind as 'instalment-plan'}`)}</h2>
          <span className="ident muted small">{t('collections.agreement.ref')} {a.referenceNumber}</span>
        </div>
        <Badge tone={agreementTone[a.status] ?? 'neutral'} testId="portal-agreement-status">{t(`collections.agreement.status.${a.status as AgreementStatus}`)}</Badge>
      </header>
      <div className="portal-loan__facts">
        <div className="portal-fact">
          <span className="portal-fact__label">{t('portal.agreements.before')}</span>
          <span className="portal-fact__value"><Money fen={before?.totalFen ?? 0} /> ({before?.instalments ?? 0})</span>
        </div>
        <div className="portal-fact">
          <span className="portal-fact__label">{t('portal.agreements.after')}</span>
          <span className="portal-fact__value"><Money fen={after?.totalFen ?? 0} /> ({after?.instalments ?? 0})</span>
        </div>
        <div className="portal-fact">
          <span className="portal-fact__label">{t('portal.agreements.waived')}</span>
          <span className="portal-fact__value"><Money fen={(concessions?.interestWaivedFen ?? 0) + (concessions?.feesWaivedFen ?? 0) + (concessions?.principalReductionFen ?? 0)} muteZero /></span>
        </div>
        <div className="portal-fact">
          <span className="portal-fact__label">{t('portal.agreements.confirmBy')}</span>
          <span className="portal-fact__value">{a.expiresOn}</span>
        </div>
      </div>
      <section className="portal-loan__schedule">
        <h3 className="portal-loan__section-title">{t('collections.arrangement.newSchedule')}</h3>
        <p className="small portal-agreement__text">{t('portal.agreements.terms')}</p>
        <ScheduleTable rows={a.newSchedule as AgreementInstalment[]} testId="portal-agreement-schedule" />
      </section>
      <div className="inline-list portal-agreement__actions">
        <a href={portalAgreementPdfUrl(a.id)} target="_blank" rel="noreferrer" data-testid="portal-agreement-pdf">{t('portal.agreements.pdf')}</a>
        {a.status === 'offered' && (
          <>
            <button type="button" className="button button--primary" disabled={pending} onClick={() => void decide('confirm')} data-testid="portal-agreement-confirm">
              {t('portal.agreements.confirm')}
            </button>
            <button type="button" className="button button--secondary" disabled={pending} onClick={() => void decide('decline')} data-testid="portal-agreement-decline">
              {t('portal.agreements.decline')}
            </button>
          </>
        )}
      </div>
      {error !== null && (
        <div className="portal-agreement__text">
          <ProblemAlert error={error} testId="portal-agreement-error" />
        </div>
      )}
    </article>
  );
}
