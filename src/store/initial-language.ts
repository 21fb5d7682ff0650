/**
 * The language the app opens in: the link's (`#lang=zh`) if it names one, else the first of
 * the browser's preferred languages the app speaks (navigator.languages: `zh-CN`, `zh-TW`,
 * `zh` → Chinese), else English. Chinese is only Simplified here: a Traditional reader is
 * still better served by it than by English.
 */
import type { Language } from './settings-slice.ts';

/** The languages a tag can pick; `satisfies` keeps it in step with LANGUAGES. */
const SPOKEN = { en: true, zh: true } satisfies Record<Language, true>;

const isLanguage = (code: string): code is Language => Object.hasOwn(SPOKEN, code);

/**
 * @example
 *   languageFor(null, ['fr-FR', 'zh-CN', 'en']); // 'zh'
 *   languageFor('en', ['zh-CN']); // 'en': the link wins
 */
export function languageFor(linked: string | null, preferred: readonly string[]): Language {
  if (linked !== null && isLanguage(linked)) return linked;
  for (const tag of preferred) {
    // The primary subtag (`zh` of `zh-Hans-CN`), as BCP 47 compares them: case-insensitively.
    const primary = tag.split('-')[0]?.toLowerCase() ?? '';
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/** What the page was opened with; no window (a worker, Node): English. */
export function initialLanguage(): Language {
  if (typeof window === 'undefined') return 'en';
  const linked = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('lang');
  const preferred = window.navigator.languages.length
    ? window.navigator.languages
    : [window.navigator.language];
  return languageFor(linked, preferred);
}
