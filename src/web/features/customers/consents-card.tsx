import { useState } from 'react';
import type { Consent } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { ConsentDialog, type ConsentDialogIntent } from './consent-dialog.tsx';
import { activeFor } from './consent-options.ts';

/**
 * Every consent record, withdrawn ones included (the history matters in a dispute). With
 * `customers.consents.manage` each row gets withdraw / grant-again, and new consents can be recorded.
 */
export function ConsentsCard({ customerId, consents, onChanged }: { customerId: string; consents: Consent[]; onChanged?: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const manage = can('customers.consents.manage') && onChanged !== undefined;
  const [intent, setIntent] = useState<ConsentDialogIntent | null>(null);

  // A withdrawn purpose/channel can be granted again from its latest record, when nothing is active for it.
  const latestByPair = new Map<string, Consent>();
  for (const c of consents) {
    const key = `${c.purpose}|${c.channel}`;
    const seen = latestByPair.get(key);
    if (!seen || c.grantedAt > seen.grantedAt) latestByPair.set(key, c);
  }
  const regrantable = new Set([...latestByPair.values()].filter((c) => !activeFor(consents, c.purpose, c.channel)).map((c) => c.id));
  const canRegrant = (c: Consent) => regrantable.has(c.id);

  const columns: Array<Column<Consent>> = [
    {
      key: 'purpose',
      header: `${t('consents.purpose')} / ${t('consents.channel')}`,
      render: (c) => (
        <span className="stacked-cell">
          <span className="stacked-cell__main" data-testid="consent-purpose-label">{t(`purpose.${c.purpose}`)}</span>
          <span className="muted small" data-testid="consent-channel-label">{t(`channel.${c.channel}`)}</span>
        </span>
      ),
      nowrap: true,
    },
    {
      key: 'when',
      header: `${t('consents.granted')} / ${t('consents.withdrawn')}`,
      render: (c) => (
        <span className="stacked-cell">
          <DateText instant={c.grantedAt} />
          {c.withdrawnAt && (
            <span className="small" data-testid="consent-withdrawn-at">
              {t('consents.withdrawnAt')} <DateText instant={c.withdrawnAt} />
            </span>
          )}
        </span>
      ),
      nowrap: true,
    },
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
    { key: 'evidence', header: t('consents.evidence'), render: (c) => <span className="ident-wrap muted small">{c.evidenceRef ?? t('common.none')}</span> },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('consents.actions')}</span>,
      render: (c) =>
        c.active ? (
          <button
            type="button"
            className="button button--small button--danger-outline"
            onClick={() => setIntent({ action: 'withdraw', purpose: c.purpose, channel: c.channel })}
            data-testid="consent-withdraw"
          >
            {t('consents.withdraw')}
          </button>
        ) : canRegrant(c) ? (
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => setIntent({ action: 'grant', purpose: c.purpose, channel: c.channel })}
            data-testid="consent-grant"
          >
            {t('consents.regrant')}
          </button>
        ) : null,
      align: 'right',
      nowrap: true,
    });
  }
  return (
    <Card
      title={t('consents.title')}
      aside={
        manage && (
          <button type="button" className="button button--small button--secondary" onClick={() => setIntent({ action: 'grant', purpose: null, channel: null })} data-testid="consent-add">
            + {t('consents.add')}
          </button>
        )
      }
      testId="consents"
      flush
    >
      {consents.length === 0 ? (
        <EmptyState title={t('consents.empty')} />
      ) : (
        <Table
          compact
          columns={columns}
          rows={consents}
          rowKey={(c) => c.id}
          rowTestId="consent-row"
          rowClassName={(c) => (c.active ? undefined : 'row--muted')}
        />
      )}
      {intent && (
        <ConsentDialog
          customerId={customerId}
          intent={intent}
          consents={consents}
          onClose={() => setIntent(null)}
          onSaved={() => {
            setIntent(null);
            onChanged?.();
          }}
        />
      )}
    </Card>
  );
}
