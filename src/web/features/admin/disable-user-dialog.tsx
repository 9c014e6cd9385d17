import { useState, type FormEvent } from 'react';
import { disableStaffUser } from '../../api/client.ts';
import type { StaffUser } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldErrors } from '../../i18n/problem-message.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { bilingualRole } from './role-options.ts';

/**
 * 停用账户: says what happens (signed out everywhere, no more sign-in), asks for the reason that
 * goes to the audit trail, and disables only on the explicit "确认停用".
 */
export function DisableUserDialog({ user, onClose, onDisabled }: { user: StaffUser; onClose: () => void; onDisabled: (user: StaffUser) => void }) {
  const { t, locale } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [editedSinceError, setEditedSinceError] = useState(false);
  const problems = fieldErrors(error, locale, ['reason'], (field) => (field === 'reason' ? t('disable.invalidReason') : null));
  const reasonErrors = missing ? [t('disable.reasonRequired')] : editedSinceError ? [] : (problems.byField.reason ?? []);
  const role = bilingualRole(user.role);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setPending(true);
    setError(null);
    try {
      onDisabled(await disableStaffUser(user.id, reason.trim()));
    } catch (err) {
      setError(err);
      setEditedSinceError(false);
      setPending(false);
    }
  };

  return (
    <Dialog title={t('disable.title')} onClose={onClose} testId="user-disable-dialog">
      <form className="dialog__body" onSubmit={submit} noValidate>
        <p className="dialog__subject" data-testid="user-disable-subject">
          {user.displayName} <span className="ident muted">{user.employeeCode}</span>
          <span className="muted small"> · {locale === 'zh-CN' ? role.zh : role.en}</span>
        </p>
        <p className="muted small">{t('disable.explain')}</p>
        <label className="field">
          <span className="field__label">{t('disable.reason')}</span>
          <textarea
            className="input textarea"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
              setEditedSinceError(true);
            }}
            placeholder={t('disable.reasonPlaceholder')}
            aria-invalid={reasonErrors.length > 0 || undefined}
            autoFocus
            data-testid="user-disable-reason"
          />
          {reasonErrors.length > 0 && (
            <span className="field__error" role="alert" data-testid="user-disable-reason-error">
              {reasonErrors.join(locale === 'zh-CN' ? '；' : '; ')}
            </span>
          )}
        </label>
        {error !== null && <ProblemAlert error={error} fields={problems.others} testId="user-disable-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={pending} data-testid="user-disable-confirm">
            {pending ? t('disable.submitting') : t('disable.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
