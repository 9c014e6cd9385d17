import { useState } from 'react';
import { complaintAction, getComplaint } from '../../api/client.ts';
import { responseLetterUrl } from '../../api/complaints-client.ts';
import type { ComplaintCategory, ComplaintDetail, ComplaintRemedy, ComplaintSeverity, ComplaintStatus, DecisionOutcome } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { DescriptionList } from '../../ui/description-list.tsx';
import { Alert, Loading } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { ComplaintActionDialog, type DialogAction } from './complaint-action-dialog.tsx';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, DECISION_OUTCOMES, REMEDIES, dueClass, dueText, severityTone, statusTone } from './options.ts';

/** Which actions the API allows from each status (the use cases' `allowed` lists). */
const ACTIONS_BY_STATUS: Record<ComplaintStatus, DialogAction[]> = {
  received: ['first-handling', 'extend', 'pause', 'new-facts', 'decide', 'reassign'],
  acknowledged: ['first-handling', 'extend', 'pause', 'new-facts', 'decide', 'reassign'],
  'in-progress': ['extend', 'pause', 'new-facts', 'decide', 'reassign'],
  extended: ['extend', 'pause', 'new-facts', 'decide', 'reassign'],
  paused: ['resume', 'extend', 'reassign'],
  decided: ['close', 'review-request', 'reassign'],
  closed: ['reopen', 'review-request'],
  reopened: ['first-handling', 'extend', 'pause', 'new-facts', 'decide', 'reassign'],
};
const CLASSIFIABLE: readonly ComplaintStatus[] = ['received', 'acknowledged', 'in-progress', 'extended', 'paused', 'reopened'];

/** One complaint: what was said, the classification, the time-limit clock, the actions and the history. */
export function ComplaintPage({ complaintId }: { complaintId: string }) {
  const { t } = useI18n();
  const loaded = useApi(`complaint:${complaintId}`, (signal) => getComplaint(complaintId, signal));
  const [fresh, setFresh] = useState<ComplaintDetail | null>(null);
  const complaint = fresh ?? (loaded.status === 'success' ? loaded.data : null);

  if (loaded.status === 'error') return <div className="page"><ProblemAlert error={loaded.error} onRetry={loaded.reload} testId="complaint-error" /></div>;
  if (!complaint) return <Loading label={t('common.loading')} />;
  return <ComplaintView complaint={complaint} onChanged={setFresh} />;
}

