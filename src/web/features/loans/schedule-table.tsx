import { useState } from 'react';
import type { Instalment } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Money } from '../../ui/money.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';

const stateTone: Record<Instalment['state'], Tone> = {
  paid: 'success',
  'partially-paid': 'info',
  overdue: 'danger',
  'due-today': 'warning',
  upcoming: 'neutral',
};

/** Schedules longer than this open collapsed around what is due now. */
const COLLAPSE_OVER = 8;
const PAID_CONTEXT = 2;
const UPCOMING_CONTEXT = 3;

/**
 * The rows a collector needs first: the last couple paid, everything overdue or due, and the next
 * few upcoming. Long-dated loans have hundreds of instalments; the rest is one click away.
 */
export function focusWindow(instalments: Instalment[]): { start: number; end: number } {
  const n = instalments.length;
  let firstUnpaid = instalments.findIndex((i) => i.state !== 'paid');
  if (firstUnpaid === -1) firstUnpaid = n;
  let lastDue = -1;
  instalments.forEach((i, index) => {
    if (i.state === 'overdue' || i.state === 'due-today' || i.state === 'partially-paid') lastDue = index;
  });
  const start = Math.max(0, firstUnpaid - PAID_CONTEXT);
  const end = Math.min(n, Math.max(lastDue, firstUnpaid - 1) + 1 + UPCOMING_CONTEXT);
  return { start: Math.min(start, Math.max(0, end - PAID_CONTEXT - UPCOMING_CONTEXT)), end };
}

export function ScheduleTable({ instalments }: { instalments: Instalment[] }) {
  const { t } = useI18n();
  const [showAll, setShowAll] = useState(false);
  if (instalments.length === 0) return <EmptyState title={t('schedule.empty')} />;
  const collapsible = instalments.length > COLLAPSE_OVER;
  const { start, end } = collapsible && !showAll ? focusWindow(instalments) : { start: 0, end: instalments.length };
  const rows = instalments.slice(start, end);
  const hidden = instalments.length - rows.length;
  const sum = (pick: (i: Instalment) => number) => instalments.reduce((s, i) => s + pick(i), 0);
  const columns: Array<Column<Instalment>> = [
    { key: 'seq', header: t('schedule.sequence'), render: (i) => i.sequence, align: 'center', width: '4rem' },
    { key: 'due', header: t('schedule.dueDate'), render: (i) => <DateText date={i.dueDate} />, nowrap: true },
    { key: 'principal', header: t('schedule.principal'), render: (i) => <Money fen={i.principalFen} />, align: 'right' },
    { key: 'interest', header: t('schedule.interest'), render: (i) => <Money fen={i.interestFen} />, align: 'right' },
    { key: 'fee', header: t('schedule.fee'), render: (i) => <Money fen={i.feeFen} muteZero />, align: 'right' },
    { key: 'paid', header: t('schedule.paid'), render: (i) => <Money fen={i.paidFen} muteZero />, align: 'right' },
    { key: 'outstanding', header: t('schedule.outstanding'), render: (i) => <Money fen={i.outstandingFen} muteZero strong={i.state === 'overdue'} />, align: 'right' },
    {
      key: 'state',
      header: t('schedule.state'),
      render: (i) => (
        <Badge tone={stateTone[i.state]} testId="instalment-state">
          {t(`instalmentState.${i.state}`)}
        </Badge>
      ),
      nowrap: true,
    },
    { key: 'paidOn', header: t('schedule.paidOn'), render: (i) => <DateText date={i.fullyPaidOn} />, nowrap: true },
  ];
  return (
    <>
      <Table
        compact
        columns={columns}
        rows={rows}
        rowKey={(i) => i.id}
        rowClassName={(i) => (i.state === 'overdue' ? 'row--danger' : i.state === 'due-today' ? 'row--warning' : undefined)}
        rowTestId="instalment-row"
        testId="schedule-table"
        footer={
          <tr>
            <th scope="row" colSpan={2}>
              {t('schedule.totalAll')}
            </th>
            <td className="cell--right"><Money fen={sum((i) => i.principalFen)} /></td>
            <td className="cell--right"><Money fen={sum((i) => i.interestFen)} /></td>
            <td className="cell--right"><Money fen={sum((i) => i.feeFen)} muteZero /></td>
            <td className="cell--right"><Money fen={sum((i) => i.paidFen)} /></td>
            <td className="cell--right"><Money fen={sum((i) => i.outstandingFen)} strong /></td>
            <td colSpan={2} />
          </tr>
        }
      />
      {collapsible && (
        <div className="table-toggle">
          {hidden > 0 && <span className="muted small">{t('schedule.collapsed', { n: hidden })}</span>}
          <button type="button" className="button button--link" onClick={() => setShowAll((v) => !v)} data-testid="schedule-toggle" aria-expanded={showAll}>
            {showAll ? t('schedule.showRecent') : t('schedule.showAll', { n: instalments.length })}
          </button>
        </div>
      )}
    </>
  );
}
