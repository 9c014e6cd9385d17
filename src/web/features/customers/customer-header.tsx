import type { CustomerProfile, Loan } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { DescriptionList, type DescriptionItem } from '../../ui/description-list.tsx';
import { Money } from '../../ui/money.tsx';
import { delinquencyTone } from '../loans/delinquency-tone.ts';
import { RevealableValue } from './revealable-value.tsx';
import { riskTierTone } from './risk-tier.ts';

/** Who the customer is and how late they are, at a glance, above every tab. */
export function CustomerHeader({ customer, loans }: { customer: CustomerProfile; loans: Loan[] | null }) {
  const { t, locale } = useI18n();
  const none = t('common.none');
  const identity: DescriptionItem[] = [{ key: 'number', label: t('customer.number'), value: <span className="ident">{customer.externalId}</span>, testId: 'customer-number' }];
  if (customer.type === 'individual') {
    identity.push(
      {
        key: 'id',
        label: (
          <span className="inline-list">
            {t('profile.idNumber')}
            {customer.idNumberMasked && <span className="hint-chip">{t('profile.masked')}</span>}
          </span>
        ),
        // The API only ever sends the masked form; the clear number never reaches the browser.
        value: (
          <RevealableValue customerId={customer.id} target={{ field: 'id-number' }} masked={customer.idNumberMasked !== null} testId="customer-id">
            <span className="ident">{customer.idNumberMasked ?? none}</span>
          </RevealableValue>
        ),
        testId: 'customer-id-number',
      },
      { key: 'birth', label: t('profile.birthDate'), value: <DateText date={customer.birthDate} /> },
      { key: 'gender', label: t('profile.gender'), value: customer.gender ? t(`gender.${customer.gender}`) : none },
      { key: 'occupation', label: t('profile.occupation'), value: customer.occupation ?? none },
    );
  } else {
    identity.push(
      { key: 'code', label: t('profile.creditCode'), value: <span className="ident">{customer.creditCode ?? none}</span>, testId: 'customer-credit-code' },
      { key: 'legal', label: t('profile.legalRepresentative'), value: customer.legalRepresentative ?? none },
      { key: 'industry', label: t('profile.industry'), value: customer.industry ?? none },
    );
  }
  identity.push(
    { key: 'branch', label: t('profile.branch'), value: locale === 'zh-CN' ? customer.branch.nameZh : customer.branch.nameEn, testId: 'customer-branch' },
    {
      key: 'rm',
      label: t('profile.relationshipManager'),
      value: customer.relationshipManager ? (
        <span className="inline-list">
          {customer.relationshipManager.displayName}
          <span className="ident muted">{customer.relationshipManager.employeeCode}</span>
        </span>
      ) : (
        <span className="muted">{t('profile.unassigned')}</span>
      ),
    },
    { key: 'lang', label: t('profile.preferredLanguage'), value: t(`language.${customer.preferredLanguage}`) },
  );

  const maxDpd = loans ? Math.max(0, ...loans.map((l) => l.delinquency.daysPastDue)) : null;

  return (
    <section className="card customer-header" data-testid="customer-profile">
      <div className="customer-header__main">
        <div className="customer-header__title">
          <h1 className="customer-header__name" data-testid="customer-name">
            {customer.name}
          </h1>
          <Badge tone={customer.type === 'enterprise' ? 'info' : 'neutral'} testId="customer-type">
            {t(`customerType.${customer.type}`)}
          </Badge>
          <Badge tone={riskTierTone[customer.riskTier]} testId="customer-risk">
            {t(`riskTier.${customer.riskTier}`)}
          </Badge>
          {customer.preferences?.visitOptOut && <Badge tone="warning">{t('summary.visitOptOut')}</Badge>}
        </div>
        <DescriptionList items={identity} columns={4} />
      </div>
      {loans && (
        <div className="customer-header__kpis" data-testid="customer-kpis">
          <div className="kpi">
            <span className="kpi__label">{t('summary.loans')}</span>
            <span className="kpi__value">{loans.length}</span>
          </div>
          <div className="kpi">
            <span className="kpi__label">{t('summary.outstanding')}</span>
            <span className="kpi__value kpi__value--money">
              <Money fen={loans.reduce((s, l) => s + l.outstandingPrincipalFen, 0)} />
            </span>
          </div>
          <div className={`kpi tone--${delinquencyTone(maxDpd ?? 0)}`}>
            <span className="kpi__label">{t('summary.overdue')}</span>
            <span className="kpi__value kpi__value--money">
              <Money fen={loans.reduce((s, l) => s + l.delinquency.overdueFen, 0)} testId="customer-overdue-total" />
            </span>
          </div>
          <div className={`kpi tone--${delinquencyTone(maxDpd ?? 0)}`}>
            <span className="kpi__label">{t('summary.maxDpd')}</span>
            <span className="kpi__value">
              <span data-testid="customer-max-dpd">{maxDpd}</span>
              <span className="kpi__unit">{t('loan.dpdUnit')}</span>
            </span>
          </div>
        </div>
      )}
    </section>
  );
}
