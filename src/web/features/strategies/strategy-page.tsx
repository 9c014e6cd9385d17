import { useEffect, useState } from 'react';
import { isApiProblem } from '../../api/client.ts';
import {
  activateStrategyVersion, createStrategyDraft, getStrategyVersion, retireStrategyVersion, simulateStrategy, updateStrategyDraft, validateStrategy,
} from '../../api/strategies-client.ts';
import type { StrategySimulation, StrategyVersionDetail } from '../../api/strategies-types.ts';
import { useApi } from '../../api/use-api.ts';
import { ProblemAlert } from '../../app/problem-alert.tsx';
import { Link, navigate, paths } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Card } from '../../ui/card.tsx';
import { DateText } from '../../ui/date-text.tsx';
import { Alert, Loading } from '../../ui/states.tsx';
import { SimulationView } from './simulation-view.tsx';
import { locateProblems, StrategyEditor, type LocatedProblem } from './strategy-editor.tsx';
import { StrategyOutline } from './strategy-outline.tsx';
import { STATUS_TONE } from './strategies-page.tsx';

type Notice = { tone: 'success' | 'info' | 'warning'; text: string } | null;

/** One strategy version: the JSON editor with in-place validation, save, simulate, activate. */
export function StrategyPage({ versionId }: { versionId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const manage = can('collections.strategies.manage');
  const version = useApi(`strategy:${versionId}`, (signal) => getStrategyVersion(versionId, signal));
  const [text, setText] = useState<string | null>(null);
  const [problems, setProblems] = useState<LocatedProblem[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [days, setDays] = useState(30);
  const [simulation, setSimulation] = useState<StrategySimulation | null>(null);

  const loaded = version.status === 'success' ? version.data : null;
  const original = loaded ? JSON.stringify(loaded.definition, null, 2) : '';
  useEffect(() => {
    if (loaded) setText(JSON.stringify(loaded.definition, null, 2));
    setProblems([]);
    setSimulation(null);
  }, [loaded?.id, loaded?.updatedAt]);

  if (version.status === 'error') return <div className="page"><ProblemAlert error={version.error} onRetry={version.reload} /></div>;
  if (!loaded || text === null) return <Loading label={t('common.loading')} />;
  const dirty = text !== original;

  /** Runs an action; a 422 with field errors becomes in-place problems, anything else an alert. */
  const run = async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (err) {
      const fields = isApiProblem(err) && err.status === 422 ? err.problem?.errors ?? [] : [];
      if (fields.length > 0) setProblems(locateProblems(text, fields));
      else setError(err);
    } finally {
      setBusy(null);
    }
  };
  const validate = () =>
    run('validate', async () => {
      const result = await validateStrategy(text);
      setProblems([]);
      const gaps = result.coverageGaps.map((g) => (g.max === null ? `${g.min}+` : `${g.min}–${g.max}`)).join(', ');
      setNotice(gaps ? { tone: 'warning', text: `${t('strategies.valid')} · ${t('strategies.gaps', { gaps })}` } : { tone: 'success', text: t('strategies.valid') });
    });
  const save = () =>
    run('save', async () => {
      const saved: StrategyVersionDetail = loaded.status === 'draft' ? await updateStrategyDraft(loaded.id, text) : await createStrategyDraft(text);
      setProblems([]);
      if (saved.id !== loaded.id) navigate(paths.strategy(saved.id));
      else version.reload();
      setNotice({ tone: 'success', text: t('strategies.saved') });
    });
  const simulate = () =>
    run('simulate', async () => {
      setSimulation(await simulateStrategy({ json: text, days }));
      setProblems([]);
    });
  const activate = () =>
    run('activate', async () => {
      if (!window.confirm(t('strategies.activateConfirm'))) return;
      await activateStrategyVersion(loaded.id);
      version.reload();
      setNotice({ tone: 'success', text: t('strategies.activated.ok') });
    });
  const retire = () =>
    run('retire', async () => {
      await retireStrategyVersion(loaded.id);
      version.reload();
    });

  return (
    <div className="page" data-testid="strategy-page">
      <div className="page-header">
        <div className="page-header__text">
          <p className="small"><Link to={paths.strategies()}>← {t('strategies.back')}</Link></p>
          <h1 className="page__title">
            {loaded.strategyId} v{loaded.version}{' '}
            <Badge tone={STATUS_TONE[loaded.status]} testId="strategy-status">{t(`strategies.status.${loaded.status}`)}</Badge>
          </h1>
          <p className="muted small">
            {loaded.nameZh} · {loaded.nameEn} · {t('strategies.created')} <DateText instant={loaded.createdAt} />
            {loaded.activatedAt && <> · {t('strategies.activated')} <DateText instant={loaded.activatedAt} /></>}
          </p>
        </div>
        {manage && (
          <div className="page-header__actions">
            {loaded.status === 'draft' && (
              <button type="button" className="button button--secondary" onClick={retire} disabled={busy !== null} data-testid="strategy-retire">
                {t('strategies.retire')}
              </button>
            )}
            {loaded.status !== 'active' && (
              <button type="button" className="button button--primary" onClick={activate} disabled={busy !== null || dirty} title={dirty ? t('strategies.unsaved') : undefined} data-testid="strategy-activate">
                {t('strategies.activate')}
              </button>
            )}
          </div>
        )}
      </div>
      {notice && <Alert tone={notice.tone} title={notice.text} testId="strategy-notice" />}
      {error !== null && <ProblemAlert error={error} testId="strategy-error" />}
      <div className="strategy-layout">
        <Card
          title={t('strategies.editor')}
          aside={dirty ? <Badge tone="warning" testId="strategy-dirty">{t('strategies.unsaved')}</Badge> : undefined}
          testId="strategy-editor-card"
        >
          <p className="muted small">{t('strategies.editorHint')}</p>
          <StrategyEditor value={text} onChange={setText} problems={problems} readOnlyHint={loaded.status !== 'draft' ? t('strategies.readOnly') : undefined} />
          <div className="inline-list strategy-actions">
            <button type="button" className="button button--secondary" onClick={validate} disabled={busy !== null} data-testid="strategy-validate">
              {t('strategies.validate')}
            </button>
            {manage && (
              <button type="button" className="button button--primary" onClick={save} disabled={busy !== null || (loaded.status === 'draft' && !dirty)} data-testid="strategy-save">
                {loaded.status === 'draft' ? t('strategies.saveChanges') : t('strategies.saveDraft')}
              </button>
            )}
            <label className="strategy-days">
              <span className="small">{t('strategies.simDays')}</span>
              <input className="input input--small" type="number" min={1} max={366} value={days} onChange={(e) => setDays(Math.max(1, Math.min(366, Number(e.target.value) || 30)))} data-testid="strategy-sim-days" />
            </label>
            <button type="button" className="button button--secondary" onClick={simulate} disabled={busy !== null} data-testid="strategy-simulate">
              {busy === 'simulate' ? t('common.loading') : t('strategies.simulate')}
            </button>
          </div>
        </Card>
        <Card title={t('strategies.outline')} testId="strategy-outline-card">
          <StrategyOutline text={text} problems={problems} />
        </Card>
      </div>
      {simulation && (
        <Card title={t('strategies.simulation')} testId="strategy-simulation">
          <SimulationView result={simulation} />
        </Card>
      )}
    </div>
  );
}