function ComplaintView({ complaint: c, onChanged }: { complaint: ComplaintDetail; onChanged: (c: ComplaintDetail) => void }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const [action, setAction] = useState<DialogAction | null>(null);
  const [done, setDone] = useState<DialogAction | 'classify' | null>(null);
  const canHandle = can('complaints.handle');
  const suggestion = c.suggestion as { category?: ComplaintCategory; severity?: ComplaintSeverity; categoryConfidence?: number; topTerms?: string[]; complainantCategory?: ComplaintCategory } | null;
  const fhState = c.clock.breaches.some((b) => b.clock === 'first-handling') ? 'breached' : c.clock.warnings.some((w) => w.clock === 'first-handling') ? 'warned' : 'ok';
  const decState = c.clock.breaches.some((b) => b.clock === 'decision') ? 'breached' : c.clock.warnings.some((w) => w.clock === 'decision') ? 'warned' : 'ok';
  const msg = (m: { zh: string; en: string }) => (locale === 'zh-CN' ? m.zh : m.en);

  return (
    <div className="page" data-testid="complaint-page" data-status={c.status}>
      <header className="page-header">
        <div className="page-header__text">
          <p className="muted small"><Link to={paths.complaints()}>{t('complaints.back')}</Link></p>
          <h1 className="page__title">
            <span className="ident" data-testid="complaint-detail-reference">{c.referenceNumber}</span>{' '}
            <Badge tone={statusTone(c.status)} testId="complaint-detail-status">{t(`complaint.status.${c.status}`)}</Badge>
            {c.overdue && <> <Badge tone="danger">{t('complaints.overdue')}</Badge></>}
            {c.fraudFlagged && <> <Badge tone="critical">{t('complaint.fraudFlagged')}</Badge></>}
          </h1>
        </div>
      </header>
      {done && <Alert tone="success" title={t('complaint.done', { action: t(`complaint.action.${done}`) })} testId="complaint-done" />}

      {canHandle && ACTIONS_BY_STATUS[c.status].length > 0 && (
        <div className="inline-list" data-testid="complaint-actions">
          {ACTIONS_BY_STATUS[c.status].map((a) => (
            <button key={a} type="button" className={a === 'decide' || a === 'close' || a === 'first-handling' ? 'button button--primary' : 'button button--secondary'} onClick={() => { setDone(null); setAction(a); }} data-testid={`complaint-action-${a}`}>
              {t(`complaint.action.${a}`)}
            </button>
          ))}
        </div>
      )}

      <div className="grid-2">
        <div className="stack">
          <Card title={t('complaint.details')} testId="complaint-details">
            <DescriptionList
              columns={2}
              items={[
                { key: 'customer', label: t('complaints.col.customer'), value: c.customerId ? <Link to={paths.customer(c.customerId)} data-testid="complaint-customer-link">{c.customerName}</Link> : t('complaints.noCustomer') },
                { key: 'channel', label: t('complaints.col.channel'), value: t(`complaint.channel.${c.channel}`) },
                { key: 'owner', label: t('complaint.owner'), value: <span data-testid="complaint-owner">{c.ownerName ?? t('complaint.owner.none')}</span> },
                { key: 'received', label: t('complaint.receivedAt'), value: instantText(c.receivedAt) },
                { key: 'ack', label: t('complaint.acknowledgement'), value: c.acknowledgement.status ? t(`complaint.ack.${c.acknowledgement.status as 'queued'}`) : t('common.none') },
                { key: 'loans', label: t('complaint.loans'), wide: true, value: c.loanIds.length ? <span className="ident small">{c.loanIds.join(', ')}</span> : t('common.none') },
                ...(c.regulatorReference ? [{ key: 'reg', label: t('complaint.regulatorReference'), value: `${c.regulatorReference}${c.regulatorDeadline ? ` · ${c.regulatorDeadline}` : ''}`, wide: true }] : []),
                ...(c.outcome ? [{ key: 'outcome', label: t('complaint.form.outcome'), wide: true, value: <span data-testid="complaint-outcome">{t(`complaint.outcome.${c.outcome}`)}{c.remedies.length ? ` · ${c.remedies.map((r) => t(`complaint.remedy.${r as 'refund'}`)).join(t('complaint.listSeparator'))}` : ''}</span> }] : []),
              ]}
            />
            <p className="complaint-description" data-testid="complaint-description">{c.description}</p>
          </Card>
          {c.responseLetter && (
            <Card title={t('complaint.letter')} testId="complaint-letter">
              <p>
                <a className="button button--secondary" href={responseLetterUrl(c.id)} download data-testid="complaint-letter-download">{t('complaint.letter.download')}</a>
              </p>
              <p className="muted small">{t('complaint.letter.hint')}</p>
            </Card>
          )}
          <ClassificationCard complaint={c} suggestion={suggestion} editable={canHandle && CLASSIFIABLE.includes(c.status)} onChanged={(after) => { onChanged(after); setDone('classify'); }} />
          {c.survey && (
            <Card title={t('complaint.survey')} testId="complaint-survey">
              {c.survey.status === 'answered' ? (
                <p>
                  <span className="strong" data-testid="complaint-survey-score">{t('complaint.survey.score', { n: c.survey.score ?? 0 })}</span>
                  {c.survey.comment && <span className="muted"> — {c.survey.comment}</span>}
                </p>
              ) : (
                <p className="muted" data-testid="complaint-survey-pending">{t(`complaint.survey.${c.survey.status === 'expired' ? 'expired' : 'pending'}`)}</p>
              )}
            </Card>
          )}
        </div>
        <div className="stack">
          <Card title={t('complaint.clock')} testId="complaint-clock">
            <DescriptionList
              columns={2}
              items={[
                { key: 'fh', label: t('complaints.col.firstHandlingDue'), value: <span className={dueClass(fhState)} data-state={fhState} data-testid="clock-fh-due">{dueText(c.clock.firstHandlingDue)}</span> },
                { key: 'dec', label: t('complaints.col.decisionDue'), value: <span className={dueClass(decState)} data-state={decState} data-testid="clock-decision-due">{dueText(c.clock.decisionDue)}</span> },
                { key: 'period', label: t('complaint.clock.period'), value: t('complaint.clock.days', { n: c.clock.decisionPeriodDays }) },
                { key: 'governed', label: t('complaint.clock.governedBy'), value: t(`complaint.clock.governedBy.${c.clock.decisionGovernedBy}`) },
                { key: 'ext', label: t('complaint.clock.extensions'), value: t('complaint.clock.days', { n: c.clock.extensionDays }) },
                { key: 'paused', label: t('complaint.clock.pausedDays'), value: `${t('complaint.clock.days', { n: c.clock.pausedDays })}${c.clock.paused ? ` · ${t('complaint.clock.pausedNow')}` : ''}` },
                ...(c.clock.reviewDue ? [{ key: 'review', label: t('complaint.clock.reviewDue'), value: dueText(c.clock.reviewDue) }] : []),
              ]}
            />
            {c.clock.breaches.map((b, i) => <p key={`b${i}`} className="tone-text--danger small" data-testid="clock-breach">⚠ {msg(b)}</p>)}
            {c.clock.warnings.map((w, i) => <p key={`w${i}`} className="tone-text--warning small" data-testid="clock-warning">{msg(w)}</p>)}
            {c.clock.notificationsOwed.map((n, i) => <p key={`n${i}`} className="small" data-testid="clock-notice-owed">✉ {msg(n)} ({instantText(n.dueBy)})</p>)}
          </Card>
          <Card title={t('complaint.history')} flush testId="complaint-history">
            <Table
              compact
              columns={[
                { key: 'at', header: t('complaint.history.at'), render: (e) => instantText(e.at), nowrap: true },
                { key: 'type', header: t('complaint.history.type'), render: (e) => t(`complaint.event.${e.type}`), nowrap: true },
                { key: 'detail', header: t('complaint.history.detail'), render: (e) => <span className="small">{eventDetail(e.payload, t)}</span> },
              ]}
              rows={[...c.events].reverse()}
              rowKey={(e) => `${e.at}:${e.type}`}
              rowTestId="complaint-event"
              rowAttributes={(e) => ({ 'data-type': e.type })}
            />
          </Card>
        </div>
      </div>
      {action && (
        <ComplaintActionDialog
          complaint={c}
          action={action}
          onClose={() => setAction(null)}
          onDone={(after) => {
            setAction(null);
            onChanged(after);
            setDone(action);
          }}
        />
      )}
    </div>
  );
}

