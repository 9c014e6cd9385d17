import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ProblemAlert } from './problem-alert.tsx';
import { Link, paths } from './router.tsx';
import { useI18n } from '../i18n/i18n.tsx';

type Props = {
  children: ReactNode;
  /** Where "back" leads from the error screen; the console's customer search by default (the portal passes its own). */
  back?: { to: string; label: string };
};
type State = { error: unknown; hasError: boolean };

/**
 * Catches render errors below it and shows the problem's message; the stack goes to the console
 * for developers, never onto the screen. Keyed by location in the app so navigating away resets it.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, hasError: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, hasError: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('LoanDesk UI error', error, info.componentStack);
  }

  override render() {
    if (this.state.hasError) return <ErrorScreen error={this.state.error} back={this.props.back} onRetry={() => this.setState({ error: null, hasError: false })} />;
    return this.props.children;
  }
}

function ErrorScreen({ error, onRetry, back }: { error: unknown; onRetry: () => void; back?: Props['back'] }) {
  const { t } = useI18n();
  return (
    <div className="page page--narrow" data-testid="error-screen">
      <h1 className="page__title">{t('error.title')}</h1>
      <ProblemAlert error={error} onRetry={onRetry} />
      <p>
        <Link to={back?.to ?? paths.search()}>{back?.label ?? t('error.backToSearch')}</Link>
      </p>
    </div>
  );
}
