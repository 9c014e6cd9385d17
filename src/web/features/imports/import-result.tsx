import { importRejectionsHref } from '../../api/client.ts';
import type { ImportRejection, ImportSummary } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { Alert } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';
import { formatDuration } from './import-options.ts';
import { reasonForReader } from './import-reasons.ts';

/** Rejections listed on screen; the full report (every rejection) is the CSV download. */
const SHOWN_REJECTIONS = 50;

/** The summary of one upload: counts, encoding, warnings, duration, and the first rejected rows. */
export function ImportResult({ summary }: { summary: ImportSummary }) {
  const { t } = useI18n();
  const shown = summary.rejections.slice(0, SHOWN_REJECTIONS);
  const counts: Array<{ key: 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected'; tone?: string }> = [
    { key: 'read' },
    { key: 'inserted', tone: summary.inserted > 0 ? 'tone--success' : undefined },
    { key: 'updated', tone: summary.updated > 0 ? 'tone--info' : undefined },
    { key: 'unchanged' },
    { key: 'rejected', tone: summary.rejected > 0 ? 'tone--danger' : undefined },
  ];

  return (
    <Card
      title={
        <>
          {t('imports.result.title')} <span className="card__title-sub">{summary.fileName}</span>
        </>
      }
      aside={<span className="muted">{t(`importKind.${summary.kind}`)}</span>}
      testId="import-result"
    >
      <div className="stack">
        <div className="import-kpis">
          {counts.map((c) => (
            <div key={c.key} className={['kpi', 'import-kpi', c.tone].filter(Boolean).join(' ')}>
              <span className="kpi__label">{t(`imports.count.${c.key}`)}</span>
              <span className="kpi__value" data-testid={`import-count-${c.key}`}>
                {summary[c.key].toLocaleString('en-US')}
              </span>
            </div>
          ))}
          <div className="kpi import-kpi import-kpi--meta">
            <span className="kpi__label">{t('imports.encoding')}</span>
            <span className="import-kpi__text" data-testid="import-encoding">
              {summary.encoding.toUpperCase()}
            </span>
          </div>
          <div className="kpi import-kpi import-kpi--meta">
            <span className="kpi__label">{t('imports.duration')}</span>
            <span className="import-kpi__text" data-testid="import-duration">
              {formatDuration(summary.durationMs)}
            </span>
          </div>
        </div>
        {summary.warnings.length > 0 && (
          <Alert tone="warning" title={t('imports.warnings')} testId="import-warnings">
            <ul className="alert__fields">
              {summary.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </Alert>
        )}
        {summary.rejected === 0 ? (
          <Alert tone="success" title={t('imports.allImported', { n: summary.read })} testId="import-all-good" />
        ) : (
          <RejectionsSection summary={summary} shown={shown} />
        )}
      </div>
    </Card>
  );
}

function RejectionsSection({ summary, shown }: { summary: ImportSummary; shown: ImportRejection[] }) {
  const { t, locale } = useI18n();
  const columns: Array<Column<ImportRejection>> = [
    { key: 'line', header: t('imports.rej.line'), render: (r) => <span data-testid="rejection-line">{r.line}</span>, align: 'right', width: '5rem', nowrap: true },
    {
      key: 'column',
      header: t('imports.rej.column'),
      render: (r) =>
        r.column === null ? (
          <span className="muted">{t('imports.rej.wholeRow')}</span>
        ) : (
          <code className="code-path" data-testid="rejection-column">
            {r.column}
          </code>
        ),
      width: '12rem',
      nowrap: true,
    },
    {
      key: 'reason',
      header: t('imports.rej.reason'),
      render: (r) => {
        const { text, english } = reasonForReader(r.reason, locale, t);
        return (
          <span className="stacked-cell" data-testid="rejection-reason">
            <span>{text}</span>
            {english && <span className="muted small">{english}</span>}
          </span>
        );
      },
    },
    {
      key: 'raw',
      header: t('imports.rej.raw'),
      render: (r) =>
        r.rawValue === null || r.rawValue === '' ? (
          <span className="muted">{t('imports.rej.empty')}</span>
        ) : (
          <code className="raw-value" data-testid="rejection-raw">
            {r.rawValue}
          </code>
        ),
    },
  ];
  return (
    <section className="stack stack--tight" data-testid="import-rejections">
      <div className="panel-toolbar">
        <div className="panel-toolbar__text">
          <h3 className="section-title">{t('imports.rej.title', { n: summary.rejected })}</h3>
          <p className="muted small">
            {shown.length < summary.rejections.length || summary.rejections.length < summary.rejected
              ? t('imports.rej.partial', { shown: shown.length })
              : t('imports.rej.fix')}
          </p>
        </div>
        <div className="panel-toolbar__actions">
          <a className="button button--secondary button--small" href={importRejectionsHref(summary.runId)} download data-testid="import-rejections-download">
            {t('imports.rej.download')}
          </a>
        </div>
      </div>
      <div className="bordered">
        <Table
          columns={columns}
          rows={shown}
          rowKey={(r) => `${r.line}:${r.column ?? ''}:${r.reason}`}
          rowTestId="rejection-row"
          rowAttributes={(r) => ({ 'data-line': String(r.line) })}
          compact
        />
      </div>
    </section>
  );
}
