import { StrictMode, type ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n.tsx';
import { SessionProvider } from './session.tsx';

/** What the console and the borrower portal share: the language. Sessions are per app (see app.tsx). */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      <I18nProvider>{children}</I18nProvider>
    </StrictMode>
  );
}

/** The staff console's session; the portal has its own (features/portal/portal-session.tsx). */
export function StaffProviders({ children }: { children: ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>;
}
