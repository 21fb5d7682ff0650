import { useCallback } from 'react';
import { useKpvizApi, type KpvizStore } from '../../store/store.ts';
import { useWindowKeys } from '../use-window-keys.ts';

/** Where keys mean typing or choosing in a list; a radio button's keys are left to the window. */
const TYPING =
  'textarea, select, input:not([type="radio"]):not([type="checkbox"]), [contenteditable=""], [contenteditable="true"]';

/**
 * A presentation clicker's keys: its "next" sends PageDown and its "previous" PageUp, so they
 * step the packet (anywhere in the view, the graph included: React Flow does not use them).
 * Escape leaves the presenter view. ← → Space Home End are the player's own (usePlaybackKeys).
 */
export function usePresenterKeys(): void {
  const store = useKpvizApi();
  useWindowKeys(useCallback((event: KeyboardEvent) => presenterAction(event, store), [store]));
}

function presenterAction(event: KeyboardEvent, store: KpvizStore): (() => void) | undefined {
  if (event.target instanceof Element && event.target.closest(TYPING)) return undefined;
  const state = store.getState();
  const actions: Record<string, () => void> = {
    PageDown: state.stepForward,
    PageUp: state.stepBack,
    Escape: state.leavePresenter,
  };
  return actions[event.key];
}
