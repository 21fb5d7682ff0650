import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../store/settings-slice.ts';
import { en, type Catalogue } from './en.ts';

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
 * The app's own i18next instance. English is bundled, so it is ready
 * synchronously; Chinese is a chunk of its own (loadLanguage), fetched before
 * the first render of a page that opens in it.
 *
 * @example
 *   <I18nextProvider i18n={i18n}><App /></I18nextProvider>
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
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

/** Each language's catalogue: English is in the page already, Chinese loads when it is wanted. */
const CATALOGUES: Readonly<Record<Language, () => Promise<Catalogue>>> = {
  en: () => Promise.resolve(en),
  zh: async () => (await import('./zh.ts')).zh,
};

/** Whether the language's catalogue is loaded (i18n's clones share it). */
export const hasLanguage = (language: Language): boolean =>
  i18n.hasResourceBundle(language, 'translation');

/**
 * Load a language's catalogue, once: before changing to it, as a missing catalogue shows keys.
 * A reader of English never fetches the Chinese one (~19 kB gzipped).
 *
 * @example
 *   await loadLanguage('zh');
 *   await i18n.changeLanguage('zh');
 */
export async function loadLanguage(language: Language): Promise<void> {
  if (hasLanguage(language)) return;
  const catalogue = await CATALOGUES[language]();
  if (!hasLanguage(language)) i18n.addResourceBundle(language, 'translation', catalogue);
}
