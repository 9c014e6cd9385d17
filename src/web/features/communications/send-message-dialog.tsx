import { useMemo, useState, type FormEvent } from 'react';
import { contactRefusalOf, getTemplate, listTemplates, previewTemplateVersion, sendMessage } from '../../api/client.ts';
import type {
  ConsentPurpose, ContactRefusal, CustomerProfile, Loan, MessageChannel, MessageQueued, TemplatePreview, TemplateSummary,
} from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n, type Locale } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert, Loading } from '../../ui/states.tsx';
import { formatContactValue } from '../customers/format-contact.ts';
import { DenialReasons, RefusalAlert } from './denial-reasons.tsx';
import { Highlighted } from './highlight.tsx';
import { autoFilledVariables, CHANNEL_POINT_KIND, MESSAGE_CHANNEL_OPTIONS, PURPOSE_OPTIONS } from './options.ts';
import { toApiVariables, type VariableProblem } from './variable-values.ts';
import { VariableInputs } from './variable-inputs.tsx';
import { ZonedInstant } from './zoned-time.tsx';

const newKey = () =>
  `console:${typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`}`;

type Outcome = { kind: 'queued'; result: MessageQueued } | { kind: 'refused'; refusal: ContactRefusal };

/**
 * "发送消息": an approved template, a channel, a contact point, a language and the template's typed
 * variables (money typed in yuan, sent as integer fen). Preview renders it for this customer with
 * the wording check; Send renders, checks and queues it. A refusal lists every reason and when it
 * would be allowed; a message held back only by time (contact hours, caps) is queued for later.
 */
export function SendMessageDialog({
  customer,
  loans,
  zones,
  checkedAt,
  onClose,
  onChanged,
}: {
  customer: CustomerProfile;
  loans: Loan[];
  zones: string[];
  /** The server's instant of the page's last check (the 409 refusal carries none), for "today / next day". */
  checkedAt?: string;
  onClose: () => void;
  /** After any attempt: a queued message or a stored refusal changed the lists. */
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const templates = useApi('templates', (signal) => listTemplates(signal));
  const sendable = templates.status === 'success' ? templates.data.items.filter((x) => x.approvedVersion !== null) : [];
  const [templateId, setTemplateId] = useState('');
  const summary: TemplateSummary | undefined = sendable.find((x) => x.id === templateId);
  const detail = useApi(templateId ? `template:${templateId}` : null, (signal) => getTemplate(templateId, signal));
  const version = detail.status === 'success' ? detail.data.versions.find((v) => v.status === 'approved') : undefined;

  const [purpose, setPurpose] = useState<ConsentPurpose>('collections');
  const [channel, setChannel] = useState<MessageChannel>('sms');
  const [pointId, setPointId] = useState('');
  const [language, setLanguage] = useState<Locale>(customer.preferredLanguage);
  const [debtId, setDebtId] = useState('');
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<VariableProblem[]>([]);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [pending, setPending] = useState<'preview' | 'send' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);

  const kind = CHANNEL_POINT_KIND[channel];
  const thirdPartyTemplate = summary?.audience === 'third-party';
  const points = useMemo(
    () =>
      customer.contactPoints.filter(
        (p) => kind !== null && p.kind === kind && !p.markedWrongAt && (thirdPartyTemplate ? p.relationship !== 'self' : p.relationship === 'self'),
      ),
    [customer.contactPoints, kind, thirdPartyTemplate],
  );
  const auto = autoFilledVariables(debtId !== '');

  const reset = () => {
    setPreview(null);
    setOutcome(null);
    setError(null);
  };

  const chooseTemplate = (id: string) => {
    setTemplateId(id);
    const chosen = sendable.find((x) => x.id === id);
    if (chosen) setPurpose(chosen.purpose);
    setRaw({});
    setProblems([]);
    // A loan-related template gets the most overdue loan by default (the loan number is filled from it).
    if (!debtId && loans[0] && (chosen?.purpose === 'collections' || chosen?.purpose === 'servicing')) setDebtId(loans[0].id);
    reset();
  };

  const variables = () => {
    const v = version ? toApiVariables(version.variables, raw, auto) : { values: {}, problems: [] };
    setProblems(v.problems);
    return v;
  };

  const runPreview = async () => {
    if (!version || !summary) return;
    reset();
    const { values } = variables();
    setPending('preview');
    try {
      setPreview(await previewTemplateVersion(summary.id, version.version, { customerId: customer.id, debtId: debtId || null, language, variables: values }));
    } catch (err) {
      setError(err);
    } finally {
      setPending(null);
    }
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!summary || !version) return;
    reset();
    const { values, problems: missing } = variables();
    if (missing.length) return;
    setPending('send');
    try {
      const result = await sendMessage(customer.id, {
        templateKey: summary.key,
        channel,
        purpose,
        language,
        debtId: debtId || null,
        contactPointId: pointId || null,
        variables: values,
        idempotencyKey,
      });
      setOutcome({ kind: 'queued', result });
      setIdempotencyKey(newKey());
      onChanged();
    } catch (err) {
      const refusal = contactRefusalOf(err);
      if (refusal) {
        setOutcome({ kind: 'refused', refusal });
        onChanged();
      } else setError(err);
    } finally {
      setPending(null);
    }
  };

  const done = outcome?.kind === 'queued';
  return (
    <Dialog title={t('send.title')} onClose={onClose} testId="send-dialog" size="wide">
      <form className="dialog__body" onSubmit={send}>
        <p className="muted small">{t('send.explain', { name: customer.name })}</p>
        {templates.status === 'error' && <ProblemAlert error={templates.error} onRetry={templates.reload} testId="send-templates-error" />}
        <div className="form-grid">
          <label className="field form-grid__wide">
            <span className="field__label">{t('send.template')}</span>
            <select className="input input--small" value={templateId} onChange={(e) => chooseTemplate(e.target.value)} data-testid="send-template" disabled={done}>
              <option value="">{templates.status === 'success' ? t('send.chooseTemplate') : t('common.loading')}</option>
              {sendable.map((x) => (
                <option key={x.id} value={x.id}>
                  {(locale === 'zh-CN' ? x.nameZh : x.nameEn) + ` · ${x.key} v${x.approvedVersion}`}
                </option>
              ))}
            </select>
            {templates.status === 'success' && sendable.length === 0 && <span className="field__hint">{t('send.noTemplates')}</span>}
          </label>
          <label className="field">
            <span className="field__label">{t('send.purpose')}</span>
            <select className="input input--small" value={purpose} onChange={(e) => { setPurpose(e.target.value as ConsentPurpose); reset(); }} data-testid="send-purpose" disabled={done}>
              {PURPOSE_OPTIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`purpose.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('send.channel')}</span>
            <select
              className="input input--small"
              value={channel}
              onChange={(e) => {
                setChannel(e.target.value as MessageChannel);
                setPointId('');
                reset();
              }}
              data-testid="send-channel"
              disabled={done}
            >
              {MESSAGE_CHANNEL_OPTIONS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('send.point')}</span>
            {kind === null ? (
              <span className="input input--small input--static">{t('send.portalInbox')}</span>
            ) : (
              <select className="input input--small" value={pointId} onChange={(e) => { setPointId(e.target.value); reset(); }} data-testid="send-point" disabled={done}>
                <option value="">{points.length ? t('send.primaryPoint') : t('send.noPoint')}</option>
                {points.map((p) => (
                  <option key={p.id} value={p.id}>
                    {formatContactValue(p.kind, p.value)}
                    {p.isPrimary ? ` · ${t('contacts.primary')}` : ''}
                    {p.relationship !== 'self' ? ` · ${t(`relationship.${p.relationship}`)}` : ''}
                  </option>
                ))}
              </select>
            )}
          </label>
          <label className="field">
            <span className="field__label">{t('send.language')}</span>
            <select className="input input--small" value={language} onChange={(e) => { setLanguage(e.target.value as Locale); reset(); }} data-testid="send-language" disabled={done}>
              <option value="zh-CN">{t('language.zh-CN')}</option>
              <option value="en">{t('language.en')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">
              {t('send.loan')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <select className="input input--small" value={debtId} onChange={(e) => { setDebtId(e.target.value); reset(); }} data-testid="send-loan" disabled={done}>
              <option value="">{t('send.noLoan')}</option>
              {loans.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.loanNumber}
                  {l.delinquency.daysPastDue > 0 ? ` · ${t('send.loanDpd', { n: l.delinquency.daysPastDue })}` : ''}
                </option>
              ))}
            </select>
          </label>
        </div>

        {templateId && detail.status === 'loading' && <Loading label={t('common.loading')} />}
        {detail.status === 'error' && <ProblemAlert error={detail.error} testId="send-template-error" />}
        {version && (
          <fieldset className="fieldset" disabled={done}>
            <legend className="fieldset__legend">
              {t('send.variables')} {thirdPartyTemplate && <Badge tone="warning">{t('audience.third-party')}</Badge>}
            </legend>
            <VariableInputs
              variables={version.variables}
              values={raw}
              onChange={(name, value) => {
                setRaw((r) => ({ ...r, [name]: value }));
                setPreview(null);
              }}
              autoFilled={auto}
              problems={problems}
              testIdPrefix="send-var"
            />
          </fieldset>
        )}

        {preview && (
          <div className="message-preview" data-testid="send-preview">
            <p className="message-preview__label">
              {t('send.previewTitle', { language: t(`language.${preview.language}`) })}
              {channel === 'sms' && <span className="muted small"> · {t('send.smsNoSubject')}</span>}
            </p>
            {preview.subject && channel !== 'sms' && (
              <p className="message-preview__subject">
                <Highlighted text={preview.subject} phrases={preview.wordingFindings.map((f) => f.phrase)} />
              </p>
            )}
            <p className="message-preview__body" data-testid="send-preview-body">
              <Highlighted text={preview.body} phrases={preview.wordingFindings.map((f) => f.phrase)} />
            </p>
            {preview.problems.length > 0 && (
              <p className="small tone-text--danger" data-testid="send-preview-problems">
                {t('send.previewProblems', { names: preview.problems.map((p) => p.name).join(t('list.separator')) })}
              </p>
            )}
            {preview.wordingFindings.length > 0 && (
              <p className="small tone-text--danger">{t('send.previewWording', { phrases: preview.wordingFindings.map((f) => f.phrase).join(t('list.separator')) })}</p>
            )}
          </div>
        )}

        {outcome?.kind === 'refused' && (
          <RefusalAlert
            title={t('send.refused')}
            denials={outcome.refusal.denials}
            earliestAllowedAt={outcome.refusal.earliestAllowedAt}
            zones={zones}
            relativeTo={checkedAt}
            testId="send-refused"
          />
        )}
        {outcome?.kind === 'queued' &&
          (outcome.result.delayedBy.length > 0 ? (
            <Alert tone="warning" title={t('send.queuedLater')} testId="send-queued">
              <p>
                {t('send.notBefore')} <ZonedInstant instant={outcome.result.notBefore} zones={zones} relativeTo={checkedAt} testId="send-not-before" />
              </p>
              <DenialReasons denials={outcome.result.delayedBy} compact />
            </Alert>
          ) : (
            <Alert tone="success" title={outcome.result.duplicate ? t('send.duplicate') : t('send.queued')} testId="send-queued">
              {t('send.queuedHint')}
            </Alert>
          ))}
        {error !== null && <ProblemAlert error={error} testId="send-error" />}

        <div className="dialog__actions">
          {done ? (
            <button type="button" className="button button--primary" onClick={onClose} data-testid="send-done">
              {t('common.done')}
            </button>
          ) : (
            <>
              <button type="button" className="button button--secondary" onClick={onClose}>
                {t('common.cancel')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => void runPreview()} disabled={!version || pending !== null} data-testid="send-preview-button">
                {pending === 'preview' ? t('send.previewing') : t('send.preview')}
              </button>
              <button type="submit" className="button button--primary" disabled={!version || pending !== null} data-testid="send-submit">
                {pending === 'send' ? t('send.sending') : t('send.submit')}
              </button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
