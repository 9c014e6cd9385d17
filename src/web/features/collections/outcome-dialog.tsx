import { useState, type FormEvent } from 'react';
import { contactRefusalOf } from '../../api/client.ts';
import { logCollectionOutcome } from '../../api/collections-client.ts';
import type { OutcomeRequest } from '../../api/collections-types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { businessLocalToInstant } from '../../ui/date-text.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { parseYuanToFen } from '../../../platform/money/fen.ts';
import { RefusalAlert } from '../communications/denial-reasons.tsx';
import { HARDSHIP_REASONS, OUTCOMES, WILLINGNESS, type HardshipReason, type Outcome, type Willingness } from './options.ts';

type Refusal = NonNullable<ReturnType<typeof contactRefusalOf>>;

/**
 * 记录催收结果: what came of the call. The server checks the call with the compliance engine first;
 * a refused call is shown with its reasons and nothing is logged. Amounts are typed in yuan, sent in fen.
 */
export function OutcomeDialog({ caseId, today, onClose, onLogged }: { caseId: string; today: string; onClose: () => void; onLogged: (message: string) => void }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>('reached');
  const [willingness, setWillingness] = useState<Willingness>('');
  const [dueOn, setDueOn] = useState(today);
  const [amount, setAmount] = useState('');
  const [hardship, setHardship] = useState<HardshipReason>('income-loss');
  const [dispute, setDispute] = useState('');
  const [note, setNote] = useState('');
  const [callback, setCallback] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setError(null);
    setRefusal(null);
    const body: OutcomeRequest = { outcome };
    if (willingness) body.willingness = willingness;
    if (outcome === 'promise-to-pay') {
      const amountFen = parseYuanToFen(amount.trim());
      if (amountFen === null || amountFen <= 0) return setProblem(t('collections.outcome.amountInvalid'));
      if (!dueOn || dueOn < today) return setProblem(t('collections.outcome.dateInvalid'));
      body.promise = { dueOn, amountFen };
    }
    if (outcome === 'hardship') body.hardshipReason = hardship;
    if (outcome === 'dispute' && dispute.trim()) body.disputeReason = dispute.trim();
    if (note.trim()) body.note = note.trim();
    if (callback) body.callbackAt = businessLocalToInstant(callback);
    setPending(true);
    try {
      await logCollectionOutcome(caseId, body);
      onLogged(t('collections.outcome.logged', { outcome: t(`collections.outcome.${outcome}`) }));
    } catch (err) {
      const r = contactRefusalOf(err);
      if (r) setRefusal(r);
      else setError(err);
      setPending(false);
    }
  };

  return (
    <Dialog title={t('collections.outcome.title')} onClose={onClose} testId="outcome-dialog" size="wide">
      <form className="dialog__body" onSubmit={submit}>
        <div className="form-grid">
          <SelectField label={t('collections.outcome.outcome')} value={outcome} options={OUTCOMES} optionLabel={(o) => t(`collections.outcome.${o}`)} onChange={setOutcome} testId="outcome-kind" />
          <SelectField
            label={t('collections.outcome.willingness')}
            value={willingness}
            options={WILLINGNESS}
            optionLabel={(w) => (w ? t(`collections.willingness.${w}`) : t('collections.outcome.willingnessUnknown'))}
            onChange={setWillingness}
            testId="outcome-willingness"
          />
          {outcome === 'promise-to-pay' && (
            <>
              <label className="field">
                <span className="field__label">{t('collections.outcome.promiseDate')}</span>
                <input type="date" className="input input--small" min={today} value={dueOn} onChange={(e) => setDueOn(e.target.value)} data-testid="promise-date" required />
              </label>
              <label className="field">
                <span className="field__label">{t('collections.outcome.promiseAmount')}</span>
                <input className="input input--small" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="1200.00" data-testid="promise-amount" required />
                <span className="field__hint">{t('collections.outcome.yuanHint')}</span>
              </label>
            </>
          )}
          {outcome === 'hardship' && (
            <SelectField label={t('collections.outcome.hardshipReason')} value={hardship} options={HARDSHIP_REASONS} optionLabel={(r) => t(`collections.hardship.${r}`)} onChange={setHardship} testId="hardship-reason" />
          )}
          {outcome === 'dispute' && (
            <label className="field form-grid__wide">
              <span className="field__label">{t('collections.outcome.disputeReason')}</span>
              <textarea className="input textarea" rows={2} maxLength={1000} value={dispute} onChange={(e) => setDispute(e.target.value)} data-testid="dispute-reason" />
            </label>
          )}
          <label className="field">
            <span className="field__label">
              {t('collections.outcome.callback')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <input type="datetime-local" className="input input--small" value={callback} onChange={(e) => setCallback(e.target.value)} data-testid="outcome-callback" />
          </label>
          <label className="field form-grid__wide">
            <span className="field__label">
              {t('collections.outcome.note')} <span className="field__optional">{t('common.optional')}</span>
            </span>
            <textarea className="input textarea" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="outcome-note" />
          </label>
        </div>
        {outcome === 'hardship' && <p className="muted small">{t('collections.outcome.hardshipNote')}</p>}
        {problem && <p className="tone-text--danger small" data-testid="outcome-problem">{problem}</p>}
        {refusal && <RefusalAlert title={t('collections.outcome.callRefused')} denials={refusal.denials} earliestAllowedAt={refusal.earliestAllowedAt} testId="outcome-refused" />}
        {error !== null && <ProblemAlert error={error} testId="outcome-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={pending} data-testid="outcome-submit">
            {pending ? t('collections.saving') : t('collections.outcome.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
