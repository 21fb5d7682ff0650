import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { i18n as appTranslator, type TFunction, type Translator } from './i18n.ts';

const TranslatorContext = createContext<Translator>(appTranslator);

/**
 * The translator the components inside speak through (the app's, unless a player brings its own).
 *
 * @example
 *   <I18nProvider i18n={i18n}><App /></I18nProvider>
 */
export function I18nProvider({ i18n, children }: { i18n: Translator; children: ReactNode }) {
  return <TranslatorContext value={i18n}>{children}</TranslatorContext>;
}

/**
 * The words of the translator in context: `t` (a new function after a change of language,
 * which renders the component again) and the translator itself.
 *
 * @example
 *   const { t } = useTranslation();
 *   return <h2>{t('services.heading')}</h2>;
 */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const i18n = useContext(TranslatorContext);
  const t = useSyncExternalStore(
    i18n.subscribe,
    () => i18n.t,
    () => i18n.t,
  );
  return { t, i18n };
}
