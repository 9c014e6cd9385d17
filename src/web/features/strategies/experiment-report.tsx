import type { StrategyExperimentReport } from '../../api/strategies-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatFen } from '../../../platform/money/fen.ts';
import { Alert } from '../../ui/states.tsx';

const RATES = ['cureRate', 'rollForwardRate', 'complaintRate', 'optOutRate'] as const;
const MEANS = ['recoveredFenPerAccount', 'contactsPerAccount'] as const;
type Interval = { low: number; high: number } | null;

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const ci = (i: Interval, f: (x: number) => string) => (i ? `${f(i.low)} – ${f(i.high)}` : '—');

/** Per arm, each metric with its 95 % interval, and the challenger − champion difference; the guardrail banner on top. */
export function ExperimentReportTable({ report }: { report: StrategyExperimentReport }) {
  const { t, locale } = useI18n();
  const { champion, challenger, difference } = report.comparison;
  const money = (x: number) => formatFen(Math.round(x), locale);
  const num = (x: number) => x.toFixed(2);
  return (
    <div className="stack" data-testid="experiment-report">
      {report.stoppedByGuardrail && (
        <Alert tone="danger" title={t('strategies.stoppedByGuardrail')} testId="guardrail-banner">
          <p>{report.experiment.stopReason}</p>
        </Alert>
      )}
      <p className="muted small">
        {t('strategies.report')}: {report.champion.strategyId} v{report.champion.version} ↔ {report.challenger.strategyId} v{report.challenger.version} ·{' '}
        {t('strategies.window', { from: report.window.from, to: report.window.to })} · {t(`strategies.experimentStatus.${report.experiment.status}`)}
      </p>
      <div className="table-wrap">
        <table className="table table--compact" data-testid="experiment-report-table">
          <thead>
            <tr>
              <th>{t('strategies.metric')}</th>
              <th className="cell--right">{t('strategies.champion')}</th>
              <th>{t('strategies.ci')}</th>
              <th className="cell--right">{t('strategies.challenger')}</th>
              <th>{t('strategies.ci')}</th>
              <th className="cell--right">{t('strategies.difference')}</th>
              <th>{t('strategies.ci')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{t('strategies.accounts')}</td>
              <td className="cell--right" data-testid="report-champion-accounts">{champion.accounts}</td><td />
              <td className="cell--right" data-testid="report-challenger-accounts">{challenger.accounts}</td><td /><td /><td />
            </tr>
            {RATES.map((m) => (
              <tr key={m} data-metric={m}>
                <td>{t(`strategies.metric.${m}`)}</td>
                <td className="cell--right">{pct(champion[m].rate)}</td><td className="small muted">{ci(champion[m].ci, pct)}</td>
                <td className="cell--right">{pct(challenger[m].rate)}</td><td className="small muted">{ci(challenger[m].ci, pct)}</td>
                <td className="cell--right">{pct(difference[m].estimate)}</td><td className="small muted">{ci(difference[m].ci, pct)}</td>
              </tr>
            ))}
            {MEANS.map((m) => {
              const f = m === 'recoveredFenPerAccount' ? money : num;
              const v = (x: number | null) => (x === null ? '—' : f(x));
              return (
                <tr key={m} data-metric={m}>
                  <td>{t(`strategies.metric.${m}`)}</td>
                  <td className="cell--right">{v(champion[m].mean)}</td><td className="small muted">{ci(champion[m].ci, f)}</td>
                  <td className="cell--right">{v(challenger[m].mean)}</td><td className="small muted">{ci(challenger[m].ci, f)}</td>
                  <td className="cell--right">{v(difference[m].estimate)}</td><td className="small muted">{ci(difference[m].ci, f)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
