import type { StateCreator } from 'zustand';
import type { KpvizState } from './store.ts';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `system` follows the browser's prefers-color-scheme; the others override it. */
export type ThemeSetting = 'system' | 'light' | 'dark';
export type Theme = Exclude<ThemeSetting, 'system'>;

/** How the user wants the app shown; nothing here changes what a rule means. */
export interface SettingsSlice {
  language: Language;
  theme: ThemeSetting;
  /** Switch the UI language (English is the default). */
  setLanguage: (language: Language) => void;
  /** Pick light or dark, or go back to following the system. */
  setTheme: (theme: ThemeSetting) => void;
}

export const createSettingsSlice: StateCreator<KpvizState, [], [], SettingsSlice> = (set) => ({
  language: 'en',
  theme: 'system',
  setLanguage: (language) => set({ language }),
  setTheme: (theme) => set({ theme }),
});

export const selectLanguage = (state: KpvizState): Language => state.language;
export const selectTheme = (state: KpvizState): ThemeSetting => state.theme;
