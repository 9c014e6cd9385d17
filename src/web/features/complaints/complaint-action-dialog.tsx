import { useState, type FormEvent } from 'react';
import { complaintAction, type ComplaintAction } from '../../api/client.ts';
import type { ComplaintDetail, ComplaintRemedy, DecisionOutcome } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { HandlerPicker } from './handler-picker.tsx';
import { DECISION_OUTCOMES, PAUSE_REASONS, REMEDIES } from './options.ts';

export type DialogAction = Exclude<ComplaintAction, 'classify' | 'merge'>;

/** One form per complaint action: only the fields that action takes. */
export function ComplaintActionDialog({
  complaint,
  action,
  onClose,
  onDone,
}: {
  complaint: ComplaintDetail;
  action: DialogAction;
  onClose: () => void;
  onDone: (after: ComplaintDetail) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [days, setDays] = useState('15');
  const [approvedBy, setApprovedBy] = useState('');
  const [pauseReason, setPauseReason] = useState<string>(PAUSE_REASONS[0]);
  const [outcome, setOutcome] = useState<DecisionOutcome>('upheld');
  const [remedies, setRemedies] = useState<ComplaintRemedy[]>([]);
  const [ownerId, setOwnerId] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const textField: Partial<Record<DialogAction, { key: string; required: boolean }>> = {
    'first-handling': { key: 'note', required: true },
    extend: { key: 'reason', required: true },
    pause: { key: 'note', required: false },
    resume: { key: 'note', required: false },
    'new-facts': { key: 'facts', required: true },
    decide: { key: 'summary', required: true },
    close: { key: 'note', required: false },
    reopen: { key: 'reason', required: true },
    'review-request': { key: 'reason', required: true },
    reassign: { key: 'reason', required: true },
  };
  const field = textField[action];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (field && text.trim()) body[field.key] = text.trim();
    if (action === 'extend') {
      body.days = Number(days);
      if (approvedBy.trim()) body.approvedBy = approvedBy.trim();
    }
    if (action === 'pause') body.reason = pauseReason;
    if (action === 'decide') Object.assign(body, { outcome, remedies });
    if (action === 'reassign') body.ownerId = ownerId.trim();
    setPending(true);
    setError(null);
    try {
      onDone(await complaintAction(complaint.id, action, body));
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };

  const toggleRemedy = (r: ComplaintRemedy) => setRemedies((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  const missing = (field?.required && text.trim().length < 2) || (action === 'reassign' && !ownerId.trim());

  return (
    <Dialog title={t(`complaint.action.${action}`)} onClose={onClose} testId="complaint-action-dialog">
      <form className="dialog__body" onSubmit={submit} noValidate data-action={action}>
        <p className="dialog__subject">{complaint.referenceNumber}</p>
        {action === 'extend' && (
          <div className="field-row">
            <label className="field">
              <span className="field__label">{t('complaint.form.days')}</span>
              <input className="input" type="number" min={1} max={45} value={days} onChange={(e) => setDays(e.target.value)} data-testid="complaint-extend-days" />
            </label>
            <label className="field">
              <span className="field__label">{t('complaint.form.approvedBy')}</span>
              <input className="input" value={approvedBy} onChange={(e) => setApprovedBy(e.target.value)} placeholder={t('complaint.form.approvedByHint')} data-testid="complaint-extend-approver" />
            </label>
          </div>
        )}
        {action === 'pause' && (
          <label className="field">
            <span className="field__label">{t('complaint.form.pauseReason')}</span>
            <select className="input" value={pauseReason} onChange={(e) => setPauseReason(e.target.value)} data-testid="complaint-pause-reason">
              {PAUSE_REASONS.map((r) => <option key={r} value={r}>{t(`complaint.pauseReason.${r}`)}</option>)}
            </select>
          </label>
        )}
        {action === 'decide' && (
          <>
            <fieldset className="field">
              <legend className="field__label">{t('complaint.form.outcome')}</legend>
              <div className="inline-list">
                {DECISION_OUTCOMES.map((o) => (
                  <label key={o} className="checkbox">
                    <input type="radio" name="outcome" checked={outcome === o} onChange={() => setOutcome(o)} data-testid={`complaint-outcome-${o}`} /> {t(`complaint.outcome.${o}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="field">
              <legend className="field__label">{t('complaint.form.remedies')}</legend>
              <div className="inline-list">
                {REMEDIES.map((r) => (
                  <label key={r} className="checkbox">
                    <input type="checkbox" checked={remedies.includes(r)} onChange={() => toggleRemedy(r)} data-testid={`complaint-remedy-${r}`} /> {t(`complaint.remedy.${r}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          </>
        )}
        {action === 'reassign' && <HandlerPicker complaintId={complaint.id} currentOwnerId={complaint.ownerId} value={ownerId} onChange={setOwnerId} />}
        {field && (
          <label className="field">
            <span className="field__label">{t(`complaint.form.${field.key as 'note'}`)}{field.required ? '' : ` ${t('complaint.form.optional')}`}</span>
            <textarea className="input textarea" rows={4} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} autoFocus data-testid="complaint-action-text" />
          </label>
        )}
        {error !== null && <ProblemAlert error={error} testId="complaint-action-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={pending || missing} data-testid="complaint-action-submit">
            {t(`complaint.action.${action}`)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
