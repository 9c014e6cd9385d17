import { useEffect, useState, type FormEvent } from 'react';
import { getJob, listCollectionRuns, listJobs, startDailyRun } from '../../api/operations-client.ts';
import type { CollectionRun, CollectionRunStatus, JobRecord, JobState, ScheduledJob } from '../../api/operations-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { instantText } from '../../ui/date-text.tsx';
import { Alert, EmptyState, Loading } from '../../ui/states.tsx';
import { Table, type Column } from '../../ui/table.tsx';

const RUN_TONE: Record<CollectionRunStatus, Tone> = { running: 'info', completed: 'success', failed: 'danger' };
const JOB_TONE: Record<JobState, Tone> = { created: 'info', retry: 'warning', active: 'info', completed: 'success', cancelled: 'neutral', failed: 'danger' };
const TERMINAL: ReadonlySet<JobState> = new Set(['completed', 'cancelled', 'failed']);
const POLL_MS = 1000;

/**
 * 作业调度: the job schedule (cron, next run, last job), a form to run the daily collections run now
 * for a date, and the daily-run records with their counts (issue 5: "a run record with counts and
 * duration in the console").
 */
export function OperationsPage() {
  const { t, label } = useI18n();
  const { can } = useSession();
  const jobs = useApi('ops:jobs', (signal) => listJobs(signal));
  const runs = useApi('ops:runs', (signal) => listCollectionRuns(60, signal));
  const [asOf, setAsOf] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<{ jobId: string; asOf: string; job: JobRecord | null } | null>(null);

  // Default the date to the server's "today" (its zone and clock, not the browser's).
  useEffect(() => {
    if (!asOf && jobs.data) setAsOf(jobs.data.today);
  }, [jobs.data, asOf]);

  // Follow a started run until its job ends, then refresh the records and the schedule.
  const pendingId = pending?.jobId ?? null;
  useEffect(() => {
    if (!pendingId) return;
    let stopped = false;
    const tick = async () => {
      try {
        const job = await getJob(pendingId);
        if (stopped) return;
        setPending((p) => (p && p.jobId === pendingId ? { ...p, job } : p));
        if (TERMINAL.has(job.state)) {
          runs.reload();
          jobs.reload();
          return;
        }
      } catch {
        /* a missed poll is retried */
      }
      if (!stopped) timer = setTimeout(() => void tick(), POLL_MS);
    };
    let timer = setTimeout(() => void tick(), POLL_MS);
    runs.reload();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [pendingId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const queued = await startDailyRun({ asOf });
      setPending({ ...queued, job: null });
    } catch (err) {
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const scheduleColumns: Array<Column<ScheduledJob>> = [
    { key: 'job', header: t('operations.schedule.job'), render: (j) => (
      <span className="stacked-cell" title={j.description}><span className="stacked-cell__main">{label('operations.job', j.name)}</span><code className="muted small">{j.name}</code></span>
    ) },
    { key: 'cron', header: t('operations.schedule.cron'), nowrap: true, render: (j) => (j.cron ? <span><code>{j.cron}</code> <span className="muted small">{j.timeZone}</span></span> : <span className="muted">{t('operations.schedule.onDemand')}</span>) },
    { key: 'next', header: t('operations.schedule.next'), nowrap: true, render: (j) => (j.nextRunAt ? <span data-testid="ops-next-run">{instantText(j.nextRunAt)}</span> : '—') },
    { key: 'last', header: t('operations.schedule.last'), render: (j) => (j.lastJob ? (
      <span className="stacked-cell">
        <Badge tone={JOB_TONE[j.lastJob.state]} testId="ops-last-state">{t(`operations.jobState.${j.lastJob.state}`)}</Badge>
        <span className="muted small">{instantText(j.lastJob.completedAt ?? j.lastJob.startedAt ?? j.lastJob.createdAt)}</span>
      </span>
    ) : <span className="muted">{t('operations.schedule.never')}</span>) },
  ];

  const pair = (a: number, b: number) => <span className="cell--nowrap">{a.toLocaleString()} / {b.toLocaleString()}</span>;
  const runColumns: Array<Column<CollectionRun>> = [
    { key: 'asOf', header: t('operations.runs.asOf'), nowrap: true, render: (r) => <strong data-testid="ops-run-as-of">{r.asOf}</strong> },
    { key: 'status', header: t('operations.runs.status'), render: (r) => (
      <span title={r.error ?? undefined}>
        <Badge tone={RUN_TONE[r.status]} testId="ops-run-status">{t(`operations.runStatus.${r.status}`)}</Badge>
        {r.error && <span className="field__error small" data-testid="ops-run-error"> {t('operations.runs.error', { error: r.error })}</span>}
      </span>
    ) },
    { key: 'delinquent', header: t('operations.runs.delinquentLoans'), align: 'right', render: (r) => <span data-testid="ops-run-delinquent">{r.delinquentLoans.toLocaleString()}</span> },
    { key: 'cases', header: t('operations.runs.cases'), align: 'right', render: (r) => <span data-testid="ops-run-cases">{pair(r.casesOpened, r.casesClosed)}</span> },
    { key: 'promises', header: t('operations.runs.promises'), align: 'right', render: (r) => pair(r.promisesKept, r.promisesBroken) },
    { key: 'actions', header: t('operations.runs.actions'), align: 'right', render: (r) => <span data-testid="ops-run-actions">{r.actionsCreated.toLocaleString()}</span> },
    { key: 'messages', header: t('operations.runs.messages'), align: 'right', render: (r) => <span data-testid="ops-run-messages">{pair(r.messagesQueued, r.messagesBlocked)}</span> },
    { key: 'duration', header: t('operations.runs.duration'), align: 'right', nowrap: true, render: (r) => (r.durationMs === null ? '—' : t('operations.runs.seconds', { seconds: (r.durationMs / 1000).toFixed(1) })) },
    { key: 'executions', header: t('operations.runs.executions'), align: 'right', render: (r) => <span data-testid="ops-run-executions">{r.executions}</span> },
    { key: 'started', header: t('operations.runs.startedAt'), nowrap: true, render: (r) => instantText(r.startedAt) },
  ];

  return (
    <div className="page" data-testid="operations-page">
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page__title">{t('operations.title')}</h1>
          <p className="muted small">{t('operations.subtitle')}</p>
        </div>
      </div>

      {jobs.data && !jobs.data.workersRunning && <Alert tone="warning" testId="ops-workers-off" title={t('operations.workersOff')} />}

      <Card title={t('operations.schedule.title')} testId="ops-schedule-card">
        {jobs.status === 'error' && <ProblemAlert error={jobs.error} onRetry={jobs.reload} />}
        {jobs.status === 'loading' && <Loading label={t('operations.loading')} />}
        {jobs.data && <Table columns={scheduleColumns} rows={jobs.data.items} rowKey={(j) => j.name} rowTestId="ops-job" rowAttributes={(j) => ({ 'data-job': j.name })} testId="ops-schedule" compact />}
      </Card>

      {can('jobs.run') && (
        <Card title={t('operations.run.title')} testId="ops-run-card">
          <form className="stack stack--tight" onSubmit={(e) => void submit(e)} data-testid="ops-run-form">
            <div className="field--inline field">
              <label className="field__label" htmlFor="ops-as-of">{t('operations.run.asOf')}</label>
              <input id="ops-as-of" type="date" className="input input--small" value={asOf} required onChange={(e) => setAsOf(e.target.value)} data-testid="ops-as-of" />
              <button type="submit" className="button button--primary" disabled={submitting || !asOf} data-testid="ops-run-submit">
                {submitting ? t('operations.run.submitting') : t('operations.run.submit')}
              </button>
            </div>
            <p className="muted small">{t('operations.run.hint')}</p>
            {error !== null && <ProblemAlert error={error} testId="ops-run-problem" />}
            {pending && (
              <Alert tone={pending.job?.state === 'failed' ? 'danger' : 'success'} testId="ops-run-queued" title={t('operations.run.queued', { asOf: pending.asOf, jobId: pending.jobId })}>
                <span data-testid="ops-run-job-state" data-state={pending.job?.state ?? 'created'}>
                  {t('operations.run.state', { state: t(`operations.jobState.${pending.job?.state ?? 'created'}`) })}
                </span>
                {pending.job?.state === 'failed' && <span className="field__error" data-testid="ops-run-job-error"> {jobError(pending.job)}</span>}
              </Alert>
            )}
          </form>
        </Card>
      )}

      <Card title={t('operations.runs.title')} testId="ops-runs-card">
        {runs.status === 'error' && <ProblemAlert error={runs.error} onRetry={runs.reload} />}
        {runs.status === 'loading' && <Loading label={t('operations.loading')} />}
        {runs.data && runs.data.items.length === 0 && <EmptyState title={t('operations.runs.empty')} testId="ops-runs-empty" />}
        {runs.data && runs.data.items.length > 0 && (
          <Table columns={runColumns} rows={runs.data.items} rowKey={(r) => r.id} rowTestId="ops-run" rowAttributes={(r) => ({ 'data-as-of': r.asOf, 'data-status': r.status })} testId="ops-runs" compact />
        )}
      </Card>
    </div>
  );
}

/** A failed job's output is `{ error: message }` (GET /api/jobs/{jobId}). */
function jobError(job: JobRecord): string {
  const output = job.output as { error?: unknown } | null;
  return output && typeof output.error === 'string' ? output.error : '';
}
