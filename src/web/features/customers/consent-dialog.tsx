import { useState, type FormEvent } from 'react';
import { SelectField } from '../../ui/select-field.tsx';
import { changeConsent } from '../../api/client.ts';
import type { Consent, ConsentPurpose, ContactChannel } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { activeFor, CONSENT_CHANNEL_OPTIONS, CONSENT_PURPOSE_OPTIONS } from './consent-options.ts';

export type ConsentDialogIntent =
  | { action: 'withdraw'; purpose: ConsentPurpose; channel: ContactChannel }
  /** purpose/channel null: a new consent, chosen in the dialog. */
  | { action: 'grant'; purpose: ConsentPurpose | null; channel: ContactChannel | null };

/**
 * Records a grant or withdrawal on the customer's behalf, with the reason and where the customer
 * said so (a call recording, a signed form). Both go to the audit trail; the change also appears
 * on the customer's timeline.
 */
export function ConsentDialog({
  customerId,
  intent,
  consents,
  onClose,
  onSaved,
}: {
  customerId: string;
  intent: ConsentDialogIntent;
  consents: Consent[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [purpose, setPurpose] = useState<ConsentPurpose>(intent.purpose ?? 'marketing');
  const [channel, setChannel] = useState<ContactChannel>(intent.channel ?? 'sms');
  const [reason, setReason] = useState('');
  const [evidenceRef, setEvidenceRef] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reasonMissing, setReasonMissing] = useState(false);
  const choosing = intent.action === 'grant' && intent.purpose === null;
  const duplicate = intent.action === 'grant' && activeFor(consents, purpose, channel);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    // Optional in the API (a borrower need not explain); staff always say why.
    if (!reason.trim()) return setReasonMissing(true);
    setReasonMissing(false);
    setPending(true);
    try {
      await changeConsent(customerId, {
        purpose,
        channel,
        action: intent.action,
        reason: reason.trim(),
        ...(evidenceRef.trim() ? { evidenceRef: evidenceRef.trim() } : {}),
      });
      onSaved();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };

  return (
    <Dialog title={intent.action === 'withdraw' ? t('consent.withdrawTitle') : t('consent.grantTitle')} onClose={onClose} testId="consent-dialog">
      <form className="dialog__body" onSubmit={submit}>
        {choosing ? (
          <div className="field-row">
            <SelectField
              label={t('consents.purpose')}
              value={purpose}
              options={CONSENT_PURPOSE_OPTIONS}
              optionLabel={(p) => t(`purpose.${p}`)}
              onChange={setPurpose}
              testId="consent-purpose"
            />
            <SelectField
              label={t('consents.channel')}
              value={channel}
              options={CONSENT_CHANNEL_OPTIONS}
              optionLabel={(c) => t(`channel.${c}`)}
              onChange={setChannel}
              testId="consent-channel"
            />
          </div>
        ) : (
          <p className="dialog__subject" data-testid="consent-subject">
            {t('consent.purposeChannel', { purpose: t(`purpose.${purpose}`), channel: t(`channel.${channel}`) })}
          </p>
        )}
        <p className="muted small">{intent.action === 'withdraw' ? t('consent.explainWithdraw') : t('consent.explainGrant')}</p>
        <label className="field">
          <span className="field__label">{t('consent.reason')}</span>
          <textarea
            className="input textarea"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonMissing(false);
            }}
            placeholder={t('consent.reasonPlaceholder')}
            aria-invalid={reasonMissing || undefined}
            autoFocus
            data-testid="consent-reason"
          />
          {reasonMissing && (
            <span className="field__error" data-testid="consent-reason-missing">
              {t('consent.reasonRequired')}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field__label">
            {t('consent.evidenceRef')} <span className="field__optional">{t('common.optional')}</span>
          </span>
          <input
            className="input"
            maxLength={200}
            value={evidenceRef}
            onChange={(e) => setEvidenceRef(e.target.value)}
            placeholder={t('consent.evidenceRefPlaceholder')}
            data-testid="consent-evidence-ref"
          />
        </label>
        {duplicate && <p className="small tone-text--warning">{t('consent.alreadyActive')}</p>}
        {error !== null && <ProblemAlert error={error} testId="consent-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className={intent.action === 'withdraw' ? 'button button--danger' : 'button button--primary'}
            disabled={pending || duplicate}
            data-testid="consent-confirm"
          >
            {pending ? t('consent.saving') : intent.action === 'withdraw' ? t('consent.confirmWithdraw') : t('consent.confirmGrant')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
