import { Link, paths } from './router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { EmptyState } from '../ui/states.tsx';

export function NotFoundPage({ path }: { path: string }) {
  const { t } = useI18n();
  return (
    <div className="page page--narrow" data-testid="not-found">
      <EmptyState
        icon="404"
        title={t('notFound.title')}
        hint={
          <>
            {t('notFound.body', { path })}{' '}
            <Link to={paths.search()}>{t('error.backToSearch')}</Link>
          </>
        }
        testId="not-found-message"
      />
    </div>
  );
}
