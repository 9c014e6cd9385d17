import { useState, type FormEvent } from 'react';
import { openComplaint, searchCustomers } from '../../api/client.ts';
import type { OpenComplaintRequest } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { STAFF_CHANNELS } from './options.ts';

/**
 * 登记投诉: staff intake. The customer is found by their customer number (or given, from the customer
 * page); the classifier suggests the category, which a handler confirms later.
 */
export function RegisterComplaintDialog({
  customer,
  onClose,
  onRegistered,
}: {
  customer?: { id: string; name: string; externalId: string };
  onClose: () => void;
  onRegistered: (complaintId: string, referenceNumber: string) => void;
}) {
  const { t } = useI18n();
  const [number, setNumber] = useState(customer?.externalId ?? '');
  const [channel, setChannel] = useState<OpenComplaintRequest['channel']>('phone');
  const [regulatorReference, setRegulatorReference] = useState('');
  const [description, setDescription] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notFound, setNotFound] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setNotFound(false);
    try {
      let customerId = customer?.id;
      if (!customerId) {
        const found = await searchCustomers({ q: number.trim(), limit: 5 });
        const match = found.items.find((c) => c.externalId === number.trim()) ?? (found.items.length === 1 ? found.items[0] : undefined);
        if (!match) {
          setNotFound(true);
          setPending(false);
          return;
        }
        customerId = match.id;
      }
      const body: OpenComplaintRequest = { customerId, channel, description: description.trim() };
      if (channel === 'regulator') body.regulatorReference = regulatorReference.trim();
      const r = await openComplaint(body);
      onRegistered(r.complaintId, r.referenceNumber);
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };

  return (
    <Dialog title={t('complaints.register')} onClose={onClose} testId="complaint-register-dialog">
      <form className="dialog__body" onSubmit={submit} noValidate>
        {customer ? (
          <p className="dialog__subject">{customer.name} <span className="ident muted">{customer.externalId}</span></p>
        ) : (
          <label className="field">
            <span className="field__label">{t('complaints.form.customerNumber')}</span>
            <input className="input" value={number} onChange={(e) => setNumber(e.target.value)} autoFocus data-testid="complaint-register-customer" />
            {notFound && <span className="field__error" role="alert">{t('complaints.form.customerNotFound')}</span>}
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('complaints.col.channel')}</span>
          <select className="input" value={channel} onChange={(e) => setChannel(e.target.value as OpenComplaintRequest['channel'])} data-testid="complaint-register-channel">
            {STAFF_CHANNELS.map((c) => <option key={c} value={c}>{t(`complaint.channel.${c}`)}</option>)}
          </select>
        </label>
        {channel === 'regulator' && (
          <label className="field">
            <span className="field__label">{t('complaints.form.regulatorReference')}</span>
            <input className="input" value={regulatorReference} onChange={(e) => setRegulatorReference(e.target.value)} data-testid="complaint-register-regulator-ref" />
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('complaints.form.description')}</span>
          <textarea className="input textarea" rows={5} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} placeholder={t('complaints.form.descriptionHint')} data-testid="complaint-register-description" />
        </label>
        {error !== null && <ProblemAlert error={error} testId="complaint-register-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button--primary" disabled={pending || description.trim().length < 5 || (!customer && !number.trim())} data-testid="complaint-register-submit">
            {t('complaints.register')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
