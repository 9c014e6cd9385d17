import { useEffect, useMemo, useRef } from 'react';
import type { Problem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { pickLanguage } from '../../i18n/problem-message.ts';
import { Alert } from '../../ui/states.tsx';
import { lineOfPath, locateJsonPaths, segmentStepOf } from './json-locate.ts';

export type FieldProblem = NonNullable<Problem['errors']>[number];
export type LocatedProblem = FieldProblem & { line: number | null; segment: number | null; step: number | null };

/** Each server problem with the editor line and the segment / step it concerns. */
export function locateProblems(text: string, problems: readonly FieldProblem[]): LocatedProblem[] {
  const locations = locateJsonPaths(text);
  return problems.map((p) => ({ ...p, line: lineOfPath(locations, p.field), ...segmentStepOf(p.field) }));
}

/**
 * The JSON editor: a textarea with a line-number gutter in which lines with a problem are marked,
 * and the problems listed with their field path and line (a click selects the line).
 */
export function StrategyEditor({ value, onChange, problems, readOnlyHint }: { value: string; onChange: (text: string) => void; problems: LocatedProblem[]; readOnlyHint?: string }) {
  const { t, locale } = useI18n();
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => value.split('\n').length, [value]);
  const flagged = new Map<number, string[]>();
  for (const p of problems) if (p.line !== null) flagged.set(p.line, [...(flagged.get(p.line) ?? []), `${p.field}: ${pickLanguage(p.message, locale)}`]);

  const goTo = (line: number) => {
    const el = area.current;
    if (!el) return;
    const starts = [0];
    for (let i = 0; i < value.length; i++) if (value[i] === '\n') starts.push(i + 1);
    const start = starts[line - 1] ?? 0;
    const end = (starts[line] ?? value.length + 1) - 1;
    el.focus();
    el.setSelectionRange(start, end);
    el.scrollTop = Math.max(0, (line - 6) * 18);
  };

  // After a validation with problems, scroll the first one into view (line height is fixed in CSS: 18px).
  const first = problems.find((p) => p.line !== null)?.line ?? null;
  useEffect(() => {
    if (first !== null && area.current) area.current.scrollTop = Math.max(0, (first - 6) * 18);
  }, [problems]);

  return (
    <div className="strategy-editor" data-testid="strategy-editor">
      {readOnlyHint && <p className="muted small">{readOnlyHint}</p>}
      <div className="strategy-editor__frame">
        <div className="strategy-editor__gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => {
            const messages = flagged.get(i + 1);
            return (
              <div key={i} className={messages ? 'strategy-editor__line strategy-editor__line--problem' : 'strategy-editor__line'} title={messages?.join('\n')} data-testid={messages ? 'strategy-problem-line' : undefined} data-line={i + 1}>
                {i + 1}
              </div>
            );
          })}
        </div>
        <textarea
          ref={area}
          className="input textarea strategy-editor__text"
          spellCheck={false}
          value={value}
          wrap="off"
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          aria-label={t('strategies.editor')}
          data-testid="strategy-json"
        />
      </div>
      {problems.length > 0 && (
        <Alert title={t('strategies.problems', { n: problems.length })} testId="strategy-problems">
          <ul className="strategy-editor__problems">
            {problems.map((p, i) => (
              <li key={i} data-testid="strategy-problem" data-field={p.field}>
                {p.line !== null && (
                  <button type="button" className="button button--small button--secondary" onClick={() => goTo(p.line!)}>
                    {t('strategies.line', { line: p.line })}
                  </button>
                )}{' '}
                <code className="ident">{p.field}</code> — {pickLanguage(p.message, locale)}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}
