import { StrictMode, type ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n.tsx';
import { SessionProvider } from './session.tsx';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      <I18nProvider>
        <SessionProvider>{children}</SessionProvider>
      </I18nProvider>
    </StrictMode>
  );
}
