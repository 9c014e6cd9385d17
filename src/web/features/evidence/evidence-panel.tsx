import { evidenceContentHref } from '../../api/client.ts';
import type { EvidenceItem, EvidenceList as EvidenceListResult, Loan } from '../../api/types.ts';
import type { ApiState } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText, instantText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { shortId } from '../audit/audit-filter.ts';
import { formatBytes, shortHash } from './evidence-kinds.ts';
import { EvidenceUploadForm } from './evidence-upload-form.tsx';

/**
 * The customer page's 证据 tab: what is on file for this customer, and the upload form. The list is
 * loaded by the page (GET /api/evidence?entityType=customer), so the tab can show its count.
 */
export function EvidencePanel({
  customerId,
  loans,
  list,
}: {
  customerId: string;
  loans: Loan[];
  list: ApiState<EvidenceListResult> & { reload: () => void };
}) {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <div className="stack" data-testid="evidence-panel">
      {list.status === 'error' ? (
        <ProblemAlert error={list.error} onRetry={list.reload} testId="evidence-error" />
      ) : list.status === 'success' ? (
        <EvidenceList items={list.data.items} loans={loans} />
      ) : (
        <Loading label={t('evidence.loading')} testId="evidence-loading" />
      )}
      {can('evidence.upload') ? (
        <EvidenceUploadForm customerId={customerId} loans={loans} onUploaded={list.reload} />
      ) : (
        <p className="muted small">{t('evidence.readOnly')}</p>
      )}
    </div>
  );
}

function EvidenceList({ items, loans }: { items: EvidenceItem[]; loans: Loan[] }) {
  const { t } = useI18n();
  const { state } = useSession();
  const me = state.status === 'signed-in' ? `staff:${state.session.user.id}` : null;
  const loanNumber = new Map(loans.map((l) => [l.id, l.loanNumber]));
  const columns: Array<Column<EvidenceItem>> = [
    { key: 'kind', header: t('evidence.kind'), render: (e) => <Badge tone="info">{t(`evidenceKind.${e.kind}`)}</Badge>, nowrap: true },
    {
      key: 'file',
      header: t('evidence.fileName'),
      render: (e) => (
        <div className="evidence-file">
          <span className="evidence-file__name" data-testid="evidence-file-name">
            {e.originalFileName}
          </span>
          {e.description && <span className="muted small">{e.description}</span>}
          <span className="inline-list small">
            {e.links
              .filter((l) => l.entityType === 'loan')
              .map((l) => (
                <span key={l.entityId} className="hint-chip" data-testid="evidence-loan-link">
                  {t('evidence.loanLink', { loan: loanNumber.get(l.entityId) ?? shortId(l.entityId) })}
                </span>
              ))}
            {e.source && <span className="muted">{e.source}</span>}
            {e.capturedAt && <span className="muted">{t('evidence.capturedAt', { at: instantText(e.capturedAt) })}</span>}
          </span>
        </div>
      ),
    },
    {
      key: 'type',
      header: `${t('evidence.contentType')} / ${t('evidence.size')}`,
      render: (e) => (
        <div className="evidence-file">
          <span className="ident small" data-testid="evidence-content-type">{e.contentType}</span>
          <span className="muted small" data-testid="evidence-size">{formatBytes(e.sizeBytes)}</span>
        </div>
      ),
      nowrap: true,
    },
    {
      key: 'sha',
      header: t('evidence.sha256'),
      render: (e) => (
        <code className="hash" title={e.sha256} data-testid="evidence-sha256" data-sha256={e.sha256}>
          {shortHash(e.sha256)}
        </code>
      ),
      nowrap: true,
    },
    {
      key: 'uploaded',
      header: t('evidence.uploaded'),
      render: (e) => (
        <div className="evidence-file">
          <DateText instant={e.uploadedAt} />
          <span className="muted small" title={e.uploadedBy}>
            {e.uploadedBy === me ? t('evidence.uploadedByMe') : shortId(e.uploadedBy)}
          </span>
        </div>
      ),
      nowrap: true,
    },
    {
      key: 'flags',
      header: t('evidence.flags'),
      render: (e) => (
        <span className="inline-list">
          {e.claimedContentType && (
            <Badge tone="warning" testId="evidence-type-mismatch" title={t('evidence.typeMismatchTitle', { claimed: e.claimedContentType, detected: e.contentType })}>
              {t('evidence.typeMismatch')}
            </Badge>
          )}
          {e.removedAt && (
            <Badge tone="neutral" testId="evidence-removed" title={e.removedReason ?? undefined}>
              {t('evidence.removed')}
            </Badge>
          )}
        </span>
      ),
    },
    {
      key: 'download',
      header: '',
      render: (e) =>
        e.removedAt ? null : (
          <a className="button button--small button--secondary" href={evidenceContentHref(e.id)} download data-testid="evidence-download">
            {t('evidence.download')}
          </a>
        ),
      align: 'right',
      nowrap: true,
    },
  ];
  return (
    <Card title={t('evidence.title')} aside={<span className="muted" data-testid="evidence-count">{items.length}</span>} testId="evidence-list" flush>
      {items.length === 0 ? (
        <EmptyState title={t('evidence.empty')} hint={t('evidence.emptyHint')} testId="evidence-empty" />
      ) : (
        <Table columns={columns} rows={items} rowKey={(e) => e.id} rowTestId="evidence-row" testId="evidence-table" />
      )}
    </Card>
  );
}
