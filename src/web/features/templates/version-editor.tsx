import type { TemplateVariable, VariableType } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { VARIABLE_TYPE_OPTIONS } from '../communications/options.ts';

/** A version's wording as edited: zh-CN and English text and the typed variables. */
export type VersionDraft = {
  subjectZh: string;
  bodyZh: string;
  subjectEn: string;
  bodyEn: string;
  variables: TemplateVariable[];
};

export const EMPTY_DRAFT: VersionDraft = {
  subjectZh: '',
  bodyZh: '',
  subjectEn: '',
  bodyEn: '',
  variables: [{ name: 'customerName', type: 'string', required: true }],
};

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Placeholders used in the texts that are not declared as variables (the server refuses those). */
export function undeclaredPlaceholders(d: VersionDraft): string[] {
  const declared = new Set(d.variables.map((v) => v.name));
  const found = new Set<string>();
  for (const text of [d.subjectZh, d.bodyZh, d.subjectEn, d.bodyEn]) for (const m of text.matchAll(PLACEHOLDER)) if (!declared.has(m[1]!)) found.add(m[1]!);
  return [...found];
}

/** A guess at a new variable's type from its name: …Fen → money, …Date → date, days/count → integer. */
function guessType(name: string): VariableType {
  if (/fen$/i.test(name) || /amount/i.test(name)) return 'money-fen';
  if (/date$/i.test(name)) return 'date';
  if (/(days|count|number)$/i.test(name) && !/loanNumber/i.test(name)) return 'integer';
  return 'string';
}

/** The request body for POST /templates(/{id}/versions): empty subjects become null. */
export function draftToContent(d: VersionDraft) {
  return {
    subjectZh: d.subjectZh.trim() || null,
    bodyZh: d.bodyZh.trim(),
    subjectEn: d.subjectEn.trim() || null,
    bodyEn: d.bodyEn.trim(),
    variables: d.variables.map((v) => ({ ...v, name: v.name.trim() })).filter((v) => v.name),
  };
}

/**
 * The zh-CN and English wording side by side, with `{{name}}` placeholders, and the variable list
 * (name, type, required). Placeholders used but not declared are offered for one-click adding.
 */
export function VersionEditor({ value, onChange, testIdPrefix = 'version' }: { value: VersionDraft; onChange: (d: VersionDraft) => void; testIdPrefix?: string }) {
  const { t } = useI18n();
  const set = (patch: Partial<VersionDraft>) => onChange({ ...value, ...patch });
  const setVar = (i: number, patch: Partial<TemplateVariable>) => set({ variables: value.variables.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const undeclared = undeclaredPlaceholders(value);
  return (
    <div className="version-editor">
      <div className="version-editor__langs">
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('templates.zh')}</legend>
          <label className="field">
            <span className="field__label">
              {t('templates.subject')} <span className="field__optional">{t('templates.subjectHint')}</span>
            </span>
            <input className="input input--small" maxLength={200} value={value.subjectZh} onChange={(e) => set({ subjectZh: e.target.value })} data-testid={`${testIdPrefix}-subject-zh`} />
          </label>
          <label className="field">
            <span className="field__label">{t('templates.body')}</span>
            <textarea className="input textarea" rows={5} maxLength={4000} value={value.bodyZh} onChange={(e) => set({ bodyZh: e.target.value })} data-testid={`${testIdPrefix}-body-zh`} />
          </label>
        </fieldset>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('templates.en')}</legend>
          <label className="field">
            <span className="field__label">
              {t('templates.subject')} <span className="field__optional">{t('templates.subjectHint')}</span>
            </span>
            <input className="input input--small" maxLength={200} value={value.subjectEn} onChange={(e) => set({ subjectEn: e.target.value })} data-testid={`${testIdPrefix}-subject-en`} />
          </label>
          <label className="field">
            <span className="field__label">{t('templates.body')}</span>
            <textarea className="input textarea" rows={5} maxLength={4000} value={value.bodyEn} onChange={(e) => set({ bodyEn: e.target.value })} data-testid={`${testIdPrefix}-body-en`} />
          </label>
        </fieldset>
      </div>
      <p className="muted small">{t('templates.placeholderHint')}</p>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t('templates.variables')}</legend>
        {value.variables.length === 0 && <p className="muted small">{t('vars.none')}</p>}
        {value.variables.map((v, i) => (
          <div key={i} className="var-row" data-testid={`${testIdPrefix}-var`}>
            <input
              className="input input--small var-row__name"
              value={v.name}
              onChange={(e) => setVar(i, { name: e.target.value })}
              placeholder={t('templates.varName')}
              aria-label={t('templates.varName')}
              data-testid={`${testIdPrefix}-var-name`}
            />
            <select
              className="input input--small"
              value={v.type}
              onChange={(e) => setVar(i, { type: e.target.value as VariableType })}
              aria-label={t('templates.varType')}
              data-testid={`${testIdPrefix}-var-type`}
            >
              {VARIABLE_TYPE_OPTIONS.map((type) => (
                <option key={type} value={type}>
                  {t(`varType.${type}`)}
                </option>
              ))}
            </select>
            <label className="checkbox">
              <input type="checkbox" checked={v.required} onChange={(e) => setVar(i, { required: e.target.checked })} /> {t('templates.varRequired')}
            </label>
            <button type="button" className="button button--link" onClick={() => set({ variables: value.variables.filter((_, j) => j !== i) })}>
              {t('templates.varRemove')}
            </button>
          </div>
        ))}
        <div className="inline-list">
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => set({ variables: [...value.variables, { name: '', type: 'string', required: true }] })}
            data-testid={`${testIdPrefix}-var-add`}
          >
            {t('templates.varAdd')}
          </button>
          {undeclared.map((name) => (
            <button
              key={name}
              type="button"
              className="button button--small button--secondary"
              onClick={() => set({ variables: [...value.variables, { name, type: guessType(name), required: true }] })}
              data-testid={`${testIdPrefix}-declare`}
            >
              {t('templates.declare', { name })}
            </button>
          ))}
        </div>
        {undeclared.length > 0 && <p className="field__error">{t('templates.undeclared', { names: undeclared.map((n) => `{{${n}}}`).join(t('list.separator')) })}</p>}
      </fieldset>
    </div>
  );
}
