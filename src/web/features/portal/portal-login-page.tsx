import { useEffect, useRef, useState, type FormEvent } from 'react';
import { portalSignIn } from '../../api/portal-client.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/states.tsx';
import { usePortalSession, type PortalUser } from './portal-session.tsx';

/** Borrower sign-in: customer number or registered mobile, and password. Shown in place of any portal page while signed out. */
export function PortalLoginPage({ expired, onSignedIn }: { expired: boolean; onSignedIn?: (user: PortalUser) => void }) {
  const { t } = useI18n();
  const { signedIn } = usePortalSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loginRef = useRef<HTMLInputElement>(null);

  useEffect(() => loginRef.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const session = await portalSignIn({ login, password });
      const user = { customerId: session.customerId, displayName: session.displayName };
      signedIn(user);
      onSignedIn?.(user);
    } catch (err) {
      setError(err);
      setPassword('');
      setPending(false);
    }
  };

  return (
    <div className="portal-login" data-testid="portal-login-page">
      <form className="portal-login__card" onSubmit={onSubmit} noValidate data-testid="portal-login-form">
        <div className="login__head">
          <h1 className="portal-login__title">{t('portal.login.title')}</h1>
          <p className="muted">{t('portal.login.subtitle')}</p>
        </div>
        {expired && !error && <Alert tone="info" title={t('portal.login.expired')} testId="portal-login-expired" />}
        {error !== null && <ProblemAlert error={error} testId="portal-login-error" />}
        <label className="field">
          <span className="field__label">{t('portal.login.login')}</span>
          <input
            ref={loginRef}
            className="input"
            name="username"
            autoComplete="username"
            inputMode="text"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            placeholder={t('portal.login.loginPlaceholder')}
            data-testid="portal-login-id"
          />
        </label>
        <label className="field">
          <span className="field__label">{t('portal.login.password')}</span>
          <input
            className="input"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="portal-login-password"
          />
        </label>
        <button type="submit" className="button button--primary button--block" disabled={pending} data-testid="portal-login-submit">
          {pending ? t('portal.login.submitting') : t('portal.login.submit')}
        </button>
        <p className="small muted portal-login__notice">{t('portal.login.notice')}</p>
      </form>
    </div>
  );
}
