import type { MessageKey } from '../../i18n/dictionary.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { pickLanguage } from '../../i18n/problem-message.ts';
import { Badge } from '../../ui/badge.tsx';
import type { LocatedProblem } from './strategy-editor.tsx';

type Step = { type?: unknown; channel?: unknown; action?: unknown; templateKey?: unknown; waitDays?: unknown };
type Segment = { id?: unknown; nameZh?: unknown; nameEn?: unknown; conditions?: { dpd?: { min?: unknown; max?: unknown } }; ladder?: unknown };

/** Parses the editor text leniently: the outline shows whatever shape is there, even when invalid. */
export function outlineOf(text: string): Segment[] | null {
  try {
    const data = JSON.parse(text) as { segments?: unknown };
    return Array.isArray(data?.segments) ? (data.segments as Segment[]) : null;
  } catch {
    return null;
  }
}

/**
 * The segments and their ladders as the editor text has them, each problem shown next to the
 * segment or step it concerns (problems on `segments.3.ladder.1.…` sit on step 1 of segment 3).
 */
export function StrategyOutline({ text, problems }: { text: string; problems: LocatedProblem[] }) {
  const { t, locale } = useI18n();
  const segments = outlineOf(text);
  if (!segments) return null;
  const dpd = (s: Segment) => {
    const r = s.conditions?.dpd;
    if (!r || typeof r.min !== 'number') return t('strategies.anyDpd');
    return typeof r.max === 'number' ? t('strategies.dpd', { min: r.min, max: r.max }) : t('strategies.dpdOpen', { min: r.min });
  };
  const stepLabel = (step: Step) => {
    if (step.type === 'contact' && typeof step.channel === 'string') {
      const key = `strategies.channel.${step.channel}` as MessageKey;
      return t(key) === key ? step.channel : t(key);
    }
    if (typeof step.action === 'string') {
      // The same labels the workbench uses for the actions these steps create.
      const key = `collections.action.${step.action}` as MessageKey;
      return t(key) === key ? step.action : t(key);
    }
    return String(step.type ?? '?');
  };
  return (
    <ol className="strategy-outline" data-testid="strategy-outline">
      {segments.map((segment, si) => {
        const segmentProblems = problems.filter((p) => p.segment === si && p.step === null);
        const ladder = Array.isArray(segment.ladder) ? (segment.ladder as Step[]) : [];
        return (
          <li key={si} className={problems.some((p) => p.segment === si) ? 'strategy-outline__segment strategy-outline__segment--problem' : 'strategy-outline__segment'} data-testid="strategy-segment" data-segment={String(segment.id ?? si)}>
            <div className="strategy-outline__head">
              <span className="muted small">#{si}</span> <strong>{String(segment.id ?? '')}</strong>{' '}
              <span className="muted">{String((locale === 'zh-CN' ? segment.nameZh : segment.nameEn) ?? '')}</span> <Badge>{dpd(segment)}</Badge>
            </div>
            {segmentProblems.map((p, i) => (
              <p key={i} className="strategy-outline__problem tone-text--danger small" data-testid="segment-problem">
                <code>{p.field}</code> — {pickLanguage(p.message, locale)}
              </p>
            ))}
            <ol className="strategy-outline__ladder">
              {ladder.map((step, j) => {
                const stepProblems = problems.filter((p) => p.segment === si && p.step === j);
                return (
                  <li key={j} className={stepProblems.length ? 'strategy-step strategy-step--problem' : 'strategy-step'} data-testid="strategy-step" data-step={`${si}.${j}`}>
                    <span>
                      {j}. {stepLabel(step)}
                      {typeof step.templateKey === 'string' && <span className="muted small"> · {step.templateKey}</span>}
                      <span className="muted small"> · {t('strategies.wait', { n: String(step.waitDays ?? '?') })}</span>
                    </span>
                    {stepProblems.map((p, i) => (
                      <span key={i} className="strategy-step__problem tone-text--danger small" data-testid="step-problem">
                        <code>{p.field.split('.').slice(4).join('.') || p.field}</code> — {pickLanguage(p.message, locale)}
                      </span>
                    ))}
                  </li>
                );
              })}
            </ol>
          </li>
        );
      })}
    </ol>
  );
}
