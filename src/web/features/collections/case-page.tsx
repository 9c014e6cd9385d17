import { useState } from 'react';
import { getCustomer, getCustomerLoans, getCustomerTimeline, isApiProblem } from '../../api/client.ts';
import { getCollectionCase } from '../../api/collections-client.ts';
import type { CollectionCaseView } from '../../api/collections-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { DescriptionList } from '../../ui/description-list.tsx';
import { Money } from '../../ui/money.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { ContactCompliancePanel } from '../communications/contact-compliance-panel.tsx';
import { CustomerComplaintsPanel } from '../complaints/customer-complaints-panel.tsx';
import { ContactPointsCard } from '../customers/contact-points-card.tsx';
import { TimelineCard } from '../customers/timeline-card.tsx';
import { LoanCard } from '../loans/loan-card.tsx';
import { ArrangementPanel } from './arrangement-panel.tsx';
import { CallNow } from './call-now.tsx';
import { ContactVerificationCard } from './contact-verification-card.tsx';
import { LegalReferralPanel } from './legal-referral-panel.tsx';
import { OutcomeDialog } from './outcome-dialog.tsx';

type CaseView = CollectionCaseView;

/** The account view (账户视图): the case and everything the agent needs about the customer, on one page. */
export function CollectionCasePage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const kase = useApi(`collections:case:${caseId}`, (signal) => getCollectionCase(caseId, signal));
  const back = (
    <Link to={paths.collections()} className="back-link" data-testid="back-to-queue">
      <span aria-hidden="true">←</span> {t('collections.queue.title')}
    </Link>
  );
  if (kase.status === 'error') {
    return (
      <div className="page">
        {back}
        {isApiProblem(kase.error) && kase.error.status === 404 ? (
          <EmptyState icon="404" title={t('collections.case.notFound')} testId="case-not-found" />
        ) : (
          <ProblemAlert error={kase.error} onRetry={kase.reload} />
        )}
      </div>
    );
  }
  if (kase.status !== 'success') return <div className="page">{back}<Loading label={t('common.loading')} /></div>;
  return <CaseBody view={kase.data} back={back} reload={kase.reload} />;
}

