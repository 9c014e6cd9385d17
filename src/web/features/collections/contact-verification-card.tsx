import { useState, type FormEvent } from 'react';
import { addContactPoint, markContactPointWrong } from '../../api/collections-client.ts';
import type { ContactPoint } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/card.tsx';
import { SelectField } from '../../ui/select-field.tsx';
import { formatContactValue } from '../customers/format-contact.ts';
import { CONTACT_KINDS, RELATIONSHIPS, STAFF_SOURCES, type StaffSource } from './options.ts';

/**
 * 联系方式核实: mark a number wrong (no call or message will use it again) and add a new contact
 * point with where it came from. The list itself is the customer page's ContactPointsCard.
 */
export function ContactVerificationCard({ customerId, contactPoints, onChanged }: { customerId: string; contactPoints: ContactPoint[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<(typeof CONTACT_KINDS)[number]>('phone');
  const [value, setValue] = useState('');
  const [relationship, setRelationship] = useState<(typeof RELATIONSHIPS)[number]>('self');
  const [thirdPartyName, setThirdPartyName] = useState('');
  const [source, setSource] = useState<StaffSource>('customer');
  const [sourceNote, setSourceNote] = useState('');
  const [verified, setVerified] = useState(false);
  const [wrongId, setWrongId] = useState('');
  const [wrongReason, setWrongReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const live = contactPoints.filter((p) => !p.markedWrongAt && p.kind !== 'address');

  const run = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    setFlash(null);
    setPending(true);
    try {
      await work();
      setFlash(message);
      onChanged();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setPending(false);
    }
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(
      () => addContactPoint(customerId, {
        kind, value: value.trim(), relationship, source, verified,
        ...(relationship !== 'self' ? { thirdPartyName: thirdPartyName.trim() } : {}), ...(sourceNote.trim() ? { sourceNote: sourceNote.trim() } : {}),
      }),
      t('collections.contact.added'),
    );
    if (ok) {
      setValue('');
      setSourceNote('');
      setThirdPartyName('');
    }
  };

  const markWrong = async (e: FormEvent) => {
    e.preventDefault();
    if (!wrongId || !wrongReason.trim()) return;
    if (await run(() => markContactPointWrong(customerId, wrongId, wrongReason.trim()), t('collections.contact.markedWrong'))) {
      setWrongId('');
      setWrongReason('');
    }
  };

  return (
    <Card title={t('collections.contact.title')} testId="contact-verification">
      <div className="grid-2">
        <form className="stack stack--tight" onSubmit={add} data-testid="contact-add-form">
          <h3 className="small">{t('collections.contact.addTitle')}</h3>
          <div className="form-grid">
            <SelectField label={t('contacts.kind')} value={kind} options={CONTACT_KINDS} optionLabel={(k) => t(`contactKind.${k}`)} onChange={setKind} testId="contact-add-kind" small />
            <label className="field">
              <span className="field__label">{t('contacts.value')}</span>
              <input className="input input--small" value={value} onChange={(e) => setValue(e.target.value)} required maxLength={500} data-testid="contact-add-value" />
            </label>
            <SelectField label={t('contacts.relationship')} value={relationship} options={RELATIONSHIPS} optionLabel={(r) => t(`relationship.${r}`)} onChange={setRelationship} testId="contact-add-relationship" small />
            {relationship !== 'self' && (
              <label className="field">
                <span className="field__label">{t('collections.contact.thirdPartyName')}</span>
                <input className="input input--small" value={thirdPartyName} onChange={(e) => setThirdPartyName(e.target.value)} required maxLength={100} data-testid="contact-add-name" />
              </label>
            )}
            <SelectField label={t('contacts.source')} value={source} options={STAFF_SOURCES} optionLabel={(s) => t(`collections.contact.source.${s}`)} onChange={setSource} testId="contact-add-source" small />
            <label className="field form-grid__wide">
              <span className="field__label">{t('collections.contact.sourceNote')} <span className="field__optional">{t('common.optional')}</span></span>
              <input className="input input--small" value={sourceNote} onChange={(e) => setSourceNote(e.target.value)} maxLength={500} data-testid="contact-add-note" />
            </label>
            <label className="field field--inline form-grid__wide">
              <input type="checkbox" checked={verified} onChange={(e) => setVerified(e.target.checked)} data-testid="contact-add-verified" /> {t('collections.contact.verifiedNow')}
            </label>
          </div>
          <div>
            <button type="submit" className="button button--secondary" disabled={pending} data-testid="contact-add-submit">{t('collections.contact.add')}</button>
          </div>
        </form>
        <form className="stack stack--tight" onSubmit={markWrong} data-testid="contact-wrong-form">
          <h3 className="small">{t('collections.contact.wrongTitle')}</h3>
          <label className="field">
            <span className="field__label">{t('collections.contact.which')}</span>
            <select className="input input--small" value={wrongId} onChange={(e) => setWrongId(e.target.value)} data-testid="contact-wrong-point">
              <option value="">—</option>
              {live.map((p) => (
                <option key={p.id} value={p.id}>
                  {formatContactValue(p.kind, p.value)} · {t(`relationship.${p.relationship}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('collections.contact.wrongReason')}</span>
            <input className="input input--small" value={wrongReason} onChange={(e) => setWrongReason(e.target.value)} maxLength={500} data-testid="contact-wrong-reason" />
          </label>
          <div>
            <button type="submit" className="button button--danger" disabled={pending || !wrongId || !wrongReason.trim()} data-testid="contact-wrong-submit">{t('collections.contact.markWrong')}</button>
          </div>
        </form>
      </div>
      {flash && <p className="tone-text--success small" data-testid="contact-flash">{flash}</p>}
      {error !== null && <ProblemAlert error={error} testId="contact-error" />}
    </Card>
  );
}
