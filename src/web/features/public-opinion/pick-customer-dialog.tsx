import { useState, type FormEvent } from 'react';
import { searchCustomers } from '../../api/client.ts';
import type { CustomerSearchResult, PublicMention } from '../../api/types.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Dialog } from '../../ui/dialog.tsx';

/**
 * For a mention that matched no customer: the handler searches (name, phone, loan number…) and
 * picks the customer the complaint is about.
 */
export function PickCustomerDialog({ mention, onPick, onClose }: { mention: PublicMention; onPick: (customerId: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<CustomerSearchResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!q.trim()) return;
    setError(null);
    try {
      setResult(await searchCustomers({ q: q.trim(), limit: 10 }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('publicOpinion.pick.title')} onClose={onClose} testId="po-pick-customer">
      <form className="dialog__body" onSubmit={(e) => void search(e)}>
        <p className="muted small po-item__text">{mention.text}</p>
        <label className="field">
          <span className="field__label">{t('publicOpinion.pick.search')}</span>
          <input className="input" value={q} onChange={(e) => setQ(e.target.value)} autoFocus maxLength={100} data-testid="po-pick-q" />
        </label>
        {error !== null && <ProblemAlert error={error} />}
        {result && result.items.length === 0 && <p className="muted small">{t('publicOpinion.pick.none')}</p>}
        {result && result.items.length > 0 && (
          <ul className="po-list">
            {result.items.map((c) => (
              <li key={c.id} className="po-item po-item__meta">
                <span>{c.name}</span>
                <span className="muted small">{c.externalId}</span>
                <button type="button" className="button button--small button--primary po-item__actions" onClick={() => onPick(c.id)} data-testid="po-pick-choose">
                  {t('publicOpinion.pick.choose')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('publicOpinion.pick.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="po-pick-submit">
            {t('publicOpinion.pick.search')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
