import type { StateCreator } from 'zustand';
import { initialLanguage } from './initial-language.ts';
import type { KpvizState } from './store.ts';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * `system` follows the browser's prefers-color-scheme; the others override it. `contrast` is
 * black, white and yellow for a projector (WCAG AAA): the dark theme with stronger colours.
 */
export type ThemeSetting = 'system' | 'light' | 'dark' | 'contrast';
/** The light or dark base the page and React Flow are drawn in. */
export type Theme = Exclude<ThemeSetting, 'system' | 'contrast'>;

/** How the user wants the app shown; nothing here changes what a rule means. */
export interface SettingsSlice {
  language: Language;
  theme: ThemeSetting;
  /** Switch the UI language (it opens in the link's, else the browser's: initial-language.ts). */
  setLanguage: (language: Language) => void;
  /** Pick light, dark or high contrast, or go back to following the system. */
  setTheme: (theme: ThemeSetting) => void;
}

export const createSettingsSlice: StateCreator<KpvizState, [], [], SettingsSlice> = (set) => ({
  language: initialLanguage(),
  theme: 'system',
  setLanguage: (language) => set({ language }),
  setTheme: (theme) => set({ theme }),
});

export const selectLanguage = (state: KpvizState): Language => state.language;
export const selectTheme = (state: KpvizState): ThemeSetting => state.theme;
