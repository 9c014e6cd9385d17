import { useEffect, useState, type FormEvent } from 'react';
import { getCustomerLoans, previewTemplateVersion, searchCustomers } from '../../api/client.ts';
import type { CustomerSummary, Template, TemplatePreview, TemplateVersion } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n, type Locale } from '../../i18n/i18n.tsx';
import { Highlighted } from '../communications/highlight.tsx';
import { autoFilledVariables } from '../communications/options.ts';
import { VariableInputs } from '../communications/variable-inputs.tsx';
import { toApiVariables } from '../communications/variable-values.ts';

/**
 * Preview a version (any state: reviewers read drafts) for a real customer found by customer number,
 * name or phone: the record variables (name, loan number) are filled from the customer, the rest
 * from sample values; the rendered text is wording-checked and the findings highlighted.
 */
export function TemplatePreviewPanel({ template, version }: { template: Template; version: TemplateVersion }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const [debtId, setDebtId] = useState('');
  const [language, setLanguage] = useState<Locale>('zh-CN');
  const [thirdParty, setThirdParty] = useState(template.audience === 'third-party');
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const results = useApi(submitted ? `preview-search:${submitted}` : null, (signal) => searchCustomers({ q: submitted!, limit: 5 }, signal));
  const loans = useApi(customer ? `preview-loans:${customer.id}` : null, (signal) => getCustomerLoans(customer!.id, {}, signal));
  const auto = autoFilledVariables(debtId !== '');

  const search = (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) return;
    setCustomer(null);
    setPreview(null);
    setSubmitted(q.trim());
  };

  // One match (a customer number is exact) is chosen at once.
  const onlyMatch = results.status === 'success' && results.data.items.length === 1 ? results.data.items[0]! : null;
  useEffect(() => {
    if (onlyMatch) setCustomer((c) => c ?? onlyMatch);
  }, [onlyMatch?.id]);

  const run = async () => {
    if (!customer) return;
    setPending(true);
    setError(null);
    try {
      const { values } = toApiVariables(version.variables, raw, auto);
      setPreview(await previewTemplateVersion(template.id, version.version, { customerId: customer.id, debtId: debtId || null, language, variables: values, thirdParty }));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="preview-panel" data-testid="template-preview">
      <p className="preview-panel__title">{t('preview.title')}</p>
      <form className="preview-panel__search" onSubmit={search}>
        <input
          className="input input--small"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('preview.customerPlaceholder')}
          aria-label={t('preview.customer')}
          data-testid="preview-customer-query"
        />
        <button type="submit" className="button button--small button--secondary" data-testid="preview-customer-search">
          {t('preview.find')}
        </button>
      </form>
      {results.status === 'error' && <ProblemAlert error={results.error} testId="preview-search-error" />}
      {results.status === 'success' && results.data.items.length === 0 && <p className="small muted">{t('preview.noCustomer')}</p>}
      {results.status === 'success' && results.data.items.length > 1 && !customer && (
        <ul className="pick-list">
          {results.data.items.map((c) => (
            <li key={c.id}>
              <button type="button" className="button button--link" onClick={() => setCustomer(c)} data-testid="preview-customer-option">
                {c.name} <span className="ident muted small">{c.externalId}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {customer && (
        <>
          <p className="small" data-testid="preview-customer">
            {t('preview.for')} <strong>{customer.name}</strong> <span className="ident muted">{customer.externalId}</span>
          </p>
          <div className="form-grid">
            <label className="field">
              <span className="field__label">{t('send.language')}</span>
              <select className="input input--small" value={language} onChange={(e) => setLanguage(e.target.value as Locale)} data-testid="preview-language">
                <option value="zh-CN">{t('language.zh-CN')}</option>
                <option value="en">{t('language.en')}</option>
              </select>
            </label>
            <label className="field">
              <span className="field__label">
                {t('send.loan')} <span className="field__optional">{t('common.optional')}</span>
              </span>
              <select className="input input--small" value={debtId} onChange={(e) => setDebtId(e.target.value)} data-testid="preview-loan">
                <option value="">{t('send.noLoan')}</option>
                {loans.status === 'success' &&
                  loans.data.items.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.loanNumber}
                    </option>
                  ))}
              </select>
            </label>
            <label className="checkbox form-grid__wide">
              <input type="checkbox" checked={thirdParty} onChange={(e) => setThirdParty(e.target.checked)} /> {t('preview.thirdParty')}
            </label>
          </div>
          <VariableInputs variables={version.variables} values={raw} onChange={(name, value) => setRaw((r) => ({ ...r, [name]: value }))} autoFilled={auto} testIdPrefix="preview-var" />
          <div>
            <button type="button" className="button button--small button--primary" onClick={() => void run()} disabled={pending} data-testid="preview-run">
              {pending ? t('send.previewing') : t('preview.run')}
            </button>
          </div>
        </>
      )}
      {error !== null && <ProblemAlert error={error} testId="preview-error" />}
      {preview && (
        <div className="message-preview" data-testid="preview-result">
          {preview.subject && (
            <p className="message-preview__subject">
              <Highlighted text={preview.subject} phrases={preview.wordingFindings.map((f) => f.phrase)} />
            </p>
          )}
          <p className="message-preview__body" data-testid="preview-body">
            <Highlighted text={preview.body} phrases={preview.wordingFindings.map((f) => f.phrase)} />
          </p>
          {preview.problems.length > 0 && (
            <p className="small tone-text--danger" data-testid="preview-problems">
              {t('send.previewProblems', { names: preview.problems.map((p) => p.name).join(t('list.separator')) })}
            </p>
          )}
          {preview.wordingFindings.length > 0 ? (
            <p className="small tone-text--danger" data-testid="preview-wording">
              {t('send.previewWording', { phrases: preview.wordingFindings.map((f) => f.phrase).join(t('list.separator')) })}
            </p>
          ) : (
            <p className="small tone-text--success" data-testid="preview-wording-ok">
              {t('preview.wordingOk')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
