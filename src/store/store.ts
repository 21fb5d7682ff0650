import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { createStore } from 'zustand/vanilla';
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

/** One player's store: the page has one; each embedded player on a page has its own. */
export type KpvizStore = StoreApi<KpvizState>;

/**
 * A new store, holding the seed example.
 *
 * @example
 *   const store = createKpvizStore();
 *   root.render(<KpvizStoreProvider value={store}><EmbedPlayer /></KpvizStoreProvider>);
 */
export function createKpvizStore(): KpvizStore {
  return createStore<KpvizState>()((...args) => ({
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
}

let page: KpvizStore | undefined;
/**
 * The page's store: the app's, and the one components use outside any provider. Made when
 * first asked for: a page of embedded players, each with its own, never makes it.
 */
const pageStore = (): KpvizStore => (page ??= createKpvizStore());

/** The page's store by its methods, each reaching it (and making it) only when called. */
const pageApi: KpvizStore = {
  getState: () => pageStore().getState(),
  getInitialState: () => pageStore().getInitialState(),
  // Both of zustand's forms passed on as given (the cast: TypeScript cannot spread an overload).
  setState: ((...args: Parameters<KpvizStore['setState']>) =>
    pageStore().setState(...args)) as KpvizStore['setState'],
  subscribe: (listener) => pageStore().subscribe(listener),
};

/** null: no provider above, the page's store. */
const StoreContext = createContext<KpvizStore | null>(null);

/** Gives the components under it a store of their own (an embedded player's). */
export const KpvizStoreProvider = StoreContext.Provider;

/**
 * The store the component is under, for actions and reads in event handlers and effects.
 *
 * @example
 *   const store = useKpvizApi();
 *   const onClick = () => store.getState().stepForward();
 */
export function useKpvizApi(): KpvizStore {
  return useContext(StoreContext) ?? pageStore();
}

/**
 * Select from the store the component is under. Components select the smallest value they need.
 * Outside React (tests, the CLI-free page code), `useKpvizStore.getState()` and friends reach
 * the page's store.
 *
 * @example
 *   const ruleset = useKpvizStore(selectRuleset);
 *   useKpvizStore.getState().loadDump(text);
 */
export const useKpvizStore = Object.assign(function useKpvizStore<T>(
  selector: (state: KpvizState) => T,
): T {
  return useStore(useKpvizApi(), selector);
}, pageApi);
