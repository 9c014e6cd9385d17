import { Suspense, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Loading } from '../ui/states.tsx';

/** Shown while a lazily loaded part of the UI (a page, the portal, the console) arrives. */
export function PageLoading({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return <Suspense fallback={<Loading label={t('common.loading')} testId="page-loading" />}>{children}</Suspense>;
}
