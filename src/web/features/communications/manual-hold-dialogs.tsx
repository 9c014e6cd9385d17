import { useState, type FormEvent, type ReactNode } from 'react';
import { placeContactHold, releaseContactHold } from '../../api/client.ts';
import type { ContactHold, Loan, ManualHoldType } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { SelectField } from '../../ui/select-field.tsx';

const MANUAL_HOLD_TYPES: readonly ManualHoldType[] = ['dispute', 'legal-hold'];
/** The sources of the pauses a supervisor places by hand (server: compliance/context/manual-holds.ts). */
const MANUAL_SOURCES = new Set(['dispute', 'legal']);
const ALL_LOANS = '';
const MIN_REASON = 5;

/** A dispute or legal hold, which a supervisor lifts by hand; complaint and fraud pauses end with their case. */
export function isManualHold(hold: ContactHold): boolean {
  return MANUAL_SOURCES.has(hold.sourceType);
}

/** The reference a supervisor gave (dispute or court case number); a generated id is not shown. */
export function holdReference(hold: ContactHold): string | null {
  return isManualHold(hold) && !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(hold.sourceId) ? hold.sourceId : null;
}

/** 暂停催收联系: kind, scope (every loan or one), an optional reference and the reason (audited). */
export function PlaceHoldDialog({ customerId, loans, onClose, onSaved }: { customerId: string; loans: Loan[]; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const [type, setType] = useState<ManualHoldType>('dispute');
  const [loanId, setLoanId] = useState<string>(ALL_LOANS);
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const scopes = [ALL_LOANS, ...loans.map((l) => l.id)];
  const loanNumber = new Map(loans.map((l) => [l.id, l.loanNumber]));
  const submit = () =>
    placeContactHold(customerId, { type, loanId: loanId || null, ...(reference.trim() ? { reference: reference.trim() } : {}), reason: reason.trim() });
  return (
    <ReasonDialog
      title={t('holds.placeTitle')}
      explain={t('holds.placeExplain')}
      placeholder={t('holds.reasonPlaceholder')}
      action={t('holds.place')}
      reason={reason}
      onReason={setReason}
      submit={submit}
      onClose={onClose}
      onSaved={onSaved}
      testId="hold-place-dialog"
    >
      <SelectField label={t('holds.placeType')} value={type} options={MANUAL_HOLD_TYPES} optionLabel={(v) => label('holdType', v)} onChange={setType} testId="hold-type" />
      <SelectField
        label={t('holds.placeScope')}
        value={loanId}
        options={scopes}
        optionLabel={(id) => (id === ALL_LOANS ? t('holds.allLoans') : t('holds.oneLoan', { loan: loanNumber.get(id) ?? id }))}
        onChange={setLoanId}
        testId="hold-scope"
      />
      <label className="field">
        <span className="field__label">{t('holds.reference')}</span>
        <input className="input" maxLength={100} value={reference} onChange={(e) => setReference(e.target.value)} placeholder={t('holds.referencePlaceholder')} data-testid="hold-reference" />
      </label>
    </ReasonDialog>
  );
}

/** 解除联系暂停, with the reason (audited). */
export function ReleaseHoldDialog({ customerId, hold, onClose, onSaved }: { customerId: string; hold: ContactHold; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const [reason, setReason] = useState('');
  const reference = holdReference(hold);
  return (
    <ReasonDialog
      title={t('holds.releaseTitle')}
      subject={`${label('holdType', hold.type)}${reference ? ` · ${reference}` : ''}`}
      explain={t('holds.releaseExplain')}
      placeholder={t('holds.releasePlaceholder')}
      action={t('holds.release')}
      reason={reason}
      onReason={setReason}
      submit={() => releaseContactHold(customerId, hold.id, reason.trim())}
      onClose={onClose}
      onSaved={onSaved}
      testId="hold-release-dialog"
    />
  );
}

/** The frame both dialogs share: fields, the audited reason, the server's problem, cancel / confirm. */
function ReasonDialog(props: {
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
  testId: string;
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
    <Dialog title={props.title} onClose={props.onClose} testId={props.testId}>
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
            data-testid="hold-reason"
          />
          <span className="field__hint">{t('flags.reasonHint')}</span>
        </label>
        {error !== null && <ProblemAlert error={error} testId="hold-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={pending || tooShort} data-testid="hold-confirm">
            {props.action}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
