import type { StateCreator } from 'zustand';
import type { KpvizState } from './store.ts';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How the user wants the app shown; nothing here changes what a rule means. */
export interface SettingsSlice {
  language: Language;
  /** Switch the UI language (English is the default). */
  setLanguage: (language: Language) => void;
}

export const createSettingsSlice: StateCreator<KpvizState, [], [], SettingsSlice> = (set) => ({
  language: 'en',
  setLanguage: (language) => set({ language }),
});

export const selectLanguage = (state: KpvizState): Language => state.language;
