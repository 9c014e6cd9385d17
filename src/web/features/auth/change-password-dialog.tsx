import { useState, type FormEvent } from 'react';
import { changePassword } from '../../api/client.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/states.tsx';

/**
 * Opened from the user box. The server checks the current password and the rules (10+ characters,
 * letters and digits, not the old one) and answers with field messages; only "the two new entries
 * differ" is checked here, since the server never sees the repeat.
 */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setPending(true);
    try {
      await changePassword({ currentPassword, newPassword });
      setDone(true);
      setCurrent('');
      setNew('');
      setRepeat('');
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog title={t('password.title')} onClose={onClose} testId="password-dialog">
      {done ? (
        <div className="dialog__body">
          <Alert tone="info" title={t('password.done')} testId="password-done" />
          <div className="dialog__actions">
            <button type="button" className="button button--primary" onClick={onClose} data-testid="password-close" autoFocus>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="dialog__body" onSubmit={submit} noValidate>
          <label className="field">
            <span className="field__label">{t('password.current')}</span>
            <input
              className="input"
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(e) => setCurrent(e.target.value)}
              autoFocus
              data-testid="password-current"
            />
          </label>
          <label className="field">
            <span className="field__label">{t('password.new')}</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNew(e.target.value)}
              aria-describedby="password-rules"
              data-testid="password-new"
            />
            <span id="password-rules" className="field__hint">
              {t('password.rules')}
            </span>
          </label>
          <label className="field">
            <span className="field__label">{t('password.confirm')}</span>
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              aria-invalid={mismatch || undefined}
              data-testid="password-repeat"
            />
          </label>
          {mismatch && <Alert title={t('password.mismatch')} testId="password-mismatch" />}
          {error !== null && <ProblemAlert error={error} testId="password-error" />}
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button--primary" disabled={pending} data-testid="password-submit">
              {pending ? t('password.submitting') : t('password.submit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
