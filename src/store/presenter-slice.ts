import type { StateCreator } from 'zustand';
import type { KpvizState } from './store.ts';

/**
 * The presenter view: the graph, the packet and the narration alone, in large type, for a room.
 * Entered by its button or a `#present` link; left by Escape or its own button. Playback is
 * the player's own: the view only shows it differently.
 */
export interface PresenterSlice {
  presenting: boolean;
  enterPresenter: () => void;
  leavePresenter: () => void;
}

export const createPresenterSlice: StateCreator<KpvizState, [], [], PresenterSlice> = (set) => ({
  presenting: false,
  enterPresenter: () => set({ presenting: true }),
  leavePresenter: () => set({ presenting: false }),
});

export const selectPresenting = (state: KpvizState): boolean => state.presenting;
