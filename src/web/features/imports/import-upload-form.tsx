import { useState, type FormEvent } from 'react';
import { uploadImport } from '../../api/client.ts';
import type { ImportKind, ImportSummary } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { FilePicker } from '../../ui/file-picker.tsx';
import { Alert } from '../../ui/states.tsx';
import { IMPORT_KIND_OPTIONS } from './import-options.ts';

/**
 * Kind + file → POST /api/imports/{kind}?fileName=… with the file itself as the text/csv body. A
 * file refused as a whole (missing columns, unreadable encoding, empty) answers 422 and is shown
 * here; a processed file, even with rejected rows, goes to `onImported`.
 */
export function ImportUploadForm({
  onStarted,
  onImported,
  onRefused,
}: {
  onStarted: () => void;
  onImported: (summary: ImportSummary) => void;
  onRefused: () => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [missing, setMissing] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) {
      setMissing(true);
      return;
    }
    setPending(true);
    onStarted();
    try {
      const summary = await uploadImport(kind, file, file.name);
      setFile(null);
      setFileInputKey((k) => k + 1);
      onImported(summary);
    } catch (err) {
      setError(err);
      // A refused file is still a (failed) run in the list.
      onRefused();
    } finally {
      setPending(false);
    }
  };

  return (
    <Card title={t('imports.upload.title')} testId="import-upload">
      <form className="import-form" onSubmit={submit} noValidate data-testid="import-form">
        <div className="import-form__row">
          <div className="field">
            <span className="field__label" id="import-kind-label">
              {t('imports.kind')}
            </span>
            <div className="segmented segmented--large" role="radiogroup" aria-labelledby="import-kind-label" data-testid="import-kind">
              {IMPORT_KIND_OPTIONS.map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={k === kind}
                  className={k === kind ? 'segmented__option segmented__option--active' : 'segmented__option'}
                  onClick={() => setKind(k)}
                  data-testid={`import-kind-${k}`}
                >
                  {t(`importKind.${k}`)}
                  <span className="segmented__code">{k}</span>
                </button>
              ))}
            </div>
          </div>
          <label className="field import-form__file">
            <span className="field__label">{t('imports.file')}</span>
            <FilePicker
              key={fileInputKey}
              accept=".csv,text/csv"
              file={file}
              onChange={(f) => {
                setFile(f);
                setMissing(false);
              }}
              invalid={missing}
              testId="import-file"
            />
          </label>
          <div className="import-form__actions">
            <button type="submit" className="button button--primary" disabled={pending} data-testid="import-submit">
              {pending ? t('imports.submitting') : t('imports.submit')}
            </button>
          </div>
        </div>
        <ul className="import-help" data-testid="import-help">
          <li>{t('imports.help.order')}</li>
          <li>
            {t('imports.help.formats')} <code className="code-path">docs/import-formats.md</code>
            {t('imports.help.formatsEnd')}
          </li>
          <li>{t('imports.help.encoding')}</li>
        </ul>
        {missing && <Alert title={t('imports.noFile')} testId="import-missing" />}
        {error !== null && <ProblemAlert error={error} testId="import-error" />}
      </form>
    </Card>
  );
}
