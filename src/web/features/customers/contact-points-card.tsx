import type { ContactPoint } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { Alert, EmptyState } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { formatContactValue } from './format-contact.ts';
import { RevealableValue } from './revealable-value.tsx';

export function ContactPointsCard({ customerId, contactPoints }: { customerId: string; contactPoints: ContactPoint[] }) {
  const { t } = useI18n();
  const hasThirdParty = contactPoints.some((c) => c.relationship !== 'self');
  const columns: Array<Column<ContactPoint>> = [
    { key: 'kind', header: t('contacts.kind'), render: (c) => t(`contactKind.${c.kind}`), nowrap: true, width: '5rem' },
    {
      key: 'value',
      header: t('contacts.value'),
      render: (c) => (
        <div className="contact-value">
          <RevealableValue
            customerId={customerId}
            target={{ field: 'contact-point', contactPointId: c.id }}
            masked={c.masked}
            format={(v) => formatContactValue(c.kind, v)}
            testId="contact"
          >
            <span className={c.kind === 'address' ? undefined : 'ident'} data-testid="contact-value">
              {formatContactValue(c.kind, c.value)}
            </span>
          </RevealableValue>
          {c.label && <span className="muted"> · {c.label}</span>}
        </div>
      ),
    },
    {
      key: 'relationship',
      header: t('contacts.relationship'),
      render: (c) =>
        c.relationship === 'self' ? (
          t('relationship.self')
        ) : (
          <span className="inline-list">
            <Badge tone="warning" testId="contact-third-party" title={t('contacts.thirdPartyNote')}>
              {t('contacts.thirdParty')}
            </Badge>
            <span>{t(`relationship.${c.relationship}`)}</span>
            {c.thirdPartyName && <span className="muted">{c.thirdPartyName}</span>}
          </span>
        ),
    },
    {
      key: 'status',
      header: t('contacts.status'),
      render: (c) => (
        <span className="inline-list">
          {c.isPrimary && <Badge tone="info">{t('contacts.primary')}</Badge>}
          {c.markedWrongAt ? (
            <Badge tone="danger" testId="contact-marked-wrong" title={c.markedWrongReason ?? undefined}>
              {t('contacts.markedWrong')}
            </Badge>
          ) : c.verified ? (
            <Badge tone="success" testId="contact-verified">
              {t('contacts.verified')}
            </Badge>
          ) : (
            <Badge tone="neutral">{t('contacts.unverified')}</Badge>
          )}
          {c.markedWrongReason && <span className="muted small">{c.markedWrongReason}</span>}
          {!c.markedWrongAt && c.lastVerifiedAt && (
            <span className="muted small">{t('contacts.lastVerified', { date: instantText(c.lastVerifiedAt) })}</span>
          )}
        </span>
      ),
    },
    { key: 'source', header: t('contacts.source'), render: (c) => <span className="muted">{t(`source.${c.source}`)}</span>, nowrap: true },
  ];
  return (
    <Card title={t('contacts.title')} aside={<span className="muted">{contactPoints.length}</span>} testId="contact-points" flush>
      {hasThirdParty && (
        <div className="card__notice">
          <Alert tone="warning" title={t('contacts.thirdPartyNote')} testId="third-party-note" />
        </div>
      )}
      {contactPoints.length === 0 ? (
        <EmptyState title={t('contacts.empty')} />
      ) : (
        <Table
          columns={columns}
          rows={contactPoints}
          rowKey={(c) => c.id}
          rowTestId="contact-row"
          rowClassName={(c) => [c.relationship !== 'self' ? 'row--third-party' : '', c.markedWrongAt ? 'row--struck' : ''].filter(Boolean).join(' ') || undefined}
        />
      )}
    </Card>
  );
}
