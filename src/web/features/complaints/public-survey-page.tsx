import { useState, type FormEvent } from 'react';
import { createRequester } from '../../api/client.ts';
import type { SatisfactionSurvey } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { Loading } from '../../ui/states.tsx';

// No session here: the token in the link is the credential (single use, 30 days).
const request = createRequester({ csrfToken: () => null, unauthenticatedEvent: 'loandesk:survey-unauthenticated' });
const path = (token: string) => `/api/surveys/${encodeURIComponent(token)}`;

/** /survey/<token>: the satisfaction survey a borrower opens from the SMS after a complaint is closed. */
export function PublicSurveyPage({ token }: { token: string }) {
  const { t } = useI18n();
  const survey = useApi(`survey:${token}`, (signal) => request<SatisfactionSurvey>('GET', path(token), { signal }));
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await request<SatisfactionSurvey>('POST', path(token), { body: { score, comment: comment.trim() || undefined } });
      survey.reload();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="portal" data-testid="public-survey-page">
      <header className="portal-bar">
        <div className="portal-bar__inner">
          <span className="portal-brand">
            <span className="portal-brand__mark" aria-hidden="true">L</span>
            <span className="portal-brand__name">{t('portal.title')}</span>
            <span className="portal-brand__latin">{t('app.brandLatin')}</span>
          </span>
          <span className="public-survey__lang">
            <LanguageSwitch tone="light" />
          </span>
        </div>
      </header>
      <main className="portal-main">
      <div className="portal-page">
      <div className="portal-page__head">
        <h1 className="portal-page__title">{t('complaint.survey')}</h1>
      </div>
      {survey.status === 'error' && <ProblemAlert error={survey.error} testId="public-survey-error" />}
      {(survey.status === 'loading' || survey.status === 'idle') && <Loading label={t('common.loading')} />}
      {survey.status === 'success' && (
        <div className="card portal-reply">
          <p className="ident strong">{survey.data.referenceNumber}</p>
          {survey.data.status === 'answered' ? (
            <p className="tone-text--success" data-testid="public-survey-answered">{t('portal.survey.thanks', { n: survey.data.score ?? 0 })}</p>
          ) : survey.data.status === 'expired' ? (
            <p className="muted">{t('complaint.survey.expired')}</p>
          ) : (
            <form className="portal-survey portal-survey--alone" onSubmit={submit} data-testid="public-survey-form">
              <p className="strong">{t('portal.survey.question')}</p>
              <div className="inline-list" role="radiogroup" aria-label={t('portal.survey.question')}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <button key={n} type="button" role="radio" aria-checked={score === n} className={score === n ? 'button button--small button--primary' : 'button button--small button--secondary'} onClick={() => setScore(n)} data-testid={`public-survey-score-${n}`}>
                    {'★'.repeat(n)} {t(`portal.survey.score.${n as 1}`)}
                  </button>
                ))}
              </div>
              <textarea className="input" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('portal.survey.comment')} data-testid="public-survey-comment" />
              {error !== null && <ProblemAlert error={error} testId="public-survey-submit-error" />}
              <button type="submit" className="button button--primary" disabled={pending || score === 0} data-testid="public-survey-submit">{t('portal.survey.submit')}</button>
            </form>
          )}
        </div>
      )}
      </div>
      </main>
    </div>
  );
}
