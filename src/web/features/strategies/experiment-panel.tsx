import { useState, type FormEvent } from 'react';
import { getExperimentReport, startExperiment, stopExperiment } from '../../api/strategies-client.ts';
import type { StrategyExperiment, StrategyList } from '../../api/strategies-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Loading } from '../../ui/states.tsx';
import { ExperimentReportTable } from './experiment-report.tsx';

const STATUS_TONE = { running: 'info', stopped: 'danger', ended: 'neutral' } as const;

/** The running experiment (stop with a reason) or the form to start one; the report of the latest. */
export function ExperimentPanel({ list, onChange }: { list: StrategyList; onChange: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const manage = can('collections.strategies.manage');
  const running = list.experiments.find((e) => e.status === 'running') ?? null;
  const [selected, setSelected] = useState<string | null>(null);
  const shown = list.experiments.find((e) => e.id === selected) ?? list.experiments[0] ?? null;
  const name = (versionId: string) => {
    const v = list.versions.find((x) => x.id === versionId);
    return v ? `${v.strategyId} v${v.version}` : versionId.slice(0, 8);
  };

  return (
    <Card title={t('strategies.experiments')} testId="experiments">
      <div className="stack">
        {running ? <StopForm experiment={running} label={`${name(running.championVersionId)} ↔ ${name(running.challengerVersionId)}`} manage={manage} onDone={onChange} /> : <p className="muted">{t('strategies.noExperiment')}</p>}
        {!running && manage && <StartForm list={list} onDone={onChange} />}
        {list.experiments.length > 0 && (
          <ul className="inline-list" data-testid="experiment-list">
            {list.experiments.map((e) => (
              <li key={e.id}>
                <button type="button" className={e.id === shown?.id ? 'button button--small button--primary' : 'button button--small button--secondary'} onClick={() => setSelected(e.id)} data-testid="experiment-item">
                  {name(e.challengerVersionId)} · <DateText instant={e.startedAt} /> · {t(`strategies.experimentStatus.${e.status}`)}
                </button>
              </li>
            ))}
          </ul>
        )}
        {shown && <ReportLoader experiment={shown} />}
      </div>
    </Card>
  );
}

function ReportLoader({ experiment }: { experiment: StrategyExperiment }) {
  const { t } = useI18n();
  const report = useApi(`strategy-report:${experiment.id}:${experiment.status}`, (signal) => getExperimentReport(experiment.id, signal));
  if (report.status === 'error') return <ProblemAlert error={report.error} onRetry={report.reload} />;
  if (report.status !== 'success') return <Loading label={t('common.loading')} />;
  return <ExperimentReportTable report={report.data} />;
}

function StopForm({ experiment, label, manage, onDone }: { experiment: StrategyExperiment; label: string; manage: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await stopExperiment(experiment.id, reason);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="stack stack--tight" onSubmit={submit} data-testid="experiment-running">
      <p>
        <Badge tone={STATUS_TONE.running}>{t('strategies.experimentStatus.running')}</Badge> <strong>{label}</strong> · {t('strategies.share')} {Math.round(experiment.challengerShare * 100)}% ·{' '}
        {t('strategies.complaintMargin')} {(experiment.complaintMargin * 100).toFixed(2)} · {t('strategies.optOutMargin')} {(experiment.optOutMargin * 100).toFixed(2)}
      </p>
      {manage && (
        <div className="inline-list">
          <input className="input input--small" required maxLength={500} placeholder={t('strategies.stopReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="experiment-stop-reason" />
          <button type="submit" className="button button--danger-outline button--small" data-testid="experiment-stop">{t('strategies.stopExperiment')}</button>
        </div>
      )}
      {error !== null && <ProblemAlert error={error} />}
    </form>
  );
}

function StartForm({ list, onDone }: { list: StrategyList; onDone: () => void }) {
  const { t } = useI18n();
  const candidates = list.versions.filter((v) => v.status !== 'active');
  const [challenger, setChallenger] = useState(candidates[0]?.id ?? '');
  const [share, setShare] = useState(10);
  const [complaint, setComplaint] = useState(0.5);
  const [optOut, setOptOut] = useState(1);
  const [minAccounts, setMinAccounts] = useState(1);
  const [error, setError] = useState<unknown>(null);
  if (candidates.length === 0) return <p className="muted small">{t('strategies.noChallengers')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await startExperiment({ challengerVersionId: challenger, challengerShare: share / 100, complaintMargin: complaint / 100, optOutMargin: optOut / 100, minAccountsPerArm: minAccounts });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const num = (value: number, set: (n: number) => void, testId: string, step = 0.1, min = 0, max = 100) => (
    <input className="input input--small" type="number" step={step} min={min} max={max} value={value} onChange={(e) => set(Number(e.target.value))} data-testid={testId} />
  );
  return (
    <form className="experiment-form" onSubmit={submit} data-testid="experiment-start-form">
      <label className="field">
        <span className="field__label">{t('strategies.challenger')}</span>
        <select className="input input--small" value={challenger} onChange={(e) => setChallenger(e.target.value)} data-testid="experiment-challenger">
          {candidates.map((v) => <option key={v.id} value={v.id}>{v.strategyId} v{v.version} ({t(`strategies.status.${v.status}`)})</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('strategies.share')} (%)</span>{num(share, setShare, 'experiment-share', 1, 1, 99)}</label>
      <label className="field"><span className="field__label">{t('strategies.complaintMargin')}</span>{num(complaint, setComplaint, 'experiment-complaint-margin')}</label>
      <label className="field"><span className="field__label">{t('strategies.optOutMargin')}</span>{num(optOut, setOptOut, 'experiment-optout-margin')}</label>
      <label className="field" title={t('strategies.minAccountsHint')}><span className="field__label">{t('strategies.minAccounts')}</span>{num(minAccounts, (n) => setMinAccounts(Math.max(1, Math.round(n))), 'experiment-min-accounts', 1, 1, 100000)}</label>
      <button type="submit" className="button button--primary" data-testid="experiment-start">{t('strategies.startExperiment')}</button>
      {error !== null && <ProblemAlert error={error} />}
    </form>
  );
}

