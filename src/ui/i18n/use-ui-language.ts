import { useLayoutEffect } from 'react';
import type { Language } from '../../store/settings-slice.ts';
import { hasLanguage, loadLanguage, type Translator } from './i18n.ts';

/**
 * Speak `language` through `translator` (the app's or a player's own), then call
 * `spoken` (to set a `lang` attribute). A loaded language is taken before paint, so a switch
 * never shows a frame of the old one; one still loading keeps the old words until it is there
 * (a switch to one is never a frame of raw keys).
 */
export function useUiLanguage(
  translator: Translator,
  language: Language,
  spoken?: (language: Language) => void,
): void {
  useLayoutEffect(() => {
    let wanted = true;
    const speak = () => {
      void translator.changeLanguage(language);
      spoken?.(language);
    };
    if (hasLanguage(language)) speak();
    else
      void loadLanguage(language).then(() => {
        if (wanted) speak();
      });
    return () => {
      wanted = false;
    };
  }, [translator, language, spoken]);
}
