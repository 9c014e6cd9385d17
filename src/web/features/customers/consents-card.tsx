import type { Consent } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';

export function ConsentsCard({ consents }: { consents: Consent[] }) {
  const { t } = useI18n();
  const columns: Array<Column<Consent>> = [
    { key: 'purpose', header: t('consents.purpose'), render: (c) => t(`purpose.${c.purpose}`), nowrap: true },
    { key: 'channel', header: t('consents.channel'), render: (c) => t(`channel.${c.channel}`), nowrap: true },
    { key: 'granted', header: t('consents.granted'), render: (c) => <DateText instant={c.grantedAt} />, nowrap: true },
    { key: 'withdrawn', header: t('consents.withdrawn'), render: (c) => <DateText instant={c.withdrawnAt} />, nowrap: true },
    {
      key: 'status',
      header: t('consents.status'),
      render: (c) => (
        <Badge tone={c.active ? 'success' : 'neutral'} testId="consent-status">
          {c.active ? t('consents.active') : t('consents.inactive')}
        </Badge>
      ),
      nowrap: true,
    },
    { key: 'evidence', header: t('consents.evidence'), render: (c) => <span className="ident muted">{c.evidenceRef ?? t('common.none')}</span> },
  ];
  return (
    <Card title={t('consents.title')} testId="consents" flush>
      {consents.length === 0 ? (
        <EmptyState title={t('consents.empty')} />
      ) : (
        <Table compact columns={columns} rows={consents} rowKey={(c) => c.id} rowTestId="consent-row" rowClassName={(c) => (c.active ? undefined : 'row--muted')} />
      )}
    </Card>
  );
}
