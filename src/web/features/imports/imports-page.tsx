import { useState } from 'react';
import { listImportRuns } from '../../api/client.ts';
import type { ImportSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ImportResult } from './import-result.tsx';
import { ImportRunsCard } from './import-runs-card.tsx';
import { ImportUploadForm } from './import-upload-form.tsx';

/**
 * 数据导入: upload one CSV file of one kind (imports.run), see what happened to every row, and the
 * recent runs (imports.read). Valid rows are imported, rejected rows come back with line, column,
 * reason and raw value; re-sending a file is safe (rows are keyed on the lender's ids).
 */
export function ImportsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const runs = useApi('imports:runs', (signal) => listImportRuns(signal));
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  return (
    <div className="page" data-testid="imports-page">
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('imports.title')}</h1>
          <p className="muted small">{t('imports.subtitle')}</p>
        </div>
      </div>
      {can('imports.run') ? (
        <ImportUploadForm
          onStarted={() => setSummary(null)}
          onImported={(s) => {
            setSummary(s);
            runs.reload();
          }}
          onRefused={() => runs.reload()}
        />
      ) : (
        <p className="muted small" data-testid="imports-read-only">
          {t('imports.readOnly')}
        </p>
      )}
      {summary && <ImportResult summary={summary} />}
      <ImportRunsCard state={runs} highlight={summary?.runId ?? null} />
    </div>
  );
}
