import { useCallback } from 'react';
import { useKpvizApi, type KpvizStore } from '../../store/store.ts';
import { useWindowKeys } from '../use-window-keys.ts';

/** Where keys mean typing or choosing, not playback. */
const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/**
 * Space plays or pauses, ← and → step, Home and End go to the first and last step, while a
 * scenario is ready and the user is not typing or choosing in a list, on the view tabs or in
 * the graph (whose arrows move between tabs and nodes); on a button Space stays its click.
 */
export function usePlaybackKeys(): void {
  const store = useKpvizApi();
  useWindowKeys(useCallback((event: KeyboardEvent) => playbackAction(event, store), [store]));
}

export function playbackAction(event: KeyboardEvent, store: KpvizStore): (() => void) | undefined {
  const target = event.target;
  if (target instanceof Element) {
    if (target.closest(EDITABLE) ?? target.closest('[role="tab"], .react-flow')) return undefined;
    // A button's own Space is its click.
    if (event.key === ' ' && target.closest('button, summary')) return undefined;
  }
  const state = store.getState();
  if (state.playback.status !== 'ready') return undefined;
  const actions: Record<string, () => void> = {
    ' ': () => (state.playing ? state.pause() : state.play()),
    ArrowRight: () => state.stepForward(),
    ArrowLeft: () => state.stepBack(),
    Home: () => state.stepTo(0),
    End: () => state.stepTo(Number.MAX_SAFE_INTEGER),
  };
  return actions[event.key];
}
