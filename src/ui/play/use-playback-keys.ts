import { useEffect } from 'react';
import { useKpvizStore } from '../../store/store.ts';

/** Where keys mean typing or choosing, not playback. */
const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/**
 * Space plays or pauses, ← and → step, Home and End go to the first and last step, while a
 * scenario is ready and the user is not typing or choosing in a list, on the view tabs or in
 * the graph (whose arrows move between tabs and nodes); on a button Space stays its click.
 */
export function usePlaybackKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      if (target instanceof Element) {
        if (target.closest(EDITABLE) ?? target.closest('[role="tab"], .react-flow')) return;
        // A button's own Space is its click.
        if (event.key === ' ' && target.closest('button, summary')) return;
      }
      const state = useKpvizStore.getState();
      if (state.playback.status !== 'ready') return;
      const actions: Record<string, () => void> = {
        ' ': () => (state.playing ? state.pause() : state.play()),
        ArrowRight: () => state.stepForward(),
        ArrowLeft: () => state.stepBack(),
        Home: () => state.stepTo(0),
        End: () => state.stepTo(Number.MAX_SAFE_INTEGER),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
