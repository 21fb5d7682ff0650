import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../store/settings-slice.ts';
import { en, type Catalogue } from './en.ts';
import { zh } from './zh.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

/** The `lang` attribute each UI language puts on <html>. */
export const HTML_LANG: Readonly<Record<Language, string>> = { en: 'en', zh: 'zh-Hans' };

/**
 * A key the catalogues lack is a bug the reader would see as a raw key: say so as an error,
 * in whichever language, so the console shows it and the Playwright fixture (which fails a
 * test on any console error) catches it.
 */
export function reportMissingKey(languages: readonly string[], _ns: string, key: string): void {
  console.error(`Missing translation: ${key} (${languages.join(', ')})`);
}

/**
 * The app's own i18next instance. Catalogues are bundled, so it is ready
 * synchronously and the first paint is already translated.
 *
 * @example
 *   <I18nextProvider i18n={i18n}><App /></I18nextProvider>
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: 'en',
  // No fallback: a Chinese string missing must show as missing, not hide behind the English.
  // (The Catalogue type keeps zh complete at compile time; this catches keys built at runtime.)
  fallbackLng: false,
  saveMissing: true,
  missingKeyHandler: reportMissingKey,
  initAsync: false,
  // React escapes what it renders; escaping here too would show `&lt;`.
  interpolation: { escapeValue: false },
});
