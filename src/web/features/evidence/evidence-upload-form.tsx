import { useState, type FormEvent } from 'react';
import { uploadEvidence } from '../../api/client.ts';
import type { EvidenceKind, EvidenceUploadResult, Loan } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { businessLocalToInstant } from '../../ui/date-text.tsx';
import { Alert } from '../../ui/states.tsx';
import { EVIDENCE_KIND_OPTIONS } from './evidence-kinds.ts';

type Fields = { kind: EvidenceKind | ''; loanId: string; source: string; capturedAt: string; description: string };
const EMPTY: Fields = { kind: '', loanId: '', source: '', capturedAt: '', description: '' };

/**
 * Uploads one file, linked to the customer and optionally to one of their loans. The server hashes
 * it while it streams in and types it by its bytes; its answers (too large, unsupported type,
 * extension that lies) are shown as they come.
 */
export function EvidenceUploadForm({ customerId, loans, onUploaded }: { customerId: string; loans: Loan[]; onUploaded: () => void }) {
  const { t, locale } = useI18n();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [result, setResult] = useState<EvidenceUploadResult | null>(null);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    if (!file) return setMissing(t('evidence.upload.noFile'));
    if (!fields.kind) return setMissing(t('evidence.upload.noKind'));
    setMissing(null);
    const form = new FormData();
    // Text fields first: the server streams the file part and reads the others as they come.
    form.append('kind', fields.kind);
    if (fields.source.trim()) form.append('source', fields.source.trim());
    if (fields.capturedAt) form.append('capturedAt', businessLocalToInstant(fields.capturedAt));
    if (fields.description.trim()) form.append('description', fields.description.trim());
    form.append('links', `customer:${customerId}`);
    if (fields.loanId) form.append('links', `loan:${fields.loanId}`);
    form.append('file', file, file.name);
    setPending(true);
    try {
      const uploaded = await uploadEvidence(form);
      setResult(uploaded);
      setFields(EMPTY);
      setFile(null);
      setFileInputKey((k) => k + 1);
      onUploaded();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <Card title={t('evidence.upload.title')} testId="evidence-upload">
      <form className="upload-form" onSubmit={submit} noValidate data-testid="evidence-upload-form">
        <p className="muted small">{t('evidence.upload.hint')}</p>
        <div className="upload-form__grid">
          <label className="field upload-form__file">
            <span className="field__label">{t('evidence.upload.file')}</span>
            <input
              key={fileInputKey}
              className="input input--small input--file"
              type="file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setMissing(null);
              }}
              data-testid="evidence-file"
            />
          </label>
          <label className="field">
            <span className="field__label">{t('evidence.upload.kind')}</span>
            <select className="input input--small" value={fields.kind} onChange={(e) => set('kind', e.target.value as Fields['kind'])} data-testid="evidence-kind">
              <option value="" disabled>
                —
              </option>
              {EVIDENCE_KIND_OPTIONS.map((k) => (
                <option key={k} value={k}>
                  {t(`evidenceKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">
              {t('evidence.upload.loan')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <select className="input input--small" value={fields.loanId} onChange={(e) => set('loanId', e.target.value)} data-testid="evidence-loan">
              <option value="">{t('evidence.upload.noLoan')}</option>
              {loans.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.loanNumber} · {t(`product.${l.product}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">
              {t('evidence.upload.source')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <input
              className="input input--small"
              value={fields.source}
              maxLength={200}
              onChange={(e) => set('source', e.target.value)}
              placeholder={t('evidence.upload.sourcePlaceholder')}
              data-testid="evidence-source"
            />
          </label>
          <label className="field">
            <span className="field__label">
              {t('evidence.upload.capturedAt')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <input className="input input--small" type="datetime-local" value={fields.capturedAt} onChange={(e) => set('capturedAt', e.target.value)} data-testid="evidence-captured-at" />
          </label>
          <label className="field upload-form__wide">
            <span className="field__label">
              {t('evidence.upload.description')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <textarea
              className="input input--small textarea"
              rows={2}
              maxLength={2000}
              value={fields.description}
              onChange={(e) => set('description', e.target.value)}
              placeholder={t('evidence.upload.descriptionPlaceholder')}
              data-testid="evidence-description"
            />
          </label>
        </div>
        {missing && <Alert title={missing} testId="evidence-upload-missing" />}
        {error !== null && <ProblemAlert error={error} testId="evidence-upload-error" />}
        {result && (
          <div className="stack stack--tight" data-testid="evidence-upload-done">
            <Alert tone="success" title={t('evidence.upload.done', { name: result.originalFileName, sha: result.sha256 })}>
              {result.alreadyStored && <span>{t('evidence.upload.alreadyStored')}</span>}
            </Alert>
            {result.typeMismatch && (
              <Alert tone="warning" title={locale === 'zh-CN' ? result.typeMismatch.messageZh : result.typeMismatch.message} testId="evidence-upload-mismatch" />
            )}
          </div>
        )}
        <div className="upload-form__actions">
          <button type="submit" className="button button--primary" disabled={pending} data-testid="evidence-submit">
            {pending ? t('evidence.upload.submitting') : t('evidence.upload.submit')}
          </button>
        </div>
      </form>
    </Card>
  );
}
