import { useState, type FormEvent, type ReactNode } from 'react';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/dialog.tsx';

const MIN_REASON = 5;

/**
 * A dialog for a change the audit trail records with a reason (care flags, contact holds): its
 * fields, the reason (at least 5 characters, as the API asks), the server's problem, cancel / confirm.
 * Test ids: `<testPrefix>-dialog`, `-reason`, `-error`, `-confirm`.
 */
export function ReasonDialog(props: {
  title: string;
  subject?: string;
  explain: string;
  placeholder: string;
  action: string;
  reason: string;
  onReason: (reason: string) => void;
  submit: () => Promise<unknown>;
  onClose: () => void;
  onSaved: () => void;
  testPrefix: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooShort = props.reason.trim().length < MIN_REASON;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (tooShort) return;
    setPending(true);
    setError(null);
    try {
      await props.submit();
      props.onSaved();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onClose} testId={`${props.testPrefix}-dialog`}>
      <form className="dialog__body" onSubmit={onSubmit}>
        {props.subject && <p className="dialog__subject">{props.subject}</p>}
        <p className="muted small">{props.explain}</p>
        {props.children}
        <label className="field">
          <span className="field__label">{t('flags.reason')}</span>
          <textarea
            className="input textarea"
            rows={2}
            maxLength={1000}
            value={props.reason}
            onChange={(e) => props.onReason(e.target.value)}
            placeholder={props.placeholder}
            autoFocus={!props.children}
            data-testid={`${props.testPrefix}-reason`}
          />
          <span className="field__hint">{t('flags.reasonHint')}</span>
        </label>
        {error !== null && <ProblemAlert error={error} testId={`${props.testPrefix}-error`} />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={pending || tooShort} data-testid={`${props.testPrefix}-confirm`}>
            {props.action}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
