import { formatFen } from '../../../platform/money/fen.ts';
import type { TemplateVariable } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { yuanToFen, type VariableProblem } from './variable-values.ts';

/**
 * One typed input per template variable: text, a date picker, a whole number, or money typed in
 * yuan (shown back as ¥ and sent as integer fen). Variables the hub fills itself (customer name,
 * loan number) are shown, disabled, so the writer knows where they come from.
 */
export function VariableInputs({
  variables,
  values,
  onChange,
  autoFilled,
  problems = [],
  testIdPrefix = 'variable',
}: {
  variables: TemplateVariable[];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  autoFilled: Set<string>;
  problems?: VariableProblem[];
  testIdPrefix?: string;
}) {
  const { t, locale } = useI18n();
  if (variables.length === 0) return <p className="muted small">{t('vars.none')}</p>;
  return (
    <div className="var-grid">
      {variables.map((v) => {
        const auto = autoFilled.has(v.name);
        const problem = problems.find((p) => p.name === v.name);
        const raw = values[v.name] ?? '';
        const fen = v.type === 'money-fen' && raw.trim() ? yuanToFen(raw) : null;
        const common = {
          className: 'input input--small',
          value: auto ? '' : raw,
          disabled: auto,
          placeholder: auto ? t('vars.autoFilled') : undefined,
          onChange: (e: { target: { value: string } }) => onChange(v.name, e.target.value),
          'aria-invalid': problem ? true : undefined,
          'data-testid': `${testIdPrefix}-${v.name}`,
          'data-type': v.type,
        };
        return (
          <label key={v.name} className="field">
            <span className="field__label">
              <code className="var-name">{v.name}</code> <span className="field__optional">{t(`varType.${v.type}`)}</span>
              {!v.required && <span className="field__optional"> · {t('common.optional')}</span>}
            </span>
            {v.type === 'date' ? (
              <input type="date" {...common} />
            ) : v.type === 'integer' ? (
              <input type="number" step={1} inputMode="numeric" {...common} />
            ) : v.type === 'money-fen' ? (
              <span className="input-affix">
                <input inputMode="decimal" {...common} placeholder={auto ? t('vars.autoFilled') : '0.00'} />
                <span className="input-affix__unit">{t('vars.yuan')}</span>
              </span>
            ) : (
              <input {...common} />
            )}
            {v.type === 'money-fen' && fen !== null && (
              <span className="field__hint" data-testid={`${testIdPrefix}-${v.name}-fen`}>
                {t('vars.moneyEcho', { amount: formatFen(fen, locale), fen })}
              </span>
            )}
            {problem && <span className="field__error">{problem.problem === 'missing' ? t('vars.missing') : t(`vars.invalid.${v.type}`)}</span>}
          </label>
        );
      })}
    </div>
  );
}
