import { useState, type FormEvent } from 'react';
import { answerPortalSurvey, filePortalComplaint, getPortalComplaints, getPortalSurvey } from '../../api/portal-client.ts';
import { portalResponseLetterUrl } from '../../api/complaints-client.ts';
import type { ComplaintCategory, PortalComplaint } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { EmptyState, Loading } from '../../ui/states.tsx';
import { COMPLAINT_CATEGORIES, dueText, statusTone } from '../complaints/options.ts';

/** 我的投诉: file a complaint, follow its progress, and rate the handling once it is closed. */
export function PortalComplaintsPage() {
  const { t } = useI18n();
  const list = useApi('portal:complaints', (signal) => getPortalComplaints(signal));
  const [text, setText] = useState('');
  const [category, setCategory] = useState<ComplaintCategory | ''>('');
  const [sending, setSending] = useState(false);
  const [filed, setFiled] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const r = await filePortalComplaint({ description: text.trim(), category: category || undefined });
      setText('');
      setCategory('');
      setFiled(r.referenceNumber);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="portal-page" data-testid="portal-complaints-page">
      <div className="portal-page__head">
        <h1 className="portal-page__title">{t('portal.complaints.title')}</h1>
      </div>
      <p className="portal-page__intro">{t('portal.complaints.intro')}</p>
      <form className="card portal-reply" onSubmit={submit} data-testid="portal-complaint-form">
        <label className="field">
          <span className="field__label">{t('portal.complaints.category')}</span>
          <select className="input" value={category} onChange={(e) => setCategory(e.target.value as ComplaintCategory | '')} data-testid="portal-complaint-category">
            <option value="">{t('portal.complaints.categoryUnsure')}</option>
            {COMPLAINT_CATEGORIES.map((c) => <option key={c} value={c}>{t(`complaint.category.${c}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('portal.complaints.describe')}</span>
          <textarea
            className="input"
            rows={4}
            maxLength={5000}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFiled(null);
            }}
            placeholder={t('portal.complaints.describeHint')}
            data-testid="portal-complaint-text"
          />
        </label>
        {error !== null && <ProblemAlert error={error} testId="portal-complaint-error" />}
        {filed && <p className="tone-text--success" data-testid="portal-complaint-filed">{t('portal.complaints.filed', { ref: filed })}</p>}
        <button type="submit" className="button button--primary" disabled={sending || text.trim().length < 5} data-testid="portal-complaint-submit">
          {t('portal.complaints.submit')}
        </button>
      </form>
      {list.status === 'error' && <ProblemAlert error={list.error} onRetry={list.reload} testId="portal-complaints-error" />}
      {(list.status === 'loading' || list.status === 'idle') && <Loading label={t('common.loading')} />}
      {list.status === 'success' &&
        (list.data.items.length === 0 ? (
          <EmptyState title={t('portal.complaints.empty')} testId="portal-complaints-empty" />
        ) : (
          <ul className="inbox" data-testid="portal-complaints">
            {list.data.items.map((c) => <PortalComplaintItem key={c.id} complaint={c} />)}
          </ul>
        ))}
    </div>
  );
}

function PortalComplaintItem({ complaint: c }: { complaint: PortalComplaint }) {
  const { t } = useI18n();
  return (
    <li className="inbox__item" data-testid="portal-complaint" data-reference={c.referenceNumber} data-status={c.status}>
      <div className="inbox__head">
        <span className="inbox__subject ident">{c.referenceNumber}</span>
        <Badge tone={statusTone(c.status)} testId="portal-complaint-status">{t(`complaint.status.${c.status}`)}</Badge>
        <time className="inbox__time muted small" dateTime={c.receivedAt}>{instantText(c.receivedAt)}</time>
      </div>
      {c.status !== 'closed' && c.status !== 'decided' && (
        <p className="small muted">{t('portal.complaints.decisionBy', { date: dueText(c.decisionDue) })}</p>
      )}
      {c.outcome && <p className="small" data-testid="portal-complaint-outcome">{t('complaint.form.outcome')}：{t(`complaint.outcome.${c.outcome}`)}</p>}
      {c.responseLetterAvailable && (
        <p className="small">
          <a href={portalResponseLetterUrl(c.id)} target="_blank" rel="noreferrer" data-testid="portal-complaint-letter">
            {t('complaint.letter.download')}
          </a>
        </p>
      )}
      <ol className="portal-progress small" data-testid="portal-complaint-progress">
        {c.progress.map((p, i) => (
          <li key={i}>
            <span className="muted">{instantText(p.at)}</span> {t(`complaint.event.${p.type as 'received'}`)}
          </li>
        ))}
      </ol>
      {c.status === 'closed' && <SurveyForm complaintId={c.id} />}
    </li>
  );
}

function SurveyForm({ complaintId }: { complaintId: string }) {
  const { t } = useI18n();
  const survey = useApi(`portal:survey:${complaintId}`, (signal) => getPortalSurvey(complaintId, signal));
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (survey.status !== 'success') return null;
  const s = survey.data;
  if (s.status === 'answered') {
    return <p className="small tone-text--success" data-testid="portal-survey-answered">{t('portal.survey.thanks', { n: s.score ?? 0 })}</p>;
  }
  if (s.status === 'expired') return <p className="small muted">{t('complaint.survey.expired')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await answerPortalSurvey(complaintId, { score, comment: comment.trim() || undefined });
      survey.reload();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <form className="portal-survey" onSubmit={submit} data-testid="portal-survey">
      <p className="strong">{t('portal.survey.question')}</p>
      <div className="inline-list" role="radiogroup" aria-label={t('portal.survey.question')}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={score === n}
            className={score === n ? 'button button--small button--primary' : 'button button--small button--secondary'}
            onClick={() => setScore(n)}
            data-testid={`portal-survey-score-${n}`}
          >
            {'★'.repeat(n)} {t(`portal.survey.score.${n as 1}`)}
          </button>
        ))}
      </div>
      <textarea className="input" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('portal.survey.comment')} data-testid="portal-survey-comment" />
      {error !== null && <ProblemAlert error={error} testId="portal-survey-error" />}
      <button type="submit" className="button button--primary" disabled={pending || score === 0} data-testid="portal-survey-submit">{t('portal.survey.submit')}</button>
    </form>
  );
}
