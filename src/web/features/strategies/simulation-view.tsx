import type { SimulationSummary, StrategySimulation } from '../../api/strategies-types.ts';
import type { MessageKey } from '../../i18n/dictionary.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatFen } from '../../../platform/money/fen.ts';
import { Money } from '../../ui/money.tsx';
import { Table, type Column } from '../../ui/table.tsx';

const CHANNELS = ['sms', 'email', 'portal', 'letter', 'phone', 'online-chat', 'field-visit'] as const;

/**
 * The candidate next to the active strategy over the same replayed days: contacts by channel (a bar
 * per channel, candidate above active), refusals by compliance rule, not-sent reasons, tasks, cost.
 */
export function SimulationView({ result }: { result: StrategySimulation }) {
  const { t, locale } = useI18n();
  const { candidate, active, window } = result;
  const max = Math.max(1, ...CHANNELS.flatMap((c) => [candidate.byChannel[c]?.planned ?? 0, active.byChannel[c]?.planned ?? 0]));
  const channelName = (c: string) => t(`strategies.channel.${c}` as MessageKey);
  const fig = (s: SimulationSummary, c: string) => s.byChannel[c] ?? { planned: 0, made: 0, delayed: 0, refused: 0, notSent: 0, costFen: 0 };
  const rows = CHANNELS.filter((c) => fig(candidate, c).planned + fig(active, c).planned > 0);

  const head = (key: 'candidate' | 'active', label: string) => (
    <span className="stacked-cell">
      <span className="muted small">{t(`strategies.${key}`)}</span>
      <span>{label}</span>
    </span>
  );
  const side = (s: SimulationSummary, key: 'candidate' | 'active'): Array<Column<string>> => [
    { key: `${key}-made`, header: head(key, t('strategies.made')), align: 'right', render: (c) => <span data-testid={`sim-${key}-made`}>{fig(s, c).made}</span> },
    { key: `${key}-refused`, header: head(key, t('strategies.refused')), align: 'right', render: (c) => <span className={fig(s, c).refused ? 'tone-text--danger' : undefined}>{fig(s, c).refused}</span> },
    { key: `${key}-notSent`, header: head(key, t('strategies.notSent')), align: 'right', render: (c) => fig(s, c).notSent },
    { key: `${key}-cost`, header: head(key, t('strategies.cost')), align: 'right', render: (c) => <Money fen={fig(s, c).costFen} muteZero /> },
  ];
  const columns: Array<Column<string>> = [
    { key: 'channel', header: t('strategies.channel'), render: (c) => channelName(c), nowrap: true },
    {
      key: 'bar', header: `${t('strategies.candidate')} / ${t('strategies.active')}`, width: '30%',
      render: (c) => (
        <span className="sim-bars">
          <span className="sim-bar sim-bar--candidate" style={{ width: `${(fig(candidate, c).planned / max) * 100}%` }} title={`${t('strategies.candidate')}: ${fig(candidate, c).planned}`} data-testid="sim-bar" />
          <span className="sim-bar sim-bar--active" style={{ width: `${(fig(active, c).planned / max) * 100}%` }} title={`${t('strategies.active')}: ${fig(active, c).planned}`} />
        </span>
      ),
    },
    { key: 'planned', header: `${t('strategies.planned')}`, align: 'right', render: (c) => `${fig(candidate, c).planned} / ${fig(active, c).planned}` },
    ...side(candidate, 'candidate'),
    ...side(active, 'active'),
  ];
  const reasons = [...new Set([...Object.keys(candidate.refusedByReason), ...Object.keys(active.refusedByReason)])].sort();
  const notSent = [...new Set([...Object.keys(candidate.notSentByReason), ...Object.keys(active.notSentByReason)])].sort();
  const tasks = [...new Set([...Object.keys(candidate.tasks), ...Object.keys(active.tasks)])].sort();

  return (
    <div className="stack" data-testid="simulation-result">
      <p className="muted small" data-testid="sim-window">
        {t('strategies.simWindow', { from: window.from, to: window.to, n: window.daysWithSnapshots, loans: candidate.loans })}
      </p>
      <p className="muted small">
        {t('strategies.candidate')}: {candidate.strategy.id} v{candidate.strategy.version} · {t('strategies.active')}: {active.strategy.id} v{active.strategy.version}
      </p>
      <Table
        columns={columns}
        rows={rows}
        rowKey={(c) => c}
        rowTestId="sim-channel-row"
        rowAttributes={(c) => ({ 'data-channel': c })}
        compact
        testId="sim-channels"
        footer={
          <tr>
            <th scope="row">{t('strategies.total')}</th>
            <td />
            <td className="cell--right">{candidate.totals.planned} / {active.totals.planned}</td>
            <td className="cell--right">{candidate.totals.made}</td>
            <td className="cell--right">{candidate.totals.refused}</td>
            <td className="cell--right">{candidate.totals.notSent}</td>
            <td className="cell--right" data-testid="sim-candidate-cost"><Money fen={candidate.totals.costFen} strong /></td>
            <td className="cell--right">{active.totals.made}</td>
            <td className="cell--right">{active.totals.refused}</td>
            <td className="cell--right">{active.totals.notSent}</td>
            <td className="cell--right" data-testid="sim-active-cost"><Money fen={active.totals.costFen} strong /></td>
          </tr>
        }
      />
      <div className="grid-2">
        <div>
          <h3 className="strategy-section-title">{t('strategies.refusals')}</h3>
          {reasons.length === 0 ? (
            <p className="muted small">{t('strategies.noRefusals')}</p>
          ) : (
            <table className="table table--compact" data-testid="sim-refusals">
              <thead><tr><th>{t('strategies.reason')}</th><th className="cell--right">{t('strategies.candidate')}</th><th className="cell--right">{t('strategies.active')}</th></tr></thead>
              <tbody>
                {reasons.map((r) => (
                  <tr key={r} data-reason={r}>
                    <td><code>{r}</code></td>
                    <td className="cell--right">{candidate.refusedByReason[r] ?? 0}</td>
                    <td className="cell--right">{active.refusedByReason[r] ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          {notSent.length > 0 && (
            <>
              <h3 className="strategy-section-title">{t('strategies.notSentReasons')}</h3>
              <table className="table table--compact" data-testid="sim-not-sent">
                <tbody>
                  {notSent.map((r) => (
                    <tr key={r}>
                      <td>{t(`strategies.notSent.${r}` as MessageKey)}</td>
                      <td className="cell--right">{candidate.notSentByReason[r] ?? 0}</td>
                      <td className="cell--right">{active.notSentByReason[r] ?? 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {tasks.length > 0 && (
            <>
              <h3 className="strategy-section-title">{t('strategies.tasks')}</h3>
              <table className="table table--compact">
                <tbody>
                  {tasks.map((k) => (
                    <tr key={k}><td><code>{k}</code></td><td className="cell--right">{candidate.tasks[k] ?? 0}</td><td className="cell--right">{active.tasks[k] ?? 0}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <p className="small">
            {t('strategies.contactsPerAccount')}: {candidate.contactsPerAccount} / {active.contactsPerAccount}
          </p>
          <p className="muted small" data-testid="sim-unit-costs">
            {t('strategies.unitCosts')}: {CHANNELS.map((c) => `${channelName(c)} ${formatFen(result.unitCostsFen[c] ?? 0, locale)}`).join(' · ')}
          </p>
        </div>
      </div>
    </div>
  );
}