function CaseBody({ view, back, reload }: { view: CaseView; back: React.ReactNode; reload: () => void }) {
  const { t, label } = useI18n();
  const { can } = useSession();
  const customerId = view.customer.id;
  const [tab, setTab] = useState('work');
  const [logging, setLogging] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const profile = useApi(`customer:${customerId}`, (signal) => getCustomer(customerId, signal));
  const loans = useApi(`loans:${customerId}`, (signal) => getCustomerLoans(customerId, {}, signal));
  const timeline = useApi(`timeline:${customerId}`, (signal) => getCustomerTimeline(customerId, signal));
  const refresh = () => {
    reload();
    profile.reload();
    loans.reload();
    timeline.reload();
  };
  const loan = loans.status === 'success' ? loans.data.items.find((l) => l.id === view.loan.id) : undefined;
  const open = view.status === 'open';
  const suggested = view.actions.find((a) => a.status === 'proposed-awaiting-approval' && (a.kind === 'legal-referral-proposal' || a.kind === 'external-agency-proposal'));

  const actionColumns: Array<Column<CaseView['actions'][number]>> = [
    { key: 'asOf', header: t('collections.case.date'), render: (a) => a.asOf, nowrap: true },
    { key: 'kind', header: t('collections.case.action'), render: (a) => label('collections.action', a.kind) },
    { key: 'channel', header: t('collections.case.channel'), render: (a) => (a.channel ? label('channel', a.channel) : '—') },
    { key: 'status', header: t('collections.case.status'), render: (a) => <span title={a.statusReason ?? undefined}>{label('collections.actionStatus', a.status)}</span> },
    { key: 'reason', header: t('collections.case.reason'), render: (a) => <span className="muted small">{a.reason}</span> },
  ];
  const promiseColumns: Array<Column<CaseView['promises'][number]>> = [
    { key: 'on', header: t('collections.case.promisedOn'), render: (p) => p.promisedOn, nowrap: true },
    { key: 'due', header: t('collections.case.promiseDue'), render: (p) => p.dueOn, nowrap: true },
    { key: 'amount', header: t('collections.case.amount'), render: (p) => <Money fen={p.amountFen} />, align: 'right' },
    { key: 'status', header: t('collections.case.status'), render: (p) => <Badge tone={p.status === 'kept' ? 'success' : p.status === 'broken' ? 'danger' : 'warning'} testId="promise-status">{label('collections.promise', p.status)}</Badge> },
  ];
  const outcomeColumns: Array<Column<CaseView['outcomes'][number]>> = [
    { key: 'at', header: t('collections.case.date'), render: (o) => instantText(o.recordedAt), nowrap: true },
    { key: 'outcome', header: t('collections.outcome.outcome'), render: (o) => label('collections.outcome', o.outcome) },
    { key: 'w', header: t('collections.outcome.willingness'), render: (o) => (o.willingness ? label('collections.willingness', o.willingness) : '—') },
    { key: 'h', header: t('collections.outcome.hardshipReason'), render: (o) => (o.hardshipReason ? label('collections.hardship', o.hardshipReason) : '—') },
    { key: 'note', header: t('collections.outcome.note'), render: (o) => <span className="small">{o.note ?? ''}{o.callbackAt ? ` · ${t('collections.outcome.callback')} ${instantText(o.callbackAt)}` : ''}</span> },
  ];

  const workPanel = (
    <div className="stack">
      <Card title={t('collections.case.promises')} aside={<span className="muted">{view.promises.length}</span>} flush testId="case-promises">
        {view.promises.length === 0 ? <p className="card__notice muted small">{t('collections.case.none')}</p> : <Table columns={promiseColumns} rows={view.promises} rowKey={(p) => p.id} rowTestId="promise-row" compact />}
      </Card>
      <Card title={t('collections.case.outcomes')} aside={<span className="muted">{view.outcomes.length}</span>} flush testId="case-outcomes">
        {view.outcomes.length === 0 ? <p className="card__notice muted small">{t('collections.case.none')}</p> : <Table columns={outcomeColumns} rows={view.outcomes} rowKey={(o) => o.id} rowTestId="outcome-row" compact />}
      </Card>
      <Card title={t('collections.case.actions')} aside={<span className="muted">{view.actions.length}</span>} flush testId="case-actions">
        {view.actions.length === 0 ? <p className="card__notice muted small">{t('collections.case.none')}</p> : <Table columns={actionColumns} rows={view.actions} rowKey={(a) => a.id} compact />}
      </Card>
    </div>
  );

  const customer = profile.status === 'success' ? profile.data : null;
  const needsCustomer = (node: (c: NonNullable<typeof customer>) => React.ReactNode) =>
    profile.status === 'error' ? <ProblemAlert error={profile.error} onRetry={profile.reload} /> : customer ? node(customer) : <Loading label={t('common.loading')} />;

  return (
    <div className="page" data-testid="collection-case-page">
      {back}
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page__title" data-testid="case-customer-name">
            {view.customer.name} <span className="ident muted small">{view.loan.loanNumber}</span>
          </h1>
          <span className="inline-list">
            <Badge tone={open ? 'orange' : 'success'}>{label('collections.caseStatus', view.status)}</Badge>
            <span data-testid="case-dpd">{t('collections.case.dpd', { dpd: view.dpd, bucket: view.bucket })}</span>
            <span className="muted small">{label('riskTier', view.customer.riskTier)}</span>
            <span className="muted small">{label('collections.willingness', view.willingness)}</span>
            <Link to={paths.customer(customerId)} className="small">{t('collections.case.customerPage')}</Link>
          </span>
        </div>
        {open && (
          <div className="page-header__actions">
            <button type="button" className="button button--primary" onClick={() => setLogging(true)} data-testid="log-outcome">
              {t('collections.outcome.title')}
            </button>
          </div>
        )}
      </header>
      <Card title={t('collections.callNow.title')} testId="case-call-now">
        <div className="stack stack--tight">
          <CallNow check={view.callNow} />
          {view.openComplaints.length > 0 && (
            <p className="small tone-text--danger" data-testid="case-open-complaints">
              {t('collections.case.openComplaints', { n: view.openComplaints.length })}{' '}
              {view.openComplaints.map((c) => `${c.referenceNumber}（${label('complaint.status', c.status)}）`).join('、')}
            </p>
          )}
          {view.otherOpenCases.length > 0 && (
            <p className="small inline-list" data-testid="case-other-cases">
              {t('collections.case.otherCases')}
              {view.otherOpenCases.map((o) => (
                <Link key={o.caseId} to={paths.collectionCase(o.caseId)} className="ident">
                  {o.loanNumber} · {o.dpd} · {o.bucket}
                </Link>
              ))}
            </p>
          )}
        </div>
      </Card>
      <DescriptionList
        columns={4}
        items={[
          { key: 'opened', label: t('collections.case.opened'), value: view.openedOn },
          { key: 'arm', label: t('collections.case.arm'), value: label('collections.arm', view.arm) },
          { key: 'segment', label: t('collections.case.segment'), value: view.segmentId ?? '—' },
          { key: 'rate', label: t('collections.case.rate'), value: `${(view.loan.annualRateBps / 100).toFixed(2)}%` },
        ]}
      />
      {flash && <p className="tone-text--success small" data-testid="case-flash">{flash}</p>}
      <Tabs
        value={tab}
        onChange={setTab}
        testId="case-tabs"
        items={[
          { id: 'work', label: t('collections.tab.work'), content: workPanel },
          { id: 'arrangement', label: t('collections.tab.arrangement'), count: view.agreements.length, content: <ArrangementPanel caseId={view.id} agreements={view.agreements as never} onProposed={refresh} /> },
          { id: 'loan', label: t('collections.tab.loan'), content: loan ? <LoanCard loan={loan} /> : loans.status === 'error' ? <ProblemAlert error={loans.error} /> : <Loading label={t('common.loading')} /> },
          {
            id: 'contacts', label: t('tab.contacts'),
            content: needsCustomer((c) => (
              <div className="stack">
                <ContactPointsCard customerId={c.id} contactPoints={c.contactPoints} />
                {can('communications.send') && <ContactVerificationCard customerId={c.id} contactPoints={c.contactPoints} onChanged={refresh} />}
              </div>
            )),
          },
          ...(can('communications.read') ? [{ id: 'compliance', label: t('tab.compliance'), content: needsCustomer((c) => <ContactCompliancePanel customer={c} loans={loans.status === 'success' ? loans.data.items : []} />) }] : []),
          ...(can('complaints.read') ? [{ id: 'complaints', label: t('tab.complaints'), content: needsCustomer((c) => <CustomerComplaintsPanel customer={c} />) }] : []),
          {
            id: 'timeline', label: t('tab.timeline'),
            content: timeline.status === 'success' ? <TimelineCard entries={timeline.data.items} /> : timeline.status === 'error' ? <ProblemAlert error={timeline.error} /> : <Loading label={t('common.loading')} />,
          },
          {
            id: 'referral', label: t('collections.tab.referral'), count: view.referrals.length,
            content: <LegalReferralPanel caseId={view.id} referrals={view.referrals} suggested={suggested ? (suggested.kind === 'legal-referral-proposal' ? 'legal' : 'external-agency') : null} onProposed={refresh} />,
          },
        ]}
      />
      {logging && (
        <OutcomeDialog
          caseId={view.id}
          today={view.asOf}
          onClose={() => setLogging(false)}
          onLogged={(message) => {
            setLogging(false);
            setFlash(message);
            refresh();
          }}
        />
      )}
    </div>
  );
}
