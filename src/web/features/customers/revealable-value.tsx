import { useState, type FormEvent, type ReactNode } from 'react';
import { unmaskPersonalData } from '../../api/client.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/dialog.tsx';

type Target = { field: 'id-number' } | { field: 'contact-point'; contactPointId: string };

/**
 * A masked personal-data value with an on-demand, audited reveal (PIPL art. 51: least privilege,
 * access logged). The reason goes to the audit trail; the clear value lives only in this
 * component's state and is gone when the page is left.
 */
export function RevealableValue({
  customerId,
  target,
  masked,
  children,
  testId,
  format = (v) => v,
}: {
  customerId: string;
  target: Target;
  /** False when the API already sent the clear value (the role may view personal data). */
  masked: boolean;
  /** The value as received, rendered by the caller. */
  children: ReactNode;
  testId?: string;
  format?: (clear: string) => string;
}) {
  const { t } = useI18n();
  const { can } = useSession();
  const [mode, setMode] = useState<'masked' | 'asking' | 'pending'>('masked');
  const [reason, setReason] = useState('');
  const [clear, setClear] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (clear !== null) {
    return (
      <span className="inline-list" data-testid={testId ? `${testId}-revealed` : undefined}>
        <span className="ident">{format(clear)}</span>
        <span className="hint-chip">{t('unmask.audited')}</span>
      </span>
    );
  }
  if (!masked || !can('personal-data.unmask')) return <>{children}</>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMode('pending');
    setError(null);
    try {
      const result = await unmaskPersonalData(customerId, { ...target, reason });
      setClear(result.value);
    } catch (err) {
      setError(err);
      setMode('asking');
    }
  };

  const close = () => {
    setMode('masked');
    setError(null);
  };

  return (
    <span className="revealable">
      {children}
      <button type="button" className="button button--link revealable__button" onClick={() => setMode('asking')} data-testid={testId ? `${testId}-reveal` : undefined}>
        {t('unmask.reveal')}
      </button>
      {mode !== 'masked' && (
        <Dialog title={t('unmask.title')} onClose={close} testId="unmask-dialog">
          <form className="dialog__body" onSubmit={submit}>
            <p className="muted small">{t('unmask.explain')}</p>
            <label className="field">
              <span className="field__label">{t('unmask.reasonLabel')}</span>
              <input
                className="input"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t('unmask.reasonPlaceholder')}
                autoFocus
                data-testid="unmask-reason"
              />
            </label>
            {error !== null && <ProblemAlert error={error} testId="unmask-error" />}
            <div className="dialog__actions">
              <button type="button" className="button button--secondary" onClick={close}>
                {t('unmask.cancel')}
              </button>
              <button type="submit" className="button button--primary" disabled={mode === 'pending'} data-testid="unmask-confirm">
                {t('unmask.confirm')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </span>
  );
}
