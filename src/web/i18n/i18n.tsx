import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { dictionaries, type MessageKey } from './dictionary.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'loandesk.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

type I18n = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** For open-ended API codes (timeline modules): the label if the dictionary has one, else the raw code. */
  label: (prefix: string, code: string) => string;
};

const I18nContext = createContext<I18n | null>(null);

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can be disabled by bank desktop policy; fall back to Chinese.
    return DEFAULT_LOCALE;
  }
}

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not persisted; still switched for this page */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const messages = dictionaries[locale];
    const t: Translate = (key, params) => interpolate(messages[key], params);
    const label = (prefix: string, code: string) => {
      const key = `${prefix}.${code}`;
      return key in messages ? messages[key as MessageKey] : code;
    };
    return { locale, setLocale, t, label };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