function eventDetail(p: Record<string, unknown>, t: ReturnType<typeof useI18n>['t']): string {
  const parts: string[] = [];
  const label = (key: string, v: unknown): string => {
    const s = String(v);
    if (key === 'category' && (COMPLAINT_CATEGORIES as readonly string[]).includes(s)) return t(`complaint.category.${s as ComplaintCategory}`);
    if (key === 'severity' && (COMPLAINT_SEVERITIES as readonly string[]).includes(s)) return t(`complaint.severity.${s as ComplaintSeverity}`);
    if (key === 'outcome' && (DECISION_OUTCOMES as readonly string[]).includes(s)) return t(`complaint.outcome.${s as DecisionOutcome}`);
    if (key === 'days') return t('complaint.clock.days', { n: s });
    return s;
  };
  for (const key of ['category', 'severity', 'outcome', 'days', 'approvedBy', 'note', 'reason', 'facts', 'summary']) {
    const v = p[key];
    if (v !== undefined && v !== null && v !== '') parts.push(label(key, v));
  }
  if (Array.isArray(p.remedies) && p.remedies.length) {
    parts.push(p.remedies.map((r) => ((REMEDIES as readonly string[]).includes(String(r)) ? t(`complaint.remedy.${r as ComplaintRemedy}`) : String(r))).join(t('complaint.listSeparator')));
  }
  return parts.join(' · ');
}

