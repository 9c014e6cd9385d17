import { useState } from 'react';
import type { Loan } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { DescriptionList, type DescriptionItem } from '../../ui/description-list.tsx';
import { Money } from '../../ui/money.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { delinquencyTone } from './delinquency-tone.ts';
import { formatRateBps } from './format.ts';
import { PaymentsTable } from './payments-table.tsx';
import { ScheduleTable } from './schedule-table.tsx';

const statusTone: Record<Loan['status'], Tone> = { active: 'info', settled: 'success', 'written-off': 'neutral', recalled: 'danger' };

/** Bucket label in the current language, coloured by severity. */
export function BucketBadge({ delinquency }: { delinquency: Loan['delinquency'] }) {
  const { locale } = useI18n();
  return (
    <Badge tone={delinquencyTone(delinquency.daysPastDue)} testId="loan-bucket" title={delinquency.bucket.code}>
      {locale === 'zh-CN' ? delinquency.bucket.labelZh : delinquency.bucket.labelEn}
    </Badge>
  );
}

export function LoanCard({ loan }: { loan: Loan }) {
  const { t } = useI18n();
  const [tab, setTab] = useState('schedule');
  const d = loan.delinquency;
  const late = d.daysPastDue > 0;

  const facts: DescriptionItem[] = [
    { key: 'principal', label: t('loan.principal'), value: <Money fen={loan.principalFen} />, testId: 'loan-principal' },
    { key: 'rate', label: t('loan.rate'), value: formatRateBps(loan.annualRateBps), testId: 'loan-rate' },
    { key: 'term', label: t('loan.term'), value: t('common.months', { n: loan.termMonths }) },
    { key: 'disbursed', label: t('loan.disbursed'), value: <DateText date={loan.disbursementDate} /> },
    { key: 'outstanding', label: t('loan.outstanding'), value: <Money fen={loan.outstandingPrincipalFen} strong />, testId: 'loan-outstanding' },
    { key: 'oldest', label: t('loan.oldestUnpaid'), value: <DateText date={d.oldestUnpaidDueDate} /> },
    { key: 'overdueInstalments', label: t('loan.overdueInstalments'), value: d.overdueInstalments },
  ];
  if (loan.creditLine) {
    facts.push({
      key: 'line',
      label: t('loan.creditLine'),
      value: (
        <span className="inline-list">
          <Money fen={loan.creditLine.limitFen} />
          <span className="ident muted">{loan.creditLine.externalId}</span>
          {loan.creditLine.suspended && <Badge tone="danger">{t('loan.creditLineSuspended')}</Badge>}
        </span>
      ),
    });
  }
  if (loan.creditBalanceFen !== 0) facts.push({ key: 'credit', label: t('loan.creditBalance'), value: <Money fen={loan.creditBalanceFen} /> });

  return (
    <article className={`card loan-card tone--${delinquencyTone(d.daysPastDue)}${late ? ' loan-card--late' : ''}`} data-testid="loan-card" data-loan-number={loan.loanNumber}>
      <header className="loan-card__header">
        <div className="loan-card__title">
          <span className="loan-card__product">{t(`product.${loan.product}`)}</span>
          <span className="loan-card__number ident" data-testid="loan-number" title={t('loan.number')}>
            {loan.loanNumber}
          </span>
          <Badge tone={statusTone[loan.status]} testId="loan-status">
            {t(`loanStatus.${loan.status}`)}
          </Badge>
        </div>
        <div className={`loan-card__delinquency tone--${delinquencyTone(d.daysPastDue)}`}>
          <div className="kpi">
            <span className="kpi__label">{t('loan.dpd')}</span>
            <span className="kpi__value">
              <span data-testid="loan-dpd">{d.daysPastDue}</span>
              <span className="kpi__unit">{t('loan.dpdUnit')}</span>
            </span>
          </div>
          <div className="kpi">
            <span className="kpi__label">{t('loan.overdue')}</span>
            <span className="kpi__value kpi__value--money">
              <Money fen={d.overdueFen} testId="loan-overdue" />
            </span>
          </div>
          <BucketBadge delinquency={d} />
        </div>
      </header>
      <div className="loan-card__facts">
        <DescriptionList items={facts} columns={4} />
      </div>
      <Tabs
        variant="inline"
        value={tab}
        onChange={setTab}
        items={[
          { id: 'schedule', label: t('loan.schedule'), count: loan.instalments.length, content: <ScheduleTable instalments={loan.instalments} /> },
          { id: 'payments', label: t('loan.payments'), count: loan.repayments.length, content: <PaymentsTable repayments={loan.repayments} /> },
        ]}
      />
    </article>
  );
}
