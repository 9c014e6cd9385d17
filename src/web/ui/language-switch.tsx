import { LOCALES, useI18n } from '../i18n/i18n.tsx';

/** 中文 | English, shared by the console and the portal; `tone` picks the colours for a dark or light bar. */
export function LanguageSwitch({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className={`lang-switch lang-switch--${tone}`} role="group" aria-label={t('lang.label')} data-testid="language-switch">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === locale ? 'lang-switch__option lang-switch__option--active' : 'lang-switch__option'}
          aria-pressed={l === locale}
          data-testid={`lang-${l}`}
          onClick={() => setLocale(l)}
        >
          {l === 'zh-CN' ? t('lang.zh') : t('lang.en')}
        </button>
      ))}
    </div>
  );
}
