import { create } from 'zustand';
import { createEnvSlice, type EnvSlice } from './env-slice.ts';
import { createGraphSlice, type GraphSlice } from './graph-slice.ts';
import { createPacketSlice, type PacketSlice } from './packet-slice.ts';
import { createPlaybackSlice, type PlaybackSlice } from './playback-slice.ts';
import { createPresenterSlice, type PresenterSlice } from './presenter-slice.ts';
import { createQuizSlice, type QuizSlice } from './quiz-slice.ts';
import { createRulesSlice, type RulesSlice } from './rules-slice.ts';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.ts';
import { createTourSlice, type TourSlice } from './tour-slice.ts';

/** Everything the app holds: one store, made of slices that each own their actions. */
export type KpvizState = RulesSlice &
  SettingsSlice &
  GraphSlice &
  PacketSlice &
  EnvSlice &
  PlaybackSlice &
  PresenterSlice &
  QuizSlice &
  TourSlice;

/**
 * The app's store. Components select the smallest value they need.
 *
 * @example
 *   const ruleset = useKpvizStore(selectRuleset);
 *   useKpvizStore.getState().loadDump(text);
 */
export const useKpvizStore = create<KpvizState>()((...args) => ({
  ...createRulesSlice(...args),
  ...createSettingsSlice(...args),
  ...createGraphSlice(...args),
  ...createPacketSlice(...args),
  ...createEnvSlice(...args),
  ...createPlaybackSlice(...args),
  ...createPresenterSlice(...args),
  ...createQuizSlice(...args),
  ...createTourSlice(...args),
}));
