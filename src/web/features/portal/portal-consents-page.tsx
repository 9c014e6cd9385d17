import { useState, type FormEvent } from 'react';
import { changePortalConsent, getPortalProfile } from '../../api/portal-client.ts';
import type { Consent } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert, EmptyState, Loading } from '../../ui/states.tsx';
import { currentConsents } from '../customers/consent-options.ts';

type Change = { action: 'withdraw' | 'grant'; consent: Consent };

/**
 * The borrower's consents, one row per purpose and channel as it stands now, each withdrawable as
 * easily as it was given (PIPL art. 15); a withdrawn one can be granted again.
 */
export function PortalConsentsPage() {
  const { t } = useI18n();
  const profile = useApi('portal:me', (signal) => getPortalProfile(signal));
  const [change, setChange] = useState<Change | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="portal-page" data-testid="portal-consents-page">
      <div className="portal-page__head">
        <h1 className="portal-page__title">{t('portal.consents.title')}</h1>
      </div>
      <p className="portal-page__intro">{t('portal.consents.intro')}</p>
      {done && <Alert tone="success" title={done} testId="portal-consent-done" />}
      {profile.status === 'error' && <ProblemAlert error={profile.error} onRetry={profile.reload} testId="portal-consents-error" />}
      {(profile.status === 'loading' || profile.status === 'idle') && <Loading label={t('common.loading')} />}
      {profile.status === 'success' &&
        (profile.data.consents.length === 0 ? (
          <EmptyState title={t('portal.consents.empty')} />
        ) : (
          <ul className="consent-list" data-testid="portal-consents">
            {currentConsents(profile.data.consents).map((c) => (
              <li key={c.id} className={c.active ? 'consent-item' : 'consent-item consent-item--off'} data-testid="portal-consent" data-purpose={c.purpose} data-channel={c.channel}>
                <div className="consent-item__text">
                  <span className="consent-item__title">
                    {t(`purpose.${c.purpose}`)} <span className="consent-item__channel">· {t(`channel.${c.channel}`)}</span>
                  </span>
                  <span className="muted small">
                    {t('consents.granted')} {instantText(c.grantedAt)}
                    {c.withdrawnAt && ` · ${t('consents.withdrawn')} ${instantText(c.withdrawnAt)}`}
                  </span>
                </div>
                <Badge tone={c.active ? 'success' : 'neutral'} testId="portal-consent-status">
                  {c.active ? t('consents.active') : t('consents.inactive')}
                </Badge>
                <button
                  type="button"
                  className={c.active ? 'button button--small button--danger-outline' : 'button button--small button--secondary'}
                  onClick={() => {
                    setDone(null);
                    setChange({ action: c.active ? 'withdraw' : 'grant', consent: c });
                  }}
                  data-testid={c.active ? 'portal-consent-withdraw' : 'portal-consent-grant'}
                >
                  {c.active ? t('portal.consents.withdraw') : t('portal.consents.grant')}
                </button>
              </li>
            ))}
          </ul>
        ))}
      {change && (
        <PortalConsentDialog
          change={change}
          onClose={() => setChange(null)}
          onSaved={(message) => {
            setChange(null);
            setDone(message);
            profile.reload();
          }}
        />
      )}
    </div>
  );
}

function PortalConsentDialog({ change, onClose, onSaved }: { change: Change; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { purpose, channel } = change.consent;
  const names = { purpose: t(`purpose.${purpose}`), channel: t(`channel.${channel}`) };
  const withdraw = change.action === 'withdraw';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await changePortalConsent({ purpose, channel, action: change.action, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      onSaved(withdraw ? t('portal.consents.withdrawn', names) : t('portal.consents.granted', names));
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };

  return (
    <Dialog title={withdraw ? t('portal.consents.withdrawTitle') : t('portal.consents.grantTitle')} onClose={onClose} testId="portal-consent-dialog">
      <form className="dialog__body" onSubmit={submit}>
        <p className="dialog__subject">{t('consent.purposeChannel', names)}</p>
        <p className="muted">{withdraw ? t('portal.consents.withdrawExplain', names) : t('portal.consents.grantExplain', names)}</p>
        <label className="field">
          <span className="field__label">
            {t('portal.consents.reason')} <span className="field__optional">{t('common.optional')}</span>
          </span>
          <input
            className="input"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('portal.consents.reasonPlaceholder')}
            data-testid="portal-consent-reason"
          />
        </label>
        {error !== null && <ProblemAlert error={error} testId="portal-consent-error" />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={withdraw ? 'button button--danger' : 'button button--primary'} disabled={pending} data-testid="portal-consent-confirm">
            {withdraw ? t('portal.consents.confirmWithdraw') : t('portal.consents.confirmGrant')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
