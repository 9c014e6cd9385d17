import { useState } from 'react';
import { getCustomer, getCustomerLoans, getCustomerTimeline, isApiProblem, listEvidence } from '../../api/client.ts';
import type { Loan } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { ContactCompliancePanel } from '../communications/contact-compliance-panel.tsx';
import { EvidencePanel } from '../evidence/evidence-panel.tsx';
import { LoanCard } from '../loans/loan-card.tsx';
import { ConsentsCard } from './consents-card.tsx';
import { ContactPointsCard } from './contact-points-card.tsx';
import { CustomerHeader } from './customer-header.tsx';
import { lastSearch } from './last-search.ts';
import { PreferencesCard } from './preferences-card.tsx';
import { TimelineCard } from './timeline-card.tsx';
import { CustomerComplaintsPanel } from '../complaints/customer-complaints-panel.tsx';

/** Most overdue first: the loan a collector has to talk about is the one on top. Ties keep the API's order. */
function byUrgency(loans: Loan[]): Loan[] {
  return loans
    .map((loan, index) => ({ loan, index }))
    .sort((a, b) => b.loan.delinquency.daysPastDue - a.loan.delinquency.daysPastDue || a.index - b.index)
    .map((x) => x.loan);
}

export function CustomerPage({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [tab, setTab] = useState('loans');
  const profile = useApi(`customer:${customerId}`, (signal) => getCustomer(customerId, signal));
  const loans = useApi(`loans:${customerId}`, (signal) => getCustomerLoans(customerId, {}, signal));
  const timeline = useApi(`timeline:${customerId}`, (signal) => getCustomerTimeline(customerId, signal));
  const evidence = useApi(can('evidence.read') ? `evidence:${customerId}` : null, (signal) => listEvidence('customer', customerId, signal));

  const back = (
    <Link to={lastSearch()} className="back-link" data-testid="back-to-search">
      <span aria-hidden="true">←</span> {t('customer.back')}
    </Link>
  );

  if (profile.status === 'loading' || profile.status === 'idle') {
    return (
      <div className="page">
        {back}
        <Loading label={t('customer.loading')} testId="customer-loading" />
      </div>
    );
  }
  // Out of scope answers exactly like "does not exist" (the server never says which): no data, a plain message.
  if (profile.status === 'error' && isApiProblem(profile.error) && profile.error.status === 404) {
    return (
      <div className="page">
        {back}
        <EmptyState icon="404" title={t('customer.notFoundTitle')} hint={t('customer.notFoundHint')} testId="customer-not-found" />
      </div>
    );
  }
  if (profile.status === 'error') {
    return (
      <div className="page">
        {back}
        <ProblemAlert error={profile.error} onRetry={profile.reload} testId="customer-error" />
      </div>
    );
  }

  const customer = profile.data;
  const loanItems = loans.status === 'success' ? byUrgency(loans.data.items) : null;
  const asOf = loanItems?.[0]?.delinquency.asOf;

  const loansPanel =
    loans.status === 'error' ? (
      <ProblemAlert error={loans.error} onRetry={loans.reload} testId="loans-error" />
    ) : !loanItems ? (
      <Loading label={t('common.loading')} testId="loans-loading" />
    ) : loanItems.length === 0 ? (
      <EmptyState title={t('loans.empty')} testId="loans-empty" />
    ) : (
      <div className="stack">
        {asOf && (
          <p className="muted small" data-testid="loans-as-of">
            {t('loans.asOf', { date: asOf })}
          </p>
        )}
        {loanItems.map((loan) => (
          <LoanCard key={loan.id} loan={loan} />
        ))}
      </div>
    );

  const contactsPanel = (
    <div className="stack">
      <ContactPointsCard customerId={customer.id} contactPoints={customer.contactPoints} />
      <div className="grid-2">
        <PreferencesCard preferences={customer.preferences} />
        <ConsentsCard
          customerId={customer.id}
          consents={customer.consents}
          onChanged={() => {
            profile.reload();
            timeline.reload();
          }}
        />
      </div>
    </div>
  );

  const timelinePanel =
    timeline.status === 'error' ? (
      <ProblemAlert error={timeline.error} onRetry={timeline.reload} testId="timeline-error" />
    ) : timeline.status === 'success' ? (
      <TimelineCard entries={timeline.data.items} />
    ) : (
      <Loading label={t('common.loading')} testId="timeline-loading" />
    );

  return (
    <div className="page" data-testid="customer-page">
      {back}
      <CustomerHeader customer={customer} loans={loanItems} />
      <Tabs
        value={tab}
        onChange={setTab}
        testId="customer-tabs"
        items={[
          { id: 'loans', label: t('tab.loans'), count: loanItems?.length, content: loansPanel },
          { id: 'contacts', label: t('tab.contacts'), count: customer.contactPoints.length, content: contactsPanel },
          ...(can('communications.read')
            ? [{ id: 'compliance', label: t('tab.compliance'), content: <ContactCompliancePanel customer={customer} loans={loanItems ?? []} /> }]
            : []),
          ...(can('complaints.read') ? [{ id: 'complaints', label: t('tab.complaints'), content: <CustomerComplaintsPanel customer={customer} /> }] : []),
          { id: 'timeline', label: t('tab.timeline'), count: timeline.status === 'success' ? timeline.data.items.length : undefined, content: timelinePanel },
          ...(can('evidence.read')
            ? [
                {
                  id: 'evidence',
                  label: t('tab.evidence'),
                  count: evidence.status === 'success' ? evidence.data.items.length : undefined,
                  content: <EvidencePanel customerId={customer.id} loans={loanItems ?? []} list={evidence} />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
