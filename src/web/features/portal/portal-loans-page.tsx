import { useState } from 'react';
import { getPortalLoans } from '../../api/portal-client.ts';
import type { Instalment, Loan } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Money } from '../../ui/money.tsx';
import { Alert, EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { formatFen } from '../../../platform/money/fen.ts';
import { delinquencyTone } from '../loans/delinquency-tone.ts';
import { focusWindow } from '../loans/schedule-table.tsx';

const stateTone: Record<Instalment['state'], Tone> = { paid: 'success', 'partially-paid': 'info', overdue: 'danger', 'due-today': 'warning', upcoming: 'neutral' };
const COLLAPSE_OVER = 8;

const amountDue = (i: Instalment) => i.principalFen + i.interestFen + i.feeFen;

/** The next instalment still to pay that is not yet late (late ones are in the overdue notice). */
function nextDue(loan: Loan): Instalment | null {
  return loan.instalments.find((i) => i.state === 'due-today' || i.state === 'upcoming' || (i.state === 'partially-paid' && i.dueDate >= loan.delinquency.asOf)) ?? null;
}

export function PortalLoansPage() {
  const { t } = useI18n();
  const loans = useApi('portal:loans', (signal) => getPortalLoans(signal));
  const asOf = loans.status === 'success' ? loans.data.items[0]?.delinquency.asOf : undefined;
  return (
    <div className="portal-page" data-testid="portal-loans-page">
      <div className="portal-page__head">
        <h1 className="portal-page__title">{t('portal.loans.title')}</h1>
        {asOf && <span className="muted small">{t('portal.loans.asOf', { date: asOf })}</span>}
      </div>
      {loans.status === 'error' && <ProblemAlert error={loans.error} onRetry={loans.reload} testId="portal-loans-error" />}
      {(loans.status === 'loading' || loans.status === 'idle') && <Loading label={t('common.loading')} testId="portal-loans-loading" />}
      {loans.status === 'success' &&
        (loans.data.items.length === 0 ? (
          <EmptyState title={t('portal.loans.empty')} testId="portal-loans-empty" />
        ) : (
          <div className="stack">
            {[...loans.data.items]
              .sort((a, b) => b.delinquency.daysPastDue - a.delinquency.daysPastDue)
              .map((loan) => (
                <PortalLoanCard key={loan.id} loan={loan} />
              ))}
          </div>
        ))}
    </div>
  );
}

function PortalLoanCard({ loan }: { loan: Loan }) {
  const { t, locale } = useI18n();
  const d = loan.delinquency;
  const late = d.daysPastDue > 0;
  const next = nextDue(loan);
  return (
    <article className={`portal-loan${late ? ' portal-loan--late' : ''}`} data-testid="portal-loan" data-loan-number={loan.loanNumber}>
      <header className="portal-loan__header">
        <div>
          <h2 className="portal-loan__product">{t(`product.${loan.product}`)}</h2>
          <span className="ident muted small" data-testid="portal-loan-number">
            {t('loan.number')} {loan.loanNumber}
          </span>
        </div>
        <Badge tone={loan.status === 'settled' ? 'success' : loan.status === 'active' ? 'info' : 'neutral'}>{t(`loanStatus.${loan.status}`)}</Badge>
      </header>
      <div className="portal-loan__facts">
        <div className="portal-fact">
          <span className="portal-fact__label">{t('loan.principal')}</span>
          <span className="portal-fact__value">
            <Money fen={loan.principalFen} />
          </span>
        </div>
        <div className="portal-fact">
          <span className="portal-fact__label">{t('portal.loan.outstanding')}</span>
          <span className="portal-fact__value">
            <Money fen={loan.outstandingPrincipalFen} testId="portal-loan-outstanding" />
          </span>
        </div>
        <div className="portal-fact">
          <span className="portal-fact__label">{t('portal.loan.nextDue')}</span>
          <span className="portal-fact__value" data-testid="portal-loan-next-due">
            {next ? (
              <>
                <Money fen={next.outstandingFen} />
                <span className="portal-fact__sub">
                  <DateText date={next.dueDate} />
                </span>
              </>
            ) : (
              <span className="muted">{t('portal.loan.noNextDue')}</span>
            )}
          </span>
        </div>
        <div className={`portal-fact tone--${delinquencyTone(d.daysPastDue)}`}>
          <span className="portal-fact__label">{t('portal.loan.dpd')}</span>
          <span className="portal-fact__value portal-fact__value--tone">
            <span data-testid="portal-loan-dpd">{d.daysPastDue}</span>
            <span className="kpi__unit">{t('loan.dpdUnit')}</span>
          </span>
        </div>
      </div>
      <div className="portal-loan__notice">
        {late ? (
          <Alert
            tone="warning"
            title={t('portal.loan.overdueNotice', { days: d.daysPastDue, amount: formatFen(d.overdueFen, locale) })}
            testId="portal-loan-overdue"
          />
        ) : loan.status === 'settled' ? (
          <p className="muted small">{t('portal.loan.settled')}</p>
        ) : (
          <p className="portal-loan__ok small" data-testid="portal-loan-on-track">
            {t('portal.loan.onTrack')}
          </p>
        )}
      </div>
      <section className="portal-loan__schedule">
        <h3 className="portal-loan__section-title">{t('portal.schedule.title')}</h3>
        <PortalSchedule instalments={loan.instalments} />
      </section>
    </article>
  );
}

function PortalSchedule({ instalments }: { instalments: Instalment[] }) {
  const { t } = useI18n();
  const [showAll, setShowAll] = useState(false);
  if (instalments.length === 0) return <EmptyState title={t('schedule.empty')} />;
  const collapsible = instalments.length > COLLAPSE_OVER;
  const { start, end } = collapsible && !showAll ? focusWindow(instalments) : { start: 0, end: instalments.length };
  const rows = instalments.slice(start, end);
  const columns: Array<Column<Instalment>> = [
    { key: 'seq', header: t('schedule.sequence'), render: (i) => i.sequence, align: 'center', width: '4rem' },
    { key: 'due', header: t('schedule.dueDate'), render: (i) => <DateText date={i.dueDate} />, nowrap: true },
    { key: 'amount', header: t('portal.schedule.amountDue'), render: (i) => <Money fen={amountDue(i)} />, align: 'right' },
    { key: 'paid', header: t('schedule.paid'), render: (i) => <Money fen={i.paidFen} muteZero />, align: 'right' },
    { key: 'outstanding', header: t('schedule.outstanding'), render: (i) => <Money fen={i.outstandingFen} muteZero strong={i.state === 'overdue'} />, align: 'right' },
    {
      key: 'state',
      header: t('schedule.state'),
      render: (i) => (
        <Badge tone={stateTone[i.state]} testId="portal-instalment-state">
          {t(`instalmentState.${i.state}`)}
        </Badge>
      ),
      nowrap: true,
    },
  ];
  return (
    <>
      <Table
        compact
        columns={columns}
        rows={rows}
        rowKey={(i) => i.id}
        rowClassName={(i) => (i.state === 'overdue' ? 'row--danger' : i.state === 'due-today' ? 'row--warning' : undefined)}
        rowTestId="portal-instalment-row"
        testId="portal-schedule"
      />
      {collapsible && (
        <div className="table-toggle">
          {rows.length < instalments.length && <span className="muted small">{t('schedule.collapsed', { n: instalments.length - rows.length })}</span>}
          <button type="button" className="button button--link" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll} data-testid="portal-schedule-toggle">
            {showAll ? t('schedule.showRecent') : t('schedule.showAll', { n: instalments.length })}
          </button>
        </div>
      )}
    </>
  );
}
