import { useState } from 'react';
import { placeContactHold, releaseContactHold } from '../../api/client.ts';
import type { ContactHold, Loan, ManualHoldType } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { ReasonDialog } from './reason-dialog.tsx';

const MANUAL_HOLD_TYPES: readonly ManualHoldType[] = ['dispute', 'legal-hold'];
/** The sources of the pauses a supervisor places by hand (server: compliance/context/manual-holds.ts). */
const MANUAL_SOURCES = new Set(['dispute', 'legal']);
/** Disputes and legal holds are lifted by hand, whoever opened them; complaint and fraud pauses end with their case. */
const LIFTED_BY_HAND = new Set<string>(MANUAL_HOLD_TYPES);
const ALL_LOANS = '';

/** A dispute or legal hold, which a supervisor lifts by hand. */
export function liftedByHand(hold: ContactHold): boolean {
  return LIFTED_BY_HAND.has(hold.type);
}

/** The reference a supervisor gave (dispute or court case number); a generated id is not shown. */
export function holdReference(hold: ContactHold): string | null {
  return MANUAL_SOURCES.has(hold.sourceType) && !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(hold.sourceId) ? hold.sourceId : null;
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
      testPrefix="hold"
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
      testPrefix="hold"
    />
  );
}
