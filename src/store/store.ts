import { create } from 'zustand';
import { createGraphSlice, type GraphSlice } from './graph-slice.ts';
import { createPacketSlice, type PacketSlice } from './packet-slice.ts';
import { createPlaybackSlice, type PlaybackSlice } from './playback-slice.ts';
import { createRulesSlice, type RulesSlice } from './rules-slice.ts';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.ts';

/** Everything the app holds: one store, made of slices that each own their actions. */
export type KpvizState = RulesSlice &
  SettingsSlice &
  GraphSlice &
  PacketSlice &
  PlaybackSlice;

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
  ...createPlaybackSlice(...args),
}));
