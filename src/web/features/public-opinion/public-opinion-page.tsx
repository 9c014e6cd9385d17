import { useState } from 'react';
import {
  acknowledgePublicOpinionAlert, listPublicMentions, listPublicOpinionAlerts, openComplaintFromMention, publicOpinionDailyStats, setPublicMentionStatus,
} from '../../api/client.ts';
import type { MentionStatus, PublicMention, SentimentLabel } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { Alert, EmptyState, Loading } from '../../ui/states.tsx';
import { PickCustomerDialog } from './pick-customer-dialog.tsx';
import { SentimentChart } from './sentiment-chart.tsx';

const LABEL_TONE: Record<SentimentLabel, Tone> = { negative: 'danger', neutral: 'neutral', positive: 'success' };
const STATUS_TONE: Record<MentionStatus, Tone> = { new: 'info', reviewed: 'neutral', 'complaint-opened': 'warning', dismissed: 'neutral' };

/**
 * 舆情监测: unacknowledged spike alerts, mentions per day by sentiment (last 14 days), and the
 * mention list with its match and the handler's actions (reviewed, dismiss, open a complaint).
 */
export function PublicOpinionPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const manage = can('public-opinion.manage');
  const [label, setLabel] = useState<SentimentLabel | ''>('');
  const [status, setStatus] = useState<MentionStatus | ''>('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<{ mentionId: string; referenceNumber: string } | null>(null);
  const [picking, setPicking] = useState<PublicMention | null>(null);

  const alerts = useApi('po:alerts', (signal) => listPublicOpinionAlerts('false', signal));
  const stats = useApi('po:stats', (signal) => publicOpinionDailyStats(14, signal));
  const mentions = useApi(`po:mentions:${label}:${status}`, (signal) =>
    listPublicMentions({ label: label || undefined, status: status || undefined, limit: 100 }, signal));

  const run = async (key: string, action: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await action();
      mentions.reload();
      alerts.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const openComplaint = (m: PublicMention, customerId?: string) =>
    run(`complaint:${m.id}`, async () => {
      const r = await openComplaintFromMention(m.id, customerId ? { customerId } : {});
      setOpened({ mentionId: m.id, referenceNumber: r.referenceNumber });
    });

  return (
    <div className="page" data-testid="public-opinion-page">
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('publicOpinion.title')}</h1>
          <p className="muted small">{t('publicOpinion.subtitle')}</p>
        </div>
      </div>

      {alerts.data?.items.map((a) => (
        <Alert
          key={a.id}
          tone="danger"
          testId="po-spike-alert"
          title={t('publicOpinion.alert.title', { count: a.negativeCount })}
          action={
            manage && (
              <button type="button" className="button button--small button--secondary" disabled={busy !== null}
                onClick={() => void run(`ack:${a.id}`, () => acknowledgePublicOpinionAlert(a.id))} data-testid="po-alert-ack">
                {t('publicOpinion.alert.acknowledge')}
              </button>
            )
          }
        >
          {t('publicOpinion.alert.body', { from: instantText(a.windowStart), to: instantText(a.windowEnd), baseline: a.baseline })}
        </Alert>
      ))}

      {error !== null && <ProblemAlert error={error} testId="po-action-problem" />}
      {opened && (
        <Alert tone="success" testId="po-complaint-opened" title={t('publicOpinion.complaintOpened', { reference: opened.referenceNumber })} />
      )}

      <Card title={t('publicOpinion.chart.title')} testId="po-chart-card">
        {stats.status === 'success' ? <SentimentChart stats={stats.data} /> : stats.status === 'error' ? <ProblemAlert error={stats.error} onRetry={stats.reload} /> : <Loading label={t('publicOpinion.loading')} />}
      </Card>

      <Card
        title={t('publicOpinion.list.title')}
        testId="po-mentions-card"
        aside={
          <div className="po-filters">
            <select value={label} onChange={(e) => setLabel(e.target.value as SentimentLabel | '')} aria-label={t('publicOpinion.filter.label')} data-testid="po-filter-label">
              <option value="">{t('publicOpinion.filter.allLabels')}</option>
              {(['negative', 'neutral', 'positive'] as const).map((l) => <option key={l} value={l}>{t(`publicOpinion.label.${l}`)}</option>)}
            </select>
            <select value={status} onChange={(e) => setStatus(e.target.value as MentionStatus | '')} aria-label={t('publicOpinion.filter.status')} data-testid="po-filter-status">
              <option value="">{t('publicOpinion.filter.allStatuses')}</option>
              {(['new', 'reviewed', 'complaint-opened', 'dismissed'] as const).map((s) => <option key={s} value={s}>{t(`publicOpinion.status.${s}`)}</option>)}
            </select>
          </div>
        }
      >
        {mentions.status === 'error' && <ProblemAlert error={mentions.error} onRetry={mentions.reload} />}
        {mentions.status === 'loading' && <Loading label={t('publicOpinion.loading')} />}
        {mentions.data && mentions.data.items.length === 0 && <EmptyState title={t('publicOpinion.list.empty')} />}
        {mentions.data && mentions.data.items.length > 0 && (
          <ul className="po-list" data-testid="po-mentions">
            {mentions.data.items.map((m) => (
              <li key={m.id} className="po-item" data-testid="po-mention" data-mention-id={m.id} data-label={m.sentimentLabel} data-status={m.status}>
                <div className="po-item__meta small">
                  <Badge tone={LABEL_TONE[m.sentimentLabel]} testId="po-sentiment" title={String(m.sentimentScore)}>
                    {t(`publicOpinion.label.${m.sentimentLabel}`)} {m.sentimentScore.toFixed(2)}
                  </Badge>
                  <span className="po-item__source" data-testid="po-source">{t(`publicOpinion.source.${m.source}`)}</span>
                  {m.author && <span className="muted">@{m.author}</span>}
                  <span className="muted">{instantText(m.publishedAt)}</span>
                  <Badge tone={STATUS_TONE[m.status]} testId="po-status">{t(`publicOpinion.status.${m.status}`)}</Badge>
                </div>
                <p className="po-item__text">{m.text}</p>
                <div className="po-item__footer small">
                  {m.customer ? (
                    <span>
                      {t('publicOpinion.matched')}{' '}
                      <Link to={paths.customer(m.customer.id)} data-testid="po-customer-link">{m.customer.name}</Link>
                      {m.matchReason && <span className="muted"> ({m.matchReason})</span>}
                    </span>
                  ) : (
                    <span className="muted">{t('publicOpinion.unmatched')}</span>
                  )}
                  {m.complaint && <span data-testid="po-complaint-ref">{t('publicOpinion.complaint')} {m.complaint.referenceNumber}</span>}
                  {m.link && <a href={m.link} target="_blank" rel="noreferrer noopener">{t('publicOpinion.original')}</a>}
                  {manage && (m.status === 'new' || m.status === 'reviewed') && (
                    <span className="po-item__actions">
                      {m.status === 'new' && (
                        <button type="button" className="button button--small button--secondary" disabled={busy !== null}
                          onClick={() => void run(`review:${m.id}`, () => setPublicMentionStatus(m.id, 'review'))} data-testid="po-review">
                          {t('publicOpinion.action.review')}
                        </button>
                      )}
                      <button type="button" className="button button--small button--secondary" disabled={busy !== null}
                        onClick={() => void run(`dismiss:${m.id}`, () => setPublicMentionStatus(m.id, 'dismiss'))} data-testid="po-dismiss">
                        {t('publicOpinion.action.dismiss')}
                      </button>
                      <button type="button" className="button button--small button--primary" disabled={busy !== null}
                        title={m.customer ? undefined : t('publicOpinion.action.needsCustomer')}
                        onClick={() => (m.customer ? void openComplaint(m) : setPicking(m))} data-testid="po-open-complaint">
                        {t('publicOpinion.action.openComplaint')}
                      </button>
                    </span>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {picking && (
        <PickCustomerDialog
          mention={picking}
          onClose={() => setPicking(null)}
          onPick={(customerId) => {
            const m = picking;
            setPicking(null);
            void openComplaint(m, customerId);
          }}
        />
      )}
    </div>
  );
}
