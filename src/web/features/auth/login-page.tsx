import { useEffect, useRef, useState, type FormEvent } from 'react';
import { signIn } from '../../api/client.ts';
import { homePath } from '../../app/landing.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { matchRoute, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert } from '../../ui/states.tsx';

/**
 * Shown in place of whatever page was asked for while nobody is signed in; after sign-in the
 * requested page renders at the same address, except the start page (/), which becomes the role's
 * own start page (see landing.ts).
 */
export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const [employeeCode, setEmployeeCode] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => codeRef.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const session = await signIn({ employeeCode, password });
      // Signing in at the bare start page lands where the role starts (an administrator: staff
      // accounts, a collector: the queue); any other requested address, a search link included, is kept.
      const home = homePath(session.user);
      const requested = matchRoute(window.location.pathname + window.location.search);
      if (requested.name === 'search' && !requested.q && home !== window.location.pathname) {
        navigate(home, { replace: true });
      }
      signedIn(session);
    } catch (err) {
      setError(err);
      setPassword('');
      setPending(false);
    }
  };

  return (
    <div className="login" data-testid="login-page">
      <form className="card login__card" onSubmit={onSubmit} data-testid="login-form" noValidate>
        <div className="login__head">
          <h1 className="page__title">{t('login.title')}</h1>
          <p className="muted">{t('login.subtitle')}</p>
        </div>
        {expired && !error && <Alert tone="info" title={t('login.expired')} testId="login-expired" />}
        {error !== null && <ProblemAlert error={error} testId="login-error" />}
        <label className="field">
          <span className="field__label">{t('login.employeeCode')}</span>
          <input
            ref={codeRef}
            className="input"
            name="employeeCode"
            autoComplete="username"
            value={employeeCode}
            onChange={(e) => setEmployeeCode(e.target.value)}
            data-testid="login-employee-code"
            required
          />
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input
            className="input"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
            required
          />
        </label>
        <button type="submit" className="button button--primary button--block" disabled={pending} data-testid="login-submit">
          {pending ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="login__notice small muted">{t('login.notice')}</p>
      </form>
    </div>
  );
}
