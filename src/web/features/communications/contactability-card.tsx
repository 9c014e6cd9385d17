import type { ConsentPurpose, Contactability, ContactabilityRow } from '../../api/types.ts';
import type { ApiState } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { Alert, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { formatContactValue } from '../customers/format-contact.ts';
import { DenialReasons, EarliestAllowed } from './denial-reasons.tsx';
import { CHANNEL_POINT_KIND, PURPOSE_OPTIONS } from './options.ts';
import { ZonedInstant } from './zoned-time.tsx';

/**
 * "现在能否联系": for the chosen purpose, one row per channel and own contact point — allowed now,
 * or refused with every reason and the earliest time it would be allowed. Nothing is stored: this
 * is a look, not an attempt.
 */
export function ContactabilityCard({
  purpose,
  onPurpose,
  state,
}: {
  purpose: ConsentPurpose;
  onPurpose: (p: ConsentPurpose) => void;
  state: ApiState<Contactability> & { reload: () => void };
}) {
  const { t } = useI18n();
  return (
    <Card
      title={t('contactability.title')}
      testId="contactability"
      aside={
        <div className="segmented" role="radiogroup" aria-label={t('contactability.purpose')} data-testid="contactability-purpose">
          {PURPOSE_OPTIONS.map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={p === purpose}
              className={p === purpose ? 'segmented__option segmented__option--active' : 'segmented__option'}
              onClick={() => onPurpose(p)}
              data-testid={`contactability-purpose-${p}`}
            >
              {t(`purpose.${p}`)}
            </button>
          ))}
        </div>
      }
      flush
    >
      {state.status === 'error' ? (
        <div className="card__notice">
          <ProblemAlert error={state.error} onRetry={state.reload} testId="contactability-error" />
        </div>
      ) : state.status === 'success' ? (
        <ContactabilityBody data={state.data} />
      ) : (
        <Loading label={t('common.loading')} testId="contactability-loading" />
      )}
    </Card>
  );
}

function ContactabilityBody({ data }: { data: Contactability }) {
  const { t } = useI18n();
  const zones = data.timeZones;
  const open = data.channels.filter((c) => c.allowedNow);
  const openChannels = [...new Set(open.map((c) => t(`channel.${c.channel}`)))].join(t('list.separator'));
  const columns: Array<Column<ContactabilityRow>> = [
    {
      key: 'channel',
      header: t('contactability.channel'),
      render: (r) => <span className="stacked-cell__main">{t(`channel.${r.channel}`)}</span>,
      nowrap: true,
      width: '6rem',
    },
    {
      key: 'point',
      header: t('contactability.point'),
      render: (r) =>
        r.value === null ? (
          <span className="muted">{CHANNEL_POINT_KIND[r.channel] === null ? t('contactability.noPointNeeded') : t('common.none')}</span>
        ) : (
          <span className="ident-wrap" data-testid="contactability-value">
            {formatContactValue(CHANNEL_POINT_KIND[r.channel] ?? '', r.value)}
          </span>
        ),
      width: '14rem',
    },
    {
      key: 'now',
      header: t('contactability.now'),
      render: (r) =>
        r.allowedNow ? (
          <span className="verdict verdict--yes" data-testid="contactability-verdict">
            <span aria-hidden="true">✓</span> {t('contactability.allowed')}
          </span>
        ) : (
          <span className="verdict verdict--no" data-testid="contactability-verdict">
            <span aria-hidden="true">✕</span> {t('contactability.refused')}
          </span>
        ),
      nowrap: true,
      width: '6.5rem',
    },
    {
      key: 'reasons',
      header: t('contactability.reasons'),
      render: (r) => (r.allowedNow ? <span className="muted">{t('common.none')}</span> : <DenialReasons denials={r.denials} compact />),
    },
    {
      key: 'earliest',
      header: t('contactability.earliest'),
      render: (r) =>
        r.allowedNow ? <span className="muted small">{t('contactability.nowShort')}</span> : <EarliestAllowed at={r.earliestAllowedAt} zones={zones} relativeTo={data.at} />,
      width: '13rem',
    },
  ];
  return (
    <>
      <div className="card__notice contactability-notice stack stack--tight">
        {data.contactableNow ? (
          <Alert tone="success" title={t('contactability.summaryOpen', { channels: openChannels })} testId="contactability-summary" />
        ) : (
          <Alert
            tone="warning"
            title={t('contactability.summaryClosed', { purpose: t(`purpose.${data.purpose}`) })}
            testId="contactability-summary"
          >
            {data.nextAllowedAt ? (
              <span>
                {t('contactability.nextAllowed')} <ZonedInstant instant={data.nextAllowedAt} zones={zones} relativeTo={data.at} testId="contactability-next" />
              </span>
            ) : (
              <span>{t('contactability.nothingOpens')}</span>
            )}
          </Alert>
        )}
        <p className="muted small" data-testid="contactability-meta">
          {t('contactability.checkedAt')} <ZonedInstant instant={data.at} /> · {t('contactability.profile')} {t(`profile.${data.profile === 'us-reg-f' ? 'us-reg-f' : 'cn-mainland'}`)} ·{' '}
          {t('contactability.zones')} {data.timeZones.join(t('list.separator')) || t('common.none')}
        </p>
      </div>
      {data.channels.length === 0 ? (
        <p className="card__notice muted">{t('contactability.noChannels')}</p>
      ) : (
        <Table
          columns={columns}
          rows={data.channels}
          rowKey={(r) => `${r.channel}:${r.contactPointId ?? '-'}`}
          rowTestId="contactability-row"
          rowAttributes={(r) => ({ 'data-channel': r.channel, 'data-allowed': String(r.allowedNow) })}
          rowClassName={(r) => (r.allowedNow ? undefined : 'row--refused')}
          testId="contactability-table"
        />
      )}
    </>
  );
}
