import { useEffect, useRef } from 'react';
import { selectLanguage } from '../store/settings-slice.ts';
import { useKpvizStore } from '../store/store.ts';
import { updateHash } from './location-hash.ts';

/**
 * The language in the URL's fragment (`#lang=zh`) once the user picks one, so a link copied
 * from a Chinese session opens in Chinese whatever the receiver's browser prefers. The link is
 * read as the store is made (initial-language.ts); until a switch, the URL is left as it was,
 * and a browser-chosen language stays out of it.
 */
export function useLanguageUrl(): void {
  const language = useKpvizStore(selectLanguage);
  // The language last seen here: a change from it is a switch (StrictMode's re-run is not).
  const shown = useRef(language);
  useEffect(() => {
    if (shown.current === language) return;
    shown.current = language;
    updateHash({ lang: language });
  }, [language]);
}
