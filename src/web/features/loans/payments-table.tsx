import type { Repayment } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Money } from '../../ui/money.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';

export function PaymentsTable({ repayments }: { repayments: Repayment[] }) {
  const { t, label } = useI18n();
  if (repayments.length === 0) return <EmptyState title={t('payments.empty')} testId="payments-empty" />;
  // Newest first: the collector's question is "when did they last pay?".
  const rows = [...repayments].sort((a, b) => (a.valueDate < b.valueDate ? 1 : a.valueDate > b.valueDate ? -1 : 0));
  const columns: Array<Column<Repayment>> = [
    { key: 'date', header: t('payments.valueDate'), render: (r) => <DateText date={r.valueDate} />, nowrap: true },
    { key: 'amount', header: t('payments.amount'), render: (r) => <Money fen={r.amountFen} />, align: 'right' },
    { key: 'channel', header: t('payments.channel'), render: (r) => (r.channel ? label('channel', r.channel) : t('common.none')) },
    { key: 'ref', header: t('payments.reference'), render: (r) => <span className="ident muted">{r.externalId}</span> },
  ];
  return (
    <Table
      compact
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      rowTestId="payment-row"
      testId="payments-table"
      footer={
        <tr>
          <th scope="row">{t('common.total')}</th>
          <td className="cell--right">
            <Money fen={repayments.reduce((s, r) => s + r.amountFen, 0)} strong />
          </td>
          <td colSpan={2} />
        </tr>
      }
    />
  );
}
