import { useState } from 'react';
import { listComplaints } from '../../api/client.ts';
import type { CustomerProfile } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { navigate, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useComplaintColumns } from './complaints-page.tsx';
import { RegisterComplaintDialog } from './register-complaint-dialog.tsx';

/** The customer page's 投诉 tab: this customer's complaints (the list filtered by customer). */
export function CustomerComplaintsPanel({ customer }: { customer: Pick<CustomerProfile, 'id' | 'name' | 'externalId'> }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [registering, setRegistering] = useState(false);
  const list = useApi(`complaints:customer:${customer.id}`, (signal) => listComplaints({ customerId: customer.id, limit: 200 }, signal));
  const columns = useComplaintColumns({ withCustomer: false });
  return (
    <Card
      title={t('tab.complaints')}
      aside={can('complaints.intake') && (
        <button type="button" className="button button--small button--secondary" onClick={() => setRegistering(true)} data-testid="customer-complaint-register">
          {t('complaints.register')}
        </button>
      )}
      flush
      testId="customer-complaints"
    >
      {list.status === 'error' ? (
        <div className="card__notice card__notice--bottom"><ProblemAlert error={list.error} onRetry={list.reload} /></div>
      ) : list.status !== 'success' ? (
        <Loading label={t('common.loading')} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('complaints.emptyCustomer')} />
      ) : (
        <Table columns={columns} rows={list.data.items} rowKey={(c) => c.id} rowTestId="customer-complaint-row" onRowClick={(c) => navigate(paths.complaint(c.id))} />
      )}
      {registering && (
        <RegisterComplaintDialog customer={customer} onClose={() => setRegistering(false)} onRegistered={(id) => navigate(paths.complaint(id))} />
      )}
    </Card>
  );
}
