import { useI18n } from '../i18n/i18n.tsx';
import { isRetryable, problemMessage } from '../i18n/problem-message.ts';
import { Alert } from '../ui/states.tsx';

/** Shows why a request failed, from the problem+json in the user's language, with an optional retry. */
export function ProblemAlert({
  error,
  onRetry,
  testId = 'problem',
  fields: shownFields,
}: {
  error: unknown;
  onRetry?: () => void;
  testId?: string;
  /** The field messages to list (default: all); forms showing them next to their inputs pass the rest. */
  fields?: string[];
}) {
  const { locale, t } = useI18n();
  const problem = problemMessage(error, locale, t);
  const message = problem.message;
  const fields = shownFields ?? problem.fields;
  return (
    <Alert
      title={message}
      testId={testId}
      action={
        onRetry &&
        isRetryable(error) && (
          <button type="button" className="button button--secondary" onClick={onRetry}>
            {t('error.retry')}
          </button>
        )
      }
    >
      {fields.length > 0 && (
        <ul className="alert__fields" data-testid={`${testId}-fields`}>
          {fields.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