function ClassificationCard({
  complaint: c, suggestion, editable, onChanged,
}: {
  complaint: ComplaintDetail;
  suggestion: { category?: ComplaintCategory; severity?: ComplaintSeverity; categoryConfidence?: number; topTerms?: string[]; complainantCategory?: ComplaintCategory } | null;
  editable: boolean;
  onChanged: (after: ComplaintDetail) => void;
}) {
  const { t } = useI18n();
  const [category, setCategory] = useState<ComplaintCategory>((c.category as ComplaintCategory | null) ?? suggestion?.category ?? 'other');
  const [severity, setSeverity] = useState<ComplaintSeverity>((c.severity as ComplaintSeverity | null) ?? suggestion?.severity ?? 'medium');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      onChanged(await complaintAction(c.id, 'classify', { category, severity }));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  const corrected = suggestion?.category !== undefined && (category !== suggestion.category || severity !== suggestion.severity);
  return (
    <Card
      title={t('complaint.classification')}
      aside={c.classificationConfirmed ? <Badge tone="success" testId="complaint-classification-state">{t('complaint.confirmed')}</Badge> : <Badge tone="warning" testId="complaint-classification-state">{t('complaints.unconfirmed')}</Badge>}
      testId="complaint-classification"
    >
      <DescriptionList
        columns={2}
        items={[
          {
            key: 'suggested', label: t('complaint.suggested'),
            value: suggestion?.category ? (
              <span data-testid="complaint-suggestion">
                {t(`complaint.category.${suggestion.category}`)} · {suggestion.severity ? t(`complaint.severity.${suggestion.severity}`) : ''}
                {suggestion.categoryConfidence !== undefined && <span className="muted small"> ({Math.round(suggestion.categoryConfidence * 100)}%)</span>}
              </span>
            ) : t('common.none'),
          },
          {
            key: 'current', label: t('complaint.current'),
            value: (
              <span data-testid="complaint-current-category">
                {c.category ? t(`complaint.category.${c.category as ComplaintCategory}`) : t('common.none')}
                {c.severity && <> <Badge tone={severityTone(c.severity)}>{t(`complaint.severity.${c.severity as ComplaintSeverity}`)}</Badge></>}
              </span>
            ),
          },
        ]}
      />
      {suggestion?.complainantCategory && (
        <p className="small" data-testid="complaint-complainant-category">{t('complaint.complainantCategory')}: {t(`complaint.category.${suggestion.complainantCategory}`)}</p>
      )}
      {suggestion?.topTerms && suggestion.topTerms.length > 0 && <p className="muted small">{t('complaint.topTerms')}: {suggestion.topTerms.slice(0, 6).join('、')}</p>}
      {editable && (
        <div className="field-row complaint-classify">
          <label className="field">
            <span className="field__label">{t('complaints.col.category')}</span>
            <select className="input input--small" value={category} onChange={(e) => setCategory(e.target.value as ComplaintCategory)} data-testid="complaint-classify-category">
              {COMPLAINT_CATEGORIES.map((x) => <option key={x} value={x}>{t(`complaint.category.${x}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('complaints.col.severity')}</span>
            <select className="input input--small" value={severity} onChange={(e) => setSeverity(e.target.value as ComplaintSeverity)} data-testid="complaint-classify-severity">
              {COMPLAINT_SEVERITIES.map((x) => <option key={x} value={x}>{t(`complaint.severity.${x}`)}</option>)}
            </select>
          </label>
          <button type="button" className="button button--primary" disabled={pending} onClick={confirm} data-testid="complaint-classify-submit">
            {t(corrected ? 'complaint.correct' : 'complaint.confirm')}
          </button>
        </div>
      )}
      {error !== null && <ProblemAlert error={error} testId="complaint-classify-error" />}
    </Card>
  );
}
