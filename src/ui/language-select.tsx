import { useId } from 'react';
import { useTranslation } from './i18n/use-translation.tsx';
import { LANGUAGES, selectLanguage, type Language } from '../store/settings-slice.ts';
import { useKpvizStore } from '../store/store.ts';
import { useLanguageUrl } from './use-language-url.ts';

const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

/** Picks the UI language; each language is named in itself. */
export function LanguageSelect() {
  const { t } = useTranslation();
  const selectId = useId();
  const language = useKpvizStore(selectLanguage);
  const setLanguage = useKpvizStore((state) => state.setLanguage);
  useLanguageUrl();
  return (
    <div className="language">
      <label htmlFor={selectId}>{t('language.label')}</label>
      <select
        id={selectId}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
